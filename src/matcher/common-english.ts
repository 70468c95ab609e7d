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
import commonWords from '../../assets/english/common-words.json';

/** BY_LENGTH[L]: the common words of L letters, sorted and run together. */
const BY_LENGTH: readonly string[] = commonWords.byLength;

/**
 * True when the folded word chars[off, off+len) is a common English word (a binary search among
 * the words of its length). No string is built.
 */
export function isCommonEnglishWord(chars: ArrayLike<number>, off: number, len: number): boolean {
  const group = len < BY_LENGTH.length ? BY_LENGTH[len] : '';
  let lo = 0;
  let hi = group.length / len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = mid * len;
    let k = 0;
    while (k < len && group.charCodeAt(at + k) === chars[off + k]) k++;
    if (k === len) return true;
    if (group.charCodeAt(at + k) < chars[off + k]) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** isCommonEnglishWord for a folded string (tests, diagnostics). */
export function isCommonEnglish(word: string): boolean {
  const codes = Array.from(word, (c) => c.charCodeAt(0));
  return codes.length > 0 && isCommonEnglishWord(codes, 0, codes.length);
}
