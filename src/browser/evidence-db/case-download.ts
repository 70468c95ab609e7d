/**
 * Builds a case file from an evidence store and saves it with the downloads API: the ZIP chunks
 * are streamed into Blob parts (the browser can keep large Blobs on disk), so only one copy of
 * the case file exists. Runs where Blob URLs exist: an extension page (the side panel reads
 * IndexedDB directly, no copy through the worker) or Firefox's background page (the session
 * store, src/background/evidence/evidence-store.ts). Small files (a cyber-alert) are also saved
 * from Chromium's service worker, as a data: URL.
 */
import browser from 'webextension-polyfill';
import { caseFileName, exportCase, type ExportProgress, type ExportResult } from '../../engine/export/case-export';
import { logAudit } from '../../engine/evidence/operations';
import { signerFor } from '../../engine/evidence/signing';
import type { EvidenceStore } from '../../engine/evidence/store';
import { BlobPartsSink } from './blob-parts-sink';
import { toBase64 } from '../../engine/bytes/bytes';

export interface PageExportOptions {
  captureIds?: string[];
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  actor: string;
}

/** Builds the case file, logs the export in the audit log, and starts its download. */
export async function exportAndDownload(
  store: EvidenceStore,
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
  await saveFile(sink.blob(), fileName);
  return { ...result, fileName };
}

/**
 * Saves a Blob under the downloads folder (`fileName` may hold sub-folders), without asking, and
 * resolves when the file is complete on disk, with the file's name as the browser saved it
 * (another file of that name makes it "name (1).zip" or "name(1).zip").
 */
export async function saveFile(blob: Blob, fileName: string): Promise<string> {
  const blobUrls = typeof URL.createObjectURL === 'function';
  const url = blobUrls ? URL.createObjectURL(blob) : await dataUrl(blob);
  try {
    const id = await browser.downloads.download({ url, filename: fileName, saveAs: false, conflictAction: 'uniquify' });
    await waitForDownload(id);
    const [saved] = await browser.downloads.search({ id });
    return saved?.filename ? (saved.filename.split(/[\\/]/).pop() ?? fileName) : fileName;
  } finally {
    if (blobUrls) URL.revokeObjectURL(url);
  }
}

/**
 * The file as a data: URL, for Chromium's service worker, which has no Blob URLs. It holds the
 * whole file in memory (about 2.3 times its size): only for small files such as a cyber-alert;
 * case files are saved from an extension page or Firefox's background page.
 */
async function dataUrl(blob: Blob): Promise<string> {
  return `data:${blob.type || 'application/octet-stream'};base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;
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
