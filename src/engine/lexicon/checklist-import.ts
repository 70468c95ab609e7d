/**
 * Importer for the Species+ / CITES Checklist CSV export ("Index of CITES Species"), plain or
 * gzipped. The column layout of the 2017 file is the one a current export still has, so a newer
 * download is taken as it is.
 */
import { parseCsv, toBytes, type ImportInput } from './input';
import { cleanAnnotation, parseExclusions, splitCommonNames, splitSynonyms } from './names';
import { LexiconImportError, type CommonName, type ProgressCallback, type Taxon } from './types';

/** Columns the importer reads; any others (distribution, Spanish and French annotations) are ignored. */
export const CHECKLIST_COLUMNS = [
  'TaxonId',
  'Kingdom',
  'Phylum',
  'Class',
  'Order',
  'Family',
  'Genus',
  'FullName',
  'AuthorYear',
  'RankName',
  'CurrentListing',
  'AnnotationEnglish',
  '#AnnotationSymbol',
  'SynonymsWithAuthors',
  'EnglishNames',
  'SpanishNames',
  'FrenchNames',
  'CitesAccepted',
] as const;

const HIGHER_RANKS = new Set(['GENUS', 'SUBFAMILY', 'FAMILY', 'ORDER', 'CLASS', 'PHYLUM']);
const COMMON_NAME_COLUMNS: [string, string][] = [
  ['EnglishNames', 'en'],
  ['SpanishNames', 'es'],
  ['FrenchNames', 'fr'],
];

export interface ChecklistImport {
  taxa: Taxon[];
  /** File name as given and the date found in it (YYYY-MM-DD, "" when the name has none). */
  file: string;
  date: string;
  rows: number;
}

export interface ChecklistOptions {
  /** File name, used for the version record and in error messages. */
  fileName?: string;
  onProgress?: ProgressCallback;
}

/**
 * Parses a checklist export into taxa sorted by TaxonId. Throws LexiconImportError for empty,
 * non-UTF-8, truncated or wrongly laid out input; never returns a partial result.
 */
export function importChecklist(input: ImportInput, options: ChecklistOptions = {}): ChecklistImport {
  const file = options.fileName ?? 'checklist.csv';
  const what = `Checklist file "${file}"`;
  options.onProgress?.({ phase: 'read', done: 0 });
  const bytes = toBytes(input, what);
  const table = parseCsv(bytes, {
    what,
    required: [...CHECKLIST_COLUMNS],
    onProgress: options.onProgress,
    phase: 'parse',
  });
  const c = (name: (typeof CHECKLIST_COLUMNS)[number]) => table.col.get(name)!;
  const taxa: Taxon[] = [];
  const seen = new Set<number>();
  table.rows.forEach((row, i) => {
    const taxonId = Number(row[c('TaxonId')]);
    const name = row[c('FullName')].trim();
    if (!Number.isInteger(taxonId) || taxonId <= 0 || !name) {
      throw new LexiconImportError('bad-row', `${what}: row ${i + 2} has no valid TaxonId or FullName`);
    }
    if (seen.has(taxonId))
      throw new LexiconImportError('bad-row', `${what}: TaxonId ${taxonId} appears twice (row ${i + 2})`);
    seen.add(taxonId);
    const rank = row[c('RankName')].trim().toUpperCase();
    const commonNames: CommonName[] = [];
    for (const [column, lang] of COMMON_NAME_COLUMNS) {
      for (const n of splitCommonNames(row[c(column as (typeof CHECKLIST_COLUMNS)[number])]))
        commonNames.push({ name: n, lang });
    }
    const annotationHtml = row[c('AnnotationEnglish')];
    taxa.push({
      taxonId,
      name,
      rank,
      kingdom: row[c('Kingdom')].trim(),
      phylum: row[c('Phylum')].trim(),
      class: row[c('Class')].trim(),
      order: row[c('Order')].trim(),
      family: row[c('Family')].trim(),
      genus: row[c('Genus')].trim(),
      author: row[c('AuthorYear')].trim(),
      listing: row[c('CurrentListing')].trim(),
      annotationSymbol: row[c('#AnnotationSymbol')].trim(),
      annotation: cleanAnnotation(annotationHtml),
      citesAccepted: row[c('CitesAccepted')].trim().toLowerCase() === 'true',
      synonyms: splitSynonyms(row[c('SynonymsWithAuthors')], HIGHER_RANKS.has(rank)).filter((s) => s !== name),
      commonNames,
      excludes: HIGHER_RANKS.has(rank) ? parseExclusions(annotationHtml) : [],
    });
  });
  if (taxa.length === 0) throw new LexiconImportError('empty', `${what} has a header but no taxa`);
  taxa.sort((a, b) => a.taxonId - b.taxonId);
  const date = /(\d{4}-\d{2}-\d{2})/.exec(file)?.[1] ?? '';
  return { taxa, file, date, rows: table.rows.length };
}
