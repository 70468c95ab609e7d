/**
 * A phrase dictionary matched on words: the text is split into words once and each word is looked
 * up in a map, instead of running one big RegExp alternation (with a word-boundary look-behind at
 * every position, which V8 cannot speed up) over the text.
 *
 * Phrase syntax: words separated by a space match any run of spaces or hyphens; other characters
 * between words ("j&t", "paypal.me") must be there as written; a trailing "*" makes the last word
 * a prefix ("sell*" = sell, sells, seller); a trailing "." must follow in the text ("est.").
 * Phrases in scripts written without spaces (Chinese, Japanese, Thai) are found as substrings.
 */
import { wordCharAt } from '../text/word-chars';

export interface PhraseEntry<T> {
  phrase: string;
  value: T;
  /** Match the letters' case exactly (acronyms: "UPS", "COD"). */
  caseSensitive?: boolean;
}

export interface PhraseMatch<T> {
  start: number;
  end: number;
  value: T;
  phrase: string;
}

interface Compiled<T> {
  entry: PhraseEntry<T>;
  words: string[];
  /** Required text between word i and i+1 ("" = spaces or hyphens). */
  gaps: string[];
  prefix: boolean;
  dot: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SPACE_GAP = /^[\s\-‐‑–]+$/u;

/**
 * The words of one text, as parallel arrays (no object per word: pages have tens of thousands of
 * words, and the objects made the worker's garbage collections long). Word i is text[start[i],
 * end[i]); `mask[i]` has a bit per dictionary with a phrase that may start there (see
 * `registerKeys`); `lower[i]` is the word lower-cased, cut out of the text only when a dictionary
 * reads it (see `lowerOf`). Only the first `count` entries are valid; the arrays are reused.
 */
interface Tokenized {
  text: string;
  /** `text` lower-cased in one piece when that keeps every offset, else undefined (see `tokenized`). */
  whole: string | undefined;
  count: number;
  start: Int32Array;
  end: Int32Array;
  mask: Int32Array;
  lower: (string | undefined)[];
  hasNoSpaceScript: boolean;
  /** The key registry's version the masks were computed with. */
  version: number;
}

/**
 * Every dictionary's first words and three-letter prefix stems, each with a bit per dictionary
 * that starts a phrase there. A text is split into words once for all dictionaries and each word
 * looked up once; a dictionary then tries only the words with its bit (before: each dictionary
 * looked up every word of every text again, which made these lookups most of the indicator and
 * cue work on short listings).
 */
const FIRST_WORDS = new Map<string, number>();
const STEMS = new Map<string, number>();
let registryVersion = 0;
let dictionaries = 0;
/** Dictionaries past this many get no bit and try every word. */
const MAX_BITS = 31;

/**
 * Fingerprints of the registered first words (length, first, second and last unit) and stems
 * (first three units), as bits of two small tables: a word whose fingerprint bit is clear is in
 * neither map, so it is neither cut out of the text nor looked up. Most words of a page start no
 * phrase, and one table read rules them out.
 */
const PRINT_BITS = 1 << 16;
const FIRST_WORD_PRINTS = new Int32Array(PRINT_BITS >> 5);
const STEM_PRINTS = new Int32Array(PRINT_BITS >> 5);
const spread = (h: number) => Math.imul(h, 0x9e3779b1) >>> 16;
const wordPrint = (length: number, first: number, second: number, last: number) =>
  spread((((Math.min(length, 63) * 31 + first) * 31 + second) * 31 + last) | 0);
const stemPrint = (a: number, b: number, c: number) => spread(((a * 31 + b) * 31 + c) | 0);
const hasBit = (bits: Int32Array, i: number) => (bits[i >>> 5] & (1 << (i & 31))) !== 0;
const setBit = (bits: Int32Array, i: number) => void (bits[i >>> 5] |= 1 << (i & 31));

function registerKeys(firstWords: readonly string[], stems: readonly string[]): number {
  registryVersion += 1;
  // A one-unit word's second unit is its last (see tokenized).
  for (const w of firstWords)
    setBit(
      FIRST_WORD_PRINTS,
      wordPrint(w.length, w.charCodeAt(0), w.charCodeAt(Math.min(1, w.length - 1)), w.charCodeAt(w.length - 1)),
    );
  // A shorter stem never equals a word's first three units.
  for (const stem of stems)
    if (stem.length === 3) setBit(STEM_PRINTS, stemPrint(stem.charCodeAt(0), stem.charCodeAt(1), stem.charCodeAt(2)));
  if (dictionaries >= MAX_BITS) return 0;
  const bit = 1 << dictionaries++;
  for (const w of firstWords) FIRST_WORDS.set(w, (FIRST_WORDS.get(w) ?? 0) | bit);
  for (const stem of stems) STEMS.set(stem, (STEMS.get(stem) ?? 0) | bit);
  return bit;
}

// The indicator finders and the cue vocabulary all read the same text one after the other:
// split it into words once and reuse that (a one-entry memo, so nothing outlives the next text).
let memo: Tokenized | undefined;

/** The word arrays, reused from text to text (grown as needed). */
const words: Tokenized = {
  text: '',
  whole: undefined,
  count: 0,
  start: new Int32Array(256),
  end: new Int32Array(256),
  mask: new Int32Array(256),
  lower: [],
  hasNoSpaceScript: false,
  version: -1,
};

function growWords(): void {
  const grow = (a: Int32Array) => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  words.start = grow(words.start);
  words.end = grow(words.end);
  words.mask = grow(words.mask);
}

/**
 * The words of `text` (runs of letters, marks and numbers, as WORD finds them), lower-cased, with
 * their dictionary bits. The text is lower-cased in one piece when that keeps every offset and
 * cannot change a word's letters (no final-sigma context), else word by word. The result is only
 * valid until the next call with another text.
 */
function tokenized(text: string): Tokenized {
  if (memo?.text === text && memo.version === registryVersion) return memo;
  const whole = text.toLowerCase();
  const sliceable = whole.length === text.length && !text.includes('Σ');
  const lowers = words.lower;
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    let w = wordCharAt(text, i);
    if (w === 0) {
      i += 1;
      continue;
    }
    const start = i;
    do {
      i += w;
    } while (i < n && (w = wordCharAt(text, i)) > 0);
    if (count === words.start.length) growWords();
    words.start[count] = start;
    words.end[count] = i;
    if (!sliceable) {
      const lower = text.slice(start, i).toLowerCase();
      let mask = FIRST_WORDS.get(lower) ?? 0;
      if (lower.length >= 3) mask |= STEMS.get(lower.slice(0, 3)) ?? 0;
      lowers[count] = lower;
      words.mask[count++] = mask;
      continue;
    }
    // The fingerprints are read off the lower-cased text in place; a word is cut out and looked
    // up only when one of them is known.
    const length = i - start;
    const first = whole.charCodeAt(start);
    const second = length > 1 ? whole.charCodeAt(start + 1) : first;
    let lower: string | undefined;
    let mask = 0;
    if (hasBit(FIRST_WORD_PRINTS, wordPrint(length, first, second, whole.charCodeAt(i - 1)))) {
      lower = whole.slice(start, i);
      mask = FIRST_WORDS.get(lower) ?? 0;
    }
    if (length >= 3 && hasBit(STEM_PRINTS, stemPrint(first, second, whole.charCodeAt(start + 2)))) {
      mask |= STEMS.get(whole.slice(start, start + 3)) ?? 0;
    }
    lowers[count] = lower;
    words.mask[count++] = mask;
  }
  // Drop the strings of a longer earlier text, so they do not outlive it.
  lowers.length = count;
  words.text = text;
  words.whole = sliceable ? whole : undefined;
  words.count = count;
  words.hasNoSpaceScript = NO_SPACE_SCRIPT.test(text);
  words.version = registryVersion;
  memo = words;
  return memo;
}

