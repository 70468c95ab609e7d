/**
 * The matching engine: finds every lexicon name and trade term in a text, undoing the disguises
 * sellers use, and reports each mention as a Hit with offsets into the original text.
 *
 * One pass tokenizes and folds the text into typed arrays; each word is looked up once in the
 * lexicon's word hash table and phrases are followed through the compiled trie (leftmost,
 * longest match). Evasions are tried only on words the lexicon does not know, and their results
 * go through the same trie. A last pass weighs each hit against its neighbours: code words need
 * a stronger signal nearby, traps (Python the language, Jaguar the car) and negations ("faux
 * ivory") lower the confidence.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EVERYDAY_NAMES } from '../lexicon/everyday-names';
import { HASH_INVERSE, hashCodes, hashWord, mixHash as mix } from '../text/word-hash';
import {
  EF_CAPITALIZED, EF_CASE_SENSITIVE, EF_DERIVED, EF_SINGLE_WORD, EF_WEAK, EK_COMMON, EK_EXCLUDED, EK_EXTRA_COMMON, EK_EXTRA_SYNONYM,
  EK_SCIENTIFIC, EK_SYNONYM, EK_TERM,
} from '../lexicon/format';
import { foldString, lowerKeepAccents } from '../text/fold';
import { MisspellingIndex as FuzzyIndex, charMask, masksWithin, osaDistance } from './misspelling-index';
import { HashtagSplitter } from './hashtag-splitter';
import type { Hit, HitKind, Tactic, TaxonRef, TermKind } from './hit';
import {
  F_CJK, F_DIGIT, F_HARD_GAP, F_HASHTAG, F_INNER_UPPER, F_LATIN, F_LEET, F_LETTER, F_NON_LATIN, F_UPPER_FIRST, F_ZERO_WIDTH,
  createTokens, tokenString, tokenize, type Tokens,
} from '../text/tokenize';
import { isCommonEnglishWord } from './common-english';
import { ANIMAL_PART_WORDS, WILDLIFE_WORDS, TRAP_CONFIDENCE, mayBeTrap, trapContext } from './traps';
const NEGATION_REACH_TOKENS = 3;
// Cyrillic and Greek letters that look like Latin ones (lower-case after folding).
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y', ɡ: 'g',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', γ: 'y',
};
const homoglyphTable = new Map<number, number>(Object.entries(HOMOGLYPHS).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));

/** The Latin letter a folded Cyrillic or Greek letter imitates, or 0. */
export function homoglyphOf(folded: number): number {
  return homoglyphTable.get(folded) ?? 0;
}

// Digits and symbols used for letters ("p4ngolin", "1vory", "$hark"); "1" may also stand for "l".
export const LEET_MAP: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', $: 's', '@': 'a', '!': 'i', '|': 'l' };

export interface MatcherOptions {
  /** Undo evasions (misspellings, leetspeak, split letters, look-alike letters, hashtags, abbreviated genus). Default true. */
  evasions?: boolean;
  /** Drop hits below this confidence (0..1). Default 0: everything, traps included, at low confidence. */
  minConfidence?: number;
  /** How far (UTF-16 units) a weak term may be from a stronger signal and still count. Default 200. */
  contextChars?: number;
}

export interface Matcher {
  readonly lexicon: CompiledLexicon;
  /** All hits in `text`, sorted by start offset. Never throws on any string input. */
  match(text: string): Hit[];
  /** Forgets the words and word pairs already found to have no misspelling candidates (kept across texts). */
  clearCache(): void;
}

// Tactic bits, in the order of the Tactic union.
const T_MISSPELLING = 1;
const T_ABBREVIATED = 2;
const T_LEET = 4;
const T_SPLIT = 8;
const T_HOMOGLYPH = 16;
const T_HASHTAG = 64;
/** LEET_MAP by ASCII code: the letter a digit or symbol stands for, or 0. */
const LEET_CODES = new Uint16Array(128);
for (const [k, v] of Object.entries(LEET_MAP)) LEET_CODES[k.charCodeAt(0)] = v.charCodeAt(0);

/** What "1" may stand for in leetspeak: "i" first ("1vory"), then "l". */
const ONE_AS = [0x69, 0x6c];

// The searches whose empty results noCandidates remembers, each under its own tag.
const TAG_FUZZY = 0;
const TAG_HASHTAG = 0x5bd1e995;
const TAG_FIRST_WORDS = 0x2f0d8b35;
const TAG_LEET = 0x1b873593;
const TAG_NEIGHBOURS = 0x68e31da4;
/** Shorter neighbour lists are scanned faster than a cache slot is read. */
const NEIGHBOUR_CACHE_MIN_LIST = 16;

/** Key of a word (hash h, length l) in noCandidates for one kind of search; never 0 (an empty slot). */
function cacheKey(h: number, l: number, tag: number): number {
  return (h ^ Math.imul(l, 0x9e3779b1) ^ tag) | 1;
}

const TACTIC_NAMES: [number, Tactic][] = [
  [T_MISSPELLING, 'misspelling'], [T_ABBREVIATED, 'abbreviated-genus'], [T_LEET, 'leetspeak'], [T_SPLIT, 'split-letters'],
  [T_HOMOGLYPH, 'homoglyph'], [T_HASHTAG, 'hashtag'],
];

/** A word reading of a token span that is not the plain lookup: a decoded, repaired or joined word. */
interface Alt {
  from: number;
  to: number;
  word: number;
  tactics: number;
  dist: number;
}

/** The fixed fields of an entry's hits. */
interface EntryDetails {
  term: string;
  /** The term has only ASCII characters. */
  ascii: boolean;
  lang: string | undefined;
  taxon?: TaxonRef;
  refersTo?: string;
}

/** The longest evasive name found so far from one start token. */
interface AltBest {
  to: number;
  node: number;
  tactics: number;
  dist: number;
  words: number;
  misspelled: number;
}

/** State of matchAlternatives' walks over one text. */
interface AltWalk {
  t: Tokens;
  cands: Cand[];
  byFrom: Map<number, Alt[]>;
  /** The token the current walks start from. */
  s: number;
  best: AltBest | undefined;
}

/** A word set (a trap's context words, the words of the trade) as tokenizer hashes, with a bit-set (CONTEXT_BITS bits, low bits of the hash) in front. */
interface ContextHashes {
  bits: Int32Array;
  hashes: Set<number>;
}
const CONTEXT_BITS = 1024;

/** What finish() knows of a candidate's entry. */
interface CandInfo {
  kind: number;
  ef: number;
  termKind: TermKind | undefined;
  cue: boolean;
  negation: boolean;
  weak: boolean;
  strong: boolean;
  confidence: number;
}

/** A mention before it becomes a Hit. */
interface Cand {
  start: number;
  end: number;
  tokFrom: number;
  tokTo: number;
  entry: number;
  tactics: number;
  dist: number;
  /** A one-word name found only through a misspelling: needs a stronger signal nearby. */
  weakFuzzy: boolean;
  /** Set for the hit that stands for a whole hashtag. */
  hashtagTerm?: string;
  /** An abbreviated genus chosen among several candidates without the text naming it. */
  guess?: boolean;
}

/** Creates a matcher over a loaded lexicon. Build once, reuse for every text. */
export function createMatcher(lexicon: CompiledLexicon, options: MatcherOptions = {}): Matcher {
  return new LexiconMatcher(lexicon, options);
}

class LexiconMatcher implements Matcher {
  readonly lexicon: CompiledLexicon;
  private readonly evasions: boolean;
  private readonly minConfidence: number;
  private readonly contextChars: number;
  private tokens: Tokens = createTokens(4096);
  private fuzzy?: FuzzyIndex;
  /** First words of longer names ("clelia" of "Clelia clelia"), for names with every word misspelled. */
  private firstFuzzy?: FuzzyIndex;
  private splitter?: HashtagSplitter;
  private epithetGenera?: Map<number, number[]>;
  private covered = new Uint8Array(4096);
  /**
   * Exact matching only: the bit-set of the words that begin a name (CompiledLexicon.startBits).
   * The tokenizer lists only those; words that only continue names ("the", "of", epithets) are
   * looked up when a name reaches them. Evasions need every word's id, so they use wordBits.
   */
  private startBits?: Int32Array;
  private readonly fuzzyWords = new Int32Array(8);
  private readonly fuzzyDist = new Int32Array(8);
  private decodeBuf = new Uint16Array(64);
  /** Children of each trie node (CSR): the words that may follow, for misspelled binomial parts. */
  private childStart?: Uint32Array;
  /** Length of each lexicon word (capped at 255), for a cheap first test of neighbour readings. */
  private wordLen?: Uint8Array;
  private childWord?: Int32Array;
  private firstStart?: Int32Array;
  private firstWord?: Int32Array;
  private owner = new Int32Array(4096);
  /**
   * Words already known to have no misspelling candidate, kept across texts (pages share most of
   * their vocabulary). Direct-mapped on the word's hash and length: a collision can only hide a
   * misspelling of a word whose 32-bit key equals a cached one.
   */
  private readonly noCandidates = new Int32Array(1 << 17);
  /** Long neighbour lists found to hold no reading of a word (see scanNeighbours), kept like noCandidates but apart: word pairs are many more than words. */
  private readonly neighbourCache = new Int32Array(1 << 17);
  private readonly ends = new Int32Array(16);
  private readonly details = new Map<number, EntryDetails>();
  private readonly contextHashes = new Map<ReadonlySet<string>, ContextHashes>();
  private readonly nodes = new Int32Array(16);

