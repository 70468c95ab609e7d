/**
 * Digits and symbols for letters: "p4ngolin", "1vory", "$hark", "p@ngolin". A token with digits
 * or symbols among its letters is decoded ("1" first as "i", then as "l") and looked up, exact or
 * misspelled. Version numbers and code ("utf8", "es2015") repeat across pages: a token without a
 * reading is remembered.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { hashCodes } from '../text/word-hash';
import { SEARCH_LEETSPEAK, searchKey, type EmptySearchCache } from './empty-search-cache';
import { TACTIC_LEETSPEAK, TACTIC_MISSPELLING } from './mention-and-reading';
import type { MisspelledNameReader } from './misspelled-names';
import type { NeighbourRepair } from './neighbour-repair';
import type { TextScan } from './text-scan';

/** Digits and symbols used for letters; "1" may also stand for "l" (see ONE_AS). */
const LEET_MAP: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  $: 's',
  '@': 'a',
  '!': 'i',
  '|': 'l',
};
/** LEET_MAP by ASCII code: the letter a digit or symbol stands for, or 0. */
const LEET_CODES = new Uint16Array(128);
for (const [symbol, letter] of Object.entries(LEET_MAP)) LEET_CODES[symbol.charCodeAt(0)] = letter.charCodeAt(0);

/** What "1" may stand for: "i" first ("1vory"), then "l". */
const ONE_AS = [0x69, 0x6c];

export class LeetspeakReader {
  private readonly lexicon: CompiledLexicon;
  private readonly misspelled: MisspelledNameReader;
  private readonly neighbours: NeighbourRepair;
  private readonly emptySearches: EmptySearchCache;

  constructor(
    lexicon: CompiledLexicon,
    misspelled: MisspelledNameReader,
    neighbours: NeighbourRepair,
    emptySearches: EmptySearchCache,
  ) {
    this.lexicon = lexicon;
    this.misspelled = misspelled;
    this.neighbours = neighbours;
    this.emptySearches = emptySearches;
  }

  /** Leetspeak readings of token `token`, unless it is known to have none. */
  read(scan: TextScan, token: number): void {
    const key = searchKey(scan.tokens.hash[token], scan.tokens.len[token], SEARCH_LEETSPEAK);
    if (!this.emptySearches.has(key) && !this.addReadings(scan, token)) this.emptySearches.remember(key);
  }

  /** Adds the readings of token `token`, exact or misspelled. False when it has none. */
  private addReadings(scan: TextScan, token: number): boolean {
    const tokens = scan.tokens;
    const length = tokens.len[token];
    for (const oneAs of ONE_AS) {
      const decoded = decodeLeetspeak(tokens.chars, tokens.charStart[token], length, oneAs);
      if (!decoded) return false;
      const word = this.lexicon.lookupWord(hashCodes(decoded, 0, length), decoded, 0, length);
      if (word >= 0) {
        scan.readings.push({ firstToken: token, lastToken: token, word, tactics: TACTIC_LEETSPEAK, editDistance: 0 });
        this.neighbours.repairWordAfter(scan, token + 1, word, length);
        return true;
      }
      if (oneAs === 0x6c || !decoded.includes(0x6c)) {
        const misspelled = this.misspelled;
        const found = misspelled.oneWordCandidates(decoded, 0, length);
        for (let i = 0; i < found; i++) {
          scan.readings.push({
            firstToken: token,
            lastToken: token,
            word: misspelled.candidateWords[i],
            tactics: TACTIC_LEETSPEAK | TACTIC_MISSPELLING,
            editDistance: misspelled.candidateDistances[i],
          });
        }
        if (found) return true;
      }
    }
    return false;
  }
}

/** Leetspeak decoding of chars[off, off+l) into a fresh buffer, or null when nothing was decoded. */
function decodeLeetspeak(chars: Uint16Array, off: number, l: number, oneAs: number): Uint16Array | null {
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
    const letter = c < 128 ? LEET_CODES[c] : 0;
    if (letter !== 0) {
      out[i] = letter;
      changed = true;
    } else {
      out[i] = c;
      if ((c >= 97 && c <= 122) || c > 0xbf) letters++;
    }
  }
  return changed && letters >= 1 ? out : null;
}
