/**
 * Word counting for the page summary while the page is read: the same count as countWords
 * (src/text/page-summary.ts: runs of letters, marks and digits, joined by inner apostrophes or
 * hyphens), by a scan over the characters instead of a RegExp exec per word, which allocated a
 * match per word and was a tenth of the scanner's time on a large page.
 */

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** Word characters outside ASCII, by UTF-16 unit: 0 not yet known, 1 a word character, 2 not. */
let bmp: Uint8Array | undefined;

/** Length in UTF-16 units of the word character (letter, mark, digit) at `i`, or 0. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  bmp ??= new Uint8Array(0x10000);
  let known = bmp[c];
  if (known === 0) bmp[c] = known = WORD_CHAR.test(text[i]) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** Apostrophes and hyphens that join two runs of word characters into one word. */
const isJoiner = (c: number) => c === 39 || c === 0x2019 || c === 45;

/** The number of words in `text`, exactly as countWords counts them. */
export function countWordsFast(text: string): number {
  const n = text.length;
  let words = 0;
  let i = 0;
  while (i < n) {
    let w = wordCharAt(text, i);
    if (w === 0) {
      i += 1;
      continue;
    }
    // A word: runs of word characters, each further run after exactly one joiner.
    words += 1;
    for (;;) {
      do i += w;
      while (i < n && (w = wordCharAt(text, i)) > 0);
      if (i + 1 < n && isJoiner(text.charCodeAt(i)) && (w = wordCharAt(text, i + 1)) > 0) {
        i += 1;
        continue;
      }
      break;
    }
  }
  return words;
}
