/**
 * The matching engine: finds every lexicon name and trade term in a text, undoing the disguises
 * sellers use, and reports each mention as a Hit with offsets into the original text.
 *
 * match(text) makes one TextScan (text-scan.ts: the text's tokens, which tokens are covered, the
 * mentions and readings found so far) and hands it to each part in turn:
 *
 *   1. tokenize (../text/tokenize.ts)      one pass folds and hashes every word into typed arrays
 *                                          and lists the words the lexicon's bit-set may know.
 *   2. ExactNameFinder (exact-names.ts)    looks each listed word up once and follows the phrase
 *                                          trie, leftmost-longest; runs of scripts written without
 *                                          spaces are searched by substrings (no-space-scripts.ts).
 *   With evasions on (the default), only around the words the exact pass left uncovered:
 *   3. EvasionReaders (evasion-readers.ts) hands each such token to the reader its shape calls
 *                                          for; readers add readings (decoded, joined or repaired
 *                                          words) to the scan:
 *        split-letters.ts     "p a n g o l i n", "i.v.o.r.y"
 *        hashtags.ts          "#ballpythonsforsale" (split by hashtag-splitter.ts; records its
 *                             mentions itself)
 *        leetspeak.ts         "p4ngolin", "1vory", "$hark"
 *        homoglyphs.ts        "ivоry" with a Cyrillic "о"
 *        misspelled-names.ts  "Pangoline", "Cloelia cloelia cloelia" (misspelling-index.ts)
 *        neighbour-repair.ts  "Pyhton regius": a misspelled word beside a known one
 *   4. AbbreviatedGenusFinder (abbreviated-genus.ts)  "P. regius".
 *   5. ReadingWalk (reading-walk.ts)       follows the trie over every reading of each token and
 *                                          records the longest evasive names, replacing the exact
 *                                          names inside them.
 *   6. FalsePositiveJudge (false-positive-judge.ts)  weighs each mention against its neighbours
 *                                          (confidence.ts, traps.ts, nearby-words.ts,
 *                                          language-checks.ts) and turns the ones that stand into
 *                                          Hits (hit-builder.ts).
 *
 * Shared by the parts: mention-and-reading.ts (what they hand each other), mention-recorder.ts
 * (every whole name is recorded there, under the case rules), word-lookup.ts (a token's word,
 * plurals undone), entry-details.ts (an entry's spelling and taxon, decoded once),
 * empty-search-cache.ts (searches known to find nothing, kept across texts).
 *
 * The matcher itself keeps only what outlives a text: the parts, with their indexes built once,
 * the caches, and the buffers every TextScan borrows, so a page costs no allocation per token.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { AbbreviatedGenusFinder } from './abbreviated-genus';
import { EntryDetailsCache } from './entry-details';
import { EvasionReaders } from './evasion-readers';
import { ExactNameFinder } from './exact-names';
import { FalsePositiveJudge } from './false-positive-judge';
import type { Hit } from './hit';
import { byPosition, inTextOrder, type Mention } from './mention-and-reading';
import { MentionRecorder } from './mention-recorder';
import { ReadingWalk } from './reading-walk';
import { ScanBuffers, TextScan } from './text-scan';

export interface MatcherOptions {
  /**
   * Undo evasions (misspellings, leetspeak, split letters, look-alike letters, hashtags,
   * abbreviated genus). Default true.
   */
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

/** Creates a matcher over a loaded lexicon. Build once, reuse for every text. */
export function createMatcher(lexicon: CompiledLexicon, options: MatcherOptions = {}): Matcher {
  return new LexiconMatcher(lexicon, options);
}

/** Steps 3 to 5, made only when evasions are on. */
interface EvasionParts {
  readers: EvasionReaders;
  abbreviatedGenus: AbbreviatedGenusFinder;
  walk: ReadingWalk;
}

class LexiconMatcher implements Matcher {
  readonly lexicon: CompiledLexicon;
  /**
   * The bit-set the tokenizer lists words by. Exact matching lists only the words that begin a
   * name (CompiledLexicon.startBits) and looks up the others when a name reaches them; the
   * evasion readers need every word's id, so they list every word (wordBits).
   */
  private readonly wordBits: Int32Array;
  private readonly buffers = new ScanBuffers();
  private readonly exactNames: ExactNameFinder;
  private readonly evasions?: EvasionParts;
  private readonly judge: FalsePositiveJudge;

  constructor(lexicon: CompiledLexicon, options: MatcherOptions) {
    this.lexicon = lexicon;
    const evasions = options.evasions ?? true;
    const minConfidence = options.minConfidence ?? 0;
    const contextChars = options.contextChars ?? 200;
    this.wordBits = evasions ? lexicon.wordBits : lexicon.startBits;
    const details = new EntryDetailsCache(lexicon);
    const recorder = new MentionRecorder(lexicon, details);
    this.exactNames = new ExactNameFinder(lexicon, recorder, !evasions);
    // The misspelling indexes are built here, once per matcher, not per page.
    if (evasions) {
      this.evasions = {
        readers: new EvasionReaders(lexicon, contextChars),
        abbreviatedGenus: new AbbreviatedGenusFinder(lexicon, recorder),
        walk: new ReadingWalk(lexicon, recorder),
      };
    }
    this.judge = new FalsePositiveJudge(lexicon, details, minConfidence, contextChars);
  }

  clearCache(): void {
    this.evasions?.readers.clearCache();
  }

  match(text: string): Hit[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const scan = new TextScan(text, this.wordBits, this.buffers);
    this.exactNames.find(scan);
    const evasions = this.evasions;
    if (evasions) {
      evasions.readers.read(scan);
      evasions.abbreviatedGenus.find(scan);
      if (scan.readings.length > 0) evasions.walk.find(scan);
    }
    const live: Mention[] = [];
    for (const mention of scan.mentions) if (mention.entry >= 0) live.push(mention);
    // Exact names come in text order; only evasions and hashtags add hits out of it.
    if (!inTextOrder(live)) live.sort(byPosition);
    return this.judge.judge(scan, live);
  }
}
