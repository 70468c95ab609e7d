/**
 * The word hash: one polynomial hash of a word's folded UTF-16 code units, shared by everything
 * that must agree on it. The lexicon compiler stores words under it, the loader rebuilds its word
 * table with it, the tokenizer computes it while it scans a page, and the matcher's evasion readers
 * hash the words they rebuild (decoded leetspeak, joined split letters). A word hashed in two ways
 * would never be found, so the hash lives here, below both the lexicon and the matcher.
 *
 * The hash is h = h * HASH_BASE + code, wrapped to 32 bits, over the folded code units. The
 * tokenizer extends it one unit at a time as it scans (extendHash, hashWithoutLast and hasWordBit
 * are written out there, for speed); the hashtag splitter and the misspelling index keep prefix
 * hashes and take the hash of any piece from them (rangeHash).
 */

/** Multiplier of the polynomial word hash. */
export const HASH_BASE = 131;

/**
 * Multiplicative inverse of HASH_BASE modulo 2^32 (Newton's iteration): multiplying by it undoes
 * one step of the hash, so a plural's hash gives its singular's without rehashing the word.
 */
export const HASH_INVERSE = (() => {
  let x = HASH_BASE;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(HASH_BASE, x));
  return x;
})();

/** The hash h of a word extended by one more code unit. */
export function extendHash(h: number, code: number): number {
  return (Math.imul(h, HASH_BASE) + code) | 0;
}

/** The hash of a word whose hash is h, without its last code unit `last` ("pythons" -> "python"). */
export function hashWithoutLast(h: number, last: number): number {
  return Math.imul(h - last, HASH_INVERSE);
}

/** The word hash of code units codes[from, to). */
export function hashCodes(codes: ArrayLike<number>, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, HASH_BASE) + codes[i]) | 0;
  return h;
}

/** HASH_BASE to the powers 0 .. count - 1, wrapped to 32 bits (see rangeHash). */
export function hashPowers(count: number): Int32Array {
  const powers = new Int32Array(count);
  powers[0] = 1;
  for (let i = 1; i < count; i++) powers[i] = Math.imul(powers[i - 1], HASH_BASE);
  return powers;
}

/**
 * The word hash of codes[from, to) from prefix hashes (prefix[i] is the hash of codes[0, i)) and
 * powers from hashPowers: every piece of a hashtag or of a misspelled word without rehashing it.
 */
export function rangeHash(prefix: Int32Array, powers: Int32Array, from: number, to: number): number {
  return (prefix[to] - Math.imul(prefix[from], powers[to - from])) | 0;
}

/** The word hash of an already folded string, as the tokenizer computes it for a word. */
export function hashWord(folded: string): number {
  let h = 0;
  for (let i = 0; i < folded.length; i++) h = (Math.imul(h, HASH_BASE) + folded.charCodeAt(i)) | 0;
  return h;
}

/**
 * Spreads a 32-bit hash over table slots and bit-set bits (the first half of murmur3's finalizer):
 * the word hash alone puts words that differ only in their last letters in neighbouring slots.
 */
export function mixHash(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Ints in a word bit-set (2^20 bits, 128 KB): bit (m & 31) of int (m >>> 17), for m = mixHash(h). */
export const WORD_BITS_INTS = 1 << 15;

/** True when the word bit-set `bits` has the bit of word hash h (the word may be there; else it is not). */
export function hasWordBit(bits: Int32Array, h: number): boolean {
  const m = mixHash(h);
  return (bits[m >>> 17] & (1 << (m & 31))) !== 0;
}

/** Sets the bit of word hash h in the word bit-set `bits`. */
export function setWordBit(bits: Int32Array, h: number): void {
  const m = mixHash(h);
  bits[m >>> 17] |= 1 << (m & 31);
}