/** The lower-cased word i (cut out once, then kept). */
function lowerOf(tk: Tokenized, i: number): string {
  return (tk.lower[i] ??= tk.whole!.slice(tk.start[i], tk.end[i]));
}

/**
 * A phrase dictionary. Meant to be made once and kept (module constants): each one adds its first
 * words to the shared registry for good.
 */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Compiled<T>[]>();
  private readonly prefixes = new Map<string, Compiled<T>[]>();
  private readonly substrings: { needle: string; entry: PhraseEntry<T> }[] = [];
  /** This dictionary's bit in the words' masks (0: no bit, every word is tried). */
  private readonly bit: number;

  constructor(entries: readonly PhraseEntry<T>[]) {
    for (const entry of entries) {
      let phrase = entry.phrase;
      if (NO_SPACE_SCRIPT.test(phrase)) {
        this.substrings.push({ needle: entry.caseSensitive ? phrase : phrase.toLowerCase(), entry });
        continue;
      }
      const prefix = phrase.endsWith('*');
      if (prefix) phrase = phrase.slice(0, -1);
      const dot = phrase.endsWith('.');
      if (dot) phrase = phrase.slice(0, -1);
      const words = [...phrase.matchAll(WORD)];
      if (words.length === 0) continue;
      const gaps = words.slice(1).map((w, i) => {
        const between = phrase.slice(words[i].index! + words[i][0].length, w.index!);
        return /^\s+$/.test(between) ? '' : between.toLowerCase();
      });
      const compiled: Compiled<T> = {
        entry,
        words: words.map((w) => (entry.caseSensitive ? w[0] : w[0].toLowerCase())),
        gaps,
        prefix,
        dot,
      };
      const first = compiled.words[0];
      const key = entry.caseSensitive ? first.toLowerCase() : first;
      if (prefix && words.length === 1) {
        const stem = key.slice(0, 3);
        this.prefixes.set(stem, [...(this.prefixes.get(stem) ?? []), compiled]);
      } else {
        this.byFirst.set(key, [...(this.byFirst.get(key) ?? []), compiled]);
      }
    }
    // Longest needles first so "微信支付" wins over "微信".
    this.substrings.sort((a, b) => b.needle.length - a.needle.length);
    // Longest phrase first, so the first that matches at a word is the one to keep.
    for (const list of [...this.byFirst.values(), ...this.prefixes.values()])
      list.sort((a, b) => b.words.length - a.words.length || b.words.join(' ').length - a.words.join(' ').length);
    this.bit = registerKeys([...this.byFirst.keys()], [...this.prefixes.keys()]);
  }

  /** All non-overlapping matches, leftmost-longest, sorted by start. */
  find(text: string): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const tk = tokenized(text);
    const { count, mask, start, hasNoSpaceScript } = tk;
    const bit = this.bit;
    let coveredUntil = 0;
    for (let i = 0; i < count; i++) {
      if ((bit !== 0 && (mask[i] & bit) === 0) || start[i] < coveredUntil) continue;
      const found = this.matchAt(text, tk, i);
      if (found) {
        out.push(found);
        coveredUntil = found.end;
      }
    }
    if (this.substrings.length && hasNoSpaceScript) {
      const lower = text.toLowerCase();
      // One flag per character: a substring may not take characters a longer match already has.
      const taken = new Uint8Array(text.length);
      for (const m of out) taken.fill(1, m.start, m.end);
      for (const { needle, entry } of this.substrings) {
        const hay = entry.caseSensitive ? text : lower;
        for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
          const end = at + needle.length;
          if (taken.subarray(at, end).includes(1)) continue;
          taken.fill(1, at, end);
          out.push({ start: at, end, value: entry.value, phrase: entry.phrase });
        }
      }
      out.sort((a, b) => a.start - b.start);
    }
    return out;
  }

  private matchAt(text: string, tk: Tokenized, i: number): PhraseMatch<T> | null {
    const lower = lowerOf(tk, i);
    const exact = this.byFirst.get(lower);
    const prefixed = lower.length >= 3 ? this.prefixes.get(lower.slice(0, 3)) : undefined;
    if (!exact && !prefixed) return null;
    let best: PhraseMatch<T> | null = null;
    for (const c of exact && prefixed ? [...exact, ...prefixed] : (exact ?? prefixed)!) {
      const n = c.words.length;
      if (i + n > tk.count) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const j = i + k;
        const word = c.entry.caseSensitive ? text.slice(tk.start[j], tk.end[j]) : lowerOf(tk, j);
        const last = k === n - 1;
        ok = last && c.prefix ? word.startsWith(c.words[k]) : word === c.words[k];
        if (ok && k > 0) {
          const between = text.slice(tk.end[j - 1], tk.start[j]);
          ok = c.gaps[k - 1] === '' ? SPACE_GAP.test(between) : between.toLowerCase() === c.gaps[k - 1];
        }
      }
      if (!ok) continue;
      let end = tk.end[i + n - 1];
      if (c.dot) {
        if (text[end] !== '.') continue;
        end++;
      }
      if (!best || end > best.end) best = { start: tk.start[i], end, value: c.entry.value, phrase: c.entry.phrase };
    }
    return best;
  }
}