  constructor(lexicon: CompiledLexicon, options: MatcherOptions) {
    this.lexicon = lexicon;
    this.evasions = options.evasions ?? true;
    this.minConfidence = options.minConfidence ?? 0;
    this.contextChars = options.contextChars ?? 200;
    if (!this.evasions) this.startBits = lexicon.startBits;
    // The misspelling index is built here, once per matcher, not per page.
    if (this.evasions) {
      // Words missing from the lexicon are compared with one-word names only; parts of longer
      // names are repaired next to their exact neighbour (binomialNeighbours), which is cheaper
      // and far less prone to chance matches on everyday words.
      this.fuzzy = new FuzzyIndex(lexicon, (w) => this.isOneWordName(w));
      this.firstFuzzy = new FuzzyIndex(lexicon, (w) => lexicon.nodeHasChildren[w] === 1 && !this.isOneWordName(w));
      this.splitter = new HashtagSplitter(lexicon);
      const wordLen = new Uint8Array(lexicon.wordCount);
      for (let w = 0; w < lexicon.wordCount; w++) wordLen[w] = Math.min(255, lexicon.wordStart[w + 1] - lexicon.wordStart[w]);
      this.wordLen = wordLen;
      // The lexicon keeps each node's child edges together: its edges are the children list.
      const parent = lexicon.edgeParent;
      this.childStart = lexicon.edgeStart;
      this.childWord = lexicon.edgeWord;
      // Second word of a two-word name -> the first words it follows ("python" <- "ball", "royal").
      const nWords = lexicon.wordCount;
      const pstart = new Int32Array(nWords + 1);
      for (let e = 0; e < parent.length; e++) if (parent[e] < nWords) pstart[lexicon.edgeWord[e] + 1]++;
      for (let w = 0; w < nWords; w++) pstart[w + 1] += pstart[w];
      const pfill = pstart.slice(0, nWords);
      const firsts = new Int32Array(pstart[nWords]);
      for (let e = 0; e < parent.length; e++) if (parent[e] < nWords) firsts[pfill[lexicon.edgeWord[e]]++] = parent[e];
      this.firstStart = pstart;
      this.firstWord = firsts;
    }
  }

  clearCache(): void {
    this.noCandidates.fill(0);
    this.neighbourCache.fill(0);
  }

  match(text: string): Hit[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const lex = this.lexicon;
    const t = tokenize(text, this.tokens, this.startBits ?? lex.wordBits);
    this.tokens = t;
    const n = t.count;
    if (this.covered.length < n) this.covered = new Uint8Array(n * 2);
    const covered = this.covered;
    covered.fill(0, 0, n);
    const { flags, word } = t;
    // Only the tokens whose hash bit is set in the bit-set can be names (and runs of no-space
    // scripts): the tokenizer listed them, every other word is -1 (or, with startBits, unknown
    // until a name needs it as its next word).
    const probe = t.probe;
    const probeCount = t.probeCount;

    // 1. Look every such word up once; plurals ("pythons", "scales") fall back to the singular.
    for (let p = 0; p < probeCount; p++) {
      const k = probe[p];
      if (!(flags[k] & F_CJK)) word[k] = this.lookupToken(t, k);
    }

    // 2. Exact names, leftmost-longest.
    const cands: Cand[] = [];
    let after = -1;
    for (let p = 0; p < probeCount; p++) {
      const k = probe[p];
      if (k <= after) continue;
      if (flags[k] & F_CJK) {
        this.matchCjk(text, t, k, cands);
        continue;
      }
      const w = word[k];
      if (w < 0) continue;
      const end = this.longestFrom(text, t, k, w, cands);
      if (end >= 0) after = end;
    }

    // 3. Evasions, only around words the lexicon does not know.
    if (this.evasions) this.matchEvasions(text, t, cands);

    const live: Cand[] = [];
    for (const c of cands) if (c.entry >= 0) live.push(c);
    // Exact names come in text order; only evasions and hashtags add hits out of it.
    if (!inOrder(live)) live.sort(byPosition);
    return this.finish(text, t, live);
  }

  /** Word id of token k, or of its singular ("pythons", "boxes"), or -1. */
  private lookupToken(t: Tokens, k: number): number {
    const lex = this.lexicon;
    const { chars, hash, len } = t;
    const off = t.charStart[k];
    const l = len[k];
    let w = lex.lookupWord(hash[k], chars, off, l);
    if (w < 0 && l >= 4 && chars[off + l - 1] === 0x73) {
      // The hash without the final "s", undone with the inverse of the multiplier.
      const h1 = Math.imul(hash[k] - 0x73, HASH_INVERSE);
      w = lex.lookupWord(h1, chars, off, l - 1);
      if (w < 0 && l >= 5 && takesEs(chars, off, l)) w = lex.lookupWord(Math.imul(h1 - 0x65, HASH_INVERSE), chars, off, l - 2);
    }
    return w;
  }

  /** A word of six letters or more that is a whole name or product term by itself (not a cue, negation or exclusion). */
  private isOneWordName(w: number): boolean {
    const lex = this.lexicon;
    // Five-letter names sit one edit from too many everyday words ("whole" -> "dhole").
    if (lex.wordStart[w + 1] - lex.wordStart[w] < 6) return false;
    for (let e = lex.nodeEntryStart[w]; e < lex.nodeEntryStart[w + 1]; e++) {
      const kind = lex.entryKind[e];
      if (kind === EK_EXCLUDED) return false;
      if (kind < EK_TERM || kind === EK_TERM || kind === EK_TERM + 6) return !(lex.entryFlags[e] & EF_WEAK);
    }
    return false;
  }

  private hasEntries(node: number): boolean {
    return this.lexicon.nodeEntryStart[node + 1] > this.lexicon.nodeEntryStart[node];
  }

  /**
   * Follows the trie from token k (word w) over known words; emits the longest acceptable name.
   * Returns the last token of the emitted name, or -1.
   */
  private longestFrom(text: string, t: Tokens, k: number, w: number, cands: Cand[]): number {
    const lex = this.lexicon;
    const hasChildren = lex.nodeHasChildren;
    const entryStart = lex.nodeEntryStart;
    if (!hasChildren[w]) return entryStart[w + 1] > entryStart[w] && this.accept(text, t, k, k, w, 0, 0, cands) ? k : -1;
    const { flags, word } = t;
    const ends = this.ends;
    const nodes = this.nodes;
    let found = 0;
    let node = w;
    let j = k;
    if (entryStart[node + 1] > entryStart[node]) {
      ends[0] = k;
      nodes[0] = node;
      found = 1;
    }
    while (hasChildren[node] && j + 1 < t.count && found < 16) {
      const nk = j + 1;
      if (flags[nk] & (F_HARD_GAP | F_CJK)) break;
      let wn = word[nk];
      // With startBits the words that only continue names were not looked up yet.
      if (wn < 0 && this.startBits && flags[nk] & F_LETTER) wn = word[nk] = this.lookupToken(t, nk);
      if (wn < 0) break;
      let c = lex.child(node, wn);
      // "ball pythons": the plural is a word of its own ("Pythons"), the name wants the singular.
      if (c < 0) c = this.childBySingular(t, node, nk);
      if (c < 0) break;
      node = c;
      j = nk;
      if (entryStart[node + 1] > entryStart[node]) {
        ends[found] = j;
        nodes[found] = node;
        found++;
      }
    }
    for (let i = found - 1; i >= 0; i--) {
      if (this.accept(text, t, k, ends[i], nodes[i], 0, 0, cands)) return ends[i];
    }
    return -1;
  }

  /** The child of `node` reached by the singular of token k when k ends in "s" or "es", or -1. */
  private childBySingular(t: Tokens, node: number, k: number): number {
    const l = t.len[k];
    const off = t.charStart[k];
    if (l < 4 || t.chars[off + l - 1] !== 0x73) return -1;
    const lex = this.lexicon;
    const h1 = Math.imul(t.hash[k] - 0x73, HASH_INVERSE);
    let w = lex.lookupWord(h1, t.chars, off, l - 1);
    if (w >= 0) {
      const c = lex.child(node, w);
      if (c >= 0) return c;
    }
    if (l < 5 || !takesEs(t.chars, off, l)) return -1;
    w = lex.lookupWord(Math.imul(h1 - 0x65, HASH_INVERSE), t.chars, off, l - 2);
    return w >= 0 ? lex.child(node, w) : -1;
  }

