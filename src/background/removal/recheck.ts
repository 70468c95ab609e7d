/**
 * A re-check of a notified listing, on the officer's click only: the listing opens in a
 * background tab of the officer's window, its HTTP status is read from the page's own navigation
 * timing (no extra permission), the normal capture pipeline captures it again into the case (a
 * follow-up capture, which brings the tab to the front for its screenshot as every capture of a
 * background tab does), the outcome is judged (src/engine/removal/follow-up.ts) and recorded as a
 * signed "removal-check" entry linking follow-up, original and notice. The tab is then closed and
 * the officer's tab brought back. Nothing is fetched otherwise.
 */
import browser from 'webextension-polyfill';
import { fromUtf8, concatBytes, readChunks } from '../../engine/bytes/bytes';
import { ARTEFACTS } from '../../engine/evidence/case-file-names';
import { logAudit } from '../../engine/evidence/operations';
import { judgeFollowUp } from '../../engine/removal/follow-up';
import { checkDraft, noticesOf } from '../../engine/removal/records';
import { backgroundStore } from '../evidence/evidence-store';
import { loadSettings } from '../../browser/settings-store';
import { CAPTURE_CHANNEL, type NavigationReply } from '../../messaging/capture-protocol';
import type { RecheckResult } from '../../messaging/routes/removal';
import { captureTab } from '../capture/capture-tab';
import { installSigner, queueEvidenceWrite } from '../evidence/service';

const LOAD_TIMEOUT_MS = 30_000;
const ANSWER_TIMEOUT_MS = 5_000;

/** Resolves when the tab has finished loading (or rejects after the timeout). */
function loaded(tabId: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(onUpdated);
      if (err) reject(err);
      else resolve();
    };
    const onUpdated = (id: number, change: { status?: string }) => {
      if (id === tabId && change.status === 'complete') done();
    };
    const timer = setTimeout(() => done(new Error('the listing did not finish loading in 30 s')), timeoutMs);
    browser.tabs.onUpdated.addListener(onUpdated);
    void browser.tabs.get(tabId).then(
      (t) => t.status === 'complete' && done(),
      () => done(new Error('the tab of the listing was closed')),
    );
  });
}

/** Asks the tab's content script for the HTTP status, retrying while it starts. */
async function navigationOf(tabId: number): Promise<NavigationReply> {
  const until = Date.now() + ANSWER_TIMEOUT_MS;
  for (;;) {
    try {
      const reply = (await browser.tabs.sendMessage(
        tabId,
        { channel: CAPTURE_CHANNEL, kind: 'navigation' },
        { frameId: 0 },
      )) as NavigationReply | undefined;
      if (reply) return reply;
    } catch {
      // the content script is not there yet
    }
    if (Date.now() > until) throw new Error('the listing page could not be read (the site may be unreachable)');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function textOf(captureId: string): Promise<{ text: string; sha256: string | null }> {
  const a = (await backgroundStore().listArtefacts(captureId)).find((x) => x.name === ARTEFACTS.text);
  if (!a) return { text: '', sha256: null };
  const parts: Uint8Array[] = [];
  for await (const c of readChunks(a.body)) parts.push(c.slice());
  return { text: fromUtf8(concatBytes(parts)), sha256: a.sha256 };
}

const running = new Set<string>();

export async function recheckListing(req: {
  caseId: string;
  noticeHash: string;
  captureId: string;
}): Promise<RecheckResult> {
  const store = backgroundStore();
  const notice = noticesOf(await store.listAudit(), req.caseId).find((n) => n.hash === req.noticeHash);
  if (!notice) throw new Error('that notice is not in this case');
  const listing = notice.listings.find((l) => l.captureId === req.captureId);
  if (!listing) throw new Error('that capture is not named in the notice');
  const original = await store.getCapture(req.captureId);
  if (!original) throw new Error('the original capture no longer exists');
  if (!/^https?:/.test(listing.url)) throw new Error('only web pages can be checked again');
  const key = `${req.noticeHash}/${req.captureId}`;
  if (running.has(key)) throw new Error('this listing is already being checked');
  running.add(key);
  const [officerTab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  let tabId: number | undefined;
  try {
    const tab = await browser.tabs.create({ url: listing.url, active: false, windowId: officerTab?.windowId });
    tabId = tab.id!;
    await loaded(tabId, LOAD_TIMEOUT_MS);
    const nav = await navigationOf(tabId);
    const captured = await captureTab({ tabId, caseId: req.caseId });
    const followUp = await store.getCapture(captured.captureId);
    if (!followUp) throw new Error('the follow-up capture was not stored');
    const now = await textOf(captured.captureId);
    const originalText = original.body.artefacts.find((a) => a.name === ARTEFACTS.text)?.sha256 ?? null;
    const verdict = judgeFollowUp({
      httpStatus: nav.status,
      text: now.text,
      textSha256: now.sha256 ?? '',
      originalTextSha256: originalText,
      url: listing.url,
      finalUrl: nav.url,
    });
    const [signer, settings] = [await installSigner(), await loadSettings()];
    const entry = await queueEvidenceWrite(() =>
      logAudit(
        store,
        signer,
        checkDraft(
          {
            caseId: req.caseId,
            noticeHash: notice.hash,
            originalCaptureId: req.captureId,
            originalRecordHash: original.hash,
            url: listing.url,
            followUp: { captureId: followUp.body.captureId, recordHash: followUp.hash, finalUrl: nav.url },
            httpStatus: nav.status,
            ...verdict,
            textSha256: now.sha256,
            originalTextSha256: originalText,
            notifiedAt: notice.at,
            checkedAt: new Date().toISOString(),
          },
          settings.officerName || 'officer',
        ),
      ),
    );
    const ms = entry.body.details.timeToRemovalMs;
    return {
      ...verdict,
      httpStatus: nav.status,
      followUpCaptureId: followUp.body.captureId,
      followUpNumber: followUp.body.sequence + 1,
      timeToRemovalMs: typeof ms === 'number' ? ms : null,
    };
  } finally {
    running.delete(key);
    if (officerTab?.id !== undefined) await browser.tabs.update(officerTab.id, { active: true }).catch(() => undefined);
    if (tabId !== undefined) await browser.tabs.remove(tabId).catch(() => undefined);
  }
}
