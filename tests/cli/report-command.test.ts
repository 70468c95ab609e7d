/**
 * `wildtrace report` over case files built by the project's own export code, with known
 * aggregates: the numbers in the CSV tables, the HTML report and the STIX bundle are checked.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import report from '../../src/cli/report-command';
import { unzip } from '../support/export-helpers';
import { hashtag, ind, intelCaseFile, species, term } from '../support/intel-fixture';
import { zipSync } from 'fflate';

afterEach(() => vi.restoreAllMocks());

async function run(args: string[]) {
  const err: string[] = [];
  const out: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  return { code: await report.run(args), err: err.join('\n'), out: out.join('\n') };
}

const PYTHON = 'Python regius';
const ELEPHANT = 'Loxodonta africana';
const PHONE = '+447700900001';

/** Rows of a CSV written by csvTable (no quoted commas in these fixtures). */
function csv(dir: string, name: string): string[][] {
  const text = readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '');
  return text
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','));
}

let inputs: string;
let alpha: string;
let tampered: string;
let alphaCopy: string;

beforeAll(async () => {
  inputs = mkdtempSync(join(tmpdir(), 'wildtrace-report-in-'));
  const a = await intelCaseFile(
    'Op Alpha',
    [
      {
        url: 'https://shop.example/item/1',
        capturedAt: '2025-03-03T10:00:00.000Z',
        hits: [species(PYTHON, 'II'), species(PYTHON, 'II', ['misspelling']), hashtag('#ballpython')],
        indicators: [ind.phone(PHONE), ind.payment('paypal'), ind.shipping('dhl'), ind.price(150, 'EUR')],
      },
      {
        url: 'https://www.facebook.com/groups/9',
        capturedAt: '2025-03-10T10:00:00.000Z',
        hits: [species(ELEPHANT, 'I'), term('white gold', 'code', ['code-word']), term('ivory', 'product')],
        indicators: [
          ind.messenger('telegram', 'ivory_king'),
          ind.wallet('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'),
          ind.price(900, 'USD'),
        ],
      },
    ],
    1,
  );
  const b = await intelCaseFile(
    'Op Beta',
    [
      {
        url: 'https://market.example/a',
        capturedAt: '2025-04-02T08:00:00.000Z',
        hits: [species(PYTHON, 'II')],
        indicators: [ind.messenger('whatsapp', PHONE), ind.price(200, 'EUR'), ind.email('Seller@Mail.example')],
      },
      {
        url: 'https://market.example/b',
        capturedAt: '2025-04-02T09:00:00.000Z',
        hits: [species(PYTHON, 'II'), species(ELEPHANT, 'I'), term('ivory', 'product')],
        indicators: [ind.price(50, 'USD'), ind.messenger('telegram', 'ivory_king')],
      },
    ],
    2,
  );
  // A case file altered after export: one capture's hits rewritten, the ZIP rebuilt around it.
  const files = unzip(
    await intelCaseFile(
      'Op Gamma',
      [
        {
          url: 'https://evil.example/',
          capturedAt: '2025-04-05T00:00:00.000Z',
          hits: [species('Panthera tigris', 'I')],
          indicators: [],
        },
      ],
      3,
    ),
  );
  const hitsPath = Object.keys(files).find((p) => p.endsWith('/hits.json'))!;
  files[hitsPath] = new TextEncoder().encode('[]');
  alpha = join(inputs, 'alpha.zip');
  tampered = join(inputs, 'gamma-tampered.zip');
  writeFileSync(alpha, a);
  writeFileSync(join(inputs, 'beta.zip'), b);
  writeFileSync(tampered, zipSync(files));
  alphaCopy = join(mkdtempSync(join(tmpdir(), 'wildtrace-report-copy-')), 'alpha-again.zip');
  writeFileSync(alphaCopy, a);
});

