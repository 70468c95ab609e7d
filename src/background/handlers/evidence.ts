import browser from 'webextension-polyfill';
import type { HandlersOf } from '../../messaging/dispatch';
import type { CaptureListItem, EvidenceRoutes, ListingLabelView } from '../../messaging/routes/evidence';
import { labelsInForce, listingSubject } from '../../engine/evidence/labels';
import type { LabelRecord, Signed } from '../../engine/evidence/model';
import { labelCapture, labelListing, listingLabelsOfPage } from '../evidence/labels';
import { blockText, tabDetection } from '../detection/tab-results';
import { addNote, addTag, createCase, logAudit, updateCase } from '../../engine/evidence/operations';
import { checkStoredCase } from '../../engine/evidence/self-check';
import { activeTags } from '../../engine/export/tables';
import { captureTab } from '../capture/capture-tab';
import { broadcastProgress } from '../../messaging/capture-progress';
import { installRequestedUrlTracking } from '../capture/requested-url';
import { backgroundStore, evidenceStorageMode } from '../evidence/evidence-store';
import { exportAndDownload } from '../../browser/evidence-db/case-download';
import { BUNDLE_ROOT } from '../../engine/evidence/capture-bundle-names';
import { deleteCaseForOfficer } from '../evidence/case-deletion';
import { logVerification, verificationFinding } from '../evidence/verification-log';
import {
  activeCaseId,
  installSigner,
  loadEvidenceSettings,
  officerName,
  queueEvidenceWrite,
  saveEvidenceSettings,
  setActiveCaseId,
} from '../evidence/service';
import { loadSettings } from '../../browser/settings-store';
import { t } from '../../browser/i18n';

const labelDeps = async () => ({
  store: backgroundStore(),
  signer: await installSigner(),
  author: await officerName(),
  queue: queueEvidenceWrite,
});

/** A capture's labels in force, as the captures list shows them. */
function captureLabels(records: Signed<LabelRecord>[]): Pick<CaptureListItem, 'label' | 'listingLabels'> {
  const inForce = labelsInForce(records);
  const page = inForce.find((l) => l.body.subject.kind === 'page');
  const listingLabels: CaptureListItem['listingLabels'] = [];
  for (const l of inForce) {
    const s = l.body.subject;
    if (s.kind === 'listing' && l.body.label) listingLabels.push({ key: s.key, text: s.text, label: l.body.label });
  }
  return { label: page?.body.label ?? null, listingLabels };
}

