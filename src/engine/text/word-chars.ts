/**
 * Word characters (letters, marks, digits) of page text, by UTF-16 index: the character test the
 * word scans share (indicator phrases, the page summary's word count), with a lazily filled
 * table for characters outside ASCII instead of a RegExp call per character.
 */

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** Word characters outside ASCII, by UTF-16 unit: 0 not yet known, 1 a word character, 2 not. */
let bmp: Uint8Array | undefined;

/** Length in UTF-16 units of the word character (letter, mark, digit) at `i`, or 0. */
export function wordCharAt(text: string, i: number): number {
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
