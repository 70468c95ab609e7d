import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { ARTEFACTS, CAPTURE_SIDECARS, CASE_FILES } from '../../../src/engine/evidence/case-file-names';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource, openZip, unsafePathReason, ZipRefusal } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase } from '../../support/evidence-fixture';
import { exportToBytes, unzip } from '../../support/export-helpers';

let good: Uint8Array;
let goodFiles: Record<string, Uint8Array>;

beforeAll(async () => {
  good = (await exportToBytes(await buildSampleCase({ captures: 2, annotate: true }))).zip;
  goodFiles = unzip(good);
});

const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const setU32 = (b: Uint8Array, o: number, v: number) => {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
  b[o + 3] = v >>> 24;
};
const setU16 = (b: Uint8Array, o: number, v: number) => {
  b[o] = v;
  b[o + 1] = v >>> 8;
};
/** Offsets of the central directory entries of a ZIP. */
function cdOffsets(z: Uint8Array): number[] {
  const eocd = z.length - 22;
  let p = u32(z, eocd + 16);
  const out: number[] = [];
  while (u32(z, p) === 0x02014b50) {
    out.push(p);
    p += 46 + (z[p + 28] | (z[p + 29] << 8)) + (z[p + 30] | (z[p + 31] << 8)) + (z[p + 32] | (z[p + 33] << 8));
  }
  return out;
}

async function refusal(bytes: Uint8Array, limits = {}) {
  const r = await verifyCaseFile(bytesSource(bytes), { limits });
  expect(r.ok).toBe(false);
  return r.refused?.code;
}

describe('unsafe paths', () => {
  it.each([
    ['../evil.txt', /escapes/],
    ['a/../../evil', /escapes/],
    ['/etc/passwd', /absolute/],
    ['C:/windows/x', /drive/],
    ['a\\..\\b', /backslash/],
    ['a//b', /empty/],
    ['./a', /"\."/],
    ['a\u0000b', /control/],
    ['', /empty name/],
  ])('%j is refused', (name, reason) => {
    expect(unsafePathReason(name)).toMatch(reason);
  });
  it.each(['manifest.json', 'captures/0000-abc/page.html', 'dir/'])('%j is fine', (name) => {
    expect(unsafePathReason(name)).toBeUndefined();
  });
  it.each(['../evil.txt', '/abs.txt', 'x/../../y.txt'])('an archive with %j is refused, nothing written', async (p) => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-slip-'));
    try {
      const z = zipSync({ [CASE_FILES.manifest]: strToU8('{}'), [p]: strToU8('pwned') });
      expect(await refusal(z)).toBe('unsafe-path');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('refuses duplicate names and names differing only in case', async () => {
    expect(await refusal(zipSync({ 'A.txt': strToU8('1'), 'a.txt': strToU8('2') }))).toBe('duplicate-entry');
    const z = zipSync({ 'a.txt': strToU8('1'), 'b.txt': strToU8('2') });
    const [, second] = cdOffsets(z);
    z[second + 46] = 'a'.charCodeAt(0); // central name b.txt -> a.txt
    expect(await refusal(z)).toBe('duplicate-entry');
  });
});

describe('zip bombs and absurd sizes', () => {
  it('refuses a highly compressed entry (ratio limit)', async () => {
    const bomb = zipSync({ 'bomb.bin': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await refusal(bomb)).toBe('ratio-too-high');
  });
  it('refuses when declared sizes exceed the per-entry and total limits', async () => {
    const z = zipSync({ 'a.bin': new Uint8Array(5000).fill(1), 'b.bin': new Uint8Array(5000).fill(2) }, { level: 0 });
    expect(await refusal(z, { maxEntryBytes: 4000 })).toBe('entry-too-large');
    expect(await refusal(z, { maxTotalBytes: 8000 })).toBe('total-too-large');
    expect(await refusal(z, { maxEntries: 1 })).toBe('too-many-entries');
    expect(await refusal(z, { maxArchiveBytes: 100 })).toBe('archive-too-large');
  });
  it('stops an entry that expands beyond its declared size (lying header)', async () => {
    const z = zipSync({ [CASE_FILES.manifest]: strToU8('x'.repeat(50_000)) }, { level: 9 });
    const [cd] = cdOffsets(z);
    setU32(z, cd + 24, 1000); // declared uncompressed size: 1000
    const r = await verifyCaseFile(bytesSource(z));
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ code: 'file-damaged', where: CASE_FILES.manifest });
    expect(r.problems[0].message).toMatch(/beyond its declared size/);
  });
  it('refuses overlapping entries', async () => {
    const z = zipSync({ 'a.txt': strToU8('aaaa'), 'b.txt': strToU8('bbbb') }, { level: 0 });
    const [cd] = cdOffsets(z);
    setU32(z, cd + 20, 20);
    setU32(z, cd + 24, 20); // a.txt claims 20 bytes: runs over b.txt's header
    expect(await refusal(z)).toBe('overlapping-entries');
  });
  it('refuses ZIP64, encryption and unknown methods', async () => {
    const z64 = zipSync({ 'a.txt': strToU8('a') });
    setU16(z64, z64.length - 22 + 10, 0xffff);
    setU16(z64, z64.length - 22 + 8, 0xffff);
    expect(await refusal(z64)).toBe('zip64');
    const enc = zipSync({ 'a.txt': strToU8('a') });
    enc[cdOffsets(enc)[0] + 8] |= 1;
    expect(await refusal(enc)).toBe('encrypted');
    const m = zipSync({ 'a.txt': strToU8('a') });
    setU16(m, cdOffsets(m)[0] + 10, 12);
    expect(await refusal(m)).toBe('unsupported-method');
  });
});

describe('malformed input gets a clear refusal, never a crash', () => {
  it.each([
    ['empty', new Uint8Array(0), 'not-zip'],
    ['random bytes', new Uint8Array(5000).map((_, i) => (i * 7919) & 0xff), 'not-zip'],
    ['a truncated case file', () => good.subarray(0, Math.floor(good.length / 2)), 'not-zip'],
    ['a case file cut before its directory end', () => good.subarray(0, good.length - 5), 'not-zip'],
  ])('%s', async (_label, make, code) => {
    const bytes = typeof make === 'function' ? make() : make;
    expect(await refusal(bytes)).toBe(code);
  });
  it('a central directory pointing outside the file', async () => {
    const z = good.slice();
    setU32(z, z.length - 22 + 16, z.length + 100);
    expect(await refusal(z)).toBe('malformed');
  });
  it.each([
    ['manifest.json is not JSON', { [CASE_FILES.manifest]: strToU8('{"format":') }, 'json-malformed'],
    [
      'manifest has wrong types',
      { [CASE_FILES.manifest]: strToU8('{"format":"wildtrace-case-file","formatVersion":1,"captures":"x"}') },
      'manifest-malformed',
    ],
    ['manifest is missing', { [CASE_FILES.manifest]: undefined }, 'manifest-missing'],
    ['manifest is an array', { [CASE_FILES.manifest]: strToU8('[]') }, 'manifest-malformed'],
    ['manifest signature is garbage', { [CASE_FILES.manifestSignature]: strToU8('\u0000\u0001') }, 'json-malformed'],
    ['audit log has a broken line', { [CASE_FILES.audit]: strToU8('{"hash":1}\nnot json\n') }, 'audit-malformed'],
    [
      'a sidecar is not UTF-8',
      () => {
        const folder = Object.keys(goodFiles)[0].split('/').slice(0, 2).join('/');
        return { [`${folder}/${CAPTURE_SIDECARS.metadata}`]: new Uint8Array([0xff, 0xfe, 0x00]) };
      },
      'not-utf8',
    ],
  ])('%s', async (_label, makePatch, code) => {
    const patch: Record<string, Uint8Array | undefined> = typeof makePatch === 'function' ? makePatch() : makePatch;
    const files: Record<string, Uint8Array> = { ...goodFiles };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete files[k];
      else files[k] = v;
    }
    const r = await verifyCaseFile(bytesSource(zipSync(files)));
    expect(r.ok).toBe(false);
    expect(r.refused).toBeUndefined();
    expect(r.problems.map((p) => p.code)).toContain(code);
  });
  it('openZip throws only ZipRefusal', async () => {
    await expect(openZip(bytesSource(strToU8('PK\u0005\u0006')))).rejects.toBeInstanceOf(ZipRefusal);
  });
});

