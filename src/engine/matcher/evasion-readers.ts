/**
 * The evasion readers' pass: one walk over the tokens the exact pass left uncovered, handing each
 * to the reader its shape calls for. Single letters go to the split-letter reader (and single
 * capitals are listed for the abbreviated-genus finder); hashtags to the hashtag reader; digits or
 * symbols among letters to the leetspeak reader; letters of other scripts to the look-alike reader;
 * other Latin words to the misspelling readers. Known words may still be misspelled parts of a
 * binomial. The readers add readings to the TextScan; the reading walk then finds the names.
 *
 * A misspelled one-word name is reported only next to a stronger signal, so its (costly) search
 * runs only near the confident names and clear sale cues the exact pass found (the anchors).
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EF_WEAK } from '../lexicon/format';
import { F_CJK, F_DIGIT, F_HASHTAG, F_LATIN, F_LEET, F_LETTER, F_NON_LATIN, F_UPPER_FIRST } from '../text/tokenize';
import { isCommonEnglishToken } from './common-english';
import { EmptySearchCache } from './empty-search-cache';
import { HashtagReader } from './hashtags';
import { HomoglyphReader } from './homoglyphs';
import { LeetspeakReader } from './leetspeak';
import type { Mention } from './mention-and-reading';
import { MisspelledNameReader, isOneWordName } from './misspelled-names';
import { MisspellingIndex } from './misspelling-index';
import { NeighbourRepair } from './neighbour-repair';
import { SplitLetterReader } from './split-letters';
import type { TextScan } from './text-scan';

export class EvasionReaders {
  private readonly lexicon: CompiledLexicon;
  /** How far (UTF-16 units) an anchor reaches (MatcherOptions.contextChars). */
  private readonly contextChars: number;
  /** Words and tags known to have no reading, kept across texts (clearCache forgets them). */
  private readonly emptySearches = new EmptySearchCache();
  private readonly neighbours: NeighbourRepair;
  private readonly misspelled: MisspelledNameReader;
  private readonly splitLetters: SplitLetterReader;
  private readonly leetspeak: LeetspeakReader;
  private readonly homoglyphs: HomoglyphReader;
  private readonly hashtags: HashtagReader;

  /** Builds the misspelling indexes: once per matcher, not per page. */
  constructor(lexicon: CompiledLexicon, contextChars: number) {
    this.lexicon = lexicon;
    this.contextChars = contextChars;
    // Words missing from the lexicon are compared with one-word names only; parts of longer
    // names are repaired next to their exact neighbour (NeighbourRepair), which is cheaper and
    // far less prone to chance matches on everyday words.
    const oneWordNames = new MisspellingIndex(lexicon, (w) => isOneWordName(lexicon, w));
    const startsLongerName = (w: number) => lexicon.nodeHasChildren[w] === 1 && !isOneWordName(lexicon, w);
    const firstWords = new MisspellingIndex(lexicon, startsLongerName);
    this.hashtags = new HashtagReader(lexicon, this.emptySearches);
    this.neighbours = new NeighbourRepair(lexicon, oneWordNames.wordMask);
    this.misspelled = new MisspelledNameReader(lexicon, oneWordNames, firstWords, this.neighbours, this.emptySearches);
    this.splitLetters = new SplitLetterReader(lexicon, this.misspelled, this.neighbours);
    this.leetspeak = new LeetspeakReader(lexicon, this.misspelled, this.neighbours, this.emptySearches);
    this.homoglyphs = new HomoglyphReader(lexicon);
  }

  clearCache(): void {
    this.emptySearches.clear();
    this.neighbours.clearCache();
  }

  /** Reads every uncovered token of the scan (see the header). */
  read(scan: TextScan): void {
    const tokens = scan.tokens;
    const count = tokens.count;
    const { flags, word, len, charStart } = tokens;
    const covered = scan.covered;
    scan.anchors = this.exactAnchors(scan.mentions);
    scan.nextAnchor = 0;
    scan.initialCount = 0;
    for (let token = 0; token < count; token++) {
      const f = flags[token];
      if (covered[token] || f & F_CJK || !(f & F_LETTER)) continue;
      const length = len[token];
      const charOffset = charStart[token];
      // Letters split by spaces, dots or dashes: "p a n g o l i n", "i.v.o.r.y".
      if (length === 1) {
        // Single capitals are the only possible abbreviated genera ("P. regius"): listed here.
        if (f & F_UPPER_FIRST) scan.addInitial(token);
        const last = this.splitLetters.runEnd(scan, token);
        if (last >= token + 2) {
          for (let i = token + 1; i <= last; i++) if (flags[i] & F_UPPER_FIRST) scan.addInitial(i);
          this.splitLetters.read(scan, token, last);
          token = last;
        }
        continue;
      }
      if (word[token] >= 0) {
        // A lexicon word in its own right ("pyton" is Polish) may still be a misspelled part of a binomial.
        if (length >= 5 && f & F_LATIN) {
          this.neighbours.readBesideExactWords(scan, token);
          if (this.nearAnchor(scan, token) && !isCommonEnglishToken(tokens, token)) {
            this.misspelled.readAsMisspelledName(scan, token);
          }
        }
        continue;
      }
      if (f & F_HASHTAG && length >= 4 && this.hashtags.read(scan, token)) continue;
      // Digits and symbols for letters: "p4ngolin", "1vory", "$hark".
      if (f & F_LEET || (f & F_DIGIT && f & F_LETTER)) {
        this.leetspeak.read(scan, token);
        continue;
      }
      // Look-alike letters from other scripts: "ivоry" with a Cyrillic "о".
      if (f & F_NON_LATIN) {
        // Else maybe a misspelling in Cyrillic, Greek, Arabic ... ("Муссурана" for "Мусурана").
        if (!this.homoglyphs.read(scan, token) && length >= 5) {
          if (this.nearAnchor(scan, token)) {
            this.misspelled.readAsOneWordName(scan, token, token, charOffset, length, tokens.hash[token], 0);
          }
          this.neighbours.readBesideExactWords(scan, token);
        }
        continue;
      }
      if (!(f & F_LATIN) || length < 4) continue;
      // A common English word ("manner") is not a misspelled name ("lanner").
      if (this.nearAnchor(scan, token) && !isCommonEnglishToken(tokens, token)) {
        this.misspelled.readAsOneWordName(scan, token, token, charOffset, length, tokens.hash[token], 0);
        this.misspelled.readAsMisspelledName(scan, token);
      }
      this.neighbours.readBesideExactWords(scan, token);
    }
  }

  /**
   * Start and end offsets (flattened, in text order) of the exact pass's confident names and
   * clear sale or contact cues: the company a weak hit needs.
   */
  private exactAnchors(mentions: Mention[]): number[] {
    const lexicon = this.lexicon;
    const anchors: number[] = [];
    for (const mention of mentions) {
      const kind = lexicon.entryKind[mention.entry];
      if (lexicon.entryFlags[mention.entry] & EF_WEAK) continue;
      const termKind = lexicon.termKindOf(kind);
      const clearCue = termKind === 'sale-cue' || termKind === 'contact-cue';
      if (termKind === undefined || termKind === 'product' || termKind === 'agency' || clearCue) {
        anchors.push(mention.start, mention.end);
      }
    }
    return anchors;
  }

  /** True when token `token` lies within contextChars of an anchor; must be asked in text order. */
  private nearAnchor(scan: TextScan, token: number): boolean {
    const start = scan.tokens.start[token];
    const end = scan.tokens.end[token];
    const anchors = scan.anchors;
    while (scan.nextAnchor < anchors.length && anchors[scan.nextAnchor + 1] < start - this.contextChars) {
      scan.nextAnchor += 2;
    }
    return scan.nextAnchor < anchors.length && anchors[scan.nextAnchor] <= end + this.contextChars;
  }
}
