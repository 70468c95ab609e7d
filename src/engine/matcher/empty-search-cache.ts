/**
 * Searches already known to find nothing, kept across texts: pages share most of their vocabulary,
 * and version numbers, code and everyday words come back page after page. Direct-mapped on a
 * 32-bit key of the searched word (its hash and length) and the kind of search: a collision can
 * only hide a reading of a word whose key equals a cached one.
 */
import { mixHash } from '../text/word-hash';

// The kinds of search whose empty results are cached, each under its own tag.
/** A word compared with the one-word names (misspellings). */
export const SEARCH_ONE_WORD_NAMES = 0;
/** A hashtag split into lexicon words. */
export const SEARCH_HASHTAG = 0x5bd1e995;
/** A word compared with the first words of longer names (names with every word misspelled). */
export const SEARCH_FIRST_WORDS = 0x2f0d8b35;
/** A word with digits or symbols decoded as leetspeak. */
export const SEARCH_LEETSPEAK = 0x1b873593;
/** A word compared with a list of the words that may stand next to its neighbour. */
export const SEARCH_NEIGHBOURS = 0x68e31da4;

/** Key of a word (hash h, length l) for one kind of search (tag); never 0, the empty slot. */
export function searchKey(h: number, l: number, tag: number): number {
  return (h ^ Math.imul(l, 0x9e3779b1) ^ tag) | 1;
}

export class EmptySearchCache {
  private readonly keys = new Int32Array(1 << 17);

  /** True when the search `key` (see searchKey) is known to find nothing. */
  has(key: number): boolean {
    const keys = this.keys;
    return keys[mixHash(key) & (keys.length - 1)] === key;
  }

  /** Remembers that the search `key` finds nothing, for this text and the next ones. */
  remember(key: number): void {
    const keys = this.keys;
    keys[mixHash(key) & (keys.length - 1)] = key;
  }

  clear(): void {
    this.keys.fill(0);
  }
}
