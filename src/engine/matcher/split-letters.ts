/**
 * Letters split by spaces, dots or dashes: "p a n g o l i n", "i.v.o.r.y", "P-Y-T-H-O-N". A run
 * of single letters is joined into one word and looked up, exact or misspelled; a word right after
 * it may be a misspelled continuation of the name ("p a n g o l i n scals").
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { F_CJK, F_LETTER } from '../text/tokenize';
import { hashCodes } from '../text/word-hash';
import { TACTIC_SPLIT_LETTERS } from './mention-and-reading';
import type { MisspelledNameReader } from './misspelled-names';
import type { NeighbourRepair } from './neighbour-repair';
import type { TextScan } from './text-scan';

export class SplitLetterReader {
  private readonly lexicon: CompiledLexicon;
  private readonly misspelled: MisspelledNameReader;
  private readonly neighbours: NeighbourRepair;

  constructor(lexicon: CompiledLexicon, misspelled: MisspelledNameReader, neighbours: NeighbourRepair) {
    this.lexicon = lexicon;
    this.misspelled = misspelled;
    this.neighbours = neighbours;
  }

  /**
   * Last token of the run of single letters that starts at token `first`, separated by one or two
   * spaces, dots, dashes, underscores, stars or bullets (`first` itself when no letter follows).
   */
  runEnd(scan: TextScan, first: number): number {
    const tokens = scan.tokens;
    const text = scan.text;
    let last = first;
    while (
      last + 1 < tokens.count &&
      tokens.len[last + 1] === 1 &&
      tokens.flags[last + 1] & F_LETTER &&
      !(tokens.flags[last + 1] & F_CJK)
    ) {
      const gapStart = tokens.end[last];
      const gapEnd = tokens.start[last + 1];
      if (gapEnd - gapStart > 2) break;
      let ok = true;
      for (let p = gapStart; p < gapEnd; p++) {
        const c = text.charCodeAt(p);
        const separator = c === 0x20 || c === 0x2e || c === 0x2d || c === 0x5f || c === 0x2a;
        if (!(separator || c === 0xb7 || c === 0xa0 || c === 0x2022)) ok = false;
      }
      if (!ok) break;
      last++;
    }
    return last;
  }

  /** Reads the letters of tokens first..last (a run, see runEnd) as one word, exact or misspelled. */
  read(scan: TextScan, first: number, last: number): void {
    const tokens = scan.tokens;
    const chars = tokens.chars;
    // The tokenizer stores consecutive tokens' folded letters one after the other: the run is one word.
    const charOffset = tokens.charStart[first];
    const length = tokens.charStart[last] + tokens.len[last] - charOffset;
    const hash = hashCodes(chars, charOffset, charOffset + length);
    const word = this.lexicon.lookupWord(hash, chars, charOffset, length);
    if (word >= 0) {
      scan.readings.push({ firstToken: first, lastToken: last, word, tactics: TACTIC_SPLIT_LETTERS, editDistance: 0 });
      this.neighbours.repairWordAfter(scan, last + 1, word, length);
    } else this.misspelled.readAsOneWordName(scan, first, last, charOffset, length, hash, TACTIC_SPLIT_LETTERS);
  }
}
