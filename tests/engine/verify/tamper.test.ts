/**
 * Property test: thousands of random mutations of an exported case file, from naive ones (flip
 * a byte) to an attacker who fixes SHA256SUMS and the manifest's file list and even re-signs
 * the manifest with a key of their own. Every single one must be detected. Seeded: reproducible.
 */
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_SIDECARS, CASE_FILES } from '../../../src/engine/evidence/case-file-names';
import { stableJson } from '../../../src/engine/evidence/canonical-json';
import { sha256Hex } from '../../../src/engine/bytes/sha256';
import { generateSigningKey, type Signer, signerFor } from '../../../src/engine/evidence/signing';
import type { CaseManifest } from '../../../src/engine/export/manifest';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource, openZip } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase, prng } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';

const MUTATIONS = Number(process.env.WILDTRACE_TAMPER_RUNS ?? 1500);
const SEED = Number(process.env.WILDTRACE_TAMPER_SEED ?? 20250301);
const { manifest: MANIFEST, manifestSignature: MANIFEST_SIGNATURE, sums: SUMS, audit: AUDIT } = CASE_FILES;

type Files = Record<string, Uint8Array>;
type Rnd = () => number;
const enc = (s: string) => new TextEncoder().encode(s);
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

let original: Uint8Array;
let base: Files;
let attacker: Signer;

beforeAll(async () => {
  const sc = await buildSampleCase({
    captures: 3,
    annotate: true,
    labels: true,
    otherCase: true,
    pngSize: 64,
    mhtmlSize: 128,
  });
  original = (await exportToBytes(sc)).zip;
  base = unzip(original);
  attacker = signerFor(await generateSigningKey());
});

const manifestOf = (f: Files) => JSON.parse(text(f[MANIFEST])) as CaseManifest;

/** What an attacker without the officer's key can recompute: file list hashes and SHA256SUMS. */
async function fixUp(f: Files, m: CaseManifest | undefined, resign: boolean, refreshFileList = true): Promise<void> {
  if (m) {
    if (refreshFileList) {
      const present = m.files.filter((x) => f[x.path]);
      const rehash = async (x: CaseManifest['files'][number]) => ({
        ...x,
        sha256: await sha256Hex(f[x.path]),
        size: f[x.path].length,
      });
      m.files = await Promise.all(present.map(rehash));
    }
    if (resign) m.publicKey = attacker.info;
    f[MANIFEST] = enc(stableJson(m));
    if (resign) {
      const sha = await sha256Hex(f[MANIFEST]);
      f[MANIFEST_SIGNATURE] = enc(
        stableJson({
          path: MANIFEST,
          sha256: sha,
          algorithm: 'ECDSA-P256-SHA256',
          publicKeyFingerprint: attacker.info.fingerprint,
          signature: await attacker.sign(sha),
        }),
      );
    }
  }
  const lines: string[] = [];
  for (const [path, bytes] of Object.entries(f)) if (path !== SUMS) lines.push(`${await sha256Hex(bytes)}  ${path}\n`);
  f[SUMS] = enc(lines.join(''));
}

/** Changes one random leaf of a JSON value; returns a description. */
function editLeaf(r: Rnd, v: unknown, path = ''): string {
  const entries = v && typeof v === 'object' ? Object.entries(v as object) : [];
  if (!entries.length) return '';
  const [k, x] = pick(r, entries);
  if (x && typeof x === 'object' && Object.keys(x).length) return editLeaf(r, x, `${path}.${k}`);
  const o = v as Record<string, unknown>;
  if (typeof x === 'string') {
    o[k] = x.length && r() < 0.5 ? x.slice(0, -1) + String.fromCharCode(x.charCodeAt(x.length - 1) ^ 1) : `${x}x`;
  } else if (typeof x === 'number') o[k] = x + 1;
  else if (typeof x === 'boolean') o[k] = !x;
  else o[k] = 'x';
  return `${path}.${k}`;
}

