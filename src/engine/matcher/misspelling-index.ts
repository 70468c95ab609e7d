/**
 * Misspelling index: a deletion neighbourhood over the lexicon's words, probed only for words
 * of the page that are not in the lexicon. Limits follow the issue: 1 edit (insertion, deletion,
 * substitution or swapped neighbours) for words of 5-8 letters, 2 for 9 or more.
 *
 * Words of 5-8 letters index themselves and their one-letter deletions. Longer words index the
 * same for their two halves: with at most 2 edits one half has at most 1 (pigeonhole), so
 * probing the page word's prefixes and suffixes near half length finds every candidate with
 * far fewer entries than a 2-deletion index. Candidates are then checked with a bounded
 * optimal-string-alignment distance.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { extendHash, hashPowers, mixHash, rangeHash } from '../text/word-hash';

const TAG_WHOLE = 0x1b873593;
const TAG_LEFT = 0x5bd1e995;
const TAG_RIGHT = 0x2f0d8b35;
const MAX_LEN = 40;

/** Edits allowed for a lexicon word of this length. */
export function maxEditsFor(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

const POW = hashPowers(MAX_LEN + 2);

/** The word hash of codes[a, b) without the unit at i (a one-letter deletion), from prefix hashes p. */
function deletionHash(p: Int32Array, a: number, i: number, b: number): number {
  return (Math.imul(rangeHash(p, POW, a, i), POW[b - i - 1]) + rangeHash(p, POW, i + 1, b)) | 0;
}

/**
 * Optimal string alignment distance (Damerau without repeated edits of a substring) of two
 * code-unit ranges, or max + 1 when it exceeds max.
 *
 * Only the diagonal band |i - j| <= max is computed: a cell outside it costs more than max, so
 * no alignment within max passes through it (Ukkonen). Cells just outside the band read max + 1.
 */
export function osaDistance(
  a: Uint16Array,
  ao: number,
  al: number,
  b: Uint16Array,
  bo: number,
  bl: number,
  max: number,
): number {
  if (Math.abs(al - bl) > max) return max + 1;
  const over = max + 1;
  const w = bl + 1;
  const rows = scratch(3 * w);
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j <= bl; j++) rows[prev + j] = j;
  for (let i = 1; i <= al; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(bl, i + max);
    rows[cur] = i;
    if (lo > 1) rows[cur + lo - 1] = over;
    let rowMin = i;
    const ca = a[ao + i - 1];
    for (let j = lo; j <= hi; j++) {
      const cb = b[bo + j - 1];
      let d = Math.min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b[bo + j - 2] && a[ao + i - 2] === cb) d = Math.min(d, rows[prev2 + j - 2] + 1);
      rows[cur + j] = d;
      if (d < rowMin) rowMin = d;
    }
    // The next row reads one cell past this row's band.
    if (hi < bl) rows[cur + hi + 1] = over;
    if (rowMin > max) return over;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = rows[prev + bl];
  return d > max ? over : d;
}

/**
 * Bit (c & 31) of every code unit of chars[off, off+len). One edit adds at most one character and
 * removes at most one, so two strings within d edits each have at most d bits the other lacks
 * (sharing a bit between letters only makes the masks closer): a cheap test before osaDistance.
 */
export function charMask(chars: Uint16Array, off: number, len: number): number {
  let m = 0;
  for (let i = 0; i < len; i++) m |= 1 << (chars[off + i] & 31);
  return m;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** False when masks a and b prove the strings are more than max edits apart. */
export function masksWithin(a: number, b: number, max: number): boolean {
  return bitCount(a & ~b) <= max && bitCount(b & ~a) <= max;
}

/**
 * A folded letter of an alphabet written with spaces: Latin, Greek, Cyrillic, Armenian, Hebrew,
 * Arabic. Misspellings are repaired only in these ("Муссурана" for "Мусурана"); digits and
 * scripts without spaces are not.
 */
export function isAlphabetLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0x24f) || (c >= 0x370 && c <= 0x6ff);
}

let scratchBuf = new Int32Array(256);
function scratch(n: number): Int32Array {
  if (scratchBuf.length < n) scratchBuf = new Int32Array(n * 2);
  return scratchBuf;
}

export class MisspellingIndex {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  private readonly lex: CompiledLexicon;
  private readonly stamp: Int32Array;
  private query = 0;
  private readonly prefix = new Int32Array(MAX_LEN + 1);
  /** Number of (variant, word) pairs indexed. */
  readonly size: number;
  /**
   * One bit per key hash (2^21 bits, 256 KB: bit (m >>> 11) & 31 of int m >>> 16, for m = mixHash(h)): most
   * probes of a page word's variants find no key, and stop here instead of in the large table.
   */
  private readonly keyBits: Int32Array;
  /** charMask of every lexicon word, by word id. */
  readonly wordMask: Int32Array;
  /**
   * Shorter queries are more edits away from every indexed word than it allows (4-letter words
   * from a 6-letter-and-up index).
   */
  private readonly minQueryLength: number;

