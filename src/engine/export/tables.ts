/**
 * The CSV tables of a case file: captures.csv, hits.csv, indicators.csv (format version 2).
 * Captures are numbered as everywhere else (#1 first: `capture_number`); times are full ISO 8601,
 * in UTC and in the officer's local time with its offset; indicators are in words, never JSON.
 */
import { captureNumber } from '../evidence/case-file-names';
import { ANNOTATION_STYLES, annotationKindOf } from './annotation-style';
import { csvTable } from './csv';
import { type ExportContext, hitView } from './context';
import { indicatorRow, INDICATOR_GROUP_TITLES } from './indicator-rows';
import { labelCells } from './officer-labels';
import { riskCells } from './risk-view';
import { captureTimes } from './times';

/** captures.csv: one row per capture. */
export function capturesCsv(ctx: ExportContext): string {
  const header = [
    'capture_number',
    'capture_id',
    'captured_at_utc',
    'captured_at_local',
    'local_offset',
    'time_zone',
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
    'risk_score',
    'sale_offer',
    'officer_label',
    'officer_listing_labels',
  ];
  const rows = ctx.captures.map(({ entry: c, hits, indicators, risk }) => {
    const m = c.record.metadata;
    const times = captureTimes(m);
    return [
      captureNumber(c.sequence),
      c.captureId,
      m.capturedAt,
      times.localIso ?? '',
      m.localOffset,
      m.timeZone ?? '',
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
      ...labelCells(c),
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

/** hits.csv: one row per hit, with the kind its box on the annotated screenshot is coloured by. */
export function hitsCsv(ctx: ExportContext): string {
  const header = [
    'capture_number',
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
    'marked_as',
  ];
  const rows = ctx.captures.flatMap(({ entry: c, hits }) =>
    hits.map((raw) => {
      const h = hitView(raw);
      return [
        captureNumber(c.sequence),
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
        ANNOTATION_STYLES[annotationKindOf(raw)].label,
      ];
    }),
  );
  return csvTable(header, rows);
}

/** indicators.csv: one row per indicator found, in words (the full record is in indicators.json). */
export function indicatorsCsv(ctx: ExportContext): string {
  const header = ['capture_number', 'capture_id', 'group', 'type', 'label', 'value', 'as_written', 'details'];
  const rows = ctx.captures.flatMap(({ entry: c, indicators }) =>
    indicators.map((raw) => {
      const i = indicatorRow(raw);
      return [
        captureNumber(c.sequence),
        c.captureId,
        INDICATOR_GROUP_TITLES[i.group],
        i.type,
        i.label,
        i.value,
        i.written,
        i.details,
      ];
    }),
  );
  return csvTable(header, rows);
}