type Mutation = (r: Rnd, f: Files) => Promise<string | Uint8Array>;

const contentFiles = (f: Files) => Object.keys(f);
const MUTATIONS_BY_KIND: Record<string, Mutation> = {
  'flip a byte in a file': async (r, f) => {
    const p = pick(r, contentFiles(f));
    if (!f[p].length) return 'skip';
    const b = f[p].slice();
    b[Math.floor(r() * b.length)] ^= 1 << Math.floor(r() * 8);
    f[p] = b;
    return p;
  },
  'flip a byte, fix file list and SHA256SUMS': async (r, f) => {
    const fixable = (x: string) => x !== MANIFEST && x !== SUMS && x !== MANIFEST_SIGNATURE;
    const p = pick(r, contentFiles(f).filter(fixable));
    const b = f[p].slice();
    b[Math.floor(r() * b.length)] ^= 1 << Math.floor(r() * 8);
    f[p] = b;
    await fixUp(f, manifestOf(f), r() < 0.5);
    return p;
  },
  'delete a file': async (r, f) => {
    const p = pick(r, contentFiles(f));
    delete f[p];
    if (r() < 0.5 && p !== SUMS) await fixUp(f, p === MANIFEST ? undefined : manifestOf(f), r() < 0.5);
    return p;
  },
  'add a file': async (r, f) => {
    const folder = pick(r, Object.keys(f)).split('/').slice(0, -1).join('/') || 'x';
    const p = pick(r, ['extra.txt', 'captures/evidence2.png', `${folder}/planted.html`]);
    f[p] = enc(`planted ${r()}`);
    if (r() < 0.5) await fixUp(f, manifestOf(f), false);
    return p;
  },
  'rename a file': async (r, f) => {
    const p = pick(r, contentFiles(f));
    const to = `${p}.renamed`;
    const bytes = f[p];
    const entries = Object.entries(f).map(([k, v]): [string, Uint8Array] => (k === p ? [to, bytes] : [k, v]));
    for (const k of Object.keys(f)) delete f[k];
    for (const [k, v] of entries) f[k] = v;
    if (r() < 0.5 && p !== MANIFEST && p !== SUMS) {
      const m = manifestOf(f);
      for (const x of m.files) if (x.path === p) x.path = to;
      await fixUp(f, m, r() < 0.5);
    }
    return `${p} -> ${to}`;
  },
  'drop a capture': async (r, f) => {
    const m = manifestOf(f);
    const i = Math.floor(r() * m.captures.length);
    const [gone] = m.captures.splice(i, 1);
    for (const k of Object.keys(f)) if (k.startsWith(`${gone.folder}/`)) delete f[k];
    if (r() < 0.5) {
      m.chain.length--;
      m.chain.headHash = m.captures.at(-1)?.recordHash ?? null;
    }
    await fixUp(f, m, r() < 0.5);
    return `capture ${i}`;
  },
  'reorder captures': async (r, f) => {
    const m = manifestOf(f);
    const i = Math.floor(r() * m.captures.length);
    let j = Math.floor(r() * m.captures.length);
    if (j === i) j = (i + 1) % m.captures.length;
    [m.captures[i], m.captures[j]] = [m.captures[j], m.captures[i]];
    await fixUp(f, m, r() < 0.5);
    return `${i}<->${j}`;
  },
  'swap the public key': async (r, f) => {
    const m = manifestOf(f);
    m.publicKey = attacker.info;
    await fixUp(f, m, r() < 0.7);
    return 'publicKey';
  },
  'edit the manifest': async (r, f) => {
    const m = manifestOf(f);
    const where = editLeaf(r, m);
    await fixUp(f, m, r() < 0.5, false);
    return where;
  },
  'edit a record and its sidecar consistently': async (r, f) => {
    const m = manifestOf(f);
    const c = pick(r, m.captures);
    const where = editLeaf(r, c.record.metadata);
    const sidecar = `${c.folder}/${CAPTURE_SIDECARS.metadata}`;
    const side = JSON.parse(text(f[sidecar]));
    side.record = c.record;
    f[sidecar] = enc(stableJson(side));
    await fixUp(f, m, true);
    return `${c.captureId}${where}`;
  },
  'truncate the audit log': async (r, f) => {
    const m = manifestOf(f);
    const lines = text(f[AUDIT]).trim().split('\n');
    const keep = Math.floor(r() * lines.length);
    f[AUDIT] = enc(
      lines
        .slice(0, keep)
        .map((l) => `${l}\n`)
        .join(''),
    );
    m.auditLog.entries = keep;
    m.auditLog.headHash = keep ? JSON.parse(lines[keep - 1]).hash : null;
    await fixUp(f, m, true);
    return `kept ${keep}/${lines.length}`;
  },
  'flip a byte of compressed data in the ZIP': async (r, f) => {
    const zip = zipSync(f, { level: r() < 0.5 ? 0 : 6 });
    const entries = (await openZip(bytesSource(zip))).filter((e) => e.compressedSize > 0);
    const e = pick(r, entries);
    zip[e.dataOffset + Math.floor(r() * e.compressedSize)] ^= 1 << Math.floor(r() * 8);
    // A flip in the padding bits after a deflate stream's end changes no file: not a mutation.
    try {
      const after = unzip(zip);
      const unchanged = (k: string) => after[k] && Buffer.compare(Buffer.from(after[k]), Buffer.from(base[k])) === 0;
      if (Object.keys(base).every(unchanged)) return 'skip';
    } catch {
      /* undecodable: a real mutation */
    }
    return zip;
  },
};

