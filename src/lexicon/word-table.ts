/**
 * The lexicon's word table: an open-addressing hash table of its words and two bit-sets the
 * tokenizer probes while it hashes each page word (every word; the words that begin a name). The
 * compiler stores all three in the asset, so a worker start only views them; a lexicon stored
 * without them (an older agency import) has them built here when it loads.
 */
import { HASH_BASE } from '../matcher/tokenize';

/** Spreads a 32-bit word hash over table slots and bit-set bits. */
export function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Ints in each bit-set: bit (mix(h) & 31) of int (mix(h) >>> 17). */
export const WORD_BITS_INTS = 1 << 15;

/** Slots for `words` words: a power of two, at least twice as many (lookups stay short). */
export function wordSlotCount(words: number): number {
  let p = 16;
  while (p < words * 2) p <<= 1;
  return p;
}

export interface WordTable {
  /** Word id + 1 per slot, 0 for an empty slot; a word sits at mix(hash) & (length - 1) or after. */
  slots: Int32Array;
  /** Every word's bit. */
  bits: Int32Array;
  /** The bits of the words that begin a name (they have entries or continue into longer names). */
  startBits: Int32Array;
}

/**
 * Builds the table of words chars[starts[w], starts[w + 1]); `beginsName(w)` says which words
 * begin a name. The tokenizer's word hash and mix() decide every position: the compiler and the
 * loader's fallback give the same table.
 */
export function buildWordTable(chars: Uint16Array, starts: ArrayLike<number>, words: number, beginsName: (w: number) => boolean): WordTable {
  const slots = new Int32Array(wordSlotCount(words));
  const mask = slots.length - 1;
  const bits = new Int32Array(WORD_BITS_INTS);
  const startBits = new Int32Array(WORD_BITS_INTS);
  for (let w = 0; w < words; w++) {
    let h = 0;
    // The tokenizer's word hash (hashWord), over the word's characters.
    for (let k = starts[w]; k < starts[w + 1]; k++) h = (Math.imul(h, HASH_BASE) + chars[k]) | 0;
    const m = mix(h);
    bits[m >>> 17] |= 1 << (m & 31);
    if (beginsName(w)) startBits[m >>> 17] |= 1 << (m & 31);
    let slot = m & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = w + 1;
  }
  return { slots, bits, startBits };
}
