/**
 * RFC 3161 against a REAL local TSA: `openssl ts -reply` behind a node:http server on 127.0.0.1.
 * Skips (with a message) only when openssl is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { children, derOid, oidOf, parseDer } from '../../../src/engine/evidence/asn1';
import { fromBase64 } from '../../../src/engine/bytes/bytes';
import { CASE_FILES } from '../../../src/engine/evidence/case-file-names';
import { zipSync } from 'fflate';
import { attachTimestamp } from '../../../src/engine/evidence/operations';
import { checkStoredCase } from '../../../src/engine/evidence/self-check';
import { sha256Hex } from '../../../src/engine/bytes/sha256';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';
import {
  buildTimestampRequest,
  parseTimestampResponse,
  requestTimestamp,
  type TimestampTransport,
  verifyTimestampToken,
} from '../../../src/engine/evidence/timestamp';

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const hasOpenssl = openssl.status === 0;
if (!hasOpenssl) console.warn('timestamp tests skipped: openssl is not installed (needed to run a local TSA)');

describe('DER helpers', () => {
  it.each(['2.16.840.1.101.3.4.2.1', '1.2.840.113549.1.9.16.1.4', '1.3.6.1.5.5.7.3.8'])('OID %s round trip', (oid) => {
    expect(oidOf(parseDer(derOid(oid)))).toBe(oid);
  });
  it('builds a TimeStampReq that openssl can read', () => {
    const req = buildTimestampRequest('ab'.repeat(32), new Uint8Array([0x80, 1, 2, 3, 4, 5, 6, 7]));
    const top = children(parseDer(req.der));
    expect(top).toHaveLength(4);
    expect(req.nonce).toBe(0x8001020304050607n);
    if (hasOpenssl) {
      const dir = mkdtempSync(join(tmpdir(), 'wt-tsq-'));
      writeFileSync(join(dir, 'q.tsq'), req.der);
      const text = execFileSync('openssl', ['ts', '-query', '-in', join(dir, 'q.tsq'), '-text'], { encoding: 'utf8' });
      rmSync(dir, { recursive: true });
      expect(text).toContain('sha256');
      expect(text).toMatch(/0000 - ab ab ab ab ab ab ab ab-ab ab ab ab ab ab ab ab/);
      expect(text).toMatch(/Nonce: 0x8001020304050607/);
      expect(text).toMatch(/Certificate required: yes/);
    }
  });
  it.each([
    ['empty', new Uint8Array()],
    ['garbage', new Uint8Array([0x30, 0x82, 0xff, 0xff, 1])],
    ['not a sequence', new Uint8Array([0x04, 0x01, 0x00])],
  ])('refuses a malformed response (%s)', (_l, bytes) => {
    expect(() => parseTimestampResponse(bytes)).toThrow();
  });
  it('reports a malformed token instead of throwing', async () => {
    const r = await verifyTimestampToken(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), 'a'.repeat(64));
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatch(/malformed/);
  });
});

/** Byte ranges of the TSTInfo, the signed attributes and the signature inside a token. */
function signedRanges(token: Uint8Array): [number, number][] {
  const sd = children(children(children(parseDer(token))[1])[0]);
  const eContent = children(children(sd[2])[1])[0];
  const signerInfo = children(sd[sd.length - 1])[0];
  const si = children(signerInfo);
  return [
    [eContent.contentStart, eContent.end],
    [si[3].start, si[3].end],
    [si[5].contentStart, si[5].end],
  ];
}

interface Tsa {
  url: string;
  dir: string;
  server: Server;
  requests: number;
}

async function startTsa(keyKind: 'rsa' | 'ec'): Promise<Tsa> {
  const dir = mkdtempSync(join(tmpdir(), `wt-tsa-${keyKind}-`));
  const keyArgs =
    keyKind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...keyArgs,
      '-nodes',
      '-keyout',
      join(dir, 'tsa.key'),
      '-out',
      join(dir, 'tsa.crt'),
      '-days',
      '30',
      '-subj',
      `/CN=Wildtrace Test TSA ${keyKind}`,
      '-addext',
      'extendedKeyUsage=critical,timeStamping',
      '-addext',
      'basicConstraints=CA:FALSE',
    ],
    { stdio: 'ignore' },
  );
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    `[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  const tsa: Tsa = { url: '', dir, server: createServer(), requests: 0 };
  tsa.server.on('request', (req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const n = ++tsa.requests;
      const q = join(dir, `q${n}.tsq`);
      const r = join(dir, `r${n}.tsr`);
      writeFileSync(q, Buffer.concat(parts));
      const args = ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', q, '-out', r];
      const out = spawnSync('openssl', args, { encoding: 'utf8' });
      if (out.status !== 0) {
        res.writeHead(500).end(out.stderr);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(r));
    });
  });
  await new Promise<void>((ok) => tsa.server.listen(0, '127.0.0.1', ok));
  const addr = tsa.server.address();
  tsa.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/tsa`;
  return tsa;
}

