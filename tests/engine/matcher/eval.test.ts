/**
 * Held-out checks on data the matcher was not tuned on (read from ../shared/data/eval-dev when
 * present, never copied): every misspelling in reptile-synonyms-misspellings.csv must be found.
 *
 * That file lists 103 Caribbean reptiles with their synonyms, common names and misspellings seen
 * in ads, unlabelled. A synonym counts as a misspelling when it has the same number of words as
 * another name of its row and differs from it within the matcher's edit limits. The lexicon for
 * the check holds each reptile with its other names (not the misspellings), so each misspelling
 * must be repaired to its own reptile.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleLexicon } from '../../../src/engine/lexicon/build';
import { compileLexicon } from '../../../src/engine/lexicon/compile';
import { loadLexicon } from '../../../src/engine/lexicon/load';
import { DEFAULT_DATA_DIR, REPO_ROOT } from '../../../src/engine/lexicon/node-sources';
import { parseTradeTermsTsv } from '../../../src/engine/lexicon/trade-terms';
import { createMatcher, type Matcher } from '../../../src/engine/matcher/matcher';
import { findsMisspelling, misspellingCheck } from '../../../src/engine/matcher/quality';

const FILE = resolve(REPO_ROOT, '../shared/data/eval-dev/reptile-synonyms-misspellings.csv');
const present = existsSync(FILE);
if (!present) console.warn(`matcher-eval skipped: ${FILE} is absent`);

describe.skipIf(!present)('every misspelling in eval-dev/reptile-synonyms-misspellings.csv', () => {
  const cases: { reptile: string; misspelling: string }[] = [];
  let matcher: Matcher;
  beforeAll(async () => {
    const rows = parse(readFileSync(FILE), { relax_column_count: true }) as string[][];
    const check = misspellingCheck(rows.slice(1));
    cases.push(...check.cases);
    const taxa = check.taxa;
    // Sale cues as in the real lexicon, so a one-word misspelling next to "for sale" has company.
    const terms = parseTradeTermsTsv(
      readFileSync(resolve(DEFAULT_DATA_DIR, 'trade-terms/seed-terms.tsv')),
      'seed-terms.tsv',
    );
    const lex = assembleLexicon({
      checklist: { taxa, file: 'reptiles.csv', date: '', rows: taxa.length },
      extraNames: [],
      terms,
      sources: [],
    });
    matcher = createMatcher(loadLexicon(await compileLexicon(lex)));
  }, 60_000);

  it('finds at least a few dozen misspellings in the file', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it('repairs each one to its own reptile', () => {
    const missed = cases.filter((c) => !findsMisspelling(matcher, c));
    const missedList = missed.map((c) => `${c.misspelling} -> ${c.reptile}`).join('; ');
    console.log(
      `reptile misspellings found: ${cases.length - missed.length} of ${cases.length}; missed: ${missedList}`,
    );
    expect(missed.map((c) => c.misspelling)).toEqual([]);
  });
});