  /** Picks the entry a span stands for and records it. False when no entry fits (case rules). */
  private accept(text: string, t: Tokens, from: number, to: number, node: number, tactics: number, dist: number, cands: Cand[], weakFuzzy = false): boolean {
    const lex = this.lexicon;
    if (tactics & T_MISSPELLING && this.plainEnglish(t, from, to, node)) return false;
    // A one-word name misspelled at its first letter is mostly another word ("anilla", Spanish for
    // a ring, is not Vanilla): people rarely get the first letter wrong, and nothing else vouches for it.
    if (tactics === T_MISSPELLING && from === to && node < lex.wordCount && t.chars[t.charStart[from]] !== lex.wordChars[lex.wordStart[node]]) return false;
    const start = t.start[from];
    const end = t.end[to];
    const e0 = lex.nodeEntryStart[node];
    const e1 = lex.nodeEntryStart[node + 1];
    for (let e = e0; e < e1; e++) {
      const ef = lex.entryFlags[e];
      // The spelling comes from entryDetails' cache: rebuilding it each time cost more than the rest of the lookup.
      if (ef & EF_CASE_SENSITIVE && (tactics !== 0 || text.slice(start, end) !== this.entryDetails(e).term)) continue;
      if (ef & EF_CAPITALIZED && !(t.flags[from] & F_UPPER_FIRST) && !(tactics & T_ABBREVIATED)) continue;
      for (let k = from; k <= to; k++) {
        this.covered[k] = 1;
        if (t.flags[k] & F_ZERO_WIDTH) tactics |= T_SPLIT;
      }
      // A name the annotation excludes (Aloe vera) is matched only so that its parts are not.
      if (lex.entryKind[e] === EK_EXCLUDED) return true;
      cands.push({ start, end, tokFrom: from, tokTo: to, entry: e, tactics, dist, weakFuzzy });
      return true;
    }
    return false;
  }

  /** Substring matching in runs of scripts without spaces (Chinese, Japanese, Thai). */
  private matchCjk(text: string, t: Tokens, k: number, cands: Cand[]): void {
    const lex = this.lexicon;
    const chars = t.chars;
    const off = t.charStart[k];
    const n = t.len[k];
    const direct = t.end[k] - t.start[k] === n;
    const maxLen = lex.maxCjkLength;
    for (let p = 0; p < n; p++) {
      const c0 = chars[off + p];
      if (!(lex.cjkFirst[c0 >> 3] & (1 << (c0 & 7)))) continue;
      let h = 0;
      let best = -1;
      let bestLen = 0;
      for (let l = 1; l <= maxLen && p + l <= n; l++) {
        h = (Math.imul(h, 131) + chars[off + p + l - 1]) | 0;
        const w = lex.lookupWord(h, chars, off + p, l);
        if (w >= 0 && this.hasEntries(w)) {
          best = w;
          bestLen = l;
        }
      }
      if (best < 0) continue;
      const e = lex.nodeEntryStart[best];
      if (lex.entryKind[e] !== EK_EXCLUDED) {
        const start = direct ? t.start[k] + p : this.cjkOffset(text, t.start[k], p);
        const end = direct ? start + bestLen : this.cjkOffset(text, t.start[k], p + bestLen);
        cands.push({ start, end, tokFrom: k, tokTo: k, entry: e, tactics: 0, dist: 0, weakFuzzy: false });
      }
      p += bestLen - 1;
    }
    this.covered[k] = 1;
  }

  /** Original offset of the i-th kept code unit of a CJK run that contains ignorable characters. */
  private cjkOffset(text: string, start: number, i: number): number {
    let pos = start;
    let kept = 0;
    while (kept < i && pos < text.length) {
      const c = text.charCodeAt(pos);
      if (!(c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff || c === 0x00ad || (c >= 0x300 && c <= 0x36f))) kept++;
      pos++;
    }
    return pos;
  }

  private matchEvasions(text: string, t: Tokens, cands: Cand[]): void {
    const n = t.count;
    const { flags, word, len, chars, charStart } = t;
    const covered = this.covered;
    const alts: Alt[] = [];
    // A misspelled one-word name is reported only next to a stronger signal, so its (costly)
    // search runs only near the confident names and clear sale cues the exact pass found.
    this.anchors = this.exactAnchors(cands);
    this.anchorAt = 0;

    this.initialCount = 0;
    for (let k = 0; k < n; k++) {
      const f = flags[k];
      if (covered[k] || f & F_CJK || !(f & F_LETTER)) continue;
      const l = len[k];
      const off = charStart[k];
      // Letters split by spaces, dots or dashes: "p a n g o l i n", "i.v.o.r.y".
      if (l === 1) {
        // Single capitals are the only possible abbreviated genera ("P. regius"): listed here.
        if (f & F_UPPER_FIRST) this.addInitial(k);
        const j = this.splitRunEnd(text, t, k);
        if (j >= k + 2) {
          for (let i = k + 1; i <= j; i++) if (flags[i] & F_UPPER_FIRST) this.addInitial(i);
          const total = charStart[j] + len[j] - off;
          const h = this.hashOf(chars, off, total);
          const w = this.lexicon.lookupWord(h, chars, off, total);
          if (w >= 0) {
            alts.push({ from: k, to: j, word: w, tactics: T_SPLIT, dist: 0 });
            this.repairAfter(t, j + 1, w, total, alts);
          } else this.addFuzzy(t, alts, k, j, off, total, h, T_SPLIT);
          k = j;
        }
        continue;
      }
      if (word[k] >= 0) {
        // A lexicon word in its own right ("pyton" is Polish) may still be a misspelled part of a binomial.
        if (l >= 5 && f & F_LATIN) {
          this.binomialNeighbours(t, k, alts);
          if (this.nearAnchor(t.start[k], t.end[k]) && !this.isCommonEnglish(t, k)) this.misspelledName(t, k, alts);
        }
        continue;
      }
      if (f & F_HASHTAG && l >= 4) {
        const key = cacheKey(t.hash[k], l, TAG_HASHTAG);
        if (!this.knownEmpty(key)) {
          if (this.matchHashtag(text, t, k, cands)) continue;
          this.rememberEmpty(key);
        }
      }
      // Digits and symbols for letters: "p4ngolin", "1vory", "$hark". Version numbers and code
      // ("utf8", "es2015") repeat across pages: a token without a reading is remembered.
      if (f & F_LEET || (f & F_DIGIT && f & F_LETTER)) {
        const key = cacheKey(t.hash[k], l, TAG_LEET);
        if (!this.knownEmpty(key) && !this.matchLeet(t, k, alts)) this.rememberEmpty(key);
        continue;
      }
      // Look-alike letters from other scripts: "ivоry" with a Cyrillic "о".
      if (f & F_NON_LATIN) {
        const buf = this.scratch(l);
        let mapped = 0;
        let other = 0;
        for (let i = 0; i < l; i++) {
          const c = chars[off + i];
          const g = homoglyphOf(c);
          if (g) mapped++;
          else if (c > 0x24f) other++;
          buf[i] = g || c;
        }
        let w = -1;
        if (mapped > 0 && other === 0) {
          w = this.lexicon.lookupWord(this.hashOf(buf, 0, l), buf, 0, l);
          if (w >= 0) alts.push({ from: k, to: k, word: w, tactics: T_HOMOGLYPH, dist: 0 });
        }
        // A misspelling in Cyrillic, Greek, Arabic ... ("Муссурана" for "Мусурана").
        if (w < 0 && l >= 5) {
          if (this.nearAnchor(t.start[k], t.end[k])) this.addFuzzy(t, alts, k, k, off, l, t.hash[k], 0);
          this.binomialNeighbours(t, k, alts);
        }
        continue;
      }
      if (!(f & F_LATIN) || l < 4) continue;
      // A common English word ("manner") is not a misspelled name ("lanner").
      if (this.nearAnchor(t.start[k], t.end[k]) && !this.isCommonEnglish(t, k)) {
        this.addFuzzy(t, alts, k, k, off, l, t.hash[k], 0);
        this.misspelledName(t, k, alts);
      }
      this.binomialNeighbours(t, k, alts);
    }
    this.matchAbbreviations(text, t, cands);
    if (alts.length > 0) this.matchAlternatives(text, t, alts, cands);
  }

