/**
 * Agency data for the options page: a newer checklist export and the agency's own keyword lists.
 * Every function validates all of its input first and returns a NEW lexicon or throws a
 * LexiconImportError: the lexicon in use is never half-replaced.
 */
import { AMENDMENTS_SOURCE, applyListingAmendments } from './amendments';
import { assembleLexicon, countLexicon } from './build';
import { importChecklist, type ChecklistOptions } from './checklist-import';
import { MAX_AGENCY_TERMS, MAX_KEYWORD_LIST_BYTES } from './import-limits';
import { assertUtf8, parseCsv, toBytes, type ImportInput } from './input';
import { normalizeLang } from './languages';
import { TERM_KINDS, isCaseSensitiveTerm, isWeakTerm, mergeTerms, termKey } from './trade-terms';
import {
  LexiconImportError,
  type ExtraName,
  type Lexicon,
  type ProgressCallback,
  type Taxon,
  type TermKind,
  type TradeTerm,
} from './types';

export interface AgencyListOptions {
  /** Name of the list, kept as the terms' source ("agency:<name>"). */
  listName: string;
  /** Format; guessed from the first character when omitted ("[" or "{" is JSON). */
  format?: 'csv' | 'json';
  onProgress?: ProgressCallback;
}

const KIND_ALIASES: Record<string, TermKind> = { keyword: 'agency', species: 'agency', '': 'agency' };

