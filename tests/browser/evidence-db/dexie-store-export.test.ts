/**
 * Export from the IndexedDB store, as the side panel does it: Blob artefacts streamed out of
 * Dexie (fake-indexeddb) through the ZIP writer into Blob parts; the file verifies; a cancelled
 * export leaves no file.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { BlobPartsSink } from '../../../src/browser/evidence-db/blob-parts-sink';
import { DexieEvidenceStore, EvidenceDatabase } from '../../../src/browser/evidence-db/dexie-store';
import {
  appendCapture,
  createCase,
  ensureSigningKey,
  type ArtefactInput,
} from '../../../src/engine/evidence/operations';
import { exportCase } from '../../../src/engine/export/case-export';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { blobSource } from '../../../src/engine/verify/zip-reader';
import { fixedOptions, noiseBytes, sampleHits, sampleMetadata, textBytes } from '../../support/evidence-fixture';

const blob = (b: Uint8Array, type = '') => new Blob([b as Uint8Array<ArrayBuffer>], { type });

async function storedCase(captures: number, pngSize = 2048) {
  const store = new DexieEvidenceStore(
    new EvidenceDatabase(`export-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange }),
  );
  const opts = fixedOptions();
  const signer = await ensureSigningKey(store, 'Jane Doe', opts);
  const info = await createCase(
    store,
    signer,
    { title: 'Op. Scales', officer: 'Jane Doe', agency: 'Border Force' },
    opts,
  );
  const ids: string[] = [];
  for (let i = 0; i < captures; i++) {
    const artefacts: ArtefactInput[] = [
      { name: 'screenshot.png', body: blob(noiseBytes(pngSize, i + 1), 'image/png') },
      { name: 'page.mhtml', body: blob(textBytes(4096, i + 2)) },
      { name: 'text.txt', body: blob(new TextEncoder().encode(`Python regius ${i}`)) },
      { name: 'hits.json', body: blob(new TextEncoder().encode(JSON.stringify(sampleHits(i)))) },
    ];
    ids.push(
      (
        await appendCapture(
          store,
          signer,
          { caseId: info.caseId, metadata: sampleMetadata(info, i, `https://market.example/${i}`), artefacts },
          opts,
        )
      ).body.captureId,
    );
  }
  return { store, signer, info, ids };
}

describe('export from the Dexie store into Blob parts', () => {
  it.each([
    ['the whole case', undefined, 3],
    ['selected captures', [1, 2], 2],
  ] as const)('exports %s as a case file that verifies', async (_what, pick, expected) => {
    const { store, signer, info, ids } = await storedCase(3);
    const sink = new BlobPartsSink();
    const result = await exportCase(store, signer, info.caseId, sink, {
      tool: { name: 'Wildtrace', version: 'test' },
      captureIds: pick?.map((i) => ids[i]),
    });
    await sink.close();
    const file = sink.blob();
    expect(file.size).toBe(result.bytesWritten);
    expect(result.problems).toEqual([]);
    const report = await verifyCaseFile(blobSource(file));
    expect(report.problems).toEqual([]);
    expect(report.summary.captures).toBe(expected);
  });

  it('a cancelled export rejects and keeps no partial file', async () => {
    const { store, signer, info } = await storedCase(4, 256 * 1024);
    const sink = new BlobPartsSink();
    const controller = new AbortController();
    const run = exportCase(store, signer, info.caseId, sink, {
      tool: { name: 'Wildtrace', version: 'test' },
      signal: controller.signal,
      onProgress: (p) => {
        if (p.capturesDone === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(sink.aborted).toBe(true);
    expect(sink.blob().size).toBe(0);
  });
});
