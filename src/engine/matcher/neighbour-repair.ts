/**
 * Misspelled words of a name repaired next to a word the text spells right: "Geochelone
 * elegance", "Pyhton regius", "p a n g o l i n scals". A word is compared only with the words that
 * can follow the word before it in a name (or precede the one after it), not with the whole
 * lexicon: far cheaper, and far less prone to chance matches on everyday words. The readings found
 * go to the reading walk, which keeps only whole names.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { F_CJK, F_HARD_GAP, F_LATIN, F_LETTER } from '../text/tokenize';
import { EmptySearchCache, SEARCH_NEIGHBOURS, searchKey } from './empty-search-cache';
import { TACTIC_MISSPELLING, type Reading } from './mention-and-reading';
import { charMask, masksWithin, osaDistance } from './misspelling-index';
import type { TextScan } from './text-scan';

/** Shorter neighbour lists are scanned faster than a cache slot is read. */
const NEIGHBOUR_CACHE_MIN_LIST = 16;
/** Longer lists of following words are not scanned (a genus with thousands of species after a short word). */
const MAX_FOLLOWERS = 3000;

export class NeighbourRepair {
  private readonly lexicon: CompiledLexicon;
  /** charMask of every lexicon word, by word id (from the misspelling index). */
  private readonly wordMask: Int32Array;
  /** Length of each lexicon word (capped at 255), for a cheap first test of neighbour readings. */
  private readonly wordLength: Uint8Array;
  /** Children of each trie node (CSR: the lexicon keeps each node's child edges together). */
  private readonly followerStart: Uint32Array;
  private readonly followerWord: Int32Array;
  /** Second word of a two-word name -> the first words it follows ("python" <- "ball", "royal"), CSR. */
  private readonly leaderStart: Int32Array;
  private readonly leaderWord: Int32Array;
  /**
   * Long neighbour lists found to hold no reading of a word (see scanNeighbours), kept like the
   * other empty searches but apart: word pairs are many more than words.
   */
  private readonly emptyLists = new EmptySearchCache();

  constructor(lexicon: CompiledLexicon, wordMask: Int32Array) {
    this.lexicon = lexicon;
    this.wordMask = wordMask;
    const wordCount = lexicon.wordCount;
    const wordLength = new Uint8Array(wordCount);
    for (let w = 0; w < wordCount; w++) wordLength[w] = Math.min(255, lexicon.wordStart[w + 1] - lexicon.wordStart[w]);
    this.wordLength = wordLength;
    const parent = lexicon.edgeParent;
    this.followerStart = lexicon.edgeStart;
    this.followerWord = lexicon.edgeWord;
    const leaderStart = new Int32Array(wordCount + 1);
    for (let e = 0; e < parent.length; e++) if (parent[e] < wordCount) leaderStart[lexicon.edgeWord[e] + 1]++;
    for (let w = 0; w < wordCount; w++) leaderStart[w + 1] += leaderStart[w];
    const fill = leaderStart.slice(0, wordCount);
    const leaderWord = new Int32Array(leaderStart[wordCount]);
    for (let e = 0; e < parent.length; e++) {
      if (parent[e] < wordCount) leaderWord[fill[lexicon.edgeWord[e]]++] = parent[e];
    }
    this.leaderStart = leaderStart;
    this.leaderWord = leaderWord;
  }

  clearCache(): void {
    this.emptyLists.clear();
  }

  /**
   * A misspelled part of a two-part name next to an exact part: "Geochelone elegance", "Pyhton
   * regius". Compares token `token` only with the words that can follow the previous word (or
   * precede the next one) in a name; the whole name's length sets the limit (2 edits from 9
   * letters), so a part of 5-8 letters may have 2 edits when the other part is exact.
   */
  readBesideExactWords(scan: TextScan, token: number): void {
    const tokens = scan.tokens;
    const { word, len, flags } = tokens;
    // The names that the words just before the token begin ("Underwood s" -> "spectacled"): walk
    // up to three exact words back. Short connecting words ("de", "st") are followed only when few
    // names continue from them; huge fan-outs would cost thousands of comparisons.
    const lexicon = this.lexicon;
    let mask: number | undefined;
    const hasChildren = lexicon.nodeHasChildren;
    // Every walk ends with the word before the token and must not cross a break before the token.
    const back = token > 0 && word[token - 1] >= 0 && !(flags[token] & F_HARD_GAP) ? Math.max(0, token - 3) : token;
    for (let start = back; start < token; start++) {
      let node = word[start];
      if (node < 0) continue;
      for (let i = start + 1; i < token; i++) {
        // A node without children has no child (checked first: a byte read, not a hash probe).
        if (word[i] < 0 || flags[i] & F_HARD_GAP || !hasChildren[node]) {
          node = -1;
          break;
        }
        node = lexicon.child(node, word[i]);
        if (node < 0) break;
      }
      if (node < 0) continue;
      const from = this.followerStart[node];
      const to = this.followerStart[node + 1];
      const fanOut = to - from;
      if (fanOut === 0 || fanOut > (len[token - 1] >= 4 || start < token - 1 ? MAX_FOLLOWERS : 50)) continue;
      mask ??= charMask(tokens.chars, tokens.charStart[token], len[token]);
      this.scanNeighbours(scan, token, this.followerWord, from, to, node * 2, len[token - 1], mask);
    }
    const next = token + 1;
    // "Lecepede's Ground Snake": the possessive "s" is a word of the name too.
    const possessive = len[next] === 1 && tokens.chars[tokens.charStart[next]] === 0x73;
    if (next < tokens.count && word[next] >= 0 && (len[next] >= 4 || possessive) && !(flags[next] & F_HARD_GAP)) {
      const nextWord = word[next];
      const from = this.leaderStart[nextWord];
      const to = this.leaderStart[nextWord + 1];
      if (to - from <= (possessive ? 5000 : 1000)) {
        mask ??= charMask(tokens.chars, tokens.charStart[token], len[token]);
        this.scanNeighbours(scan, token, this.leaderWord, from, to, nextWord * 2 + 1, len[next], mask);
      }
    }
  }

