/** Helpers for export/verify tests: collect a case file in memory and unpack it. */
import { unzipSync, zipSync } from 'fflate';
import { sha256Hex } from '../../src/engine/bytes/sha256';
import { stableJson } from '../../src/engine/evidence/canonical-json';
import { CASE_FILES } from '../../src/engine/evidence/case-file-names';
import type { Signer } from '../../src/engine/evidence/signing';
import type { CaseManifest } from '../../src/engine/export/manifest';
import { exportCase, type ExportOptions, type ExportResult } from '../../src/engine/export/case-export';
import type { ExportSink } from '../../src/engine/export/zip-writer';
import type { SampleCase } from './evidence-fixture';

export const TOOL = { name: 'wildtrace', version: '0.1.0' };
export const EXPORTED_AT = new Date(Date.UTC(2025, 3, 2, 8, 30, 0, 0));

/** A sink that keeps the chunks. */
export function memorySink(): ExportSink & {
  chunks: Uint8Array[];
  closed: boolean;
  aborted: unknown;
  bytes(): Uint8Array;
} {
  const s = {
    chunks: [] as Uint8Array[],
    closed: false,
    aborted: undefined as unknown,
    write(c: Uint8Array) {
      s.chunks.push(c.slice());
    },
    close() {
      s.closed = true;
    },
    abort(r: unknown) {
      s.aborted = r;
    },
    bytes() {
      const n = s.chunks.reduce((a, c) => a + c.length, 0);
      const out = new Uint8Array(n);
      let o = 0;
      for (const c of s.chunks) {
        out.set(c, o);
        o += c.length;
      }
      return out;
    },
  };
  return s;
}

/** Exports a sample case into memory. */
export async function exportToBytes(
  sc: SampleCase,
  opts: Partial<ExportOptions> = {},
): Promise<{ zip: Uint8Array; result: ExportResult }> {
  const sink = memorySink();
  const result = await exportCase(sc.store, sc.signer, sc.info.caseId, sink, {
    tool: TOOL,
    exportedAt: EXPORTED_AT,
    ...opts,
  });
  return { zip: sink.bytes(), result };
}

/** The entries of a ZIP as name → bytes, in archive order. */
export function unzip(zip: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(zip);
}

export const text = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * A case file's files with its manifest edited and re-signed by the officer's own key, and the
 * checksums redone: what a buggy exporter (not an attacker) could write.
 */
export async function resignedZip(
  files: Record<string, Uint8Array>,
  signer: Signer,
  edit: (m: CaseManifest, files: Record<string, Uint8Array>) => void | Promise<void>,
): Promise<Uint8Array> {
  const f = { ...files };
  const m = JSON.parse(text(f[CASE_FILES.manifest])) as CaseManifest;
  await edit(m, f);
  f[CASE_FILES.manifest] = new TextEncoder().encode(stableJson(m));
  const sha = await sha256Hex(f[CASE_FILES.manifest]);
  f[CASE_FILES.manifestSignature] = new TextEncoder().encode(
    stableJson({
      path: CASE_FILES.manifest,
      sha256: sha,
      algorithm: 'ECDSA-P256-SHA256',
      publicKeyFingerprint: signer.info.fingerprint,
      signature: await signer.sign(sha),
    }),
  );
  const sums: string[] = [];
  for (const [p, b] of Object.entries(f)) if (p !== CASE_FILES.sums) sums.push(`${await sha256Hex(b)}  ${p}\n`);
  f[CASE_FILES.sums] = new TextEncoder().encode(sums.join(''));
  return zipSync(f);
}
