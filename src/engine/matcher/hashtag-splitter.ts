/**
 * Splits a hashtag into lexicon words: "#BallPythonsForSale" at its capitals, "#ivoryforsale" by
 * dynamic programming over the lexicon's words (fewest pieces covering the most letters). Runs
 * only on hashtags that are not a lexicon word as a whole, so its O(n^2) lookups stay cheap.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { extendHash, hashPowers, hashWord, rangeHash } from '../text/word-hash';
import wordLists from './word-lists.json';

/** One piece of a hashtag: folded offsets [from, to) inside the tag and the word it is (-1: unknown). */
export interface TagPiece {
  from: number;
  to: number;
  word: number;
  /** The singular when the piece ends in "s" and that is a word too ("pythons" -> "python"), else -1. */
  singular: number;
}

/**
 * Everyday words sellers glue to terms ("forsale", "cheap", "dm"): they help the split but are not
 * lexicon terms themselves. Data, in word-lists.json (hashtagGlueWords), folded.
 */
const GLUE: readonly string[] = wordLists.hashtagGlueWords;
const MAX_TAG = 60;
const GLUE_BITS = 1024;

export class HashtagSplitter {
  /** Glue words by polynomial hash, so the split loop never builds strings. */
  private readonly glue = new Map<number, string>();
  /** One bit per glue hash (low GLUE_BITS bits): most pieces of a tag are ruled out without the map. */
  private readonly glueBits = new Int32Array(GLUE_BITS >> 5);
  private readonly prefix = new Int32Array(MAX_TAG + 1);
  private readonly pow = hashPowers(MAX_TAG + 1);
  // Dynamic-programming rows, reused by every split (tags are at most MAX_TAG long).
  private readonly cost = new Float64Array(MAX_TAG + 1);
  private readonly from = new Int32Array(MAX_TAG + 1);
  private readonly word = new Int32Array(MAX_TAG + 1);

  constructor(private readonly lex: CompiledLexicon) {
    for (const g of GLUE) {
      const h = hashWord(g);
      this.glue.set(h, g);
      this.glueBits[(h & (GLUE_BITS - 1)) >>> 5] |= 1 << (h & 31);
    }
  }

  private wordAt(chars: Uint16Array, off: number, a: number, b: number): number {
    return this.lex.lookupWord(rangeHash(this.prefix, this.pow, a, b), chars, off + a, b - a);
  }

  private isGlue(chars: Uint16Array, off: number, a: number, b: number): boolean {
    if (b - a > 12) return false;
    const h = rangeHash(this.prefix, this.pow, a, b);
    if (!(this.glueBits[(h & (GLUE_BITS - 1)) >>> 5] & (1 << (h & 31)))) return false;
    const g = this.glue.get(h);
    if (g === undefined || g.length !== b - a) return false;
    for (let i = 0; i < g.length; i++) if (g.charCodeAt(i) !== chars[off + a + i]) return false;
    return true;
  }

  /**
   * Splits folded tag characters chars[off, off+len). `capitals` lists folded offsets where the
   * original has an upper-case letter after a lower-case one (CamelCase): they are preferred cuts.
   * Returns pieces or null when the tag cannot be covered by known words.
   */
  split(chars: Uint16Array, off: number, len: number, capitals: number[]): TagPiece[] | null {
    if (len < 4 || len > MAX_TAG) return null;
    const p = this.prefix;
    p[0] = 0;
    for (let i = 0; i < len; i++) p[i + 1] = extendHash(p[i], chars[off + i]);
    // cost[i]: fewest pieces to cover [0, i); unknown single letters cost a lot.
    const { cost, from, word } = this;
    cost.fill(Infinity, 0, len + 1);
    from.fill(-1, 0, len + 1);
    word.fill(-1, 0, len + 1);
    cost[0] = 0;
    const capitalSet = capitals.length > 0 ? new Set(capitals) : undefined;
    for (let b = 1; b <= len; b++) {
      for (let a = Math.max(0, b - 30); a < b; a++) {
        if (cost[a] === Infinity) continue;
        let w = b - a >= 2 ? this.wordAt(chars, off, a, b) : -1;
        // A plural: "pythons" is the word "python".
        if (w < 0 && b - a >= 4 && chars[off + b - 1] === 0x73) w = this.wordAt(chars, off, a, b - 1);
        const known = w >= 0 || (b - a >= 2 && this.isGlue(chars, off, a, b));
        // Cuts against the capitals cost a little: "BallPythons" splits at "P".
        let penalty = 0;
        if (capitalSet) penalty = (a > 0 && !capitalSet.has(a) ? 0.5 : 0) + (b < len && !capitalSet.has(b) ? 0.5 : 0);
        const c = cost[a] + (known ? 1 : 5 * (b - a)) + penalty;
        if (c < cost[b]) {
          cost[b] = c;
          from[b] = a;
          word[b] = w;
        }
      }
    }
    const pieces: TagPiece[] = [];
    for (let b = len; b > 0; b = from[b]) {
      const a = from[b];
      const singular = b - a >= 4 && chars[off + b - 1] === 0x73 ? this.wordAt(chars, off, a, b - 1) : -1;
      pieces.unshift({ from: a, to: b, word: word[b] >= 0 ? word[b] : singular, singular });
    }
    if (pieces.length < 2) return null;
    for (const piece of pieces) if (piece.word < 0 && !this.isGlue(chars, off, piece.from, piece.to)) return null;
    return pieces;
  }
}