const typeOf = (v: unknown) => (Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

function toTerm(raw: Record<string, unknown>, where: string, source: string): TradeTerm {
  // JSON fields must be text: anything else would be stored as "[object Object]" or "42".
  const str = (k: string) => {
    const v = raw[k];
    if (typeof v === 'string') return v.trim();
    if (v === undefined || v === null) return '';
    throw new LexiconImportError('bad-row', `${where}: "${k}" is ${typeOf(v)}, not text`);
  };
  const term = str('term');
  if (!term) throw new LexiconImportError('bad-row', `${where} has no term`);
  const kindText = str('kind').toLowerCase();
  const kind = (KIND_ALIASES[kindText] ?? kindText) as TermKind;
  if (!TERM_KINDS.includes(kind)) {
    const kinds = TERM_KINDS.join(', ');
    throw new LexiconImportError('bad-row', `${where} has the unknown kind "${kindText}" (use one of: ${kinds})`);
  }
  const lang = normalizeLang(str('language') || str('lang'));
  if (lang && !/^[a-z]{2,3}$/.test(lang)) {
    const hint = 'use an ISO 639 code such as "en"';
    throw new LexiconImportError('bad-row', `${where} has the invalid language "${lang}" (${hint})`);
  }
  const note = str('note');
  return {
    term,
    lang,
    kind,
    refersTo: str('refers_to') || str('refersTo'),
    basis: 'agency',
    note,
    source,
    weak: isWeakTerm(kind, note),
    caseSensitive: isCaseSensitiveTerm(term, note),
  };
}

/**
 * Parses and checks an agency keyword list: CSV with a header (term, kind, language, note) or a
 * JSON array of objects with the same fields. Returns the terms; throws on any bad row.
 */
export function parseAgencyTerms(input: ImportInput, options: AgencyListOptions): TradeTerm[] {
  const what = `Keyword list "${options.listName}"`;
  const source = `agency:${options.listName}`;
  const bytes = toBytes(input, what, MAX_KEYWORD_LIST_BYTES);
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  const format = options.format ?? (bytes[i] === 0x5b || bytes[i] === 0x7b ? 'json' : 'csv');
  let terms: TradeTerm[];
  if (format === 'json') {
    assertUtf8(bytes, what);
    options.onProgress?.({ phase: 'parse', done: 0 });
    let data: unknown;
    const text = new TextDecoder().decode(bytes);
    try {
      data = JSON.parse(text);
    } catch (err) {
      const msg = (err as Error).message;
      const code = /end of (JSON )?input|Unterminated/i.test(msg) ? 'truncated' : 'bad-format';
      const why = code === 'truncated' ? ' (it stops early: the file looks truncated)' : '';
      throw new LexiconImportError(code, `${what} is not valid JSON${why}: ${msg}`);
    }
    const list = Array.isArray(data) ? data : (data as { terms?: unknown })?.terms;
    if (!Array.isArray(list)) {
      const expected = 'a JSON array of {term, kind, language, note} objects';
      throw new LexiconImportError('bad-format', `${what}: expected ${expected}`);
    }
    if (list.length > MAX_AGENCY_TERMS) throw tooManyTerms(what);
    terms = list.map((row, k) => {
      if (!row || typeof row !== 'object') {
        throw new LexiconImportError('bad-row', `${what}: item ${k + 1} is not an object`);
      }
      return toTerm(row as Record<string, unknown>, `${what}: item ${k + 1}`, source);
    });
  } else {
    const table = parseCsv(bytes, {
      what,
      required: ['term', 'kind'],
      onProgress: options.onProgress,
      maxRows: MAX_AGENCY_TERMS,
    });
    if (!table.col.has('language') && !table.col.has('lang')) {
      const found = table.header.join(', ');
      throw new LexiconImportError('wrong-columns', `${what} lacks the column "language" (found: ${found})`);
    }
    terms = table.rows.map((r, k) => {
      const row = Object.fromEntries(table.header.map((h, j) => [h, r[j]]));
      return toTerm(row, `${what}: row ${k + 2}`, source);
    });
  }
  if (terms.length === 0) throw new LexiconImportError('empty', `${what} has no terms`);
  options.onProgress?.({ phase: 'parse', done: 1 });
  return terms;
}

const tooManyTerms = (what: string) =>
  new LexiconImportError(
    'too-large',
    `${what} has more than ${MAX_AGENCY_TERMS.toLocaleString('en')} terms, the most a list may hold`,
  );

/**
 * The terms of an agency list that withAgencyTerms leaves out because the lexicon (other lists
 * included) or the list itself already has them: same text in any case, language and kind.
 */
export function duplicateTerms(current: Lexicon, terms: readonly TradeTerm[], listName: string): TradeTerm[] {
  const source = `agency:${listName}`;
  const seen = new Set(current.terms.filter((t) => t.source !== source).map(termKey));
  const out: TradeTerm[] = [];
  for (const t of terms) {
    const key = termKey(t);
    if (seen.has(key)) out.push(t);
    else seen.add(key);
  }
  return out;
}

/** A new lexicon with an agency list added; a list of the same name is replaced as a whole. */
export function withAgencyTerms(current: Lexicon, terms: TradeTerm[], listName: string): Lexicon {
  const source = `agency:${listName}`;
  const kept = current.terms.filter((t) => t.source !== source);
  const merged = mergeTerms(kept, terms);
  const added = { name: source, entries: merged.length - kept.length };
  const sources = current.version.sources.filter((s) => s.name !== source).concat([added]);
  return {
    ...current,
    terms: merged,
    version: { ...current.version, sources, counts: countLexicon(current.taxa, current.extraNames, merged) },
  };
}

/** Parses an agency list and returns the lexicon with it added (see parseAgencyTerms). */
export function importAgencyTerms(current: Lexicon, input: ImportInput, options: AgencyListOptions): Lexicon {
  return withAgencyTerms(current, parseAgencyTerms(input, options), options.listName);
}

export interface ChecklistUpdateOptions extends ChecklistOptions {
  /** Accept a checklist with fewer than half the current taxa (normally a sign of a cut file). */
  allowShrink?: boolean;
}

/**
 * A new lexicon built on a newer checklist export: extra names stay on taxa that still exist (the
 * project's own names follow their taxon by scientific name), trade terms and agency lists are
 * kept. The export already holds every listing amendment in force on its date, so the bundled
 * amendments replace nothing of it: only those that entered into force after that date are
 * applied on top (none for an export downloaded today; an export whose file name carries no date
 * is taken as current). A file that parses but holds less than half of the current taxa is
 * refused as truncated unless allowShrink is set.
 */
export function withNewChecklist(current: Lexicon, input: ImportInput, options: ChecklistUpdateOptions = {}): Lexicon {
  const exported = importChecklist(input, options);
  if (!options.allowShrink && exported.taxa.length < current.taxa.length / 2) {
    throw new LexiconImportError(
      'truncated',
      `Checklist file "${exported.file}" has only ${exported.taxa.length} taxa where the current lexicon has ` +
        `${current.taxa.length}: the file looks truncated`,
    );
  }
  options.onProgress?.({ phase: 'assemble', done: 1 });
  const { terms, version } = current;
  const rows = current.amendments ?? [];
  const { checklist, record } = applyListingAmendments(exported, rows, exported.date || '9999-12-31');
  const applied = record ? record.meetings.reduce((n, m) => n + m.rows, 0) : 0;
  const sources = version.sources.filter((s) => s.name !== AMENDMENTS_SOURCE);
  if (applied) sources.unshift({ name: AMENDMENTS_SOURCE, entries: applied });
  return assembleLexicon({
    checklist,
    extraNames: followTaxa(current.extraNames, checklist.taxa),
    terms,
    sources,
    ...(current.amendments ? { amendments: { rows, record } } : {}),
  });
}

/**
 * Extra names that were joined by scientific name (the project's own) move to the TaxonId that
 * name has in the new taxa, when it has another one there (a family the amendments created
 * before, listed in the export now).
 */
function followTaxa(names: readonly ExtraName[], taxa: readonly Taxon[]): ExtraName[] {
  const ids = new Set(taxa.map((t) => t.taxonId));
  const byName = new Map(taxa.map((t) => [t.name, t.taxonId] as const));
  return names.map((n) => {
    if (ids.has(n.taxonId) || !n.taxonName) return n;
    const id = byName.get(n.taxonName);
    return id === undefined ? n : { ...n, taxonId: id };
  });
}

export type { ProgressCallback };
