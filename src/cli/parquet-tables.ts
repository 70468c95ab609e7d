/**
 * `wildtrace report --tables parquet`: flat tables of every counted capture for an agency's data
 * platform (DuckDB on one machine, Spark across many), written with hyparquet-writer one row
 * group at a time, so memory stays bounded by ROW_GROUP rows per table:
 *
 * - captures.parquet: one row per capture (case, capture, time, site, URL, title);
 * - hits.parquet: one row per hit (kind, term, text, taxon, appendix, term kind, tactics, confidence);
 * - indicators.parquet: one row per indicator found (type, label, value, details, amount, currency);
 * - links.parquet: one row per seller indicator and capture (phone, handle, wallet, e-mail): join
 *   it with itself on seller_key to find captures that share a seller.
 */
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { join } from 'node:path';
import { hitView } from '../engine/export/context';
import { indicatorRow } from '../engine/export/indicator-rows';
import type { CaptureData } from '../engine/intel/case-file-captures';

/** Rows per row group (and the most rows a table holds in memory). */
export const ROW_GROUP = 10_000;

type Cell = string | number | boolean | null;
type ColumnType = 'STRING' | 'INT32' | 'DOUBLE' | 'TIMESTAMP';

class Table {
  private readonly rows: Cell[][] = [];
  private readonly writer: ParquetWriter;

  constructor(
    path: string,
    private readonly columns: readonly [string, ColumnType][],
  ) {
    this.writer = new ParquetWriter({
      writer: fileWriter(path),
      schema: [
        { name: 'root', num_children: columns.length },
        ...columns.map(([name, type]) => ({ name, repetition_type: 'OPTIONAL' as const, ...ELEMENT[type] })),
      ],
      createdBy: 'wildtrace report',
    });
  }

  async add(row: Cell[]): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= ROW_GROUP) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.rows.length) return;
    const columnData = this.columns.map(([name, type], i) => ({
      name,
      type,
      data: this.rows.map((r) => (type === 'TIMESTAMP' && typeof r[i] === 'string' ? new Date(r[i]) : r[i])),
    }));
    this.rows.length = 0;
    await this.writer.write({ columnData: columnData as never, rowGroupSize: ROW_GROUP });
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writer.finish();
  }
}

const ELEMENT = {
  STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  INT32: { type: 'INT32' },
  DOUBLE: { type: 'DOUBLE' },
  TIMESTAMP: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
} as const;

const KEY: [string, ColumnType][] = [
  ['case_id', 'STRING'],
  ['capture_id', 'STRING'],
];

/** The four tables, written as captures arrive. */
export class ParquetTables {
  static readonly FILES = ['captures.parquet', 'hits.parquet', 'indicators.parquet', 'links.parquet'] as const;
  private readonly captures: Table;
  private readonly hits: Table;
  private readonly indicators: Table;
  private readonly links: Table;

  constructor(dir: string) {
    this.captures = new Table(join(dir, 'captures.parquet'), [
      ...KEY,
      ['case_title', 'STRING'],
      ['capture_number', 'INT32'],
      ['captured_at', 'TIMESTAMP'],
      ['site', 'STRING'],
      ['url', 'STRING'],
      ['title', 'STRING'],
    ]);
    this.hits = new Table(join(dir, 'hits.parquet'), [
      ...KEY,
      ['kind', 'STRING'],
      ['term', 'STRING'],
      ['text', 'STRING'],
      ['term_kind', 'STRING'],
      ['taxon', 'STRING'],
      ['appendix', 'STRING'],
      ['tactics', 'STRING'],
      ['confidence', 'DOUBLE'],
    ]);
    this.indicators = new Table(join(dir, 'indicators.parquet'), [
      ...KEY,
      ['type', 'STRING'],
      ['label', 'STRING'],
      ['value', 'STRING'],
      ['details', 'STRING'],
      ['amount', 'DOUBLE'],
      ['currency', 'STRING'],
    ]);
    this.links = new Table(join(dir, 'links.parquet'), [
      ['seller_key', 'STRING'],
      ['seller_type', 'STRING'],
      ['value', 'STRING'],
      ...KEY,
      ['site', 'STRING'],
      ['captured_at', 'TIMESTAMP'],
    ]);
  }

  /** Adds one counted capture to every table. */
  async add({ facts: f, hits, indicators }: CaptureData): Promise<void> {
    const key = [f.caseId, f.captureId];
    await this.captures.add([...key, f.caseTitle, f.number, f.capturedAt || null, f.site, f.url, f.title]);
    for (const raw of hits) {
      const h = hitView(raw);
      await this.hits.add([
        ...key,
        h.kind,
        h.term,
        h.text,
        h.termKind ?? null,
        h.taxonName ?? null,
        h.listing ?? null,
        h.tactics.join(' '),
        h.confidence ?? null,
      ]);
    }
    for (const raw of indicators) {
      const r = indicatorRow(raw);
      const d = ((raw as { details?: unknown })?.details ?? {}) as Record<string, unknown>;
      const amount = r.type === 'price' && typeof d.amount === 'number' ? d.amount : null;
      const currency = r.type === 'price' && typeof d.currency === 'string' ? d.currency : null;
      await this.indicators.add([...key, r.type, r.label, r.value, r.details, amount, currency]);
    }
    for (const s of f.sellers) await this.links.add([s.key, s.type, s.value, ...key, f.site, f.capturedAt || null]);
  }

  async finish(): Promise<void> {
    for (const t of [this.captures, this.hits, this.indicators, this.links]) await t.finish();
  }
}
