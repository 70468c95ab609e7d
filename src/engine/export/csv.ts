/**
 * CSV (RFC 4180: CRLF line ends, fields quoted when needed, quotes doubled), with a guard against
 * formula injection (OWASP "CSV injection"): a text cell a spreadsheet could read as a formula is
 * prefixed with ' so it shows as text.
 *
 * A cell is guarded when it starts with TAB, CR, LF or NUL, or when its first character after any
 * white space, line breaks, zero-width or control characters is = + - @ or their full-width or
 * small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫): spreadsheets skip leading blanks, and some read the wide
 * forms as operators. Every cell holding a field separator in common use (comma, semicolon, TAB),
 * a quote or a line break is quoted whole, so a spreadsheet that splits on ";" or TAB cannot start
 * a new cell inside it.
 *
 * The guard leaves alone the few shapes that start with + - or @ yet cannot hold a formula, because
 * they have no operator after the first character, no function call and no "|" or "!" (what
 * DDE payloads need): a UTC offset ("+01:00"), a phone number in international form ("+44 7700
 * 900121", "+447700900121"), a signed decimal number ("-12.5") and a social handle
 * ("@snake_seller"), each exactly so, with nothing before it. Prefixing those only damaged them for
 * every reader (the offset was written "'+00:00").
 */

export type CsvCell = string | number | boolean | null | undefined;

const CONTROL_START = /^[\t\r\n\0]/;
// What a spreadsheet may pass over before it decides whether a cell is a formula.
const SKIPPED = /^[\s\u0000-\u001f\u007f\u0085\u180e\u200b-\u200d\u2060\ufeff]+/;
const FORMULA_START = /^[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]/;
const HARMLESS = [
  /^[+-]\d{2}:\d{2}$/, // UTC offset
  /^\+\d[\d ]{4,20}\d$/, // phone number: +, digits and spaces
  /^[+-]?\d+(\.\d+)?$/, // signed decimal number
  /^@[A-Za-z0-9_.]{1,64}$/, // @handle
];
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;

/** True when a text cell would be read as a formula by a spreadsheet and must be prefixed. */
export function isFormulaLike(s: string): boolean {
  if (CONTROL_START.test(s)) return true;
  const start = s.replace(SKIPPED, '');
  if (!FORMULA_START.test(start)) return false;
  return start !== s || !HARMLESS.some((re) => re.test(s));
}

/** One cell, escaped and guarded. Numbers are written as they are. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let s = value;
  if (isFormulaLike(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A whole CSV file: header then rows, CRLF line ends, with a UTF-8 byte order mark so that
 * spreadsheet programs read non-ASCII text correctly.
 */
export function csvTable(header: readonly string[], rows: readonly CsvCell[][]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Text handed out at a time by csvChunks: large enough that writing it is cheap, small enough to hold. */
const CHUNK_CHARS = 64 * 1024;

/** The same text as csvTable, in pieces, for tables too large to hold whole; rows are read as it goes. */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly CsvCell[]>): Generator<string> {
  let text = `\uFEFF${header.map(csvCell).join(',')}\r\n`;
  for (const r of rows) {
    text += `${r.map(csvCell).join(',')}\r\n`;
    if (text.length >= CHUNK_CHARS) {
      yield text;
      text = '';
    }
  }
  yield text;
}
