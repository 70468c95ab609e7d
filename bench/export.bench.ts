/**
 * Export benchmark: a case of 200 captures with realistic artefact sizes (≈300 KB PNG
 * screenshot, ≈300 KB annotated PNG, ≈500 KB MHTML, ≈60 KB HTML, text, hits, indicators),
 * exported by the streaming exporter to a file, against the naive peer measured in the same
 * run: all files gathered in memory and zipped with fflate `zipSync`. Then the verifier on the
 * exported file. Memory is the peak over the baseline (RSS and JS heap + ArrayBuffers),
 * sampled during the work.
 */
import { open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { exportCase } from '../src/engine/export/case-export';
import { MemoryEvidenceStore } from '../src/engine/evidence/memory-store';
import { appendCapture, createCase, ensureSigningKey } from '../src/engine/evidence/operations';
import { verifyCaseFile } from '../src/engine/verify/verify-case';
import type { RandomAccessSource } from '../src/engine/verify/zip-reader';
import { fixedOptions, noiseBytes, sampleHits, sampleMetadata, textBytes } from '../tests/support/evidence-fixture';

const CAPTURES = Number(process.env.BENCH_CAPTURES ?? 200);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const MB = 1024 * 1024;

function memNow() {
  const m = process.memoryUsage();
  return { rss: m.rss, js: m.heapUsed + m.arrayBuffers };
}

/** Tracks the peak memory above a baseline taken at start(). */
class PeakMemory {
  private base = memNow();
  private peak = { rss: 0, js: 0 };
  start() {
    gc();
    this.base = memNow();
    this.peak = { rss: 0, js: 0 };
  }
  sample() {
    const m = memNow();
    this.peak.rss = Math.max(this.peak.rss, m.rss - this.base.rss);
    this.peak.js = Math.max(this.peak.js, m.js - this.base.js);
  }
  get result() {
    return this.peak;
  }
}

async function buildCase() {
  const opts = fixedOptions();
  const store = new MemoryEvidenceStore();
  const signer = await ensureSigningKey(store, 'bench', opts);
  const info = await createCase(
    store,
    signer,
    { title: 'Benchmark case', officer: 'Jane Doe', agency: 'Border Force' },
    opts,
  );
  let bytes = 0;
  for (let i = 0; i < CAPTURES; i++) {
    const artefacts = [
      { name: 'screenshot.png', body: noiseBytes(300 * 1024, i * 3 + 1) },
      { name: 'screenshot-annotated.png', body: noiseBytes(300 * 1024, i * 3 + 2) },
      { name: 'page.mhtml', body: textBytes(500 * 1024, i * 3 + 3) },
      { name: 'page.html', body: textBytes(60 * 1024, i * 3 + 4) },
      { name: 'text.txt', body: textBytes(6 * 1024, i * 3 + 5) },
      { name: 'hits.json', body: new TextEncoder().encode(JSON.stringify(sampleHits(i))) },
      {
        name: 'indicators.json',
        body: new TextEncoder().encode(JSON.stringify([{ type: 'phone', value: `+4477009${i}` }])),
      },
    ];
    for (const a of artefacts) bytes += a.body.length;
    await appendCapture(
      store,
      signer,
      { caseId: info.caseId, metadata: sampleMetadata(info, i, `https://market.example/item/${i}`), artefacts },
      opts,
    );
  }
  return { store, signer, info, bytes };
}

async function fileSource(path: string): Promise<{ source: RandomAccessSource; close(): Promise<void> }> {
  const fh = await open(path, 'r');
  const { size } = await fh.stat();
  return {
    source: {
      size,
      async read(offset, length) {
        const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
        return buf.subarray(0, bytesRead);
      },
    },
    close: () => fh.close(),
  };
}

async function main() {
  const t0 = performance.now();
  const { store, signer, info, bytes } = await buildCase();
  const builtSeconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `case: ${CAPTURES} captures, ${(bytes / MB).toFixed(1)} MB of artefacts (built and hashed in ${builtSeconds} s)`,
  );
  const out = join(tmpdir(), `wildtrace-bench-${process.pid}.zip`);
  const rows: { name: string; ms: number; rss: number; js: number; size: number }[] = [];

  // Streaming export to a file.
  {
    const mem = new PeakMemory();
    mem.start();
    const fh = await open(out, 'w');
    const t = performance.now();
    const res = await exportCase(
      store,
      signer,
      info.caseId,
      {
        write: async (chunk) => {
          await fh.write(chunk);
        },
        close: () => fh.close(),
      },
      { tool: { name: 'wildtrace', version: 'bench' }, exportedAt: new Date(0), onProgress: () => mem.sample() },
    );
    mem.sample();
    rows.push({
      name: 'streaming exportCase -> file',
      ms: performance.now() - t,
      ...mem.result,
      size: res.bytesWritten,
    });
  }

  // Naive peer: gather every artefact in memory, zipSync, write once.
  {
    const mem = new PeakMemory();
    mem.start();
    const t = performance.now();
    const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
    for (const c of await store.listCaptures(info.caseId)) {
      for (const a of await store.listArtefacts(c.body.captureId)) {
        const b = a.body as Uint8Array;
        files[`captures/${c.body.sequence}/${a.name}`] = [b.slice(), { level: a.mediaType === 'image/png' ? 0 : 6 }];
      }
      mem.sample();
    }
    const zip = zipSync(files);
    mem.sample();
    const fh = await open(`${out}.naive`, 'w');
    await fh.write(zip);
    await fh.close();
    mem.sample();
    rows.push({ name: 'naive zipSync in memory (peer)', ms: performance.now() - t, ...mem.result, size: zip.length });
  }
  await rm(`${out}.naive`, { force: true });

  // Verification of the exported file.
  {
    const mem = new PeakMemory();
    mem.start();
    const { source, close } = await fileSource(out);
    const t = performance.now();
    const report = await verifyCaseFile(source, { onProgress: () => mem.sample() });
    mem.sample();
    await close();
    if (!report.ok) throw new Error(`benchmark case file does not verify: ${report.problems[0]?.message}`);
    rows.push({
      name: 'verifyCaseFile (file, streaming)',
      ms: performance.now() - t,
      ...mem.result,
      size: (await stat(out)).size,
    });
  }
  await rm(out, { force: true });

  const peer = rows[1];
  console.log(
    '\n| task | time (s) | MB/s | peak RSS over base (MB) | peak JS heap+buffers (MB) | zip size (MB) | ' +
      'time vs peer | JS memory vs peer |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${(r.ms / 1000).toFixed(2)} | ${(bytes / MB / (r.ms / 1000)).toFixed(0)} | ` +
        `${(r.rss / MB).toFixed(0)} | ${(r.js / MB).toFixed(0)} | ${(r.size / MB).toFixed(1)} | ` +
        `${(r.ms / peer.ms).toFixed(2)}× | ${(r.js / peer.js).toFixed(2)}× |`,
    );
  }
  console.log('\nThe streaming export also hashes every file, writes metadata, notes, CSV, report, CASE/UCO, STIX,');
  console.log('manifest and SHA256SUMS; the peer only zips the artefacts. Memory is what each adds above the');
  console.log('case already held by the in-memory store (in the browser, artefacts are Blobs on disk).');
}

await main();