describe('tamper detection (property test)', () => {
  it('the untouched case file verifies', async () => {
    const r = await verifyCaseFile(bytesSource(zipSync(base)));
    expect(r.problems).toEqual([]);
  });

  it(`detects every one of ${MUTATIONS} random mutations (seed ${SEED})`, async () => {
    const r = prng(SEED);
    const kinds = Object.keys(MUTATIONS_BY_KIND);
    const stats: Record<string, { runs: number; codes: Record<string, number> }> = {};
    const missed: string[] = [];
    let runs = 0;
    while (runs < MUTATIONS) {
      // Mutations are drawn one after the other (reproducible), then verified in small batches
      // (WebCrypto verifies signatures off the main thread).
      const batch: { kind: string; what: string; zip: Uint8Array }[] = [];
      while (batch.length < 8 && runs < MUTATIONS) {
        const kind = kinds[runs % kinds.length];
        const f: Files = { ...base };
        const out = await MUTATIONS_BY_KIND[kind](r, f);
        if (out === 'skip') continue;
        runs++;
        const zip = out instanceof Uint8Array ? out : zipSync(f, { level: 0 });
        batch.push({ kind, what: typeof out === 'string' ? out : 'zip', zip });
      }
      const reports = await Promise.all(batch.map((b) => verifyCaseFile(bytesSource(b.zip))));
      batch.forEach(({ kind, what }, i) => {
        const report = reports[i];
        const s = (stats[kind] ??= { runs: 0, codes: {} });
        s.runs++;
        if (report.ok) missed.push(`${kind}: ${what}`);
        const codes = new Set(report.problems.filter((p) => p.severity === 'error').map((p) => p.code));
        for (const code of codes) s.codes[code] = (s.codes[code] ?? 0) + 1;
      });
    }
    for (const [kind, s] of Object.entries(stats)) {
      const top = Object.entries(s.codes)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([c, n]) => `${c}×${n}`)
        .join(', ');
      console.log(`${kind.padEnd(45)} ${String(s.runs).padStart(4)} runs, detected by ${top}`);
    }
    expect(missed).toEqual([]);
    expect(runs).toBe(MUTATIONS);
  }, 120_000);
});