  /** Leetspeak readings of token k, exact or misspelled ("p4ngolin", "1vory"). False when it has none. */
  private matchLeet(t: Tokens, k: number, alts: Alt[]): boolean {
    const l = t.len[k];
    for (const oneAs of ONE_AS) {
      const decoded = this.decode(t.chars, t.charStart[k], l, oneAs);
      if (!decoded) return false;
      const w = this.lexicon.lookupWord(this.hashOf(decoded, 0, l), decoded, 0, l);
      if (w >= 0) {
        alts.push({ from: k, to: k, word: w, tactics: T_LEET, dist: 0 });
        this.repairAfter(t, k + 1, w, l, alts);
        return true;
      }
      if (oneAs === 0x6c || !decoded.includes(0x6c)) {
        const found = this.fuzzy!.candidates(decoded, 0, l, this.fuzzyWords, this.fuzzyDist);
        for (let i = 0; i < found; i++) alts.push({ from: k, to: k, word: this.fuzzyWords[i], tactics: T_LEET | T_MISSPELLING, dist: this.fuzzyDist[i] });
        if (found) return true;
      }
    }
    return false;
  }

  /** True when the search `key` (see cacheKey) is known to find nothing (in noCandidates, or `cache`). */
  private knownEmpty(key: number, cache = this.noCandidates): boolean {
    return cache[mix(key) & (cache.length - 1)] === key;
  }

  /** Remembers that the search `key` finds nothing, for this text and the next ones. */
  private rememberEmpty(key: number, cache = this.noCandidates): void {
    cache[mix(key) & (cache.length - 1)] = key;
  }

  /**
   * A misspelled part of a two-part name next to an exact part: "Geochelone elegance",
   * "Pyhton regius". Compares the word only with the words that can follow the previous word
   * (or precede the next one) in a name; the whole name's length sets the limit (2 edits from 9
   * letters), so a part of 5-8 letters may have 2 edits when the other part is exact.
   */
  private binomialNeighbours(t: Tokens, k: number, alts: Alt[]): void {
    const { word, len, flags } = t;
    // The names that the words just before k begin ("Underwood s" -> "spectacled"): walk up to
    // three exact words back. Short connecting words ("de", "st") are followed only when few
    // names continue from them; huge fan-outs would cost thousands of comparisons.
    const lex = this.lexicon;
    let mask: number | undefined;
    const hasChildren = lex.nodeHasChildren;
    // Every walk ends with word k - 1 and must not cross a break before k.
    const back = k > 0 && word[k - 1] >= 0 && !(flags[k] & F_HARD_GAP) ? Math.max(0, k - 3) : k;
    for (let s = back; s < k; s++) {
      let node = word[s];
      if (node < 0) continue;
      for (let i = s + 1; i < k; i++) {
        // A node without children has no child (checked first: a byte read, not a hash probe).
        if (word[i] < 0 || flags[i] & F_HARD_GAP || !hasChildren[node]) {
          node = -1;
          break;
        }
        node = lex.child(node, word[i]);
        if (node < 0) break;
      }
      if (node < 0) continue;
      const from = this.childStart![node];
      const to = this.childStart![node + 1];
      const fanOut = to - from;
      if (fanOut === 0 || fanOut > (len[k - 1] >= 4 || s < k - 1 ? 3000 : 50)) continue;
      mask ??= charMask(t.chars, t.charStart[k], len[k]);
      this.scanNeighbours(t, k, this.childWord!, from, to, node * 2, len[k - 1], mask, alts);
    }
    const next = k + 1;
    // "Lecepede's Ground Snake": the possessive "s" is a word of the name too.
    const possessive = len[next] === 1 && t.chars[t.charStart[next]] === 0x73;
    if (next < t.count && word[next] >= 0 && (len[next] >= 4 || possessive) && !(flags[next] & F_HARD_GAP)) {
      const q = word[next];
      const from = this.firstStart![q];
      const to = this.firstStart![q + 1];
      if (to - from <= (possessive ? 5000 : 1000)) {
        mask ??= charMask(t.chars, t.charStart[k], len[k]);
        this.scanNeighbours(t, k, this.firstWord!, from, to, q * 2 + 1, len[next], mask, alts);
      }
    }
  }

  /** Anchors of the text being matched (see exactAnchors) and the first one not yet passed. */
  private anchors: number[] = [];
  private anchorAt = 0;

  /** True when [start, end) lies within contextChars of an anchor; calls must come in text order. */
  private nearAnchor(start: number, end: number): boolean {
    const anchors = this.anchors;
    while (this.anchorAt < anchors.length && anchors[this.anchorAt + 1] < start - this.contextChars) this.anchorAt += 2;
    return this.anchorAt < anchors.length && anchors[this.anchorAt] <= end + this.contextChars;
  }

  /** Misspelled readings of chars[off, off+l) (tokens from..to) as one-word names; cached when there are none. */
  private addFuzzy(t: Tokens, alts: Alt[], from: number, to: number, off: number, l: number, h: number, tactics: number): void {
    const key = cacheKey(h, l, TAG_FUZZY);
    if (this.knownEmpty(key)) return;
    const found = this.fuzzy!.candidates(t.chars, off, l, this.fuzzyWords, this.fuzzyDist);
    if (found === 0) this.rememberEmpty(key);
    for (let i = 0; i < found; i++) {
      const w = this.fuzzyWords[i];
      alts.push({ from, to, word: w, tactics: tactics | T_MISSPELLING, dist: this.fuzzyDist[i] });
      // A misspelled genus may start a binomial whose epithet is misspelled too ("Astrochelis radiatta").
      if (this.lexicon.nodeHasChildren[w]) this.repairChain(t, to + 1, w, l, alts, 3);
    }
  }

  /**
   * Start and end offsets (flattened, in text order) of the exact pass's confident names and
   * clear sale or contact cues: the company a weak hit needs.
   */
  private exactAnchors(cands: Cand[]): number[] {
    const lex = this.lexicon;
    const out: number[] = [];
    for (const c of cands) {
      const kind = lex.entryKind[c.entry];
      const ef = lex.entryFlags[c.entry];
      if (ef & EF_WEAK) continue;
      const termKind = lex.termKindOf(kind);
      if (termKind === undefined || termKind === 'product' || termKind === 'agency' || termKind === 'sale-cue' || termKind === 'contact-cue') out.push(c.start, c.end);
    }
    return out;
  }

  /** A misspelled word right after a disguised one ("p a n g o l i n scals"): compare with the words that follow it in names. */
  private repairAfter(t: Tokens, k: number, node: number, prevLen: number, alts: Alt[]): void {
    if (k >= t.count || t.word[k] >= 0 || t.len[k] < 4 || t.flags[k] & (F_HARD_GAP | F_CJK) || !(t.flags[k] & F_LATIN)) return;
    const from = this.childStart![node];
    const to = this.childStart![node + 1];
    if (to - from > 3000) return;
    const mask = charMask(t.chars, t.charStart[k], t.len[k]);
    for (let i = from; i < to; i++) this.considerNeighbour(t, k, this.childWord![i], prevLen, mask, alts);
  }

  /**
   * A name with every word misspelled ("Cloelia cloelia cloelia", "Antillen Ameive"): token k
   * is compared with the first words of longer names, and each candidate's following words with
   * the next tokens. The readings go to the trie walk, which keeps only whole names.
   */
  private misspelledName(t: Tokens, k: number, alts: Alt[]): void {
    const next = k + 1;
    if (next >= t.count || t.flags[next] & (F_HARD_GAP | F_CJK) || !(t.flags[next] & F_LATIN) || t.len[next] < 4) return;
    const l = t.len[k];
    // Words already known to start no misspelled name are cached like those of addFuzzy.
    const key = cacheKey(t.hash[k], l, TAG_FIRST_WORDS);
    if (this.knownEmpty(key)) return;
    const found = this.firstFuzzy!.candidates(t.chars, t.charStart[k], l, this.fuzzyWords, this.fuzzyDist);
    let kept = 0;
    for (let i = 0; i < found; i++) {
      const w = this.fuzzyWords[i];
      const d = this.fuzzyDist[i];
      if (this.repairChain(t, next, w, l, alts, 3)) {
        alts.push({ from: k, to: k, word: w, tactics: T_MISSPELLING, dist: d });
        kept++;
      }
    }
    if (kept === 0) this.rememberEmpty(key);
  }

  /**
   * Readings of token k (and the ones after it, up to `depth`) as the words that follow `node` in
   * names, exact or misspelled. True when token k can continue the name.
   */
  private repairChain(t: Tokens, k: number, node: number, prevLen: number, alts: Alt[], depth: number): boolean {
    const lex = this.lexicon;
    if (k >= t.count || !lex.nodeHasChildren[node] || t.flags[k] & (F_HARD_GAP | F_CJK) || !(t.flags[k] & F_LETTER)) return false;
    const from = this.childStart![node];
    const to = this.childStart![node + 1];
    if (to - from > 3000) return false;
    const l = t.len[k];
    const mask = charMask(t.chars, t.charStart[k], l);
    let any = false;
    for (let i = from; i < to; i++) {
      const w = this.childWord![i];
      const ok = t.word[k] === w || this.considerNeighbour(t, k, w, prevLen, mask, alts) || alts.some((a) => a.from === k && a.word === w);
      if (!ok) continue;
      any = true;
      if (depth > 1) this.repairChain(t, k + 1, lex.child(node, w), l, alts, depth - 1);
    }
    return any;
  }