describe('wildtrace report', () => {
  it('counts the verified case files, leaves out the tampered one and says so', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wildtrace-report-out-'));
    // The folder holds alpha, beta and the tampered gamma; a copy of alpha is given as well.
    const r = await run([inputs, alphaCopy, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/LEFT OUT .*gamma-tampered\.zip: failed/);
    expect(r.out).toMatch(/2 cases, 4 captures, 2 cross-posted seller indicators; 1 case file\(s\) LEFT OUT/);
    // The seller tally's working files are gone: only the report's files are left.
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);

    const files = csv(out, 'case-files.csv');
    expect(files.map((f) => [f[0].replace(/.*\//, ''), f[1], f[5]])).toEqual([
      ['alpha.zip', 'included', '2'],
      ['beta.zip', 'included', '2'],
      ['gamma-tampered.zip', 'failed', '0'],
      ['alpha-again.zip', 'duplicate', '0'],
    ]);

    expect(csv(out, 'taxa.csv')).toEqual([
      [PYTHON, 'II', '3', '4', '2', '2'],
      [ELEPHANT, 'I', '2', '2', '2', '2'],
    ]);
    expect(csv(out, 'appendices.csv')).toEqual([
      ['I', '1', '2'],
      ['II', '1', '3'],
    ]);
    expect(csv(out, 'sites.csv')).toEqual([
      ['market.example', '2', '1', '2'],
      ['facebook.com', '1', '1', '1'],
      ['shop.example', '1', '1', '1'],
    ]);
    expect(csv(out, 'weeks.csv')).toEqual([
      ['2025-W10', '1'],
      ['2025-W11', '1'],
      ['2025-W14', '2'],
    ]);
    expect(csv(out, 'months.csv')).toEqual([
      ['2025-03', '2'],
      ['2025-04', '2'],
    ]);
    expect(csv(out, 'terms.csv')).toEqual([
      ['keyword', 'ivory', '2', '2'],
      ['hashtag', '#ballpython', '1', '1'],
      ['code-word', 'white gold', '1', '1'],
    ]);
    expect(csv(out, 'tactics.csv')).toEqual([
      ['code-word', 'Code words', '1', '1'],
      ['misspelling', 'Misspelt names', '1', '1'],
    ]);
    expect(csv(out, 'channels.csv')).toEqual([
      ['messenger', 'Telegram', '2', '2'],
      ['shipping', 'DHL', '1', '1'],
      ['payment', 'PayPal', '1', '1'],
      ['messenger', 'WhatsApp', '1', '1'],
    ]);
    expect(csv(out, 'prices.csv')).toEqual([
      ['(several taxa)', 'USD', '1', '50', '50', '50'],
      [ELEPHANT, 'USD', '1', '900', '900', '900'],
      [PYTHON, 'EUR', '2', '150', '200', '175'],
    ]);
    // Cross-posted sellers first, most widespread first; the others after them, in no set order.
    const sellers = csv(out, 'sellers.csv').map((s) => [s[2], s[3], s[4], s[5], s[6]]);
    expect(sellers.slice(0, 2)).toEqual([
      ['ivory_king', '2', '2', '2', 'true'],
      [PHONE, '2', '2', '2', 'true'],
    ]);
    expect(sellers.slice(2).sort()).toEqual([
      ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', '1', '1', '1', 'false'],
      ['seller@mail.example', '1', '1', '1', 'false'],
    ]);
    const cross = csv(out, 'cross-posting.csv');
    expect(cross.filter((c) => c[2] === PHONE).map((c) => [c[4], c[5], c[8]])).toEqual([
      ['Op Alpha', '1', 'shop.example'],
      ['Op Beta', '1', 'market.example'],
    ]);

    const html = readFileSync(join(out, 'cyber-alert.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(
      /<tr><th scope="row">Captures counted<\/th><td>4 \(2 repeated captures counted once\)<\/td><\/tr>/,
    );
    expect(html).toMatch(
      /gamma-tampered\.zip<\/span><\/td><td>Op Gamma<\/td><td><strong class="warn">FAILED verification: NOT included/,
    );
    expect(html).toContain(
      `<td><i>${PYTHON}</i></td><td><span class="pill app-II">II</span></td><td class="num">3</td>`,
    );
    expect(html).toMatch(
      new RegExp(
        `Phone<br><strong class="mono wrap-anywhere">\\${PHONE}</strong></td>` +
          '<td>market.example, shop.example</td><td>Op Alpha, Op Beta</td>',
      ),
    );
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('<title>Captures per listed taxon</title>');

    const stix = JSON.parse(readFileSync(join(out, 'indicators.stix.json'), 'utf8'));
    expect(stix.type).toBe('bundle');
    const indicators = stix.objects.filter((o: { type: string }) => o.type === 'indicator');
    expect(indicators).toHaveLength(4);
    const phone = indicators.find((o: { name: string }) => o.name === `Phone ${PHONE}`);
    expect(phone.pattern).toBe(`[user-account:account_type = 'phone' AND user-account:account_login = '${PHONE}']`);
    expect(phone.labels).toContain('cross-posted');
    const email = indicators.find((o: { name: string }) => o.name.startsWith('E-mail'));
    expect(email.pattern).toBe("[email-addr:value = 'seller@mail.example']");
  });

  it('exits 0 when every file is verified, 2 without --out', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wildtrace-report-out-'));
    expect((await run([alpha, '--out', out])).code).toBe(0);
    expect(csv(out, 'taxa.csv').map((t) => [t[0], t[2]])).toEqual([
      [ELEPHANT, '1'],
      [PYTHON, '1'],
    ]);
    expect((await run([alpha])).code).toBe(2);
    expect((await run(['/nonexistent/x.zip', '--out', out])).code).toBe(2);
  });

  it('reads a case file of format version 1', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wildtrace-report-out-'));
    const v1 = join(import.meta.dirname, '../fixtures/case-files/v1.zip');
    expect((await run([v1, '--out', out])).code).toBe(0);
    expect(csv(out, 'taxa.csv')).toEqual([['Python regius', 'II', '3', '3', '1', '1']]);
  });

  it('leaves out a file that is not a case file, with the reason', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wildtrace-report-out-'));
    const junk = join(mkdtempSync(join(tmpdir(), 'wildtrace-junk-')), 'junk.zip');
    writeFileSync(junk, 'not a zip at all');
    const r = await run([junk, alpha, '--out', out]);
    expect(r.code).toBe(1);
    expect(csv(out, 'case-files.csv')[0][1]).toBe('failed');
    expect(csv(out, 'taxa.csv')).toHaveLength(2);
  });
});