describe.skipIf(!hasOpenssl).each(['rsa', 'ec'] as const)('RFC 3161 with a local openssl TSA (%s key)', (keyKind) => {
  let tsa: Tsa;
  beforeAll(async () => {
    tsa = await startTsa(keyKind);
  });
  afterAll(async () => {
    await new Promise((ok) => tsa.server.close(ok));
    rmSync(tsa.dir, { recursive: true, force: true });
  });

  it('requests a token over a record hash and validates it', async () => {
    const hash = await sha256Hex('{"record":1}');
    const before = Date.now();
    const ts = await requestTimestamp(tsa.url, hash);
    expect(ts.hash).toBe(hash);
    expect(Math.abs(Date.parse(ts.genTime) - before)).toBeLessThan(60_000);
    const check = await verifyTimestampToken(fromBase64(ts.token), hash);
    expect(check.errors).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.tsaCertificate?.subject).toContain(`Wildtrace Test TSA ${keyKind}`);
    expect(check.policy).toBe('1.2.3.4.1');
    // openssl agrees the token is over our hash and signed by the TSA.
    writeFileSync(join(tsa.dir, 'tok.der'), fromBase64(ts.token));
    const v = spawnSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-digest',
        hash,
        '-token_in',
        '-in',
        join(tsa.dir, 'tok.der'),
        '-CAfile',
        join(tsa.dir, 'tsa.crt'),
        '-partial_chain',
      ],
      { encoding: 'utf8' },
    );
    expect(v.stdout + v.stderr).toMatch(/Verification: OK/);
  });

  it('rejects the token for another hash, a trusted-list mismatch, and any altered byte of the TSTInfo', async () => {
    const hash = await sha256Hex('record 2');
    const token = fromBase64((await requestTimestamp(tsa.url, hash)).token);
    expect((await verifyTimestampToken(token, await sha256Hex('other'))).errors.join()).toMatch(/not the record hash/);
    const distrusted = await verifyTimestampToken(token, hash, { trustedCertSha256: ['0'.repeat(64)] });
    expect(distrusted.errors.join()).toMatch(/not among the trusted/);
    // Flip bytes in every signed part (TSTInfo, signed attributes, signature): all refused.
    // (The CMS certificate set is not signed: a flipped spare copy of the certificate is harmless.)
    let refused = 0;
    for (const [start, end] of signedRanges(token)) {
      for (let i = start; i < end; i += Math.max(1, Math.floor((end - start) / 25))) {
        const bad = token.slice();
        bad[i] ^= 0x01;
        const r = await verifyTimestampToken(bad, hash);
        if (r.ok) throw new Error(`flip at byte ${i} of ${token.length} not detected`);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(30);
  });

  it('a case file with tokens verifies; tokens swapped between captures are detected', async () => {
    const sc = await buildSampleCase({ captures: 2 });
    for (const c of await sc.store.listCaptures(sc.info.caseId)) {
      await attachTimestamp(sc.store, sc.signer, c.body.captureId, await requestTimestamp(tsa.url, c.hash), 'Jane Doe');
    }
    expect(await checkStoredCase(sc.store, sc.info.caseId)).toEqual([]);
    const { zip } = await exportToBytes(sc);
    const ok = await verifyCaseFile(bytesSource(zip));
    expect(ok.problems).toEqual([]);
    expect(ok.summary.timestamps).toMatchObject({ total: 2, valid: 2 });
    expect(ok.summary.timestamps.tsaCertificates[0]).toContain(`Wildtrace Test TSA ${keyKind}`);
    const files = unzip(zip);
    const m = JSON.parse(text(files[CASE_FILES.manifest]));
    [m.captures[0].timestamp, m.captures[1].timestamp] = [m.captures[1].timestamp, m.captures[0].timestamp];
    files[CASE_FILES.manifest] = new TextEncoder().encode(JSON.stringify(m));
    const bad = await verifyCaseFile(bytesSource(zipSync(files)));
    expect(bad.ok).toBe(false);
    const tokenProblems = bad.problems.filter((p) => p.code === 'timestamp-invalid' || p.code === 'timestamp-hash');
    expect(tokenProblems.length).toBeGreaterThanOrEqual(2);
    const distrust = await verifyCaseFile(bytesSource(zip), { trustedTsaCertificates: ['0'.repeat(64)] });
    expect(distrust.problems.map((p) => p.code)).toEqual(['timestamp-invalid', 'timestamp-invalid']);
  });

  it('reports a TSA refusal clearly', async () => {
    const refuse: TimestampTransport = async () => new Uint8Array([0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]);
    await expect(requestTimestamp(tsa.url, await sha256Hex('x'), refuse)).rejects.toThrow(
      /refused the request \(status 2/,
    );
  });
});