/** Handlers for cases, captures, notes, tags and the signing key. */
export const evidenceHandlers: HandlersOf<EvidenceRoutes> = {
  'evidence/capture': (req) => captureTab(req),
  'evidence/cases': async () => {
    const cases = await backgroundStore().listCases();
    const active = await activeCaseId();
    return { cases, activeCaseId: active && cases.some((c) => c.caseId === active) ? active : null };
  },
  'evidence/case-create': async ({ title, reference }) => {
    const s = await loadSettings();
    const signer = await installSigner();
    const info = await queueEvidenceWrite(() =>
      createCase(backgroundStore(), signer, { title, reference, officer: s.officerName, agency: s.agency }),
    );
    await setActiveCaseId(info.caseId);
    return info;
  },
  'evidence/case-update': async ({ caseId, ...patch }) => {
    const [signer, actor] = [await installSigner(), await officerName()];
    return queueEvidenceWrite(() => updateCase(backgroundStore(), signer, caseId, patch, actor));
  },
  'evidence/case-select': async ({ caseId }) => {
    if (caseId !== null && !(await backgroundStore().getCase(caseId))) throw new Error('that case does not exist');
    await setActiveCaseId(caseId ?? undefined);
    return { activeCaseId: caseId };
  },
  'evidence/case/delete': async (req) => {
    const deps = {
      store: backgroundStore(),
      signer: await installSigner(),
      actor: await officerName(),
      getActiveCaseId: activeCaseId,
      setActiveCaseId,
    };
    return queueEvidenceWrite(() => deleteCaseForOfficer(deps, req));
  },
  'evidence/captures': async ({ caseId }) => {
    const store = backgroundStore();
    const out: CaptureListItem[] = [];
    for (const c of await store.listCaptures(caseId)) {
      const tags = await store.listTags(c.body.captureId);
      out.push({
        captureId: c.body.captureId,
        sequence: c.body.sequence,
        recordHash: c.hash,
        url: c.body.metadata.finalUrl,
        title: c.body.metadata.title,
        capturedAt: c.body.metadata.capturedAt,
        artefacts: c.body.artefacts.map((a) => ({ name: a.name, size: a.size, sha256: a.sha256 })),
        notes: (await store.listNotes(c.body.captureId)).map((n) => ({
          noteId: n.body.noteId,
          text: n.body.text,
          author: n.body.author,
          createdAt: n.body.createdAt,
        })),
        tags: activeTags(tags.map((t) => t.body)),
        ...captureLabels(await store.listLabels(c.body.captureId)),
      });
    }
    return out.reverse();
  },
  'evidence/note-add': async ({ captureId, text }) => {
    const [signer, author] = [await installSigner(), await officerName()];
    const note = await queueEvidenceWrite(() => addNote(backgroundStore(), signer, { captureId, text, author }));
    return { noteId: note.body.noteId };
  },
  'evidence/tag-set': async ({ captureId, tag, action }) => {
    const [signer, author] = [await installSigner(), await officerName()];
    const added = await queueEvidenceWrite(() => addTag(backgroundStore(), signer, { captureId, tag, action, author }));
    return { tagId: added.body.tagId };
  },
  'evidence/label-set': async (req) => {
    const record = await labelCapture(await labelDeps(), req);
    return { labelId: record.body.labelId };
  },
  'evidence/listing-label': async ({ tabId, frameId, blockId, label }) => {
    const text = await blockText(tabId, frameId, blockId);
    if (!text) throw new Error(t('labelListingGone'));
    const url = (await browser.tabs.get(tabId)).url ?? '';
    const deps = { ...(await labelDeps()), caseId: await activeCaseId(), capture: () => captureTab({ tabId }) };
    const { record, captured } = await labelListing(deps, { url, text, label });
    const number = captured ? { captured: { captureId: captured.captureId, number: captured.sequence + 1 } } : {};
    return { labelId: record.body.labelId, captureId: record.body.captureId, ...number };
  },
  'evidence/listing-labels': async ({ tabId }) => {
    const [view, caseId] = [await tabDetection(tabId), await activeCaseId()];
    if (!view || !caseId) return [];
    const url = (await browser.tabs.get(tabId)).url ?? '';
    const labels = await listingLabelsOfPage(backgroundStore(), caseId, url);
    if (!labels.size) return [];
    const out: ListingLabelView[] = [];
    for (const b of view.blocks) {
      const text = await blockText(tabId, b.frameId, b.blockId);
      const subject = text?.trim() ? await listingSubject(text) : undefined;
      const label = subject?.kind === 'listing' ? labels.get(subject.key) : undefined;
      if (label) out.push({ frameId: b.frameId, blockId: b.blockId, label });
    }
    return out;
  },
  'evidence/public-key': async () => (await installSigner()).info,
  'evidence/settings-get': () => loadEvidenceSettings(),
  'evidence/settings-set': async (update) => {
    const next = await saveEvidenceSettings(update);
    const [signer, actor] = [await installSigner(), await officerName()];
    await queueEvidenceWrite(() =>
      logAudit(backgroundStore(), signer, {
        action: 'settings-changed',
        actor,
        details: { evidenceSettings: { ...next } },
      }),
    );
    return next;
  },
  'evidence/self-check': async ({ caseId }) => {
    const problems = await checkStoredCase(backgroundStore(), caseId);
    const [signer, actor] = [await installSigner(), await officerName()];
    await queueEvidenceWrite(() =>
      logAudit(backgroundStore(), signer, {
        action: 'verification',
        actor,
        caseId,
        details: { what: 'stored case self-check', problems: problems.length },
      }),
    );
    return problems;
  },
  'evidence/storage': async () => ({
    mode: await evidenceStorageMode(),
    bundleRoot: BUNDLE_ROOT,
    privateWindowsAllowed: await browser.extension.isAllowedIncognitoAccess(),
  }),
  'evidence/export': async ({ caseId, captureIds }) => {
    if ((await evidenceStorageMode()) !== 'session') throw new Error('export from the side panel');
    await installSigner(); // the signing key exists before the page-side check for it
    const r = await exportAndDownload(backgroundStore(), caseId, { captureIds, actor: await officerName() });
    const { fileName, captureCount, bytesWritten, manifestSha256, problems } = r;
    return { fileName, captureCount, bytesWritten, manifestSha256, problems };
  },
  'evidence/verification-log': async (raw) => {
    const finding = verificationFinding(raw);
    const [signer, actor] = [await installSigner(), await officerName()];
    const entry = await logVerification(
      { store: backgroundStore(), signer, actor, queue: queueEvidenceWrite },
      finding,
    );
    return { auditSequence: entry.body.sequence };
  },
};

/** Listeners of the evidence feature: the capture shortcut and requested-URL tracking. */
export function installEvidence(): void {
  installRequestedUrlTracking();
  browser.commands?.onCommand.addListener((command: string, tab?: { id?: number }) => {
    if (command !== 'capture-page') return;
    void (async () => {
      const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (tabId === undefined) return;
      try {
        const r = await captureTab({ tabId });
        await showBadge(tabId, '✓', '#1a7f37', `${r.shortHash}`);
      } catch (e) {
        broadcastProgress({ tabId, step: 'failed', error: (e as Error).message });
        await showBadge(tabId, '!', '#b42318', (e as Error).message);
      }
    })();
  });
  // The key pair exists from the start, so the install is the first audit entry.
  void installSigner().catch(() => undefined);
}

/** A short sign on the toolbar button (outside the page, invisible to it). */
async function showBadge(tabId: number, text: string, color: string, title: string): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeBackgroundColor({ color, tabId });
  await action.setBadgeText({ text, tabId });
  await action.setTitle({ title: `${t('extName')}: ${title}`, tabId });
  setTimeout(() => void action.setBadgeText({ text: '', tabId }).catch(() => undefined), 8000);
}
