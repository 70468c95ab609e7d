/**
 * Capture bundles: where the browser keeps no evidence on disk (Tor Browser's permanent private
 * browsing, see evidence-store.ts), each capture is written at once to the officer's downloads
 * folder as a case file holding that capture alone, signed like any export, so it verifies on
 * its own (`wildtrace verify`) and `wildtrace rebuild` can put the case file together again.
 * Writing it is logged in the audit log (action "export", kind "capture-bundle").
 */
import browser from 'webextension-polyfill';
import { captureBundlePath } from '../../engine/evidence/capture-bundle-names';
import type { CaseInfo, StoredCapture } from '../../engine/evidence/model';
import { logAudit } from '../../engine/evidence/operations';
import type { Signer } from '../../engine/evidence/signing';
import type { EvidenceStore } from '../../engine/evidence/store';
import { exportCase } from '../../engine/export/case-export';
import { BlobPartsSink } from '../../browser/evidence-db/blob-parts-sink';
import { saveFile } from '../../browser/evidence-db/case-download';
import { evidenceStorageMode } from './evidence-store';
import { queueEvidenceWrite } from './service';

/** Writes the capture's bundle to disk; resolves with its path under the downloads folder. */
export async function saveCaptureBundle(
  store: EvidenceStore,
  signer: Signer,
  info: CaseInfo,
  capture: StoredCapture,
  actor: string,
): Promise<string> {
  const sink = new BlobPartsSink();
  const result = await exportCase(store, signer, info.caseId, sink, {
    tool: { name: 'Wildtrace', version: browser.runtime.getManifest().version },
    captureIds: [capture.body.captureId],
  });
  await sink.close();
  const fileName = captureBundlePath(info, capture);
  await saveFile(sink.blob(), fileName);
  await queueEvidenceWrite(() =>
    logAudit(store, signer, {
      action: 'export',
      actor,
      caseId: info.caseId,
      subjectId: capture.body.captureId,
      details: {
        kind: 'capture-bundle',
        fileName,
        bytes: result.bytesWritten,
        manifestSha256: result.manifestSha256,
      },
    }),
  );
  return fileName;
}

/**
 * After a capture is stored: in the session store only, writes its bundle. A bundle that could
 * not be written is reported (the capture stays in the session, and Export still works).
 */
export async function bundleIfSessionOnly(
  store: EvidenceStore,
  signer: Signer,
  info: CaseInfo,
  capture: StoredCapture,
  actor: string,
): Promise<{ bundleFile?: string; bundleError?: string }> {
  if ((await evidenceStorageMode()) !== 'session') return {};
  try {
    return { bundleFile: await saveCaptureBundle(store, signer, info, capture, actor) };
  } catch (e) {
    return { bundleError: (e as Error).message };
  }
}