  /**
   * Compares token k with the words list[from, to) that may stand next to its neighbour (see
   * binomialNeighbours; `other` is the neighbour's length). Pages repeat their word pairs
   * ("elephant ivory", "ivory bangle"): a long list that holds no word within reach of the token
   * is remembered, per list (listKey) and neighbour length, in neighbourCache.
   */
  private scanNeighbours(t: Tokens, k: number, list: Int32Array, from: number, to: number, listKey: number, other: number, mask: number, alts: Alt[]): void {
    const cached = to - from >= NEIGHBOUR_CACHE_MIN_LIST;
    const key = cached ? cacheKey(t.hash[k] ^ Math.imul(listKey, 0x27d4eb2f) ^ Math.imul(other, 0x165667b1), t.len[k], TAG_NEIGHBOURS) : 0;
    if (cached && this.knownEmpty(key, this.neighbourCache)) return;
    let within = false;
    for (let i = from; i < to; i++) if (this.considerNeighbour(t, k, list[i], other, mask, alts)) within = true;
    if (cached && !within) this.rememberEmpty(key, this.neighbourCache);
  }

  /**
   * Adds word w as a misspelled reading of token k when close enough (see binomialNeighbours).
   * True when w is within reach: a reading of k now, added by this call or an earlier one.
   */
  private considerNeighbour(t: Tokens, k: number, w: number, other: number, mask: number, alts: Alt[]): boolean {
    const l = t.len[k];
    // At most 2 edits: a word whose length differs by more is ruled out by one byte read.
    const gap = this.wordLen![w] - l;
    if (gap > 2 || gap < -2) return false;
    const lex = this.lexicon;
    const s = lex.wordStart[w];
    const wl = lex.wordStart[w + 1] - s;
    const max = wl >= 9 || (wl >= 6 && l >= 6 && wl + other >= 12) ? 2 : wl >= 4 ? 1 : 0;
    if (max === 0 || Math.abs(wl - l) > max || !masksWithin(mask, this.fuzzy!.wordMask[w], max)) return false;
    const d = osaDistance(t.chars, t.charStart[k], l, lex.wordChars, s, wl, max);
    if (d === 0 || d > max) return false;
    for (const a of alts) if (a.from === k && a.word === w) return true;
    alts.push({ from: k, to: k, word: w, tactics: T_MISSPELLING, dist: d });
    return true;
  }

  /** Single capital letters of the current text, in order (see matchAbbreviations). */
  private initials = new Int32Array(64);
  private initialCount = 0;

  private addInitial(k: number): void {
    if (this.initialCount === this.initials.length) {
      const grown = new Int32Array(this.initials.length * 2);
      grown.set(this.initials);
      this.initials = grown;
    }
    this.initials[this.initialCount++] = k;
  }

  private scratch(l: number): Uint16Array {
    if (this.decodeBuf.length < l) this.decodeBuf = new Uint16Array(l * 2);
    return this.decodeBuf;
  }

  private hashOf(buf: Uint16Array, off: number, l: number): number {
    return hashCodes(buf, off, off + l);
  }

  /** Leetspeak decoding of a token into a fresh buffer, or null when nothing was decoded. */
  private decode(chars: Uint16Array, off: number, l: number, oneAs: number): Uint16Array | null {
    // Version numbers and codes ("v2", "utf8", "2024") are not words in disguise: letters must dominate.
    let digits = 0;
    for (let i = 0; i < l; i++) if (chars[off + i] >= 0x30 && chars[off + i] <= 0x39) digits++;
    if (l < 4 || digits * 2 > l) return null;
    const out = new Uint16Array(l);
    let changed = false;
    let letters = 0;
    for (let i = 0; i < l; i++) {
      const c = chars[off + i];
      if (c === 0x31) {
        out[i] = oneAs;
        changed = true;
        continue;
      }
      const m = c < 128 ? LEET_CODES[c] : 0;
      if (m !== 0) {
        out[i] = m;
        changed = true;
      } else {
        out[i] = c;
        if ((c >= 97 && c <= 122) || c > 0xbf) letters++;
      }
    }
    return changed && letters >= 1 ? out : null;
  }

  /** Last token of a run of single letters separated by one or two spaces, dots, dashes or stars. */
  private splitRunEnd(text: string, t: Tokens, k: number): number {
    let j = k;
    while (j + 1 < t.count && t.len[j + 1] === 1 && t.flags[j + 1] & F_LETTER && !(t.flags[j + 1] & F_CJK)) {
      const gapStart = t.end[j];
      const gapEnd = t.start[j + 1];
      if (gapEnd - gapStart > 2) break;
      let ok = true;
      for (let p = gapStart; p < gapEnd; p++) {
        const c = text.charCodeAt(p);
        if (!(c === 0x20 || c === 0x2e || c === 0x2d || c === 0x5f || c === 0x2a || c === 0xb7 || c === 0xa0 || c === 0x2022)) ok = false;
      }
      if (!ok) break;
      j++;
    }
    return j;
  }

  /** "P. regius": a capital and a dot, then an epithet that follows a genus with that initial. */
  private matchAbbreviations(text: string, t: Tokens, cands: Cand[]): void {
    const lex = this.lexicon;
    const { flags, word, len } = t;
    let genera: Map<number, number[]> | undefined;
    let present: Set<number> | undefined;
    // Only the single capitals the evasion pass listed (every other token fails the first test).
    const initials = this.initials;
    let after = -1;
    for (let i = 0; i < this.initialCount; i++) {
      const k = initials[i];
      if (k <= after || k + 1 >= t.count) continue;
      if (len[k] !== 1 || !(flags[k] & F_UPPER_FIRST) || this.covered[k + 1] || this.covered[k]) continue;
      if (text.charCodeAt(t.end[k]) !== 0x2e) continue;
      const ep = word[k + 1];
      if (ep < 0 || flags[k + 1] & F_UPPER_FIRST) continue;
      genera ??= this.epithetIndex();
      const options = genera.get(ep);
      if (!options) continue;
      const initial = t.chars[t.charStart[k]];
      let matches = options.filter((g) => lex.wordChars[lex.wordStart[g]] === initial);
      // Accepted names before synonyms, then a genus written out in the text, then animals
      // (abbreviated binomials in trade are mostly reptiles, birds and mammals).
      const accepted = matches.filter((g) => lex.entryKind[lex.nodeEntryStart[lex.child(g, ep)]] === EK_SCIENTIFIC);
      if (accepted.length > 0) matches = accepted;
      let guessed = false;
      if (matches.length > 1) {
        if (!present) {
          present = new Set<number>();
          for (let x = 0; x < t.count; x++) if (word[x] >= 0) present.add(word[x]);
        }
        const written = matches.filter((g) => present!.has(g));
        if (written.length > 0) matches = written;
        else {
          matches = matches.filter((g) => lex.taxonKingdom(lex.entryRef[lex.nodeEntryStart[lex.child(g, ep)]]) === 'Animalia');
          guessed = true;
        }
      }
      if (matches.length !== 1) continue;
      const node = lex.child(matches[0], ep);
      if (node >= 0 && this.accept(text, t, k, k + 1, node, T_ABBREVIATED, 0, cands)) {
        // A guess among several genera is reported with less confidence.
        if (guessed) cands[cands.length - 1].guess = true;
        after = k + 1;
      }
    }
  }

  /** Epithet word -> genus words that precede it in a scientific name. Built on first use. */
  private epithetIndex(): Map<number, number[]> {
    if (this.epithetGenera) return this.epithetGenera;
    const lex = this.lexicon;
    const map = new Map<number, number[]>();
    const nWords = lex.wordCount;
    for (let e = 0; e < lex.edgeParent.length; e++) {
      const parent = lex.edgeParent[e];
      if (parent >= nWords) continue;
      const node = nWords + e;
      const e0 = lex.nodeEntryStart[node];
      const e1 = lex.nodeEntryStart[node + 1];
      let scientific = false;
      for (let x = e0; x < e1; x++) {
        const kind = lex.entryKind[x];
        if (kind === EK_SCIENTIFIC || kind === EK_SYNONYM || kind === EK_EXTRA_SYNONYM) scientific = true;
      }
      if (!scientific) continue;
      const ep = lex.edgeWord[e];
      const list = map.get(ep);
      if (list) {
        if (!list.includes(parent)) list.push(parent);
      } else map.set(ep, [parent]);
    }
    this.epithetGenera = map;
    return map;
  }

