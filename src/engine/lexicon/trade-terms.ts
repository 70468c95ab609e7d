/**
 * Trade terms: the seed list of ../shared/data/trade-terms/ and the project's own extensions
 * (sources/wildtrace-terms.tsv), each entry keeping its basis and source.
 */
import { parseCsv, toBytes, type ImportInput } from './input';
import { normalizeLang } from './languages';
import { LexiconImportError, type TermBasis, type TermKind, type TradeTerm } from './types';

export const TERM_KINDS: readonly TermKind[] = [
  'product',
  'code',
  'sale-cue',
  'buy-cue',
  'contact-cue',
  'negation',
  'agency',
];
const BASES: readonly TermBasis[] = ['documented', 'reported', 'vocabulary', 'agency'];

/** Code words and terms whose note says they need context only count next to a stronger signal. */
export function isWeakTerm(kind: TermKind, note: string): boolean {
  return kind === 'code' || /needs context|weak/i.test(note);
}

/** Short all-capital abbreviations ("FS", "CAG") are everyday words in lower case. */
export function isCaseSensitiveTerm(term: string, note: string): boolean {
  return /case-sensitive/i.test(note) || /^[A-Z]{2,4}$/.test(term);
}

/**
 * Parses a trade-term TSV (columns term, lang, kind, refers_to, basis, note and, optionally,
 * source). `defaultSource` names the file for rows without a source column.
 */
export function parseTradeTermsTsv(input: ImportInput, defaultSource: string): TradeTerm[] {
  const what = `Trade-term file "${defaultSource}"`;
  const required = ['term', 'lang', 'kind', 'refers_to', 'basis', 'note'];
  const table = parseCsv(toBytes(input, what), { what, delimiter: '\t', required });
  const c = (n: string) => table.col.get(n);
  return table.rows.map((r, i) => {
    const get = (n: string) => (c(n) === undefined ? '' : r[c(n)!].trim());
    const kind = get('kind') as TermKind;
    const basis = get('basis') as TermBasis;
    if (!TERM_KINDS.includes(kind)) {
      throw new LexiconImportError('bad-row', `${what}: row ${i + 2} has the unknown kind "${kind}"`);
    }
    if (!BASES.includes(basis)) {
      throw new LexiconImportError('bad-row', `${what}: row ${i + 2} has the unknown basis "${basis}"`);
    }
    const term = get('term');
    if (!term) throw new LexiconImportError('bad-row', `${what}: row ${i + 2} has no term`);
    const note = get('note');
    return {
      term,
      lang: normalizeLang(get('lang')),
      kind,
      refersTo: get('refers_to'),
      basis,
      note,
      source: get('source') || defaultSource,
      weak: isWeakTerm(kind, note),
      caseSensitive: isCaseSensitiveTerm(term, note),
    };
  });
}

/** Two terms with the same key are one: mergeTerms keeps the first. */
export const termKey = (t: TradeTerm): string => `${t.term.toLowerCase()}|${t.lang}|${t.kind}`;

/** Merges term lists; a later entry with the same term, language and kind is dropped. */
export function mergeTerms(...lists: TradeTerm[][]): TradeTerm[] {
  const seen = new Set<string>();
  const out: TradeTerm[] = [];
  for (const list of lists) {
    for (const t of list) {
      const key = termKey(t);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(t);
    }
  }
  return out;
}