  /** Indexes the lexicon words for which `include` is true (all words when omitted). */
  constructor(lex: CompiledLexicon, include: (word: number) => boolean = () => true) {
    this.lex = lex;
    const chars = lex.wordChars;
    const starts = lex.wordStart;
    const n = lex.wordCount;
    this.wordMask = new Int32Array(n);
    for (let w = 0; w < n; w++) this.wordMask[w] = charMask(chars, starts[w], starts[w + 1] - starts[w]);
    const eligible = (w: number) => {
      if (!include(w)) return false;
      const s = starts[w];
      const len = starts[w + 1] - s;
      if (len < 5 || len > MAX_LEN) return false;
      for (let k = s; k < s + len; k++) if (!isAlphabetLetter(chars[k])) return false;
      return true;
    };
    let total = 0;
    let minQuery = MAX_LEN + 1;
    for (let w = 0; w < n; w++) {
      if (!eligible(w)) continue;
      const len = starts[w + 1] - starts[w];
      total += len + 2;
      minQuery = Math.min(minQuery, len - maxEditsFor(len));
    }
    this.minQueryLength = Math.max(4, minQuery);
    let size = 16;
    while (size < total * 1.6) size <<= 1;
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    let count = 0;
    const bits = new Int32Array(1 << 16);
    const insert = (h: number, w: number) => {
      const m = mixHash(h);
      bits[m >>> 16] |= 1 << ((m >>> 11) & 31);
      let slot = m & this.mask;
      while (this.values[slot] !== -1) {
        if (this.keys[slot] === h && this.values[slot] === w) return;
        slot = (slot + 1) & this.mask;
      }
      this.keys[slot] = h;
      this.values[slot] = w;
      count++;
    };
    const p = this.prefix;
    for (let w = 0; w < n; w++) {
      if (!eligible(w)) continue;
      const s = starts[w];
      const len = starts[w + 1] - s;
      p[0] = 0;
      for (let i = 0; i < len; i++) p[i + 1] = extendHash(p[i], chars[s + i]);
      if (len <= 8) this.variants(p, chars, s, 0, len, TAG_WHOLE, (h) => insert(h, w));
      else {
        const half = len >> 1;
        this.variants(p, chars, s, 0, half, TAG_LEFT, (h) => insert(h, w));
        this.variants(p, chars, s, half, len, TAG_RIGHT, (h) => insert(h, w));
      }
    }
    this.size = count;
    this.keyBits = bits;
    this.stamp = new Int32Array(n);
  }

  /** Calls emit with the tagged hash of chars[a,b) and of each one-letter deletion of it. */
  private variants(
    p: Int32Array,
    chars: Uint16Array,
    s: number,
    a: number,
    b: number,
    tag: number,
    emit: (h: number) => void,
  ): void {
    emit(rangeHash(p, POW, a, b) ^ tag);
    for (let i = a; i < b; i++) {
      // Deleting either of two equal neighbours gives the same string.
      if (i > a && chars[s + i] === chars[s + i - 1]) continue;
      emit(deletionHash(p, a, i, b) ^ tag);
    }
  }

  // Query state, kept in fields so the hot path needs no closures.
  private qChars: Uint16Array = new Uint16Array(0);
  private qOff = 0;
  private qLen = 0;
  private qStamp = 0;
  private qFound = 0;
  private qMask = 0;
  private qOutWords: Int32Array = new Int32Array(0);
  private qOutDist: Int32Array = new Int32Array(0);

  private probe(h: number): void {
    const m = mixHash(h);
    if ((this.keyBits[m >>> 16] & (1 << ((m >>> 11) & 31))) === 0) return;
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let slot = m & mask;
    for (;;) {
      const w = values[slot];
      if (w === -1) return;
      if (keys[slot] === h && this.stamp[w] !== this.qStamp) {
        this.stamp[w] = this.qStamp;
        const starts = this.lex.wordStart;
        const s = starts[w];
        const wl = starts[w + 1] - s;
        const max = maxEditsFor(wl);
        let d = max + 1;
        if (masksWithin(this.qMask, this.wordMask[w], max)) {
          d = osaDistance(this.qChars, this.qOff, this.qLen, this.lex.wordChars, s, wl, max);
        }
        if (d <= max && d > 0 && this.qFound < this.qOutWords.length) {
          this.qOutWords[this.qFound] = w;
          this.qOutDist[this.qFound] = d;
          this.qFound++;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Probes chars[a,b) of the query (relative offsets) and its one-letter deletions. */
  private probeVariants(a: number, b: number, tag: number): void {
    const p = this.prefix;
    const chars = this.qChars;
    const off = this.qOff;
    this.probe(rangeHash(p, POW, a, b) ^ tag);
    for (let i = a; i < b; i++) {
      if (i > a && chars[off + i] === chars[off + i - 1]) continue;
      this.probe(deletionHash(p, a, i, b) ^ tag);
    }
  }

  /**
   * Lexicon words within the allowed edits of chars[off, off+len): writes word ids and
   * distances to outWords/outDist and returns how many (at most outWords.length).
   */
  candidates(chars: Uint16Array, off: number, len: number, outWords: Int32Array, outDist: Int32Array): number {
    if (len < this.minQueryLength || len > MAX_LEN) return 0;
    const p = this.prefix;
    p[0] = 0;
    for (let i = 0; i < len; i++) p[i + 1] = extendHash(p[i], chars[off + i]);
    this.qChars = chars;
    this.qOff = off;
    this.qLen = len;
    this.qStamp = ++this.query;
    this.qFound = 0;
    this.qMask = charMask(chars, off, len);
    this.qOutWords = outWords;
    this.qOutDist = outDist;
    if (len <= 9) this.probeVariants(0, len, TAG_WHOLE);
    if (len >= 7) {
      // Target words of 9+ letters within 2 edits are 9..len+2 long; their halves are near len/2.
      const lo = Math.max(9, len - 2) >> 1;
      const hi = (len + 2) >> 1;
      for (let k = Math.max(1, lo - 1); k <= Math.min(len, hi + 1); k++) this.probeVariants(0, k, TAG_LEFT);
      const rlo = Math.max(9, len - 2) - (Math.max(9, len - 2) >> 1);
      const rhi = len + 2 - ((len + 2) >> 1);
      for (let k = Math.max(1, rlo - 1); k <= Math.min(len, rhi + 1); k++) this.probeVariants(len - k, len, TAG_RIGHT);
    }
    return this.qFound;
  }
}
