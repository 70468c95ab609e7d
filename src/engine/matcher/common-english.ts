/**
 * Common English words (SCOWL sizes 10 and 20, assets/english/common-words.json), in a module of
 * their own so that only the matcher bundles them (not the lexicon compiler). The matcher never
 * reads one as a misspelled one-word name ("manner" is not the lanner falcon), accepts a misspelled
 * name made only of them only when it differs by a plural ending ("file monitor" is not the Nile
 * monitor), and reads one as a one-word name in another language only beside another hit in that
 * language ("once" is the snow leopard in French, "all" the eel in Icelandic "áll").
 *
 * The words of each length stay one sorted string at a fixed width, searched in place: nothing is
 * built when a worker starts (a Set of 10,700 strings cost some 25 ms there, and even a hash table
 * of them about 3 ms, on the first hit).
 */
import commonWords from '../../../assets/english/common-words.json';
import type { Tokens } from '../text/tokenize';

/** BY_LENGTH[L]: the common words of L letters, sorted and run together. */
const BY_LENGTH: readonly string[] = commonWords.byLength;
/** Per length, where each first letter's words begin (27 bounds, a..z then the end), made on first use. */
const FIRST_LETTER: (Int32Array | undefined)[] = [];

function firstLetterBounds(len: number): Int32Array {
  const group = BY_LENGTH[len];
  const bounds = new Int32Array(27);
  let w = 0;
  for (let letter = 0; letter < 27; letter++) {
    while (w * len < group.length && group.charCodeAt(w * len) - 97 < letter) w++;
    bounds[letter] = w;
  }
  return (FIRST_LETTER[len] = bounds);
}

/**
 * True when the folded word chars[off, off+len) is a common English word (a binary search among
 * the words of its length and first letter). No string is built.
 */
export function isCommonEnglishWord(chars: ArrayLike<number>, off: number, len: number): boolean {
  const letter = chars[off] - 97;
  // The words are all a-z.
  if (len === 0 || len >= BY_LENGTH.length || letter < 0 || letter > 25) return false;
  const group = BY_LENGTH[len];
  const bounds = FIRST_LETTER[len] ?? firstLetterBounds(len);
  let lo = bounds[letter];
  let hi = bounds[letter + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = mid * len;
    let k = 1;
    while (k < len && group.charCodeAt(at + k) === chars[off + k]) k++;
    if (k === len) return true;
    if (group.charCodeAt(at + k) < chars[off + k]) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** isCommonEnglishWord for token `token` (its folded characters as the tokenizer stored them). */
export function isCommonEnglishToken(tokens: Tokens, token: number): boolean {
  return tokens.len[token] <= 24 && isCommonEnglishWord(tokens.chars, tokens.charStart[token], tokens.len[token]);
}

/** isCommonEnglishWord for a folded string (tests, diagnostics). */
export function isCommonEnglish(word: string): boolean {
  const codes = Array.from(word, (c) => c.charCodeAt(0));
  return codes.length > 0 && isCommonEnglishWord(codes, 0, codes.length);
}
