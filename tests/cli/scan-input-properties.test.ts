/**
 * Properties of the JSONL reader of `wildtrace scan` (fast-check): the documents come out the same
 * however the bytes are cut into chunks (UTF-8 characters split included), whatever the line
 * endings and blank lines, and a line over the limit is refused with its number. Run counts keep
 * this file under a second or two.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonlDocuments, linesOf } from '../../src/cli/scan-input';

async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const record = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
    url: fc.webUrl(),
    text: fc.string({ unit: 'grapheme', maxLength: 60 }),
  },
  { requiredKeys: ['text'] },
);
const ending = fc.constantFrom('\n', '\r\n', '\n\n', '\n  \n');

describe('JSONL reader properties', () => {
  it('reads the same documents however the stream is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(record, ending), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        async (lines, cuts, lastEnding) => {
          const text = lines
            .map(([r, end], i) => JSON.stringify(r) + (i < lines.length - 1 || lastEnding ? end : ''))
            .join('');
          const docs = await all(jsonlDocuments('f', chunked(new TextEncoder().encode(text), cuts)));
          expect(docs.map((d) => d.text)).toEqual(lines.map(([r]) => r.text));
          expect(docs.map((d) => d.url)).toEqual(lines.map(([r]) => r.url));
          expect(docs.every((d) => d.id.startsWith('f#'))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives back the lines of any bytes, as split at line feeds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (s, cuts) => {
          const lines = await all(linesOf('f', chunked(new TextEncoder().encode(s), cuts)));
          const want = s.split('\n');
          if (want.at(-1) === '') want.pop();
          expect(lines).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses the first line over the limit, by its number, and no line at the limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lengths, cuts) => {
          const max = 20;
          const bytes = new TextEncoder().encode(lengths.map((n) => 'x'.repeat(n)).join('\n'));
          const over = lengths.findIndex((n) => n > max);
          const read = all(linesOf('f', chunked(bytes, cuts), max));
          // A last line left empty is no line.
          const count = lengths.at(-1) === 0 ? lengths.length - 1 : lengths.length;
          if (over < 0) expect(await read).toHaveLength(count);
          else await expect(read).rejects.toThrow(`f:${over + 1}: larger than ${max} bytes`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
