/**
 * CSV (RFC 4180: CRLF line ends, fields quoted when needed, quotes doubled), with a guard against
 * formula injection: a text cell starting with = + - @ TAB or CR is prefixed with ' so a
 * spreadsheet shows it as text instead of running it (OWASP "CSV injection").
 *
 * The guard leaves alone the few shapes that start with + - or @ yet cannot hold a formula, because
 * they have no operator after the first character, no function call and no "|" or "!" (what
 * DDE payloads need): a UTC offset ("+01:00"), a phone number in international form ("+44 7700
 * 900121", "+447700900121"), a signed decimal number ("-12.5") and a social handle
 * ("@snake_seller"). Prefixing those only damaged them for every reader (the offset was written
 * "'+00:00"). Anything else that starts with those characters, "-2+3" included, is still guarded.
 */

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const HARMLESS = [
  /^[+-]\d{2}:\d{2}$/, // UTC offset
  /^\+\d[\d ]{4,20}\d$/, // phone number: +, digits and spaces
  /^[+-]?\d+(\.\d+)?$/, // signed decimal number
  /^@[A-Za-z0-9_.]{1,64}$/, // @handle
];

/** True when a text cell would be read as a formula by a spreadsheet and must be prefixed. */
export function isFormulaLike(s: string): boolean {
  return FORMULA_START.test(s) && !HARMLESS.some((re) => re.test(s));
}

/** One cell, escaped and guarded. Numbers are written as they are. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let s = value;
  if (isFormulaLike(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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
