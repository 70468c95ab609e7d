/**
 * The lexicon's word table: an open-addressing hash table of its words and two bit-sets the
 * tokenizer probes while it hashes each page word (every word; the words that begin a name).
 *
 * The compiler numbers the words in the order of their slots in the table, so the asset need only
 * say which slots are taken (16 KB for 48,000 words, not 256 KB of word ids): the loader gives them
 * ids 0, 1, 2 ... in slot order, with no hashing. It stores the two bit-sets as they are. A lexicon
 * stored without them (an agency import of an earlier version) has its table built when it loads.
 */
import { WORD_BITS_INTS, hashCodes, mixHash, setWordBit } from '../text/word-hash';

/** Slots for `words` words: a power of two, at least twice as many (lookups stay short). */
export function wordSlotCount(words: number): number {
  let p = 64;
  while (p < words * 2) p <<= 1;
  return p;
}

export interface WordTable {
  /** Word id + 1 per slot, 0 for an empty slot; a word sits at mixHash(hash) & (length - 1) or after. */
  slots: Int32Array;
  /** Every word's bit (word-hash.ts hasWordBit). */
  bits: Int32Array;
  /** The bits of the words that begin a name (they have entries or continue into longer names). */
  startBits: Int32Array;
}

/**
 * Builds the table of words chars[starts[w], starts[w + 1]); `beginsName(w)` says which words
 * begin a name. The word hash and mixHash give each word its first slot; linear probing does the
 * rest, and whichever order the words go in, the same slots are taken.
 */
export function buildWordTable(
  chars: Uint16Array,
  starts: ArrayLike<number>,
  words: number,
  beginsName: (w: number) => boolean,
): WordTable {
  const slots = new Int32Array(wordSlotCount(words));
  const mask = slots.length - 1;
  const bits = new Int32Array(WORD_BITS_INTS);
  const startBits = new Int32Array(WORD_BITS_INTS);
  for (let w = 0; w < words; w++) {
    const h = hashCodes(chars, starts[w], starts[w + 1]);
    setWordBit(bits, h);
    if (beginsName(w)) setWordBit(startBits, h);
    let slot = mixHash(h) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = w + 1;
  }
  return { slots, bits, startBits };
}

/** Which slots are taken: bit (s & 31) of int (s >>> 5) for slot s. */
export function slotOccupancy(slots: Int32Array): Int32Array {
  const taken = new Int32Array(slots.length >>> 5);
  for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) taken[s >>> 5] |= 1 << (s & 31);
  return taken;
}

/** The word ids in the order of their slots (the compiler renumbers the words in this order). */
export function idsInSlotOrder(slots: Int32Array): Int32Array {
  const ids: number[] = [];
  for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) ids.push(slots[s] - 1);
  return Int32Array.from(ids);
}

/**
 * The hash table of words numbered in slot order, from which slots are taken: slot after slot,
 * the next id. Throws a RangeError unless exactly `words` slots are taken.
 */
export function slotsFromOccupancy(taken: Int32Array, words: number): Int32Array {
  const slots = new Int32Array(taken.length << 5);
  let id = 0;
  for (let i = 0; i < taken.length; i++) {
    for (let x = taken[i]; x !== 0; x &= x - 1) {
      if (id === words) throw new RangeError(`the word table takes more slots than the ${words} words`);
      slots[(i << 5) | (31 - Math.clz32(x & -x))] = ++id;
    }
  }
  if (id !== words) throw new RangeError(`the word table takes ${id} slots for ${words} words`);
  return slots;
}

/** The first word a lookup would not find in `slots` (an empty slot before it), or -1. */
export function unreachableWord(
  slots: Int32Array,
  chars: Uint16Array,
  starts: ArrayLike<number>,
  words: number,
): number {
  const mask = slots.length - 1;
  for (let w = 0; w < words; w++) {
    let slot = mixHash(hashCodes(chars, starts[w], starts[w + 1])) & mask;
    while (slots[slot] !== w + 1) {
      if (slots[slot] === 0) return w;
      slot = (slot + 1) & mask;
    }
  }
  return -1;
}
