/** The CSV tables of a case file: captures.csv, hits.csv, indicators.csv. */
import { csvTable } from './csv';
import { type ExportContext, hitView, indicatorView } from './context';
import { riskCells } from './risk-view';

/** captures.csv: one row per capture. */
export function capturesCsv(ctx: ExportContext): string {
  const header = [
    'sequence',
    'capture_id',
    'captured_at_utc',
    'local_offset',
    'final_url',
    'requested_url',
    'title',
    'officer',
    'agency',
    'online_identity',
    'browser',
    'os',
    'extension_version',
    'lexicon_version',
    'record_hash',
    'previous_record_hash',
    'timestamp_gen_time',
    'timestamp_tsa',
    'hit_count',
    'indicator_count',
    'note_count',
    'tags',
    'folder',
    // Added after the first release: new columns go last so positional readers keep working.
    'risk_score',
    'sale_offer',
  ];
  const rows = ctx.captures.map(({ entry: c, hits, indicators, risk }) => {
    const m = c.record.metadata;
    return [
      c.sequence,
      c.captureId,
      m.capturedAt,
      m.localOffset,
      m.finalUrl,
      m.requestedUrl,
      m.title,
      m.officer,
      m.agency,
      m.onlineIdentity ?? '',
      m.browser,
      m.os,
      m.extensionVersion,
      m.lexiconVersion,
      c.recordHash,
      c.previousRecordHash ?? '',
      c.timestamp?.genTime ?? '',
      c.timestamp?.tsaUrl ?? '',
      hits.length,
      indicators.length,
      c.notes.length,
      activeTags(c.tags.map((t) => t.body)).join('; '),
      c.folder,
      ...riskCells(risk),
    ];
  });
  return csvTable(header, rows);
}

/** Tags in force after applying add/remove records in order. */
export function activeTags(tags: { tag: string; action: 'add' | 'remove' }[]): string[] {
  const set = new Set<string>();
  for (const t of tags)
    if (t.action === 'remove') set.delete(t.tag);
    else set.add(t.tag);
  return [...set].sort();
}

/** hits.csv: one row per hit. */
export function hitsCsv(ctx: ExportContext): string {
  const header = [
    'capture_sequence',
    'capture_id',
    'kind',
    'term',
    'text',
    'term_kind',
    'lang',
    'taxon_name',
    'taxon_id',
    'rank',
    'listing',
    'annotation',
    'covered_by',
    'refers_to',
    'tactics',
    'confidence',
    'start',
    'end',
  ];
  const rows = ctx.captures.flatMap(({ entry: c, hits }) =>
    hits.map((raw) => {
      const h = hitView(raw);
      return [
        c.sequence,
        c.captureId,
        h.kind,
        h.term,
        h.text,
        h.termKind,
        h.lang,
        h.taxonName,
        h.taxonId,
        h.rank,
        h.listing,
        h.annotation,
        h.coveredBy,
        h.refersTo,
        h.tactics.join(' '),
        h.confidence,
        h.start,
        h.end,
      ];
    }),
  );
  return csvTable(header, rows);
}

/** indicators.csv: one row per indicator (type, value, other fields as JSON). */
export function indicatorsCsv(ctx: ExportContext): string {
  const rows = ctx.captures.flatMap(({ entry: c, indicators }) =>
    indicators.map((raw) => {
      const i = indicatorView(raw);
      return [c.sequence, c.captureId, i.type, i.value, i.details];
    }),
  );
  return csvTable(['capture_sequence', 'capture_id', 'type', 'value', 'details'], rows);
}
