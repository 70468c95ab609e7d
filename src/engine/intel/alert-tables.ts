/**
 * The CSV tables of a cyber-alert (RFC 4180 with the export's formula guard, csv.ts): every row,
 * where the HTML report shows the most frequent ones. Each table is text in pieces, made as it
 * is written: sellers.csv has a row per distinct seller, about one per capture.
 */
import { type CsvCell, csvChunks } from '../export/csv';
import type { IntelSummary } from './aggregator';
import { tacticLabel } from './labels';
import type { ReportInput } from './report-inputs';

function* mapRows<T>(rows: Iterable<T>, cells: (row: T) => CsvCell[]): Generator<CsvCell[]> {
  for (const r of rows) yield cells(r);
}

/** File name → CSV text in pieces (iterate once per file written). */
export function alertTables(s: IntelSummary, inputs: readonly ReportInput[]): Record<string, Iterable<string>> {
  return {
    'case-files.csv': csvChunks(
      [
        'file',
        'status',
        'case_id',
        'case_reference',
        'case_title',
        'captures',
        'key_fingerprint',
        'key_status',
        'key_holder',
        'problems',
      ],
      inputs.map((i) => [
        i.name,
        i.status,
        i.caseId,
        i.caseReference,
        i.caseTitle,
        i.captures,
        i.fingerprint,
        i.keyStatus,
        i.keyHolder,
        i.reason,
      ]),
    ),
    'taxa.csv': csvChunks(
      ['taxon', 'appendix', 'captures', 'mentions', 'cases', 'sites'],
      s.taxa.map((t) => [t.name, t.listing, t.captures, t.mentions, t.cases, t.sites]),
    ),
    'appendices.csv': csvChunks(
      ['appendix', 'taxa', 'captures'],
      s.appendices.map((a) => [a.listing, a.taxa, a.captures]),
    ),
    'sites.csv': csvChunks(
      ['site', 'captures', 'cases', 'taxa'],
      s.sites.map((x) => [x.site, x.captures, x.cases, x.taxa]),
    ),
    'weeks.csv': csvChunks(
      ['iso_week_utc', 'captures'],
      s.weeks.map((w) => [w.period, w.captures]),
    ),
    'months.csv': csvChunks(
      ['month_utc', 'captures'],
      s.months.map((m) => [m.period, m.captures]),
    ),
    'terms.csv': csvChunks(
      ['group', 'term', 'captures', 'occurrences'],
      s.terms.map((t) => [t.group, t.term, t.captures, t.occurrences]),
    ),
    'tactics.csv': csvChunks(
      ['tactic', 'tactic_in_words', 'hits', 'captures'],
      s.tactics.map((t) => [t.tactic, tacticLabel(t.tactic), t.hits, t.captures]),
    ),
    'channels.csv': csvChunks(
      ['group', 'name', 'captures', 'cases'],
      s.channels.map((c) => [c.group, c.name, c.captures, c.cases]),
    ),
    'sellers.csv': csvChunks(
      [
        'type',
        'label',
        'value',
        'captures',
        'sites',
        'cases',
        'cross_posted',
        'first_seen_utc',
        'last_seen_utc',
        'site_list',
      ],
      mapRows(s.sellers, (r) => [
        r.type,
        r.label,
        r.value,
        r.captures,
        r.sites.length,
        r.cases.length,
        r.sites.length > 1 || r.cases.length > 1,
        r.firstSeen,
        r.lastSeen,
        r.sites.join(' '),
      ]),
    ),
    'cross-posting.csv': csvChunks(
      [
        'type',
        'label',
        'value',
        'case_id',
        'case_title',
        'capture_number',
        'capture_id',
        'captured_at_utc',
        'site',
        'url',
      ],
      mapRows(s.crossPostedCaptures, ({ seller: r, capture: c }) => [
        r.type,
        r.label,
        r.value,
        c.caseId,
        c.caseTitle,
        c.number,
        c.captureId,
        c.capturedAt,
        c.site,
        c.url,
      ]),
    ),
    'prices.csv': csvChunks(
      ['taxon', 'currency', 'prices', 'lowest', 'highest', 'mean'],
      s.prices.map((p) => [p.taxon, p.currency, p.count, p.min, p.max, Math.round(p.mean * 100) / 100]),
    ),
  };
}
