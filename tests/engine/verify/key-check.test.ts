/**
 * The signing key is part of the verdict. A case file re-signed wholesale with another key holds
 * together, so without the officer's fingerprint or the agency's known keys the verifier says only
 * "intact as signed" and names the key; with them it says whose key it is, or that it is not theirs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import verifyCommand from '../../../src/cli/verify-command';
import { formatFingerprint } from '../../../src/engine/evidence/signing';
import { parseKnownKeys } from '../../../src/engine/verify/known-keys';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase } from '../../support/evidence-fixture';
import { exportToBytes } from '../../support/export-helpers';

let officerKey: string;
let original: Uint8Array;
let resigned: Uint8Array;
let otherKey: string;
let dir: string;

beforeAll(async () => {
  const sc = await buildSampleCase({ captures: 2 });
  officerKey = sc.signer.info.fingerprint;
  original = (await exportToBytes(sc)).zip;
  // The same kind of case, every record and the manifest signed by someone else's key.
  const forger = await buildSampleCase({ captures: 2 });
  otherKey = forger.signer.info.fingerprint;
  resigned = (await exportToBytes(forger)).zip;
  dir = mkdtempSync(join(tmpdir(), 'wt-keys-'));
});

describe('the key in the verdict', () => {
  it('says a file is intact as signed and names the key, when no key is given to check it against', async () => {
    const r = await verifyCaseFile(bytesSource(resigned));
    expect(r.ok).toBe(true);
    expect(r.key).toEqual({ fingerprint: otherKey, status: 'unchecked' });
  });

  it('says the officer’s key is the expected one, and another key is not', async () => {
    expect((await verifyCaseFile(bytesSource(original), { expectedFingerprint: officerKey })).key?.status).toBe(
      'expected',
    );
    const r = await verifyCaseFile(bytesSource(resigned), { expectedFingerprint: formatFingerprint(officerKey) });
    expect(r.ok).toBe(false);
    expect(r.key?.status).toBe('unexpected');
    expect(r.problems.map((p) => p.code)).toEqual(['public-key-unexpected']);
  });

  it('names the holder from the known keys, and refuses a key not among them', async () => {
    const knownKeys = [{ fingerprint: officerKey, name: 'Jane Doe, laptop 2' }];
    const good = await verifyCaseFile(bytesSource(original), { knownKeys });
    expect(good.ok).toBe(true);
    expect(good.key).toEqual({ fingerprint: officerKey, status: 'known', name: 'Jane Doe, laptop 2' });
    const forged = await verifyCaseFile(bytesSource(resigned), { knownKeys });
    expect(forged.ok).toBe(false);
    expect(forged.key?.status).toBe('not-known');
    expect(forged.problems.map((p) => p.code)).toEqual(['public-key-not-known']);
  });
});

describe('known-keys files', () => {
  const hex = 'ab01'.repeat(16);

  it('reads fingerprints grouped, with colons or plain, and the holder after them', () => {
    const text = [
      '# Border Force wildlife unit',
      '',
      `${formatFingerprint(hex)}  Jane Doe`,
      `${hex.match(/../g)!.join(':')}\tDave (desk 4)`,
      `\uFEFF${hex.toUpperCase()}`,
      `${hex} Dad`,
    ].join('\r\n');
    expect(parseKnownKeys(text)).toEqual([
      { fingerprint: hex, name: 'Jane Doe' },
      { fingerprint: hex, name: 'Dave (desk 4)' },
      { fingerprint: hex, name: '' },
      { fingerprint: hex, name: 'Dad' },
    ]);
  });

  it.each([['abcd Jane'], [`${hex}ff Jane`], [`${hex.slice(2)} Jane`], [`zz${hex}`]])('refuses %j', (line) => {
    expect(() => parseKnownKeys(`# keys\n${line}\n`)).toThrow(/known-keys line 2: a key fingerprint is 64 hex digits/);
  });
});

describe('wildtrace verify and the key', () => {
  async function run(args: string[]) {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
    try {
      return { code: await verifyCommand.run(args), out };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  it('prints INTACT AS SIGNED with the key for a file re-signed wholesale, not INTACT', async () => {
    writeFileSync(join(dir, 'resigned.zip'), resigned);
    const r = await run([join(dir, 'resigned.zip')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Signed by key ${formatFingerprint(otherKey)} (not checked against a known key)`);
    expect(r.out.at(-1)).toBe(
      `RESULT: INTACT AS SIGNED - signed by key ${formatFingerprint(otherKey)}, ` +
        'NOT checked against a known key (--expect-fingerprint or --known-keys)',
    );
  });

  it('checks the key against --known-keys FILE', async () => {
    writeFileSync(join(dir, 'original.zip'), original);
    writeFileSync(join(dir, 'keys.txt'), `# unit 7\n${formatFingerprint(officerKey)}  Jane Doe\n`);
    const good = await run([join(dir, 'original.zip'), '--known-keys', join(dir, 'keys.txt')]);
    expect(good.code).toBe(0);
    expect(good.out.at(-1)).toBe('RESULT: INTACT - every check passed, signed by a known key: Jane Doe');
    const forged = await run([join(dir, 'resigned.zip'), '--known-keys', join(dir, 'keys.txt')]);
    expect(forged.code).toBe(1);
    expect(forged.out.join('\n')).toMatch(/\(NOT among the known keys\)[\s\S]*RESULT: NOT VALID/);
  });

  it('exits 2 for a known-keys file it cannot use', async () => {
    writeFileSync(join(dir, 'bad-keys.txt'), 'not a key\n');
    const bad = await run([join(dir, 'original.zip'), '--known-keys', join(dir, 'bad-keys.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.out.join('\n')).toMatch(/cannot use the known keys in .*bad-keys.txt: known-keys line 1/);
    expect((await run([join(dir, 'original.zip'), '--known-keys', join(dir, 'none.txt')])).code).toBe(2);
  });
});
