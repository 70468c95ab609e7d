/**
 * The exact pass: every name and trade term the text spells out, leftmost-longest. Each listed
 * token (the tokenizer's probe list: the words whose hash bit is set in the lexicon's bit-set) is
 * looked up once in the word table, plurals falling back to the singular; from each known word the
 * trie is followed over the next known words, and the longest name a case rule accepts is recorded.
 * Runs of scripts written without spaces go to findInNoSpaceRun.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { F_CJK, F_HARD_GAP, F_LETTER, type Tokens } from '../text/tokenize';
import type { MentionRecorder } from './mention-recorder';
import { findInNoSpaceRun } from './no-space-scripts';
import type { TextScan } from './text-scan';
import { childBySingular, wordOfToken } from './word-lookup';

/** Longest names followed from one word: the trie walk stops after this many candidate ends. */
const MAX_ENDS = 16;

export class ExactNameFinder {
  private readonly lexicon: CompiledLexicon;
  private readonly recorder: MentionRecorder;
  /**
   * True when the tokenizer listed only the words that begin a name (CompiledLexicon.startBits,
   * exact matching only): words that only continue names ("the", "of", epithets) are looked up
   * when a name reaches them. The evasion readers need every word's id, so they use wordBits.
   */
  private readonly lookUpContinuations: boolean;
  // The ends of the names found from one word, reused by every walk.
  private readonly endTokens = new Int32Array(MAX_ENDS);
  private readonly endNodes = new Int32Array(MAX_ENDS);

  constructor(lexicon: CompiledLexicon, recorder: MentionRecorder, lookUpContinuations: boolean) {
    this.lexicon = lexicon;
    this.recorder = recorder;
    this.lookUpContinuations = lookUpContinuations;
  }

  find(scan: TextScan): void {
    const tokens = scan.tokens;
    const { flags, word } = tokens;
    // Only the tokens whose hash bit is set in the bit-set can be names (and runs of no-space
    // scripts): the tokenizer listed them, every other word is -1 (or, with startBits, unknown
    // until a name needs it as its next word).
    const probe = tokens.probe;
    const probeCount = tokens.probeCount;

    // Look every such word up once; plurals ("pythons", "scales") fall back to the singular.
    for (let p = 0; p < probeCount; p++) {
      const token = probe[p];
      if (!(flags[token] & F_CJK)) word[token] = wordOfToken(this.lexicon, tokens, token);
    }

    // Names, leftmost-longest.
    let after = -1;
    for (let p = 0; p < probeCount; p++) {
      const token = probe[p];
      if (token <= after) continue;
      if (flags[token] & F_CJK) {
        findInNoSpaceRun(this.lexicon, scan, token);
        continue;
      }
      const firstWord = word[token];
      if (firstWord < 0) continue;
      const end = this.longestFrom(scan, token, firstWord);
      if (end >= 0) after = end;
    }
  }

  /**
   * Follows the trie from token `first` (word `firstWord`) over known words; records the longest
   * acceptable name. Returns the last token of the recorded name, or -1.
   */
  private longestFrom(scan: TextScan, first: number, firstWord: number): number {
    const lexicon = this.lexicon;
    const tokens: Tokens = scan.tokens;
    const hasChildren = lexicon.nodeHasChildren;
    const entryStart = lexicon.nodeEntryStart;
    if (!hasChildren[firstWord]) {
      const endsName = entryStart[firstWord + 1] > entryStart[firstWord];
      return endsName && this.recorder.record(scan, first, first, firstWord, 0, 0) ? first : -1;
    }
    const { flags, word } = tokens;
    const endTokens = this.endTokens;
    const endNodes = this.endNodes;
    let found = 0;
    let node = firstWord;
    let last = first;
    if (entryStart[node + 1] > entryStart[node]) {
      endTokens[0] = first;
      endNodes[0] = node;
      found = 1;
    }
    while (hasChildren[node] && last + 1 < tokens.count && found < MAX_ENDS) {
      const next = last + 1;
      if (flags[next] & (F_HARD_GAP | F_CJK)) break;
      let nextWord = word[next];
      // With startBits the words that only continue names were not looked up yet.
      if (nextWord < 0 && this.lookUpContinuations && flags[next] & F_LETTER) {
        nextWord = word[next] = wordOfToken(lexicon, tokens, next);
      }
      if (nextWord < 0) break;
      let child = lexicon.child(node, nextWord);
      // "ball pythons": the plural is a word of its own ("Pythons"), the name wants the singular.
      if (child < 0) child = childBySingular(lexicon, tokens, node, next);
      if (child < 0) break;
      node = child;
      last = next;
      if (entryStart[node + 1] > entryStart[node]) {
        endTokens[found] = last;
        endNodes[found] = node;
        found++;
      }
    }
    for (let i = found - 1; i >= 0; i--) {
      if (this.recorder.record(scan, first, endTokens[i], endNodes[i], 0, 0)) return endTokens[i];
    }
    return -1;
  }
}
