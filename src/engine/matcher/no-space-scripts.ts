/**
 * Exact names in runs of scripts written without spaces (Chinese, Japanese, Thai): the tokenizer
 * keeps such a run as one token, and names are found in it as substrings, leftmost-longest, up to
 * the lexicon's longest name in those scripts.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EK_EXCLUDED } from '../lexicon/format';
import { extendHash } from '../text/word-hash';
import type { TextScan } from './text-scan';
import { nodeHasEntries } from './word-lookup';

/** Records the names found in token `token`, a run of a script written without spaces. */
export function findInNoSpaceRun(lexicon: CompiledLexicon, scan: TextScan, token: number): void {
  const tokens = scan.tokens;
  const chars = tokens.chars;
  const charOffset = tokens.charStart[token];
  const length = tokens.len[token];
  // Offsets map one to one unless the run holds ignorable characters (zero-width, accents).
  const direct = tokens.end[token] - tokens.start[token] === length;
  const maxLength = lexicon.maxCjkLength;
  for (let at = 0; at < length; at++) {
    const first = chars[charOffset + at];
    if (!(lexicon.cjkFirst[first >> 3] & (1 << (first & 7)))) continue;
    let hash = 0;
    let best = -1;
    let bestLength = 0;
    for (let l = 1; l <= maxLength && at + l <= length; l++) {
      hash = extendHash(hash, chars[charOffset + at + l - 1]);
      const word = lexicon.lookupWord(hash, chars, charOffset + at, l);
      if (word >= 0 && nodeHasEntries(lexicon, word)) {
        best = word;
        bestLength = l;
      }
    }
    if (best < 0) continue;
    const entry = lexicon.nodeEntryStart[best];
    if (lexicon.entryKind[entry] !== EK_EXCLUDED) {
      const runStart = tokens.start[token];
      const start = direct ? runStart + at : originalOffset(scan.text, runStart, at);
      const end = direct ? start + bestLength : originalOffset(scan.text, runStart, at + bestLength);
      scan.mentions.push({
        start,
        end,
        firstToken: token,
        lastToken: token,
        entry,
        tactics: 0,
        editDistance: 0,
        weakMisspelling: false,
      });
    }
    at += bestLength - 1;
  }
  scan.covered[token] = 1;
}

/** Offset in the text of the i-th kept code unit of a run that starts at `start` and holds ignorable characters. */
function originalOffset(text: string, start: number, i: number): number {
  let pos = start;
  let kept = 0;
  while (kept < i && pos < text.length) {
    const c = text.charCodeAt(pos);
    const zeroWidth = c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff;
    if (!(zeroWidth || c === 0x00ad || (c >= 0x300 && c <= 0x36f))) kept++;
    pos++;
  }
  return pos;
}
