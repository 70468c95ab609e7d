/**
 * CSV (RFC 4180: CRLF line ends, fields quoted when needed, quotes doubled), with a guard against
 * formula injection: a text cell starting with = + - @ TAB or CR is prefixed with ' so a
 * spreadsheet shows it as text instead of running it (OWASP "CSV injection").
 */

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, escaped and guarded. Numbers are written as they are. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
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
