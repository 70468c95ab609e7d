/** `wildtrace scan` end to end (in process) and the HTML visible-text extractor it uses. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import scan from '../../src/cli/scan-command';
import { htmlVisibleText } from '../../src/engine/text/html-text';
import { decodeEntities } from '../../src/engine/text/html-entities';

describe('htmlVisibleText', () => {
  it.each([
    ['<p>Ivory <b>for</b> sale</p>', 'Ivory for sale'],
    ['<title>Ad 12</title><body><p>Python regius</p></body>', 'Ad 12\nPython regius'],
    ['<script>var x = "ivory";</script><style>p{}</style><p>shown</p>', 'shown'],
    [
      '<div hidden>secret ivory</div><div style="display: none">x</div><span aria-hidden="true">y</span>visible',
      'visible',
    ],
    ['<div><div hidden><div>nested</div></div>after</div>', 'after'],
    ['<img src="a.png" alt="p4ngolin scales"> photo', 'p4ngolin scales photo'],
    ['<!-- ivory --><p>a &amp; b &eacute; &#x1F40D; &#233;</p>', 'a & b é 🐍 é'],
    ['<ul><li>one</li><li>two</li></ul>', 'one\ntwo'],
    ['plain text, no tags', 'plain text, no tags'],
    ['<p>unclosed <b>bold', 'unclosed bold'],
  ])('%j', (html, text) => expect(htmlVisibleText(html)).toBe(text));
  it('leaves unknown entities alone', () => expect(decodeEntities('&bogus; &#0;')).toBe('&bogus; &#0;'));
});

describe('wildtrace scan', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wildtrace-scan-'));
    writeFileSync(
      join(dir, 'ad.html'),
      '<html><head><title>Listing</title><script>const hidden = "Manis javanica";</script></head>' +
        '<body><h1>Pyhton regius for sale</h1><div hidden>Loxodonta africana</div><img alt="1vory bangle">' +
        '<p>WhatsApp +44 7700 900183</p></body></html>',
    );
    writeFileSync(
      join(dir, 'posts.jsonl'),
      '{"id":"p1","text":"Se vende marfil, envío gratis"}\n\n{"url":"https://example.com/2","text":"Learn Python programming"}\n',
    );
    writeFileSync(join(dir, 'note.txt'), 'Nothing to see here.');
    writeFileSync(
      join(dir, 'national.jsonl'),
      '{"id":"a","text":"Tortoise for sale, ring 202 555 0143"}\n{"url":"https://shop.example.vn/1","text":"Bán rùa, gọi 0912 345 678"}\n',
    );
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'skip.pdf'), 'not scanned');
    writeFileSync(join(dir, 'bad.jsonl.txt'), 'ok');
    writeFileSync(join(dir, 'broken.jsonl'), '{"text": "fine"}\n{not json}\n');
    writeFileSync(join(dir, 'notext.jsonl'), '{"body": "x"}\n');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x81]));
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

  it('prints help', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(out.join('')).toMatch(/Usage: wildtrace scan/);
  });

  it('scans the visible text of HTML only, with score and indicators', async () => {
    expect(await run(['--format', 'jsonl', join(dir, 'ad.html')])).toBe(0);
    const [doc] = records();
    const terms = doc.hits.map((h: { term: string }) => h.term);
    expect(terms).toEqual(expect.arrayContaining(['Python regius', 'for sale', 'ivory']));
    expect(terms).not.toContain('Manis javanica');
    expect(terms).not.toContain('Loxodonta africana');
    expect(doc.hits.find((h: { term: string }) => h.term === 'Python regius').tactics).toEqual(['misspelling']);
    expect(typeof doc.risk.score).toBe('number');
    expect(doc.risk.signals.length).toBeGreaterThan(0);
    expect(doc.indicators.some((i: { type: string }) => i.type === 'phone' || i.type === 'messenger')).toBe(true);
  });

  it('scans JSONL documents one by one, named by id or url', async () => {
    expect(await run(['--format', 'jsonl', join(dir, 'posts.jsonl')])).toBe(0);
    const docs = records();
    expect(docs.map((d) => d.document)).toEqual([
      `${join(dir, 'posts.jsonl')}#p1`,
      `${join(dir, 'posts.jsonl')}#https://example.com/2`,
    ]);
    expect(docs[0].hits.map((h: { term: string }) => h.term)).toEqual(['se vende', 'marfil', 'envío']);
    expect(docs[1].hits).toEqual([]);
  });

  it('drops hits under --min-confidence', async () => {
    expect(await run(['--format', 'jsonl', '--min-confidence', '0', join(dir, 'posts.jsonl')])).toBe(0);
    expect(records()[1].hits.map((h: { text: string; confidence: number }) => [h.text, h.confidence])).toEqual([
      ['Python', 0.1],
    ]);
  });

  it('reads numbers without a country code in the --region given, or in the country of the document url', async () => {
    expect(await run(['--format', 'jsonl', '--region', 'us', join(dir, 'national.jsonl')])).toBe(0);
    const phones = records().map((d) =>
      d.indicators.filter((i: { type: string }) => i.type === 'phone').map((i: { normalized: string }) => i.normalized),
    );
    expect(phones).toEqual([['+12025550143'], ['+84912345678']]);
    expect(await run(['--format', 'jsonl', join(dir, 'national.jsonl')])).toBe(0);
    expect(records()[0].indicators).toEqual([]);
  });

  it('prints a table', async () => {
    expect(await run(['--format', 'table', join(dir, 'ad.html')])).toBe(0);
    expect(out.join('')).toMatch(/== .*ad\.html .*score \d+/);
    expect(out.join('')).toMatch(/Python regius \[II\]/);
  });

  it.each([
    [['--format', 'xml', 'x'], 2, /--format must be jsonl or table/],
    [['--min-confidence', '2', 'x'], 2, /--min-confidence must be a number from 0 to 1/],
    [['--region', 'Narnia', 'x'], 2, /--region must be a two-letter country code/],
    [[], 2, /give exactly one FILE/],
    [['--bogus', 'x'], 2, /Unknown option/],
    [['/nonexistent/file.html'], 1, /cannot read \/nonexistent\/file.html: ENOENT/],
  ])('refuses %j with exit %i', async (args, code, message) => {
    expect(await run(args as string[])).toBe(code);
    expect(err.join('\n')).toMatch(message);
  });

  it.each([
    ['broken.jsonl', /broken.jsonl:2: not valid JSON/],
    ['notext.jsonl', /notext.jsonl:1: no "text" field/],
    ['binary.txt', /binary.txt: not UTF-8 text/],
  ])('fails clearly on %s', async (file, message) => {
    expect(await run(['--format', 'jsonl', join(dir, file)])).toBe(1);
    expect(err.join('\n')).toMatch(message);
  });

  it('walks a directory in name order and stops at the first unreadable file', async () => {
    expect(await run(['--format', 'jsonl', dir])).toBe(1);
    const names = records().map((d) => d.document.replace(dir, ''));
    expect(names).toEqual(['/ad.html', '/bad.jsonl.txt']);
    expect(err.join('\n')).toMatch(/binary.txt: not UTF-8/);
  });
});
