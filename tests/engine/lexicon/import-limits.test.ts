/**
 * Agency imports within limits: gzip that unpacks beyond the cap is refused while unpacking, lists
 * beyond MAX_AGENCY_TERMS are refused while parsing, JSON fields that are not text are refused,
 * and terms left out as duplicates are reported.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { duplicateTerms, parseAgencyTerms } from '../../../src/engine/lexicon/agency-import';
import { applyAgencyUpdate } from '../../../src/engine/lexicon/agency-update';
import { MAX_AGENCY_TERMS, MAX_IMPORT_BYTES, MAX_KEYWORD_LIST_BYTES } from '../../../src/engine/lexicon/import-limits';
import { toBytes } from '../../../src/engine/lexicon/input';
import { readLexiconContainer } from '../../../src/engine/lexicon/node-load';
import { loadLexicon } from '../../../src/engine/lexicon/load';
import { LexiconImportError } from '../../../src/engine/lexicon/types';

const enc = (s: string) => new TextEncoder().encode(s);

function errorOf(f: () => unknown): LexiconImportError {
  try {
    f();
  } catch (e) {
    return e as LexiconImportError;
  }
  throw new Error('no error');
}

describe('unpacking', () => {
  it('refuses a gzip file that unpacks beyond the cap, while unpacking', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_KEYWORD_LIST_BYTES + 1, 0x61), { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const e = errorOf(() => parseAgencyTerms(bomb, { listName: 'bomb' }));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe('Keyword list "bomb" unpacks to more than 16 MB, the most an import may hold');
  });

  it('refuses plain input beyond the cap', () => {
    const e = errorOf(() => toBytes(new Uint8Array(1025), 'File "x"', 1024));
    expect(e.code).toBe('too-large');
  });

  it('unpacks up to the cap exactly, several gzip members and a cut trailer told apart', () => {
    const data = Buffer.alloc(100_000, 0x62);
    expect(toBytes(gzipSync(data), 'f', 100_000)).toEqual(new Uint8Array(data));
    const two = Buffer.concat([gzipSync(Buffer.from('a,b\n')), gzipSync(Buffer.from('1,2\n'))]);
    expect(new TextDecoder().decode(toBytes(two, 'f'))).toBe('a,b\n1,2\n');
    const gz = gzipSync(data);
    for (const cut of [1, 4, 8, 100]) {
      expect(errorOf(() => toBytes(gz.subarray(0, gz.length - cut), 'f')).code).toBe('truncated');
    }
  });

  it('keeps the documented caps', () => {
    expect([MAX_IMPORT_BYTES, MAX_KEYWORD_LIST_BYTES, MAX_AGENCY_TERMS]).toEqual([256 * 2 ** 20, 16 * 2 ** 20, 50_000]);
  });
});

describe('list size', () => {
  const csv = (n: number) =>
    ['term,kind,language,note', ...Array.from({ length: n }, (_, i) => `code word ${i},code,en,`)].join('\n');

  it(`takes ${MAX_AGENCY_TERMS} terms and refuses one more`, () => {
    expect(parseAgencyTerms(csv(MAX_AGENCY_TERMS), { listName: 'ops' })).toHaveLength(MAX_AGENCY_TERMS);
    const e = errorOf(() => parseAgencyTerms(csv(MAX_AGENCY_TERMS + 1), { listName: 'ops' }));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe('Keyword list "ops" has more than 50,000 rows, the most an import may hold');
  });

  it('stops parsing at the limit', () => {
    const progress: number[] = [];
    const e = errorOf(() =>
      parseAgencyTerms(csv(10 * MAX_AGENCY_TERMS), { listName: 'ops', onProgress: (p) => progress.push(p.done) }),
    );
    expect(e.code).toBe('too-large');
    expect(Math.max(...progress)).toBeLessThan(0.15);
  });

  it('refuses a JSON list beyond the limit', () => {
    const list = JSON.stringify(
      Array.from({ length: MAX_AGENCY_TERMS + 1 }, (_, i) => ({ term: `t${i}`, kind: 'code', language: 'en' })),
    );
    expect(errorOf(() => parseAgencyTerms(list, { listName: 'j' })).message).toBe(
      'Keyword list "j" has more than 50,000 terms, the most a list may hold',
    );
  });
});

describe('JSON fields', () => {
  it.each([
    [{ term: { en: 'ivory' }, kind: 'code', language: 'en' }, '"term" is an object, not text'],
    [{ term: ['ivory'], kind: 'code', language: 'en' }, '"term" is a list, not text'],
    [{ term: 1080, kind: 'code', language: 'en' }, '"term" is a number, not text'],
    [{ term: 'ivory', kind: true, language: 'en' }, '"kind" is a boolean, not text'],
    [{ term: 'ivory', kind: 'code', language: 'en', note: {} }, '"note" is an object, not text'],
  ])('refuses %j', (item, message) => {
    const e = errorOf(() => parseAgencyTerms(JSON.stringify([item]), { listName: 'j' }));
    expect(e.code).toBe('bad-row');
    expect(e.message).toBe(`Keyword list "j": item 1: ${message}`);
  });

  it('takes null as an empty field', () => {
    const [t] = parseAgencyTerms('[{"term":"blue ghost","kind":"code","language":"en","note":null}]', {
      listName: 'j',
    });
    expect(t).toMatchObject({ term: 'blue ghost', note: '' });
  });
});

describe('duplicate terms', () => {
  const current = readLexiconContainer();
  const lexicon = loadLexicon(current).toLexicon();
  const existing = lexicon.terms.find((t) => t.lang === 'en' && /^[a-z ]+$/.test(t.term))!;

  it('names the terms the lexicon or the list itself already has', () => {
    const terms = parseAgencyTerms(
      'term,kind,language,note\n' +
        `${existing.term.toUpperCase()},${existing.kind},en,\n` +
        'snowflake powder,code,en,\nSnowflake Powder,code,en,\nsnowflake powder,product,en,\n',
      { listName: 'ops' },
    );
    expect(duplicateTerms(lexicon, terms, 'ops').map((t) => t.term)).toEqual([
      existing.term.toUpperCase(),
      'Snowflake Powder',
    ]);
  });

  it('reports them with the import', async () => {
    const list = 'term,kind,language,note\nblue ghost,code,en,\nBlue Ghost,code,en,\nred ghost,code,en,\n';
    const { record } = await applyAgencyUpdate(current, { kind: 'keywords', listName: 'ops', bytes: enc(list) });
    expect(record.duplicates).toEqual({ count: 1, examples: ['Blue Ghost'] });
    expect(record.terms).toBe(lexicon.terms.length + 2);
  }, 120_000);
});
