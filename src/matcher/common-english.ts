/**
 * Common English words (SCOWL sizes 10 and 20, assets/english/common-words.json), in a module of
 * their own so that only the matcher bundles them (not the lexicon compiler). The matcher never
 * reads one as a misspelled one-word name ("manner" is not the lanner falcon), accepts a misspelled
 * name made only of them only when it differs by a plural ending ("file monitor" is not the Nile
 * monitor), and reads one as a one-word name in another language only beside another hit in that
 * language ("once" is the snow leopard in French, "all" the eel in Icelandic "áll").
 *
 * The words stay one string; a table of their word hashes and offsets is built on first use (about
 * 2 ms), not at load: a Set of 10,700 strings cost some 25 ms when the worker starts.
 */
import commonWords from '../../assets/english/common-words.json';
import { HASH_BASE, hashWord } from './tokenize';

const WORDS: string = commonWords.words;
const SIZE = 1 << 15;
let hashes: Int32Array | undefined;
/** Offset of each slot's word in WORDS, plus one (0: empty slot). */
let offsets: Int32Array | undefined;

function build(): void {
  hashes = new Int32Array(SIZE);
  offsets = new Int32Array(SIZE);
  let start = 0;
  let h = 0;
  for (let i = 0; i <= WORDS.length; i++) {
    const c = i < WORDS.length ? WORDS.charCodeAt(i) : 0x20;
    if (c !== 0x20) {
      h = (Math.imul(h, HASH_BASE) + c) | 0;
      continue;
    }
    let slot = (h ^ (h >>> 15)) & (SIZE - 1);
    while (offsets[slot] !== 0) slot = (slot + 1) & (SIZE - 1);
    hashes[slot] = h;
    offsets[slot] = start + 1;
    start = i + 1;
    h = 0;
  }
}

/**
 * True when the folded word chars[off, off+len), whose tokenizer hash is `h`, is a common English
 * word. No string is built.
 */
export function isCommonEnglishWord(h: number, chars: ArrayLike<number>, off: number, len: number): boolean {
  if (!offsets) build();
  const table = offsets!;
  for (let slot = (h ^ (h >>> 15)) & (SIZE - 1); table[slot] !== 0; slot = (slot + 1) & (SIZE - 1)) {
    if (hashes![slot] !== h) continue;
    const at = table[slot] - 1;
    const end = at + len;
    if (end > WORDS.length || (end < WORDS.length && WORDS.charCodeAt(end) !== 0x20)) continue;
    let k = 0;
    while (k < len && WORDS.charCodeAt(at + k) === chars[off + k]) k++;
    if (k === len) return true;
  }
  return false;
}

/** isCommonEnglishWord for a folded string (tests, diagnostics). */
export function isCommonEnglish(word: string): boolean {
  const codes = Array.from(word, (c) => c.charCodeAt(0));
  return isCommonEnglishWord(hashWord(word), codes, 0, codes.length);
}