  /**
   * A misspelled word right after a disguised one ("p a n g o l i n scals"): token `token` is
   * compared with the words that follow trie node `node` in names; `previousLength` is the length
   * of the word before it.
   */
  repairWordAfter(scan: TextScan, token: number, node: number, previousLength: number): void {
    const tokens = scan.tokens;
    if (token >= tokens.count || tokens.word[token] >= 0 || tokens.len[token] < 4) return;
    if (tokens.flags[token] & (F_HARD_GAP | F_CJK) || !(tokens.flags[token] & F_LATIN)) return;
    const from = this.followerStart[node];
    const to = this.followerStart[node + 1];
    if (to - from > MAX_FOLLOWERS) return;
    const mask = charMask(tokens.chars, tokens.charStart[token], tokens.len[token]);
    for (let i = from; i < to; i++) this.considerNeighbour(scan, token, this.followerWord[i], previousLength, mask);
  }

  /**
   * Readings of token `token` (and the ones after it, up to `depth`) as the words that follow trie
   * node `node` in names, exact or misspelled. True when the token can continue the name.
   */
  repairChain(scan: TextScan, token: number, node: number, previousLength: number, depth: number): boolean {
    const lexicon = this.lexicon;
    const tokens = scan.tokens;
    if (token >= tokens.count || !lexicon.nodeHasChildren[node]) return false;
    if (tokens.flags[token] & (F_HARD_GAP | F_CJK) || !(tokens.flags[token] & F_LETTER)) return false;
    const from = this.followerStart[node];
    const to = this.followerStart[node + 1];
    if (to - from > MAX_FOLLOWERS) return false;
    const length = tokens.len[token];
    const mask = charMask(tokens.chars, tokens.charStart[token], length);
    let any = false;
    for (let i = from; i < to; i++) {
      const word = this.followerWord[i];
      const reads =
        tokens.word[token] === word ||
        this.considerNeighbour(scan, token, word, previousLength, mask) ||
        hasReading(scan.readings, token, word);
      if (!reads) continue;
      any = true;
      if (depth > 1) this.repairChain(scan, token + 1, lexicon.child(node, word), length, depth - 1);
    }
    return any;
  }

  /**
   * Compares token `token` with the words list[from, to) that may stand next to its neighbour
   * (`neighbourLength` long). Pages repeat their word pairs ("elephant ivory", "ivory bangle"): a
   * long list that holds no word within reach of the token is remembered, per list (listKey) and
   * neighbour length.
   */
  private scanNeighbours(
    scan: TextScan,
    token: number,
    list: Int32Array,
    from: number,
    to: number,
    listKey: number,
    neighbourLength: number,
    mask: number,
  ): void {
    const tokens = scan.tokens;
    const cached = to - from >= NEIGHBOUR_CACHE_MIN_LIST;
    let key = 0;
    if (cached) {
      const pairHash = tokens.hash[token] ^ Math.imul(listKey, 0x27d4eb2f) ^ Math.imul(neighbourLength, 0x165667b1);
      key = searchKey(pairHash, tokens.len[token], SEARCH_NEIGHBOURS);
    }
    if (cached && this.emptyLists.has(key)) return;
    let within = false;
    for (let i = from; i < to; i++) {
      if (this.considerNeighbour(scan, token, list[i], neighbourLength, mask)) within = true;
    }
    if (cached && !within) this.emptyLists.remember(key);
  }

  /**
   * Adds word `word` as a misspelled reading of token `token` when close enough (see
   * readBesideExactWords). True when the word is within reach: a reading of the token now, added
   * by this call or an earlier one.
   */
  private considerNeighbour(
    scan: TextScan,
    token: number,
    word: number,
    neighbourLength: number,
    mask: number,
  ): boolean {
    const tokens = scan.tokens;
    const length = tokens.len[token];
    // At most 2 edits: a word whose length differs by more is ruled out by one byte read.
    const gap = this.wordLength[word] - length;
    if (gap > 2 || gap < -2) return false;
    const lexicon = this.lexicon;
    const wordStart = lexicon.wordStart[word];
    const wordLength = lexicon.wordStart[word + 1] - wordStart;
    const longPair = wordLength >= 6 && length >= 6 && wordLength + neighbourLength >= 12;
    const maxEdits = wordLength >= 9 || longPair ? 2 : wordLength >= 4 ? 1 : 0;
    if (maxEdits === 0 || Math.abs(wordLength - length) > maxEdits) return false;
    if (!masksWithin(mask, this.wordMask[word], maxEdits)) return false;
    const charOffset = tokens.charStart[token];
    const distance = osaDistance(tokens.chars, charOffset, length, lexicon.wordChars, wordStart, wordLength, maxEdits);
    if (distance === 0 || distance > maxEdits) return false;
    if (hasReading(scan.readings, token, word)) return true;
    scan.readings.push({
      firstToken: token,
      lastToken: token,
      word,
      tactics: TACTIC_MISSPELLING,
      editDistance: distance,
    });
    return true;
  }
}

/** True when `readings` reads the span starting at token `token` as word `word`. */
function hasReading(readings: Reading[], token: number, word: number): boolean {
  for (const reading of readings) if (reading.firstToken === token && reading.word === word) return true;
  return false;
}
