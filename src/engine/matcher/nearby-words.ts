/**
 * The judge's look at the words around a mention: a trap's context words ("pip" near "Python"),
 * a word of the wildlife trade ("skin", "captive", "terrarium") within reach, a part of an animal
 * right beside a group name ("Crocodile skin"). Word sets are matched by the tokenizer's word
 * hashes, behind a small bit-set, so most tokens are ruled out without building a string.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EK_TERM } from '../lexicon/format';
import { tokenString, type Tokens } from '../text/tokenize';
import { hashWord } from '../text/word-hash';
import type { Mention } from './mention-and-reading';
import type { TextScan } from './text-scan';
import { ANIMAL_PART_WORDS, WILDLIFE_WORDS } from './traps';

/** Bits of a word set's bit-set (the low bits of the word hash). */
const SET_BITS = 1024;

/** A word set as word hashes, with a bit-set in front. */
interface HashedWords {
  bits: Int32Array;
  hashes: Set<number>;
}

export class NearbyWords {
  private readonly lexicon: CompiledLexicon;
  /** How far (UTF-16 units) a word of the trade may stand (MatcherOptions.contextChars). */
  private readonly contextChars: number;
  /** Each word set (a trap's context words, the words of the trade) hashed once per matcher. */
  private readonly hashedSets = new Map<ReadonlySet<string>, HashedWords>();

  constructor(lexicon: CompiledLexicon, contextChars: number) {
    this.lexicon = lexicon;
    this.contextChars = contextChars;
  }

  /** True when a word of `words` appears within ten words of token `token`. */
  hasContextWord(tokens: Tokens, token: number, words: ReadonlySet<string>): boolean {
    const hashed = this.hashed(words);
    const from = Math.max(0, token - 10);
    const to = Math.min(tokens.count - 1, token + 10);
    for (let i = from; i <= to; i++) if (i !== token && this.isOneOf(tokens, i, words, hashed)) return true;
    return false;
  }

  /** True when a word of the trade (WILDLIFE_WORDS) is within reach (contextChars) of token `token`. */
  nearWildlifeWord(tokens: Tokens, token: number): boolean {
    const reach = this.contextChars;
    const hashed = this.hashed(WILDLIFE_WORDS);
    for (let i = token - 1; i >= 0 && tokens.end[i] >= tokens.start[token] - reach; i--) {
      if (this.isOneOf(tokens, i, WILDLIFE_WORDS, hashed)) return true;
    }
    for (let i = token + 1; i < tokens.count && tokens.start[i] <= tokens.end[token] + reach; i++) {
      if (this.isOneOf(tokens, i, WILDLIFE_WORDS, hashed)) return true;
    }
    return false;
  }

  /**
   * A group name in English that needs company ("Crocodile", "Bear", "Eagle") with a part of an
   * animal at most two words away: "Crocodile Hornback Skin", "Bear claw", "Eagle feathers".
   * Not for short names ("boa": a feather boa), names in other languages, or words joined by
   * anything but spaces and hyphens ("python/skeleton.hpp" is a file path).
   */
  besideAnimalPart(scan: TextScan, kind: number, mention: Mention): boolean {
    const tokens = scan.tokens;
    const text = scan.text;
    if (kind >= EK_TERM || tokens.end[mention.lastToken] - tokens.start[mention.firstToken] < 5) return false;
    if (this.lexicon.langs[this.lexicon.entryLang[mention.entry]] !== 'en') return false;
    const hashed = this.hashed(ANIMAL_PART_WORDS);
    const first = mention.firstToken;
    const last = mention.lastToken;
    const firstBefore = Math.max(0, first - 2);
    for (let i = first - 1; i >= firstBefore && plainGap(text, tokens.end[i], tokens.start[i + 1]); i--) {
      if (this.isOneOf(tokens, i, ANIMAL_PART_WORDS, hashed)) return true;
    }
    const lastAfter = Math.min(tokens.count - 1, last + 2);
    for (let i = last + 1; i <= lastAfter && plainGap(text, tokens.end[i - 1], tokens.start[i]); i++) {
      if (this.isOneOf(tokens, i, ANIMAL_PART_WORDS, hashed)) return true;
    }
    return false;
  }

  /** The word hashes of `words`, made once per set. */
  private hashed(words: ReadonlySet<string>): HashedWords {
    let hashed = this.hashedSets.get(words);
    if (!hashed) {
      const hashes = new Set([...words].map(hashWord));
      const bits = new Int32Array(SET_BITS >> 5);
      for (const h of hashes) bits[(h & (SET_BITS - 1)) >>> 5] |= 1 << (h & 31);
      hashed = { bits, hashes };
      this.hashedSets.set(words, hashed);
    }
    return hashed;
  }

  /** True when token `token` is one of `words`; `hashed` is hashed(words). */
  private isOneOf(tokens: Tokens, token: number, words: ReadonlySet<string>, hashed: HashedWords): boolean {
    const h = tokens.hash[token];
    // The bit-set rules out almost every token with one read; the set and the string settle the rest.
    if ((hashed.bits[(h & (SET_BITS - 1)) >>> 5] & (1 << (h & 31))) === 0) return false;
    return tokens.len[token] <= 20 && hashed.hashes.has(h) && words.has(tokenString(tokens, token));
  }
}

/** True when text[from, to) between two words is only spaces and hyphens (one phrase, not a path or identifier). */
function plainGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0 && c !== 0x2d && c !== 0x2010 && c !== 0x2011) return false;
  }
  return true;
}
