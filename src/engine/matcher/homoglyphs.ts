/**
 * Look-alike letters from other scripts: "ivоry" with a Cyrillic "о", "Pythоn" with a Greek "ο".
 * A word mixing Latin letters with Cyrillic or Greek ones that look like Latin letters is read with
 * the Latin letters and looked up.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { hashCodes } from '../text/word-hash';
import { TACTIC_HOMOGLYPH } from './mention-and-reading';
import type { TextScan } from './text-scan';

/** Cyrillic and Greek letters that look like Latin ones (lower case, as folded). */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ү: 'y',
  ɡ: 'g',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  γ: 'y',
};
const LATIN_BY_HOMOGLYPH = new Map<number, number>(
  Object.entries(HOMOGLYPHS).map(([glyph, latin]) => [glyph.charCodeAt(0), latin.charCodeAt(0)]),
);

export class HomoglyphReader {
  private readonly lexicon: CompiledLexicon;
  private buffer = new Uint16Array(64);

  constructor(lexicon: CompiledLexicon) {
    this.lexicon = lexicon;
  }

  /**
   * Reads token `token` with its look-alike letters made Latin; true when that is a lexicon word
   * (then added as a reading). A word with letters of another script that look like nothing Latin
   * is not read.
   */
  read(scan: TextScan, token: number): boolean {
    const tokens = scan.tokens;
    const chars = tokens.chars;
    const charOffset = tokens.charStart[token];
    const length = tokens.len[token];
    if (this.buffer.length < length) this.buffer = new Uint16Array(length * 2);
    const latin = this.buffer;
    let mapped = 0;
    let other = 0;
    for (let i = 0; i < length; i++) {
      const c = chars[charOffset + i];
      const lookAlike = LATIN_BY_HOMOGLYPH.get(c) ?? 0;
      if (lookAlike) mapped++;
      else if (c > 0x24f) other++;
      latin[i] = lookAlike || c;
    }
    if (mapped === 0 || other !== 0) return false;
    const word = this.lexicon.lookupWord(hashCodes(latin, 0, length), latin, 0, length);
    if (word < 0) return false;
    scan.readings.push({ firstToken: token, lastToken: token, word, tactics: TACTIC_HOMOGLYPH, editDistance: 0 });
    return true;
  }
}
