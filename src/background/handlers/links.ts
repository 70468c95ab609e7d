import type { HandlersOf } from '../../messaging/dispatch';
import type { LinkedCaptureView, LinksRoutes } from '../../messaging/routes/links';
import type { StoredCapture } from '../../engine/evidence/model';
import { backgroundStore } from '../evidence/evidence-store';
import { tabDetection } from '../detection/tab-results';
import { linkState, rebuildLinkState, storedIndicators } from '../links/links-store';
import { caseLinksView, seenBeforeView, type CaptureLookup } from '../links/views';

const viewOf = (c: StoredCapture): LinkedCaptureView => ({
  captureId: c.body.captureId,
  caseId: c.body.caseId,
  caseTitle: c.body.metadata.caseTitle,
  sequence: c.body.sequence,
  capturedAt: c.body.metadata.capturedAt,
  url: c.body.metadata.finalUrl,
  title: c.body.metadata.title,
  recordHash: c.hash,
});

/** Capture facts from the evidence store, memoised for one request. */
function lookupFromStore(): CaptureLookup {
  const seen = new Map<string, Promise<LinkedCaptureView | undefined>>();
  return (id) => {
    if (!seen.has(id))
      seen.set(
        id,
        backgroundStore()
          .getCapture(id)
          .then((c) => (c ? viewOf(c) : undefined)),
      );
    return seen.get(id)!;
  };
}

function requireString(v: unknown, what: string): string {
  if (typeof v !== 'string' || !v) throw new Error(`${what} must be a non-empty string`);
  return v;
}

/** Handlers for links between captures. */
export const linksHandlers: HandlersOf<LinksRoutes> = {
  'links/seen-before': async ({ tabId }) => {
    if (!Number.isInteger(tabId)) throw new Error('tabId must be an integer');
    const [state, found] = await Promise.all([linkState(), tabDetection(tabId).catch(() => null)]);
    const indicators = found?.indicators.map((v) => v.indicator) ?? [];
    return seenBeforeView(state.index, state.captureIds.length, indicators, lookupFromStore(), found?.url);
  },
  'links/case': async ({ caseId }) => {
    requireString(caseId, 'caseId');
    const store = backgroundStore();
    if (!(await store.getCase(caseId))) throw new Error('that case does not exist');
    const state = await linkState();
    const own = [];
    for (const c of await store.listCaptures(caseId))
      own.push({ view: viewOf(c), indicators: await storedIndicators(c.body.captureId) });
    return caseLinksView(caseId, state.index, own, lookupFromStore());
  },
  'links/rebuild': async () => {
    const state = await rebuildLinkState();
    return { captures: state.captureIds.length, keys: Object.keys(state.index).length };
  },
};