describe('wildtrace report --tables parquet', () => {
  it('writes flat tables that DuckDB reads, reproducing the report’s counts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wildtrace-report-parquet-'));
    const r = await run([inputs, '--out', out, '--tables', 'parquet']);
    expect(r.code).toBe(1); // the tampered file is still left out
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const rows = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson();
    const p = (name: string) => `'${join(out, `${name}.parquet`)}'`;

    expect(await rows(`select count(*)::int as n from ${p('captures')}`)).toEqual([{ n: 4 }]);
    // taxa.csv: captures per taxon, as the HTML report's taxon table.
    const taxa = await rows(
      `select taxon, appendix, count(distinct capture_id)::int as captures, count(*)::int as mentions
       from ${p('hits')} where taxon is not null group by 1, 2 order by captures desc, taxon`,
    );
    expect(taxa).toEqual([
      { taxon: PYTHON, appendix: 'II', captures: 3, mentions: 4 },
      { taxon: ELEPHANT, appendix: 'I', captures: 2, mentions: 2 },
    ]);
    expect(csv(out, 'taxa.csv').map((t) => [t[0], Number(t[2]), Number(t[3])])).toEqual(
      taxa.map((t) => [t.taxon, t.captures, t.mentions]),
    );
    // Cross-posting: seller keys on two sites or in two cases, from the links table.
    const cross = await rows(
      `select value, count(distinct site)::int as sites, count(distinct case_id)::int as cases
       from ${p('links')} group by seller_key, value
       having count(distinct site) > 1 or count(distinct case_id) > 1 order by value`,
    );
    expect(cross).toEqual([
      { value: PHONE, sites: 2, cases: 2 },
      { value: 'ivory_king', sites: 2, cases: 2 },
    ]);
    const prices = await rows(
      `select currency, min(amount) as lowest, max(amount) as highest from ${p('indicators')}
       where type = 'price' group by 1 order by 1`,
    );
    expect(prices).toEqual([
      { currency: 'EUR', lowest: 150, highest: 200 },
      { currency: 'USD', lowest: 50, highest: 900 },
    ]);
    const times = await rows(`select min(captured_at)::varchar as first from ${p('captures')}`);
    expect(times).toEqual([{ first: '2025-03-03 10:00:00' }]);
    con.closeSync();
  });

  it('refuses another table format', async () => {
    expect((await run([alpha, '--out', mkdtempSync(join(tmpdir(), 'x-')), '--tables', 'orc'])).code).toBe(2);
  });
});

describe('wildtrace report --tables parquet into a folder it cannot fill', () => {
  const parquetFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.parquet'));

  it('on a full disk still writes the report, keeps no broken parquet file and exits 2', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wildtrace-report-full-'));
    // /dev/full accepts the file being opened and refuses every byte written with ENOSPC.
    symlinkSync('/dev/full', join(out, 'hits.parquet'));
    const r = await run([alpha, '--out', out, '--tables', 'parquet']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot write the parquet tables into .*ENOSPC/);
    expect(r.err).toContain('no parquet file was kept');
    expect(parquetFiles(out)).toEqual([]);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readFileSync(join(out, 'cyber-alert.html'), 'utf8')).toContain('Op Alpha');
    expect(csv(out, 'taxa.csv').length).toBeGreaterThan(0);
  });

  it('with a folder where a table goes, says so instead of crashing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wildtrace-report-eisdir-'));
    mkdirSync(join(out, 'links.parquet'));
    const r = await run([alpha, '--out', out, '--tables', 'parquet']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot write the parquet tables into .*EISDIR/);
    expect(parquetFiles(out)).toEqual(['links.parquet']); // the officer's folder, untouched
    expect(statSync(join(out, 'links.parquet')).isDirectory()).toBe(true);
  });
});

describe('wildtrace report stopped midway', () => {
  it('on Ctrl+C removes its working folder and the half-written tables', async () => {
    const many = mkdtempSync(join(tmpdir(), 'wildtrace-report-many-'));
    // The same case file 200 times: each copy is verified, so the run lasts long enough to stop.
    for (let i = 0; i < 200; i++) copyFileSync(alpha, join(many, `copy-${String(i).padStart(3, '0')}.zip`));
    const out = mkdtempSync(join(tmpdir(), 'wildtrace-report-stopped-'));
    const child = spawn(
      process.execPath,
      [join(process.cwd(), 'bin/wildtrace.mjs'), 'report', many, '--out', out, '--tables', 'parquet', '-q'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    const working = () => readdirSync(out).some((f) => f.startsWith('.wildtrace-sellers-'));
    const end = Date.now() + 30_000;
    while (!working() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(working()).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(err).toContain('stopped by SIGINT');
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);
});
