/**
 * Node-only: builds the lexicon from the shared data folder (../shared/data relative to the
 * repository) and the project's sources, as `npm run lexicon` and the importer tests do: the
 * checklist, the listing amendments on top of it, then the names joined onto the amended taxa.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AMENDMENTS_SOURCE, applyListingAmendments, parseListingAmendments } from './amendments';
import { assembleLexicon } from './build';
import { importChecklist } from './checklist-import';
import { SAPI_2013_SOURCE, SAPI_2026_SOURCE, joinSapi2013CommonNames, joinSapi2026Synonyms } from './extra-names';
import { OWN_NAMES_SOURCE, joinOwnNames } from './own-names';
import { mergeTerms, parseTradeTermsTsv } from './trade-terms';
import type { ExtraName, Lexicon, ProgressCallback } from './types';

/** The repository root (three levels above src/engine/lexicon). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
/** Default location of the shared data. */
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '../shared/data');
/** The project's own trade-term extensions. */
export const OWN_TERMS_FILE = join(REPO_ROOT, 'src/engine/lexicon/sources/wildtrace-terms.tsv');
/** The project's own common names (see own-names.ts). */
export const OWN_NAMES_FILE = join(REPO_ROOT, 'src/engine/lexicon/sources/wildtrace-names.tsv');
/** The listing amendments adopted since the 2017 checklist (see amendments.ts and sources/README.md). */
export const AMENDMENTS_FILE = join(REPO_ROOT, 'src/engine/lexicon/sources', AMENDMENTS_SOURCE);

/** The checklist export in `dir/cites/` (the newest by name when there are several). */
export function findChecklist(dataDir: string): string {
  const dir = join(dataDir, 'cites');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.csv(\.gz)?$/.test(f))
        .sort()
    : [];
  if (files.length === 0) throw new Error(`no checklist CSV found in ${dir}`);
  return join(dir, files[files.length - 1]);
}

/** Imports every source in `dataDir` and assembles the lexicon. */
export function buildLexiconFromData(dataDir = DEFAULT_DATA_DIR, onProgress?: ProgressCallback): Lexicon {
  const checklistPath = findChecklist(dataDir);
  const exported = importChecklist(readFileSync(checklistPath), {
    fileName: checklistPath.split('/').pop(),
    onProgress,
  });
  const amendmentRows = parseListingAmendments(readFileSync(AMENDMENTS_FILE));
  const { checklist, record } = applyListingAmendments(exported, amendmentRows);
  const names = join(dataDir, 'names');
  const extraNames: ExtraName[] = [];
  let common2013 = 0;
  let synonyms2026 = 0;
  for (const kingdom of ['animalia', 'plantae']) {
    const r13 = joinSapi2013CommonNames(
      readFileSync(join(names, 'sapi-2013-common-names', `${kingdom}_common_names_utf8.csv`)),
      readFileSync(join(names, 'sapi-2013-common-names', `${kingdom}_taxa_utf8.csv`)),
      checklist.taxa,
    );
    const r26 = joinSapi2026Synonyms(
      readFileSync(join(names, 'sapi-2026-synonyms', `${kingdom}_new_synonyms.csv`)),
      checklist.taxa,
    );
    extraNames.push(...r13.names, ...r26.names);
    common2013 += r13.names.length;
    synonyms2026 += r26.names.length;
  }
  const own = joinOwnNames(readFileSync(OWN_NAMES_FILE), checklist.taxa);
  // A name the checklist cannot place is a mistake in our own file: say so rather than drop it.
  if (own.unjoined.length) throw new Error(`${OWN_NAMES_SOURCE}: not in the checklist: ${own.unjoined.join(', ')}`);
  extraNames.push(...own.names);
  const seed = parseTradeTermsTsv(readFileSync(join(dataDir, 'trade-terms', 'seed-terms.tsv')), 'seed-terms.tsv');
  const ownTerms = parseTradeTermsTsv(readFileSync(OWN_TERMS_FILE), 'wildtrace-terms.tsv');
  const terms = mergeTerms(seed, ownTerms);
  return assembleLexicon({
    checklist,
    extraNames,
    terms,
    amendments: { rows: amendmentRows, record },
    sources: [
      ...(record ? [{ name: AMENDMENTS_SOURCE, entries: record.meetings.reduce((n, m) => n + m.rows, 0) }] : []),
      { name: SAPI_2013_SOURCE, entries: common2013 },
      { name: SAPI_2026_SOURCE, entries: synonyms2026 },
      { name: OWN_NAMES_SOURCE, entries: own.names.length },
      { name: 'seed-terms.tsv', entries: seed.length },
      { name: 'wildtrace-terms.tsv', entries: terms.length - seed.length },
    ],
  });
}