  /**
   * Names through spans that have an evasive reading: tries starts up to three words before each
   * such span and walks the trie over exact words and alternatives (at most one misspelled word
   * per name, two in names of three words or more). A longer evasive name replaces the shorter
   * exact names it contains ("Manis" inside "Manis javnica").
   */
  private matchAlternatives(text: string, t: Tokens, alts: Alt[], cands: Cand[]): void {
    const n = t.count;
    if (this.owner.length < n) this.owner = new Int32Array(n * 2);
    const owner = this.owner;
    owner.fill(-1, 0, n);
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      for (let k = c.tokFrom; k <= c.tokTo; k++) owner[k] = i;
    }
    const byFrom = new Map<number, Alt[]>();
    for (const a of alts) {
      const list = byFrom.get(a.from);
      if (list) list.push(a);
      else byFrom.set(a.from, [a]);
    }
    const w: AltWalk = { t, cands, byFrom, s: 0, best: undefined };
    const starts = new Set<number>();
    for (const a of alts) for (let s = Math.max(0, a.from - 3); s <= a.from; s++) starts.add(s);
    const sorted = [...starts].sort(ascending);
    let blockedUntil = -1;
    for (const s of sorted) {
      w.s = s;
      w.best = undefined;
      if (s <= blockedUntil || !this.enterable(w, s) || t.flags[s] & F_CJK) continue;
      for (const r of this.readings(w, s)) this.walk(w, r.to, r.word, r.tactics, r.dist, 1, r.tactics & T_MISSPELLING ? 1 : 0);
      const b = w.best as AltBest | undefined;
      if (!b) continue;
      // Exact names inside the span give way; one reaching past its end keeps it.
      const replaced = new Set<number>();
      let blocked = false;
      for (let k = s; k <= b.to; k++) {
        const o = owner[k];
        if (o < 0) continue;
        if (cands[o].tokTo > b.to || (cands[o].tokFrom === s && cands[o].tokTo === b.to)) blocked = true;
        replaced.add(o);
      }
      if (blocked) continue;
      for (const o of replaced) for (let k = cands[o].tokFrom; k <= cands[o].tokTo; k++) this.covered[k] = 0;
      // A misspelled one-word name, or a name with every word misspelled, is too easy to hit by
      // chance: it needs a stronger signal nearby.
      const weak = (b.tactics & T_MISSPELLING) !== 0 && (b.words === 1 || b.misspelled === b.words);
      if (this.accept(text, t, s, b.to, b.node, b.tactics, b.dist, cands, weak)) {
        for (const o of replaced) cands[o].entry = -1;
        blockedUntil = b.to;
      } else {
        for (const o of replaced) for (let k = cands[o].tokFrom; k <= cands[o].tokTo; k++) this.covered[k] = 1;
      }
    }
  }

  /** The readings of token k: its own word, then its evasive readings. */
  private readings(w: AltWalk, k: number): Alt[] {
    const out = w.byFrom.get(k)?.slice() ?? [];
    if (w.t.word[k] >= 0) out.unshift({ from: k, to: k, word: w.t.word[k], tactics: 0, dist: 0 });
    return out;
  }

  /**
   * Only whole exact names may be taken over, never a piece of one: a walk from s may enter a
   * token of an exact name only when that name starts at or after s.
   */
  private enterable(w: AltWalk, k: number): boolean {
    const o = this.owner[k];
    return o < 0 ? !this.covered[k] : w.cands[o].tokFrom >= w.s;
  }

  /** Follows the trie from node (reached at token k) over every reading of the next tokens; keeps the longest evasive name. */
  private walk(w: AltWalk, k: number, node: number, tactics: number, dist: number, words: number, misspelled: number): void {
    const lex = this.lexicon;
    const best = w.best;
    if (tactics !== 0 && this.hasEntries(node) && (!best || k > best.to || (k === best.to && dist < best.dist))) {
      w.best = { to: k, node, tactics, dist, words, misspelled };
    }
    const next = k + 1;
    if (next >= w.t.count || !lex.nodeHasChildren[node] || !this.enterable(w, next) || w.t.flags[next] & (F_HARD_GAP | F_CJK)) return;
    for (const r of this.readings(w, next)) {
      const c = lex.child(node, r.word);
      if (c < 0) continue;
      // Every word may be misspelled, each within its own limit (misspelledName proposes those).
      this.walk(w, r.to, c, tactics | r.tactics, dist + r.dist, words + 1, misspelled + (r.tactics & T_MISSPELLING ? 1 : 0));
    }
  }

  /** "#ivoryforsale", "#BallPythonsForSale": split into words, match them, report the tag. */
  private matchHashtag(text: string, t: Tokens, k: number, cands: Cand[]): boolean {
    const lex = this.lexicon;
    const off = t.charStart[k];
    const l = t.len[k];
    const start = t.start[k];
    // Offsets map one to one only when the tag holds no ignorable characters.
    if (t.end[k] - start !== l) return false;
    const capitals: number[] = [];
    if (t.flags[k] & F_INNER_UPPER) {
      for (let i = 1; i < l; i++) {
        const c = text.charCodeAt(start + i);
        const p = text.charCodeAt(start + i - 1);
        if (c >= 65 && c <= 90 && !(p >= 65 && p <= 90)) capitals.push(i);
      }
    }
    const pieces = this.splitter!.split(t.chars, off, l, capitals);
    if (!pieces) return false;
    const inner: Cand[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const firstReadings = [pieces[i].word, pieces[i].singular].filter((w, x, all) => w >= 0 && all.indexOf(w) === x);
      let bestJ = -1;
      let bestNode = -1;
      for (const first of firstReadings) {
        let node = first;
        if (this.hasEntries(node) && bestJ < i) {
          bestJ = i;
          bestNode = node;
        }
        for (let j = i + 1; j < pieces.length && lex.nodeHasChildren[node]; j++) {
          let c = pieces[j].word >= 0 ? lex.child(node, pieces[j].word) : -1;
          if (c < 0 && pieces[j].singular >= 0) c = lex.child(node, pieces[j].singular);
          if (c < 0) break;
          node = c;
          if (this.hasEntries(node) && j > bestJ) {
            bestJ = j;
            bestNode = node;
          }
        }
      }
      if (bestJ < 0) continue;
      const e = this.firstEntry(bestNode);
      if (e < 0) continue;
      inner.push({ start: start + pieces[i].from, end: start + pieces[bestJ].to, tokFrom: k, tokTo: k, entry: e, tactics: T_HASHTAG, dist: 0, weakFuzzy: false });
      i = bestJ;
    }
    if (inner.length === 0) return false;
    // The tag's own hit carries its strongest part: a species or product before a cue.
    const rank = (c: Cand) => {
      const kind = lex.entryKind[c.entry];
      return kind < EK_TERM ? 0 : kind === EK_TERM ? 1 : kind === EK_TERM + 1 ? 3 : 2;
    };
    const main = inner.slice().sort((a, b) => rank(a) - rank(b))[0];
    const hashStart = start > 0 && text.charCodeAt(start - 1) === 0x23 ? start - 1 : start;
    // Written out, not spread: a spread copy of a Cand is a slow object of another shape.
    cands.push({
      start: hashStart, end: t.end[k], tokFrom: main.tokFrom, tokTo: main.tokTo, entry: main.entry, tactics: main.tactics, dist: main.dist,
      weakFuzzy: main.weakFuzzy, hashtagTerm: text.slice(hashStart, t.end[k]),
    });
    for (const c of inner) cands.push(c);
    this.covered[k] = 1;
    return true;
  }

  /** The first entry of a node that is not an exclusion, or -1. */
  private firstEntry(node: number): number {
    const lex = this.lexicon;
    for (let e = lex.nodeEntryStart[node]; e < lex.nodeEntryStart[node + 1]; e++) {
      if (lex.entryKind[e] !== EK_EXCLUDED && !(lex.entryFlags[e] & EF_CASE_SENSITIVE)) return e;
    }
    return -1;
  }

  /** Turns candidates into hits: confidence from kind, evasion and context; weak terms need company. */
  private finish(text: string, t: Tokens, found: Cand[]): Hit[] {
    const lex = this.lexicon;
    // A name in another language written like a common English word needs company in its language.
    const cands = found.some((c) => this.inOtherLanguage(c) && this.isCommonEnglish(t, c.tokFrom)) ? found.filter((_, i) => !this.isEnglishLookalike(i, found, t)) : found;
    const info: CandInfo[] = new Array(cands.length);
    const negations: Cand[] = [];
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      const kind = lex.entryKind[c.entry];
      const ef = lex.entryFlags[c.entry];
      const termKind = lex.termKindOf(kind);
      const cue = termKind === 'sale-cue' || termKind === 'buy-cue' || termKind === 'contact-cue';
      const negation = termKind === 'negation';
      // Negations matter only next to what they negate, so they need company like weak terms.
      const weak = negation || (!cue && (c.weakFuzzy || (ef & EF_WEAK) !== 0 || termKind === 'code'));
      info[i] = { kind, ef, termKind, cue, negation, weak, strong: !cue && !weak, confidence: 0 };
      if (negation) negations.push(c);
    }
    // Confidence before company: kind of entry, evasion, traps, negations.
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      const x = info[i];
      let confidence = baseConfidence(x.kind, x.ef, x.termKind);
      if (c.tactics & T_MISSPELLING) confidence -= 0.1 * c.dist;
      if (c.tactics & T_ABBREVIATED) confidence = Math.min(confidence, c.guess ? 0.6 : 0.8);
      if (c.weakFuzzy) confidence = Math.min(confidence, 0.5);
      if (!x.negation && !x.cue) {
        // Trap words: "Python" next to "programming", "Jaguar" next to "XF".
        if (c.tokFrom === c.tokTo && !c.hashtagTerm && mayBeTrap(text, c.start, c.end)) {
          const trap = trapContext(foldString(text.slice(c.start, c.end)).replace(/[^a-z]/g, ''));
          if (trap && this.hasContext(t, c.tokFrom, trap)) confidence = TRAP_CONFIDENCE;
        }
        // Negations: "faux ivory", "ivory resin", "replica tiger claw". A depiction or toy word
        // ("figurine", "print", "plush") cancels an animal, not a material: an ivory figurine is ivory.
        for (const ng of negations) {
          const before = ng.tokTo < c.tokFrom && c.tokFrom - ng.tokTo <= NEGATION_REACH_TOKENS;
          const after = ng.tokFrom > c.tokTo && ng.tokFrom - c.tokTo <= 2;
          if (!before && !after) continue;
          const imitation = (this.entryDetails(ng.entry).refersTo ?? '').startsWith('imitation');
          if (imitation || x.kind < EK_TERM) confidence *= 0.3;
        }
      }
      x.confidence = confidence;
    }
    // Company for weak terms: a confident species or product mention, or a clear sale or contact
    // cue ("for sale", "WTS"; not "wanted" or "price").
    const strongAt: number[] = [];
    const cueAt: number[] = [];
    // Company for a one-word species name: a confident mention that is not one too, a clear cue,
    // or a word of the trade. A genus or one-word name with none of these near it is mostly
    // something else ("Python" the language, "Avahi" the network daemon, "Tiger" the hash): it
    // goes below the detection line, and keeps no weak term company.
    const beyondOneWordAt: number[] = [];
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      const x = info[i];
      if (x.strong && x.confidence >= 0.5 && !isOneWordSpecies(x, c)) beyondOneWordAt.push(c.start, c.end);
      else if (x.cue && x.termKind !== 'buy-cue' && !(x.ef & EF_WEAK)) cueAt.push(c.start, c.end);
    }
    const reach = this.contextChars;
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      const x = info[i];
      if (x.strong && isOneWordSpecies(x, c) && !nearSpan(c, beyondOneWordAt, reach) && !nearSpan(c, cueAt, reach) && !this.nearWildlifeWord(t, c.tokFrom)) {
        x.confidence = Math.min(x.confidence, ALONE_CONFIDENCE);
      }
      if (x.strong && x.confidence >= 0.5) strongAt.push(c.start, c.end);
    }
    const hits: Hit[] = [];
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      const { kind, termKind, cue, negation, weak } = info[i];
      let confidence = info[i].confidence;
      if (weak) {
        if (this.looksLikePersonName(c, kind, t)) continue;
        const everyday = this.isEveryday(kind, c, t);
        // A group name beside a part of the animal ("Crocodile skin") is company enough for itself.
        const strongNear = nearSpan(c, strongAt, reach) || (!everyday && this.besideAnimalPart(text, kind, c, t));
        // A derived singular ("Bear", "Monkey") beside a sale cue is as often a product ("teddy
        // bear for sale", "monkey bars for sale"): it needs a mention or an animal part.
        const cueEnough = !everyday && !(info[i].ef & EF_DERIVED);
        if (!strongNear && (!cueEnough || !nearSpan(c, cueAt, reach))) continue;
        if (everyday) confidence = Math.min(confidence, 0.5);
        // A code word next to a species or product is worth more than one next to a cue only.
        if (termKind === 'code') confidence = strongNear ? 0.6 : 0.5;
        else if (!negation && !strongNear) confidence = Math.min(confidence, 0.5);
      }
      confidence = Math.round(Math.max(0.01, Math.min(1, confidence)) * 100) / 100;
      if (confidence < this.minConfidence) continue;
      const e = c.entry;
      const matched = text.slice(c.start, c.end);
      const hitKind: HitKind = c.hashtagTerm ? 'hashtag' : kind < EK_TERM ? 'species' : cue ? 'cue' : 'trade-term';
      const tactics: Tactic[] = [];
      if (c.tactics !== 0) for (const [bit, name] of TACTIC_NAMES) if (c.tactics & bit) tactics.push(name);
      if (termKind === 'code') tactics.push('code-word');
      const d = this.entryDetails(e);
      // Two ASCII spellings fold to their lower case in both readings: they cannot differ in accents
      // only; nor can two equal strings (a CJK hit is mostly its term as written).
      if (c.dist === 0 && !(c.tactics & (T_LEET | T_HOMOGLYPH | T_HASHTAG)) && !(d.ascii && isAsciiRange(text, c.start, c.end)) && matched !== d.term && differsOnlyInAccents(matched, d.term)) tactics.push('accents');
      const hit: Hit = { start: c.start, end: c.end, text: matched, term: d.term, kind: hitKind, tactics, editDistance: c.dist, confidence };
      if (termKind) hit.termKind = termKind;
      if (d.lang) hit.lang = d.lang;
      if (d.refersTo) hit.refersTo = d.refersTo;
      if (d.taxon) hit.taxon = d.taxon;
      hits.push(hit);
    }
    return hits;
  }

  /** What every hit of entry e carries, decoded once per matcher: pages repeat the same names. */
  private entryDetails(e: number): EntryDetails {
    let d = this.details.get(e);
    if (!d) {
      const lex = this.lexicon;
      const term = lex.entryText(e);
      d = { term, ascii: isAscii(term), lang: lex.langs[lex.entryLang[e]] || undefined };
      if (lex.entryKind[e] < EK_TERM) d.taxon = lex.taxonRef(lex.entryRef[e]);
      else {
        const ti = lex.termInfo(lex.entryRef[e]);
        if (ti.refersTo) d.refersTo = ti.refersTo;
        if (ti.taxon) d.taxon = ti.taxon;
      }
      this.details.set(e, d);
    }
    return d;
  }

  /**
   * A misspelled name whose every word is a common English word ("file monitor" for Nile Monitor,
   * "python module" for Python molure) is plain English, unless its words differ from the name's
   * only by a plural ending ("Sea Turtle" for "Sea turtles").
   */
  private plainEnglish(t: Tokens, from: number, to: number, node: number): boolean {
    for (let k = from; k <= to; k++) if (!this.isCommonEnglish(t, k)) return false;
    const words = this.lexicon.nodeWords(node);
    if (words.length !== to - from + 1) return true;
    for (let k = from; k <= to; k++) {
      const a = tokenString(t, k);
      const b = words[k - from];
      if (a !== b && a + 's' !== b && b + 's' !== a && a + 'es' !== b && b + 'es' !== a) return true;
    }
    return false;
  }

  /** True when a word of the trade (see WILDLIFE_WORDS) is within reach (contextChars) of token k. */
  private nearWildlifeWord(t: Tokens, k: number): boolean {
    const reach = this.contextChars;
    const ctx = this.hashesOf(WILDLIFE_WORDS);
    for (let i = k - 1; i >= 0 && t.end[i] >= t.start[k] - reach; i--) if (this.isOneOf(t, i, WILDLIFE_WORDS, ctx)) return true;
    for (let i = k + 1; i < t.count && t.start[i] <= t.end[k] + reach; i++) if (this.isOneOf(t, i, WILDLIFE_WORDS, ctx)) return true;
    return false;
  }

  /**
   * A group name in English that needs company ("Crocodile", "Bear", "Eagle") with a part of an
   * animal at most two words away: "Crocodile Hornback Skin", "Bear claw", "Eagle feathers".
   * Not for short names ("boa": a feather boa), names in other languages, or words joined by
   * anything but spaces and hyphens ("python/skeleton.hpp" is a file path).
   */
  private besideAnimalPart(text: string, kind: number, c: Cand, t: Tokens): boolean {
    if (kind >= EK_TERM || t.end[c.tokTo] - t.start[c.tokFrom] < 5) return false;
    if (this.lexicon.langs[this.lexicon.entryLang[c.entry]] !== 'en') return false;
    const ctx = this.hashesOf(ANIMAL_PART_WORDS);
    for (let i = c.tokFrom - 1; i >= Math.max(0, c.tokFrom - 2) && plainGap(text, t.end[i], t.start[i + 1]); i--) {
      if (this.isOneOf(t, i, ANIMAL_PART_WORDS, ctx)) return true;
    }
    for (let i = c.tokTo + 1; i <= Math.min(t.count - 1, c.tokTo + 2) && plainGap(text, t.end[i - 1], t.start[i]); i++) {
      if (this.isOneOf(t, i, ANIMAL_PART_WORDS, ctx)) return true;
    }
    return false;
  }

  /**
   * A one-word name in another language written as a given name before a surname ("Daniel
   * Bevenius", "Lars Hecking"): a capitalised word followed by another that the lexicon does not
   * know. Polish "daniel" (the fallow deer) or Swedish "lar" rarely come so.
   */
  private looksLikePersonName(c: Cand, kind: number, t: Tokens): boolean {
    const k = c.tokFrom;
    const next = k + 1;
    if (kind >= EK_TERM || k !== c.tokTo || next >= t.count || !(t.flags[k] & F_UPPER_FIRST) || !this.entryInOtherLanguage(c.entry)) return false;
    const f = t.flags[next];
    return (f & (F_UPPER_FIRST | F_LETTER | F_HARD_GAP | F_INNER_UPPER)) === (F_UPPER_FIRST | F_LETTER) && t.len[next] >= 2 && this.lookupToken(t, next) < 0;
  }

  /** A one-word name, not from a hashtag, in a language other than English. */
  private inOtherLanguage(c: Cand): boolean {
    return c.tokFrom === c.tokTo && !c.hashtagTerm && this.entryInOtherLanguage(c.entry);
  }

  /** Entry e names its taxon or term in a language, and not in English. */
  private entryInOtherLanguage(e: number): boolean {
    const code = this.lexicon.langs[this.lexicon.entryLang[e]];
    return !!code && code !== 'en';
  }

  /** Token k is a common English word (see common-english.ts). */
  private isCommonEnglish(t: Tokens, k: number): boolean {
    return t.len[k] <= 24 && isCommonEnglishWord(t.chars, t.charStart[k], t.len[k]);
  }

  /**
   * A one-word name in another language, written like a common English word ("once", "all",
   * "ban"): true unless another hit of the text, within reach, is in that language.
   */
  private isEnglishLookalike(i: number, cands: Cand[], t: Tokens): boolean {
    const c = cands[i];
    if (!this.inOtherLanguage(c) || !this.isCommonEnglish(t, c.tokFrom)) return false;
    const lex = this.lexicon;
    const lang = lex.entryLang[c.entry];
    // Not when the same spelling is also an English or scientific name ("Tiger").
    const node = lex.nodeOfEntry(c.entry);
    for (let e = lex.nodeEntryStart[node]; e < lex.nodeEntryStart[node + 1]; e++) {
      const kind = lex.entryKind[e];
      if (lex.langs[lex.entryLang[e]] === 'en' || kind === EK_SCIENTIFIC || kind === EK_SYNONYM || kind === EK_EXTRA_SYNONYM) return false;
    }
    const reach = this.contextChars;
    for (let j = 0; j < cands.length; j++) {
      const o = cands[j];
      if (j === i || lex.entryLang[o.entry] !== lang || o.start > c.end + reach || o.end < c.start - reach) continue;
      // Company that is itself a look-alike proves nothing ("all" beside "once").
      if (o.tokFrom === o.tokTo && this.isCommonEnglish(t, o.tokFrom)) continue;
      return false;
    }
    return true;
  }

  /** A one-word species name that is mostly an everyday word (see EVERYDAY_NAMES). */
  private isEveryday(kind: number, c: Cand, t: Tokens): boolean {
    if (kind >= EK_TERM || c.tokFrom !== c.tokTo || t.len[c.tokFrom] > 8) return false;
    return EVERYDAY_NAMES.has(tokenString(t, c.tokFrom));
  }

  /** True when a word of `words` appears within ten words of token k. */
  private hasContext(t: Tokens, k: number, words: ReadonlySet<string>): boolean {
    const ctx = this.hashesOf(words);
    const from = Math.max(0, k - 10);
    const to = Math.min(t.count - 1, k + 10);
    for (let i = from; i <= to; i++) if (i !== k && this.isOneOf(t, i, words, ctx)) return true;
    return false;
  }

  /** The tokenizer's word hashes of `words` (a trap's context words, the words of the trade), made once per set. */
  private hashesOf(words: ReadonlySet<string>): ContextHashes {
    let ctx = this.contextHashes.get(words);
    if (!ctx) {
      const hashes = new Set([...words].map(hashWord));
      const bits = new Int32Array(CONTEXT_BITS >> 5);
      for (const h of hashes) bits[(h & (CONTEXT_BITS - 1)) >>> 5] |= 1 << (h & 31);
      ctx = { bits, hashes };
      this.contextHashes.set(words, ctx);
    }
    return ctx;
  }

  /** True when token i is one of `words`; `ctx` is hashesOf(words). */
  private isOneOf(t: Tokens, i: number, words: ReadonlySet<string>, ctx: ContextHashes): boolean {
    const h = t.hash[i];
    // The bit-set rules out almost every token with one read; the set and the string settle the rest.
    return (ctx.bits[(h & (CONTEXT_BITS - 1)) >>> 5] & (1 << (h & 31))) !== 0 && t.len[i] <= 20 && ctx.hashes.has(h) && words.has(tokenString(t, i));
  }
}

