/**
 * Properties of the agency keyword-list import, CSV and JSON (fast-check): any list written
 * correctly reads back term for term, and any input at all is either read into terms whose fields
 * are all text or refused with a LexiconImportError, never another error. Run counts keep this
 * file under a few seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAgencyTerms } from '../../../src/engine/lexicon/agency-import';
import { importChecklist } from '../../../src/engine/lexicon/checklist-import';
import { gzipSync } from 'node:zlib';
import { checklistCsv, SMALL_ROWS } from '../../support/checklist-sample';
import { TERM_KINDS } from '../../../src/engine/lexicon/trade-terms';
import { LexiconImportError, type TradeTerm } from '../../../src/engine/lexicon/types';

// Field text: anything printable, commas, quotes, semicolons and accents included.
const field = fc
  .string({ unit: 'grapheme', maxLength: 24 })
  .map((s) => s.replace(/[\u0000-\u001f\u007f]/g, ' '))
  .filter((s) => !/^\uFEFF/.test(s));
const row = fc.record({
  term: field.filter((s) => s.trim() !== ''),
  kind: fc.constantFrom(...TERM_KINDS),
  language: fc.constantFrom('en', 'es', 'fr', 'vi', 'zh', 'pt'),
  note: field,
});
const rows = fc.array(row, { minLength: 1, maxLength: 15 });

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const csvOf = (rs: { term: string; kind: string; language: string; note: string }[]) =>
  ['term,kind,language,note', ...rs.map((r) => [r.term, r.kind, r.language, r.note].map(quote).join(','))].join('\r\n');
const shape = (t: TradeTerm) => [t.term, t.kind, t.lang, t.note];
const expected = (rs: { term: string; kind: string; language: string; note: string }[]) =>
  rs.map((r) => [r.term.trim(), r.kind, r.language, r.note.trim()]);

/** Runs the import; returns its terms, or undefined when it refused the input as it should. */
function importOrRefuse(input: string | Uint8Array, format?: 'csv' | 'json'): TradeTerm[] | undefined {
  try {
    return parseAgencyTerms(input, { listName: 'p', ...(format ? { format } : {}) });
  } catch (e) {
    if (e instanceof LexiconImportError) return undefined;
    throw e;
  }
}
const allText = (terms: TradeTerm[]) =>
  terms.every((t) =>
    [t.term, t.kind, t.lang, t.note, t.refersTo, t.source].every(
      (v) => typeof v === 'string' && !v.includes('[object'),
    ),
  );

describe('agency list import properties', () => {
  it('reads back a CSV list term for term', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        expect(parseAgencyTerms(csvOf(rs), { listName: 'p' }).map(shape)).toEqual(expected(rs));
      }),
      { numRuns: 300 },
    );
  });

  it('reads back a JSON list term for term', () => {
    fc.assert(
      fc.property(rows, fc.boolean(), (rs, wrapped) => {
        const json = JSON.stringify(wrapped ? { terms: rs } : rs);
        expect(parseAgencyTerms(json, { listName: 'p' }).map(shape)).toEqual(expected(rs));
      }),
      { numRuns: 300 },
    );
  });

  it('reads any JSON into text fields or refuses it', () => {
    const item = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({ term: fc.jsonValue({ maxDepth: 1 }), kind: fc.jsonValue({ maxDepth: 1 }), language: fc.jsonValue() }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.array(item, { maxLength: 5 })), (value) => {
        const terms = importOrRefuse(JSON.stringify(value) ?? 'null', 'json');
        if (terms) expect(allText(terms)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('reads any bytes into text fields or refuses them', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 120 }),
      rows.map(csvOf).chain((csv) => fc.nat({ max: csv.length }).map((cut) => csv.slice(0, cut))),
    );
    fc.assert(
      fc.property(fc.oneof(text, fc.uint8Array({ maxLength: 120 })), (input) => {
        const terms = importOrRefuse(input);
        if (terms) expect(allText(terms)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a checklist cut, damaged or gzipped anyhow, or refuses it with the reason', () => {
    const csv = new TextEncoder().encode(checklistCsv(SMALL_ROWS));
    const damaged = fc.record({ gzip: fc.boolean(), cut: fc.nat(), flips: fc.array(fc.tuple(fc.nat(), fc.nat(255))) });
    fc.assert(
      fc.property(damaged, ({ gzip, cut, flips }) => {
        let bytes: Uint8Array = gzip ? new Uint8Array(gzipSync(csv)) : csv.slice();
        for (const [at, v] of flips) bytes[at % bytes.length] = v;
        bytes = bytes.subarray(0, cut % (bytes.length + 1));
        try {
          const { taxa } = importChecklist(bytes);
          expect(taxa.every((t) => typeof t.name === 'string' && t.name !== '')).toBe(true);
        } catch (e) {
          if (!(e instanceof LexiconImportError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
