/**
 * Assembles a Lexicon from imported parts and computes its version record. Pure: the Node
 * build script and the options page (agency imports) both call it.
 */
import type { AmendmentRecord, ListingAmendment } from './amendments';
import type { ChecklistImport } from './checklist-import';
import type { ExtraName, Lexicon, LexiconVersion, Taxon, TradeTerm } from './types';

/** Format version of the lexicon model and the compiled asset. */
export const LEXICON_SCHEMA = 2;

export interface LexiconParts {
  checklist: ChecklistImport;
  extraNames: ExtraName[];
  terms: TradeTerm[];
  /** Named sources other than the checklist with the entries taken from each. */
  sources: { name: string; entries: number }[];
  /**
   * The listing amendments: every row (kept for later imports) and the record of those applied to
   * `checklist` (amendments.ts applyListingAmendments, run before the names were joined).
   */
  amendments?: { rows: ListingAmendment[]; record: AmendmentRecord | undefined };
}

const bump = (rec: Record<string, number>, key: string, by = 1) => {
  rec[key] = (rec[key] ?? 0) + by;
};

const sortRecord = (rec: Record<string, number>) =>
  Object.fromEntries(Object.entries(rec).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Counts taxa by rank, names by kind, and common names and terms by language. */
export function countLexicon(taxa: Taxon[], extraNames: ExtraName[], terms: TradeTerm[]): LexiconVersion['counts'] {
  const taxaByRank: Record<string, number> = {};
  const namesByKind: Record<string, number> = {};
  const namesByLang: Record<string, number> = {};
  for (const t of taxa) {
    bump(taxaByRank, t.rank);
    bump(namesByKind, 'scientific');
    bump(namesByKind, 'synonym', t.synonyms.length);
    bump(namesByKind, 'common', t.commonNames.length);
    for (const c of t.commonNames) bump(namesByLang, c.lang);
  }
  for (const n of extraNames) {
    bump(namesByKind, n.kind);
    if (n.lang) bump(namesByLang, n.lang);
  }
  for (const t of terms) {
    bump(namesByKind, t.kind);
    bump(namesByLang, t.lang);
  }
  return {
    taxa: taxa.length,
    taxaByRank: sortRecord(taxaByRank),
    namesByKind: sortRecord(namesByKind),
    namesByLang: sortRecord(namesByLang),
  };
}

/**
 * Builds the lexicon: extra names whose taxon is missing are dropped, duplicates removed, and
 * everything put in a stable order so the same sources always give the same asset.
 */
export function assembleLexicon(parts: LexiconParts): Lexicon {
  const taxa = parts.checklist.taxa;
  const ids = new Set(taxa.map((t) => t.taxonId));
  const seen = new Set<string>();
  const extraNames = parts.extraNames.filter((n) => {
    const key = `${n.taxonId}|${n.kind}|${n.lang}|${n.name.toLowerCase()}`;
    if (!ids.has(n.taxonId) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    version: {
      schema: LEXICON_SCHEMA,
      checklist: { file: parts.checklist.file, date: parts.checklist.date, rows: parts.checklist.rows },
      sources: parts.sources,
      ...(parts.amendments?.record ? { amendments: parts.amendments.record } : {}),
      counts: countLexicon(taxa, extraNames, parts.terms),
    },
    taxa,
    extraNames,
    terms: parts.terms,
    ...(parts.amendments ? { amendments: parts.amendments.rows } : {}),
  };
}
