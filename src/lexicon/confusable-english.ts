/**
 * Common English words that the matcher could take for a lexicon name: a one-word name in another
 * language that is spelt like the English word once folded ("Once", French for the snow leopard;
 * "Áll", Icelandic for the eel; "bán", Vietnamese for "sell"), or a word within the misspelling
 * limits of a name ("manner" and the lanner falcon). Computed from the compiled lexicon and a
 * frequency list of English words when the lexicon is built; the matcher reads such a word as a
 * name in another language only beside another hit in that language, and never as a misspelling.
 */
import type { CompiledLexicon } from './compiled';
import { EK_COMMON, EK_EXTRA_COMMON, EK_TERM } from './format';
import { nameWords } from '../matcher/tokenize';

/** What the matcher needs of itself here (see Matcher.misspellingTargets). */
export interface MisspellingSource {
  misspellingTargets(word: string): string[];
}

/**
 * The words of `common` (lower-case English words) that a page could show as a foreign name or a
 * misspelled name, sorted. A word that is an English or scientific name itself is kept only for
 * its misspelling targets (its exact match stays).
 */
export function confusableEnglishWords(common: Iterable<string>, lexicon: CompiledLexicon, matcher: MisspellingSource): string[] {
  const foreign = new Set<string>();
  const english = new Set<string>();
  for (let e = 0; e < lexicon.entryKind.length; e++) {
    const { words, cjk } = nameWords(lexicon.entryText(e));
    if (words.length !== 1 || cjk) continue;
    const kind = lexicon.entryKind[e];
    const lang = lexicon.langs[lexicon.entryLang[e]] ?? '';
    const named = kind === EK_COMMON || kind === EK_EXTRA_COMMON || kind >= EK_TERM;
    if (named && lang && lang !== 'en') foreign.add(words[0]);
    else english.add(words[0]);
  }
  const out: string[] = [];
  for (const word of common) {
    if (!/^[a-z]+$/.test(word)) continue;
    if ((foreign.has(word) && !english.has(word)) || matcher.misspellingTargets(word).some((w) => w !== word)) out.push(word);
  }
  return [...new Set(out)].sort();
}