/**
 * True when the word chars[off, off+l) ends in "es" after a stem whose plural takes "es" (s, x, z,
 * ch, sh, o: "foxes", "finches", "rhinoceroses", "buffaloes"). Other words ending in "es" are a
 * stem ending in "e" plus "s" ("files" is "file", not "fil", an Azerbaijani name of the elephant).
 */
function takesEs(chars: Uint16Array, off: number, l: number): boolean {
  if (chars[off + l - 2] !== 0x65) return false;
  const c = chars[off + l - 3];
  return c === 0x73 || c === 0x78 || c === 0x7a || c === 0x6f || (c === 0x68 && (chars[off + l - 4] === 0x63 || chars[off + l - 4] === 0x73));
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** Text order; the longer of two hits at the same start first. */
function byPosition(a: Cand, b: Cand): number {
  return a.start - b.start || b.end - a.end;
}

/** True when cands are already sorted byPosition (sorting an ordered array still calls the comparator per pair). */
function inOrder(cands: Cand[]): boolean {
  for (let i = 1; i < cands.length; i++) if (byPosition(cands[i - 1], cands[i]) > 0) return false;
  return true;
}

/** True when a span of `at` (flattened start, end pairs), other than c's own, lies within `reach` of c. */
/** Confidence of a one-word species name with no other mention or sale cue within reach: under the detection line (0.5). */
const ALONE_CONFIDENCE = 0.45;

/** A species hit on one word of the text, from a one-word name (genus, or a common name like "Tiger"). */
function isOneWordSpecies(x: CandInfo, c: Cand): boolean {
  return x.kind < EK_TERM && (x.ef & EF_SINGLE_WORD) !== 0 && c.tokFrom === c.tokTo && !c.hashtagTerm;
}

/** True when text[from, to) between two words is only spaces and hyphens (one phrase, not a path or identifier). */
function plainGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0 && c !== 0x2d && c !== 0x2010 && c !== 0x2011) return false;
  }
  return true;
}

