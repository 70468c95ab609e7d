/**
 * Abbreviated genus: "P. regius" for Python regius. A single capital and a dot, then an epithet
 * that follows a genus with that initial in a scientific name. When several genera fit, accepted
 * names go before synonyms, then a genus the text writes out, then animals (abbreviated binomials
 * in trade are mostly reptiles, birds and mammals); a guess among several is marked as one. Runs
 * after the token readers, which list the text's single capitals as they pass them.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EK_EXTRA_SYNONYM, EK_SCIENTIFIC, EK_SYNONYM } from '../lexicon/format';
import { F_UPPER_FIRST } from '../text/tokenize';
import { TACTIC_ABBREVIATED_GENUS } from './mention-and-reading';
import type { MentionRecorder } from './mention-recorder';
import type { TextScan } from './text-scan';

export class AbbreviatedGenusFinder {
  private readonly lexicon: CompiledLexicon;
  private readonly recorder: MentionRecorder;
  /** Epithet word -> the genus words it follows in scientific names (built on first use). */
  private generaByEpithet?: Map<number, number[]>;

  constructor(lexicon: CompiledLexicon, recorder: MentionRecorder) {
    this.lexicon = lexicon;
    this.recorder = recorder;
  }

  find(scan: TextScan): void {
    const lexicon = this.lexicon;
    const tokens = scan.tokens;
    const text = scan.text;
    const { flags, word, len } = tokens;
    let genera: Map<number, number[]> | undefined;
    let present: Set<number> | undefined;
    // Only the single capitals the token readers listed (every other token fails the first test).
    const initials = scan.initials;
    let after = -1;
    for (let i = 0; i < scan.initialCount; i++) {
      const initial = initials[i];
      const epithetToken = initial + 1;
      if (initial <= after || epithetToken >= tokens.count) continue;
      if (len[initial] !== 1 || !(flags[initial] & F_UPPER_FIRST)) continue;
      if (scan.covered[epithetToken] || scan.covered[initial]) continue;
      if (text.charCodeAt(tokens.end[initial]) !== 0x2e) continue;
      const epithet = word[epithetToken];
      if (epithet < 0 || flags[epithetToken] & F_UPPER_FIRST) continue;
      genera ??= this.epithetIndex();
      const options = genera.get(epithet);
      if (!options) continue;
      const letter = tokens.chars[tokens.charStart[initial]];
      let matches = options.filter((genus) => lexicon.wordChars[lexicon.wordStart[genus]] === letter);
      // Accepted names before synonyms, then a genus written out in the text, then animals.
      const entryOf = (genus: number) => lexicon.nodeEntryStart[lexicon.child(genus, epithet)];
      const accepted = matches.filter((genus) => lexicon.entryKind[entryOf(genus)] === EK_SCIENTIFIC);
      if (accepted.length > 0) matches = accepted;
      let guessed = false;
      if (matches.length > 1) {
        if (!present) {
          present = new Set<number>();
          for (let k = 0; k < tokens.count; k++) if (word[k] >= 0) present.add(word[k]);
        }
        const written = matches.filter((genus) => present!.has(genus));
        if (written.length > 0) matches = written;
        else {
          matches = matches.filter((genus) => lexicon.taxonKingdom(lexicon.entryRef[entryOf(genus)]) === 'Animalia');
          guessed = true;
        }
      }
      if (matches.length !== 1) continue;
      const node = lexicon.child(matches[0], epithet);
      if (node >= 0 && this.recorder.record(scan, initial, epithetToken, node, TACTIC_ABBREVIATED_GENUS, 0)) {
        // A guess among several genera is reported with less confidence.
        if (guessed) scan.mentions[scan.mentions.length - 1].guessedGenus = true;
        after = epithetToken;
      }
    }
  }

  /** Epithet word -> genus words that precede it in a scientific name. Built on first use. */
  private epithetIndex(): Map<number, number[]> {
    if (this.generaByEpithet) return this.generaByEpithet;
    const lexicon = this.lexicon;
    const map = new Map<number, number[]>();
    const wordCount = lexicon.wordCount;
    for (let e = 0; e < lexicon.edgeParent.length; e++) {
      const parent = lexicon.edgeParent[e];
      if (parent >= wordCount) continue;
      const node = wordCount + e;
      let scientific = false;
      for (let entry = lexicon.nodeEntryStart[node]; entry < lexicon.nodeEntryStart[node + 1]; entry++) {
        const kind = lexicon.entryKind[entry];
        if (kind === EK_SCIENTIFIC || kind === EK_SYNONYM || kind === EK_EXTRA_SYNONYM) scientific = true;
      }
      if (!scientific) continue;
      const epithet = lexicon.edgeWord[e];
      const list = map.get(epithet);
      if (list) {
        if (!list.includes(parent)) list.push(parent);
      } else map.set(epithet, [parent]);
    }
    this.generaByEpithet = map;
    return map;
  }
}
