import type { HandlersOf } from '../../messaging/dispatch';
import type { RemovalRoutes } from '../../messaging/routes/removal';
import type { JsonValue } from '../../engine/evidence/canonical-json';
import { logAudit } from '../../engine/evidence/operations';
import { backgroundStore } from '../evidence/evidence-store';
import { installSigner, officerName, queueEvidenceWrite } from '../evidence/service';
import { prepare, recordSent } from '../removal/notices';
import { recheckListing } from '../removal/recheck';
import { refreshReminder } from '../removal/reminders';
import { loadRemovalSettings, saveRemovalSettings } from '../removal/settings';
import { removalTable } from '../removal/table';

/** Handlers for removal requests and their follow-up. */
export const removalHandlers: HandlersOf<RemovalRoutes> = {
  'removal/settings-get': () => loadRemovalSettings(),
  'removal/settings-set': async (update) => {
    const next = await saveRemovalSettings(update);
    const [signer, actor] = [await installSigner(), await officerName()];
    await queueEvidenceWrite(() =>
      logAudit(backgroundStore(), signer, {
        action: 'settings-changed',
        actor,
        details: { removalSettings: structuredClone(next) as unknown as JsonValue },
      }),
    );
    void refreshReminder().catch(() => undefined);
    return next;
  },
  'removal/prepare': (req) => prepare(req),
  'removal/sent': async (req) => {
    const r = await recordSent(req);
    void refreshReminder().catch(() => undefined);
    return r;
  },
  'removal/list': async ({ caseId }) => {
    const { reminderDays } = await loadRemovalSettings();
    return { rows: await removalTable(caseId, reminderDays), reminderDays };
  },
  'removal/recheck': async (req) => {
    const r = await recheckListing(req);
    void refreshReminder().catch(() => undefined);
    return r;
  },
};