function nearSpan(c: Cand, at: number[], reach: number): boolean {
  for (let i = 0; i < at.length; i += 2) {
    if (at[i] === c.start && at[i + 1] === c.end) continue;
    if (at[i] <= c.end + reach && at[i + 1] >= c.start - reach) return true;
  }
  return false;
}

/** Confidence before context: how often a match of this kind of entry is a real mention. */
function baseConfidence(kind: number, flags: number, termKind: string | undefined): number {
  const single = (flags & EF_SINGLE_WORD) !== 0;
  switch (kind) {
    case EK_SCIENTIFIC:
      return single ? 0.8 : 0.95;
    case EK_SYNONYM:
    case EK_EXTRA_SYNONYM:
      return single ? 0.75 : 0.9;
    case EK_COMMON:
      return single ? 0.7 : 0.85;
    case EK_EXTRA_COMMON:
      return single ? 0.55 : 0.75;
  }
  switch (termKind) {
    case 'product':
      return flags & EF_WEAK ? 0.5 : 0.8;
    case 'code':
      return 0.45;
    case 'negation':
      return 0.5;
    case 'agency':
      return 0.75;
    default:
      return 0.6;
  }
}

/** True when two spellings have the same letters once accents are dropped, but not with them. */
function differsOnlyInAccents(a: string, b: string): boolean {
  const la = letters(lowerKeepAccents(a));
  const lb = letters(lowerKeepAccents(b));
  return la !== lb && letters(foldString(a)) === letters(foldString(b));
}

/** The letters and digits of s. */
function letters(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '');
}

function isAscii(s: string): boolean {
  return isAsciiRange(s, 0, s.length);
}

/** True when text[start, end) has only ASCII characters (read in the text itself, not in a slice of it). */
function isAsciiRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
