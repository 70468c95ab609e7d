import browser from 'webextension-polyfill';
import type { HandlersOf } from '../../messaging/dispatch';
import type { IntelRoutes } from '../../messaging/routes/intel';
import { storeTrends } from '../../engine/intel/store-facts';
import { writeStoreAlert } from '../../engine/intel/store-alert';
import { alertRequest, type AlertRequest } from '../../engine/intel/trends-filter';
import { BlobPartsSink } from '../../browser/evidence-db/blob-parts-sink';
import { saveFile } from '../../browser/evidence-db/case-download';
import { loadSettings } from '../../browser/settings-store';
import { t } from '../../browser/i18n';
import { backgroundStore } from '../evidence/evidence-store';
import { installSigner, officerName, queueEvidenceWrite } from '../evidence/service';
import { logAudit } from '../../engine/evidence/operations';

/** What the report says it covers: "2 case(s) in the officer's browser (2026-12-01 – …)". */
function scopeOf(r: AlertRequest): string {
  const range = r.from || r.to ? ` (${r.from || '…'} – ${r.to || '…'})` : '';
  return `${t('trendsScope', String(r.caseIds.length))}${range}`;
}

/** Handlers for the Trends page: one code path for both storage modes (the background's store). */
export const intelHandlers: HandlersOf<IntelRoutes> = {
  'intel/trends': () => storeTrends(backgroundStore()),
  'intel/alert-export': async (raw) => {
    const request = alertRequest(raw);
    const sink = new BlobPartsSink();
    // In the write queue: the cases are self-checked and their facts read as one snapshot, so a
    // capture stored meanwhile waits for the next alert instead of being counted unchecked.
    const result = await queueEvidenceWrite(async () =>
      writeStoreAlert(backgroundStore(), sink, request, {
        generatedAt: new Date().toISOString(),
        tool: { name: 'Wildtrace', version: browser.runtime.getManifest().version },
        scope: scopeOf(request),
        producer: (await loadSettings()).agency || 'Wildtrace user',
      }),
    );
    sink.close();
    const fileName = await saveFile(sink.blob(), result.fileName);
    // What left the browser, per case, as a case export is: the officer can show which cases'
    // captures went into which alert.
    const [signer, actor] = [await installSigner(), await officerName()];
    await queueEvidenceWrite(async () => {
      for (const c of result.counted)
        await logAudit(backgroundStore(), signer, {
          action: 'export',
          actor,
          caseId: c.caseId,
          details: {
            what: 'cyber-alert',
            fileName,
            bytes: result.bytesWritten,
            captures: c.captures,
            casesInAlert: result.cases,
            from: request.from,
            to: request.to,
          },
        });
    });
    return { ...result, fileName };
  },
};
