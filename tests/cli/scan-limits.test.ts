/**
 * `wildtrace scan` in bounded memory: hits and indicators kept per document are capped (the rest
 * counted), documents beyond MAX_DOCUMENT_BYTES are refused before they are read, and JSONL is read
 * a line at a time. Memory figures are measured outside the tests (see the commit message).
 */
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import scan, { analyzeBounded, MAX_KEPT } from '../../src/cli/scan-command';
import { jsonlDocuments, linesOf, MAX_DOCUMENT_BYTES, readDocuments, type Doc } from '../../src/cli/scan-input';
import { loadLexiconFile } from '../../src/engine/lexicon/node-load';
import { createMatcher } from '../../src/engine/matcher/matcher';
import { analyzeLongText } from '../../src/engine/risk';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : p;
}
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

let dir: string;
let out: string[];
let err: string[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wildtrace-scan-limits-'));
});
afterEach(() => vi.restoreAllMocks());

async function run(args: string[]): Promise<number> {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ') + '\n'));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return scan.run(args);
}
const records = () =>
  out
    .join('')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('hits kept per document', () => {
  const matcher = createMatcher(loadLexiconFile());
  // Three windows of analysis, each with hundreds of hits.
  const text = Array.from({ length: 3000 }, (_, i) => (i % 20 === 19 ? 'ivory\n' : 'ivory tusk for sale ')).join('');

  it('keeps the first ones, counts the others, and scores as analyzeLongText does', () => {
    const full = analyzeLongText(text, matcher);
    const hits = full.hits.filter((h) => h.confidence >= 0.5);
    expect(hits.length).toBeGreaterThan(600);
    const bounded = analyzeBounded(text, matcher, { minConfidence: 0.5, maxKept: 250 });
    expect(bounded.hits).toEqual(hits.slice(0, 250));
    expect(bounded.moreHits).toBe(hits.length - 250);
    expect(bounded.indicators).toEqual(full.indicators.slice(0, 250));
    expect(bounded.moreIndicators).toBe(Math.max(0, full.indicators.length - 250));
    expect(bounded.risk).toEqual(full.risk);
  });

  it('gives every hit when there are fewer than the cap', () => {
    const full = analyzeLongText(text, matcher);
    const bounded = analyzeBounded(text, matcher, { minConfidence: 0 });
    expect(bounded.hits).toEqual(full.hits);
    expect(bounded.moreHits).toBe(0);
  });

  it(`prints at most ${MAX_KEPT} hits of a document and how many more there were`, async () => {
    writeFileSync(join(dir, 'many.txt'), 'ivory '.repeat(MAX_KEPT + 50));
    expect(await run(['--format', 'jsonl', join(dir, 'many.txt')])).toBe(0);
    const [doc] = records();
    expect(doc.hits).toHaveLength(MAX_KEPT);
    expect(doc.moreHits).toBeGreaterThan(0);
    expect(await run(['--format', 'table', join(dir, 'many.txt')])).toBe(0);
    expect(out.join('')).toMatch(new RegExp(`… and ${doc.moreHits} more hits \\(at most ${MAX_KEPT} are shown\\)`));
  });
});

describe('documents beyond the size limit', () => {
  it.each(['big.txt', 'big.html'])('refuses %s before reading it', async (name) => {
    const path = join(dir, name);
    writeFileSync(path, '');
    truncateSync(path, MAX_DOCUMENT_BYTES + 1);
    expect(await run(['--format', 'jsonl', path])).toBe(1);
    expect(err.join('\n')).toMatch(new RegExp(`${name}: larger than 8 MB, the most one document may have`));
    expect(out).toEqual([]);
  });

  it('takes a document of exactly the limit', async () => {
    const docs = await all(readDocuments('-', chunks('x'.repeat(64)), { maxDocumentBytes: 64 }));
    expect(docs.map((d) => d.text.length)).toEqual([64]);
  });

  it('refuses standard input beyond the limit while reading it', async () => {
    let read = 0;
    async function* endless() {
      for (;;) {
        read++;
        yield new Uint8Array(16).fill(0x41);
      }
    }
    await expect(all(readDocuments('-', endless(), { maxDocumentBytes: 100 }))).rejects.toThrow(
      /stdin: larger than 100 bytes/,
    );
    expect(read).toBe(7);
  });

  it('refuses a JSONL line beyond the limit and keeps the lines before it', async () => {
    const line = JSON.stringify({ id: 'a', text: 'ivory' });
    const docs: Doc[] = [];
    const read = async () => {
      for await (const d of jsonlDocuments('x.jsonl', chunks(`${line}\n${line}\n`, '{"text":"', 'y'.repeat(90)), 80))
        docs.push(d);
    };
    await expect(read()).rejects.toThrow(/x\.jsonl:3: larger than/);
    expect(docs.map((d) => d.id)).toEqual(['x.jsonl#a', 'x.jsonl#a']);
  });
});

describe('JSONL read a line at a time', () => {
  it('splits lines across chunks, UTF-8 characters cut in two included', async () => {
    const bytes = new TextEncoder().encode('{"text":"象牙"}\r\n\n{"text":"marfil"}');
    const pieces = Array.from(bytes, (b) => new Uint8Array([b]));
    const docs = await all(jsonlDocuments('s', chunks(...pieces)));
    expect(docs.map((d) => d.text)).toEqual(['象牙', 'marfil']);
    expect(await all(linesOf('s', chunks(...pieces)))).toEqual(['{"text":"象牙"}\r', '', '{"text":"marfil"}']);
  });

  it('prints the documents before a broken line, then fails', async () => {
    writeFileSync(join(dir, 'half.jsonl'), '{"id":"ok","text":"ivory"}\n{broken\n{"id":"never","text":"x"}\n');
    expect(await run(['--format', 'jsonl', join(dir, 'half.jsonl')])).toBe(1);
    expect(records().map((d) => d.document)).toEqual([`${join(dir, 'half.jsonl')}#ok`]);
    expect(err.join('\n')).toMatch(/half\.jsonl:2: not valid JSON/);
  });

  it('names the line of a document that is not UTF-8', async () => {
    const docs = jsonlDocuments('b.jsonl', chunks('{"text":"a"}\n', new Uint8Array([0x7b, 0xff, 0x7d, 0x0a])));
    await expect(all(docs)).rejects.toThrow(/b\.jsonl:2: not UTF-8/);
  });
});
