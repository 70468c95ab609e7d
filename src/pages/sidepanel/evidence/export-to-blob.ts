/**
 * Exports a case in an extension page: reads IndexedDB directly (no copy through the worker),
 * streams the ZIP chunks into Blob parts (the browser can keep large Blobs on disk), and
 * downloads the result. Only one copy of the case file exists, as Blob parts.
 */
import browser from 'webextension-polyfill';
import { caseFileName, exportCase, type ExportProgress, type ExportResult } from '../../../engine/export/case-export';
import { logAudit } from '../../../engine/evidence/operations';
import { signerFor } from '../../../engine/evidence/signing';
import { BlobPartsSink } from '../../../browser/evidence-db/blob-parts-sink';
import type { DexieEvidenceStore } from '../../../browser/evidence-db/dexie-store';

export interface PageExportOptions {
  captureIds?: string[];
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  actor: string;
}

/** Builds the case file, logs the export in the audit log, and starts its download. */
export async function exportAndDownload(
  store: DexieEvidenceStore,
  caseId: string,
  o: PageExportOptions,
): Promise<ExportResult & { fileName: string }> {
  const key = await store.getSigningKey('install');
  if (!key) throw new Error('no signing key yet: capture something first');
  const signer = signerFor(key);
  const info = await store.getCase(caseId);
  if (!info) throw new Error('that case does not exist');
  const exportedAt = new Date();
  const sink = new BlobPartsSink();
  const result = await exportCase(store, signer, caseId, sink, {
    tool: { name: 'Wildtrace', version: browser.runtime.getManifest().version },
    exportedAt,
    captureIds: o.captureIds,
    signal: o.signal,
    onProgress: o.onProgress,
  });
  await sink.close();
  const fileName = caseFileName(info.title, exportedAt);
  await logAudit(store, signer, {
    action: 'export',
    actor: o.actor,
    caseId,
    details: {
      fileName,
      bytes: result.bytesWritten,
      captures: result.captureCount,
      manifestSha256: result.manifestSha256,
      selection: o.captureIds ? 'partial' : 'full',
      problems: result.problems.length,
    },
  });
  const url = URL.createObjectURL(sink.blob());
  try {
    const id = await browser.downloads.download({ url, filename: fileName, saveAs: false, conflictAction: 'uniquify' });
    await waitForDownload(id);
  } finally {
    URL.revokeObjectURL(url);
  }
  return { ...result, fileName };
}

/** Resolves when the download finished (the Blob URL must live until then). */
export function waitForDownload(id: number): Promise<void> {
  return new Promise((ok, fail) => {
    const listener = (d: { id: number; state?: { current?: string }; error?: { current?: string } }) => {
      if (d.id !== id) return;
      if (d.state?.current === 'complete') {
        browser.downloads.onChanged.removeListener(listener);
        ok();
      }
      if (d.state?.current === 'interrupted') {
        browser.downloads.onChanged.removeListener(listener);
        fail(new Error(`download interrupted: ${d.error?.current ?? ''}`));
      }
    };
    browser.downloads.onChanged.addListener(listener);
    void browser.downloads.search({ id }).then(([d]) => {
      if (d?.state === 'complete') {
        browser.downloads.onChanged.removeListener(listener);
        ok();
      }
    });
  });
}
