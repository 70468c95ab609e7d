/**
 * The CSV formula guard against the shapes that slipped through it (OWASP "CSV injection"):
 * blanks or line breaks before "=", full-width and small operator forms, and separators other
 * than the comma. Any text round-trips through a CSV parser, guarded when a spreadsheet would
 * read a formula.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvTable, isFormulaLike } from '../../../src/engine/export/csv';

describe('CSV formula guard', () => {
  it.each([
    [' =1+1', `' =1+1`],
    ['\n=1+1', `"'\n=1+1"`],
    ['\r\n=HYPERLINK("http://x")', `"'\r\n=HYPERLINK(""http://x"")"`],
    ['\u00a0=1+1', `'\u00a0=1+1`],
    ['\u3000=1+1', `'\u3000=1+1`],
    ['\u200b=1+1', `'\u200b=1+1`],
    ['\u0000=1+1', `'\u0000=1+1`],
    ['＝1+1', `'＝1+1`],
    ['＋cmd', `'＋cmd`],
    ['－2+3', `'－2+3`],
    ['＠SUM(A1)', `'＠SUM(A1)`],
    ['﹦1+1', `'﹦1+1`],
    [' +44 7700 900121', `' +44 7700 900121`],
    ['\n-12.5', `"'\n-12.5"`],
    ['\nplain', `"'\nplain"`],
  ])('guards %j', (value, written) => {
    expect(isFormulaLike(value)).toBe(true);
    expect(csvCell(value)).toBe(written);
  });

  it.each([
    ['a;=1+1', '"a;=1+1"'],
    ['a\t=1+1', '"a\t=1+1"'],
    ['x;y', '"x;y"'],
    ['tab\there', '"tab\there"'],
  ])('quotes a cell holding a separator: %j', (value, written) => expect(csvCell(value)).toBe(written));

  it.each(['plain', ' padded', 'a = b', 'e-mail', '+00:00', '+447700900121', '-12.5', '@snake_seller', '＝'.slice(1)])(
    'leaves %j unguarded',
    (value) => expect(isFormulaLike(value)).toBe(false),
  );

  it('writes any text so a CSV parser reads it back, guarded where a spreadsheet would see a formula', () => {
    const piece = fc.constantFrom(...`=+-@＝ \t\n\r;,"'a1()`);
    const cell = fc.oneof(
      fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), (cells) => {
        const [read] = parseCsv(csvTable(cells, []), { bom: true, relax_column_count: true }) as string[][];
        expect(read).toHaveLength(cells.length);
        read.forEach((got, i) => {
          const value = cells[i];
          expect(got).toBe(isFormulaLike(value) ? `'${value}` : value);
          // Blanks, line breaks or controls before an operator never hide it.
          const stripped = value.replace(/^[\s\u0000-\u001f\u200b\ufeff]+/, '');
          if (stripped !== value && /^[=+\-@＝＋－＠]/.test(stripped)) expect(got.startsWith("'")).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
