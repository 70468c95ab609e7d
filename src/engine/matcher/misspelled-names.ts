/**
 * Misspelled names read from words the lexicon does not know: a one-word name ("Pangoline" for
 * Pangolin) and a name with every word misspelled ("Cloelia cloelia cloelia", "Antillen Ameive").
 * Both search a misspelling index (misspelling-index.ts): the first over the one-word names, the
 * second over the first words of longer names, whose following words are then repaired one by one
 * (neighbour-repair.ts). The readings go to the reading walk, which keeps only whole names.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EF_WEAK, EK_EXCLUDED, EK_TERM } from '../lexicon/format';
import { TERM_KINDS } from '../lexicon/trade-terms';
import { F_CJK, F_HARD_GAP, F_LATIN } from '../text/tokenize';
import { SEARCH_FIRST_WORDS, SEARCH_ONE_WORD_NAMES, searchKey, type EmptySearchCache } from './empty-search-cache';
import { TACTIC_MISSPELLING } from './mention-and-reading';
import type { MisspellingIndex } from './misspelling-index';
import type { NeighbourRepair } from './neighbour-repair';
import type { TextScan } from './text-scan';

const PRODUCT_KIND = EK_TERM + TERM_KINDS.indexOf('product');
const AGENCY_KIND = EK_TERM + TERM_KINDS.indexOf('agency');

/**
 * A word of six letters or more that is a whole name or product term by itself (not a cue,
 * negation or exclusion): the words a misspelled one-word name is compared with.
 */
export function isOneWordName(lexicon: CompiledLexicon, word: number): boolean {
  // Five-letter names sit one edit from too many everyday words ("whole" -> "dhole").
  if (lexicon.wordStart[word + 1] - lexicon.wordStart[word] < 6) return false;
  for (let entry = lexicon.nodeEntryStart[word]; entry < lexicon.nodeEntryStart[word + 1]; entry++) {
    const kind = lexicon.entryKind[entry];
    if (kind === EK_EXCLUDED) return false;
    if (kind < EK_TERM || kind === PRODUCT_KIND || kind === AGENCY_KIND) return !(lexicon.entryFlags[entry] & EF_WEAK);
  }
  return false;
}

export class MisspelledNameReader {
  private readonly lexicon: CompiledLexicon;
  /** The one-word names (isOneWordName). */
  private readonly oneWordNames: MisspellingIndex;
  /** First words of longer names ("clelia" of "Clelia clelia"), for names with every word misspelled. */
  private readonly firstWords: MisspellingIndex;
  private readonly neighbours: NeighbourRepair;
  private readonly emptySearches: EmptySearchCache;
  /** The words and edit distances of the last search (oneWordCandidates). */
  readonly candidateWords = new Int32Array(8);
  readonly candidateDistances = new Int32Array(8);

  constructor(
    lexicon: CompiledLexicon,
    oneWordNames: MisspellingIndex,
    firstWords: MisspellingIndex,
    neighbours: NeighbourRepair,
    emptySearches: EmptySearchCache,
  ) {
    this.lexicon = lexicon;
    this.oneWordNames = oneWordNames;
    this.firstWords = firstWords;
    this.neighbours = neighbours;
    this.emptySearches = emptySearches;
  }

  /** One-word names within reach of chars[off, off+length), into candidateWords/candidateDistances; their count. */
  oneWordCandidates(chars: Uint16Array, off: number, length: number): number {
    return this.oneWordNames.candidates(chars, off, length, this.candidateWords, this.candidateDistances);
  }

  /**
   * Misspelled readings of chars[charOffset, charOffset+length) (tokens firstToken..lastToken,
   * word hash `hash`) as one-word names, with the evasions in `tactics` on top; remembered when
   * there are none.
   */
  readAsOneWordName(
    scan: TextScan,
    firstToken: number,
    lastToken: number,
    charOffset: number,
    length: number,
    hash: number,
    tactics: number,
  ): void {
    const key = searchKey(hash, length, SEARCH_ONE_WORD_NAMES);
    if (this.emptySearches.has(key)) return;
    const found = this.oneWordCandidates(scan.tokens.chars, charOffset, length);
    if (found === 0) this.emptySearches.remember(key);
    for (let i = 0; i < found; i++) {
      const word = this.candidateWords[i];
      const editDistance = this.candidateDistances[i];
      scan.readings.push({ firstToken, lastToken, word, tactics: tactics | TACTIC_MISSPELLING, editDistance });
      // A misspelled genus may start a binomial whose epithet is misspelled too ("Astrochelis radiatta").
      if (this.lexicon.nodeHasChildren[word]) this.neighbours.repairChain(scan, lastToken + 1, word, length, 3);
    }
  }

  /**
   * A name with every word misspelled ("Cloelia cloelia cloelia", "Antillen Ameive"): token
   * `token` is compared with the first words of longer names, and each candidate's following
   * words with the next tokens. Words already known to start no misspelled name are remembered.
   */
  readAsMisspelledName(scan: TextScan, token: number): void {
    const tokens = scan.tokens;
    const next = token + 1;
    if (next >= tokens.count || tokens.flags[next] & (F_HARD_GAP | F_CJK) || !(tokens.flags[next] & F_LATIN)) return;
    if (tokens.len[next] < 4) return;
    const length = tokens.len[token];
    const key = searchKey(tokens.hash[token], length, SEARCH_FIRST_WORDS);
    if (this.emptySearches.has(key)) return;
    const found = this.firstWords.candidates(
      tokens.chars,
      tokens.charStart[token],
      length,
      this.candidateWords,
      this.candidateDistances,
    );
    let kept = 0;
    for (let i = 0; i < found; i++) {
      const word = this.candidateWords[i];
      const editDistance = this.candidateDistances[i];
      if (this.neighbours.repairChain(scan, next, word, length, 3)) {
        scan.readings.push({ firstToken: token, lastToken: token, word, tactics: TACTIC_MISSPELLING, editDistance });
        kept++;
      }
    }
    if (kept === 0) this.emptySearches.remember(key);
  }
}