describe('wildtrace verify (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wt-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]) {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => {
      out.push(a.join(' '));
    });
    const err = vi.spyOn(console, 'error').mockImplementation((...a) => {
      out.push(a.join(' '));
    });
    try {
      return { code: await main(['verify', ...args]), out: out.join('\n') };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  it('exits 0 on an intact case file', async () => {
    writeFileSync(join(dir, 'good.zip'), good);
    const r = await run([join(dir, 'good.zip')]);
    expect(r.out).toMatch(/RESULT: INTACT/);
    expect(r.code).toBe(0);
  });
  it('exits 1 and names the file, expected and found on a tampered one', async () => {
    const files = { ...goodFiles };
    const victim = Object.keys(files).find((k) => k.endsWith(`/${ARTEFACTS.text}`))!;
    files[victim] = strToU8('Nothing to see here');
    writeFileSync(join(dir, 'bad.zip'), zipSync(files));
    const r = await run([join(dir, 'bad.zip')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`ERROR [file-hash-mismatch] ${victim}: SHA-256 differs from the manifest (expected `);
    expect(r.out).toMatch(/RESULT: NOT VALID/);
  });
  it('--json prints a machine-readable report; --expect-fingerprint catches another key', async () => {
    writeFileSync(join(dir, 'good.zip'), good);
    const r = await run([join(dir, 'good.zip'), '--json', '--expect-fingerprint', 'ab'.repeat(32)]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.problems.map((p: { code: string }) => p.code)).toEqual(['public-key-unexpected']);
  });
  it.each([
    [[], 2],
    [['a.zip', 'b.zip'], 2],
    [['--bogus'], 2],
    [['/no/such/file.zip'], 2],
    [['--help'], 0],
  ])('usage %j exits %i', async (args, code) => {
    expect((await run(args as string[])).code).toBe(code);
  });
  it('refuses a zip-slip archive with exit 1', async () => {
    writeFileSync(join(dir, 'slip.zip'), zipSync({ '../../evil.sh': strToU8('rm -rf /') }));
    const r = await run([join(dir, 'slip.zip')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/archive refused: unsafe entry name/);
  });
});
