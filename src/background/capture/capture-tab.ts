/**
 * The capture pipeline (background): viewport PNG, optional full-page image, MHTML (Chrome),
 * serialised DOM and visible text from the top frame, hits and indicators, metadata, the
 * annotated copy; then a quota check and ONE evidence transaction (appendCapture).
 */
import browser from 'webextension-polyfill';
import { utf8 } from '../../engine/bytes/bytes';
import { ARTEFACTS } from '../../engine/evidence/case-file-names';
import type { CaptureMetadata, CaseInfo } from '../../engine/evidence/model';
import { appendCapture, attachTimestamp, createCase, type ArtefactInput } from '../../engine/evidence/operations';
import { requestTimestamp } from '../../engine/evidence/timestamp';
import { localOffsetOf, localTimeZone } from '../../engine/evidence/record';
import { loadSettings } from '../../browser/settings-store';
import { backgroundStore } from '../evidence/evidence-store';
import {
  activeCaseId,
  installSigner,
  loadEvidenceSettings,
  queueEvidenceWrite,
  setActiveCaseId,
} from '../evidence/service';
import { t } from '../../browser/i18n';
import { browserDescription, lexiconVersionOf, osDescription } from './environment';
import { findingsForTab, indicatorsOf } from './findings';
import { annotateScreenshot, boxesOf, captureFullPage, captureViewport } from './images';
import { annotationErrors, annotationMethod, geometryOf } from './image-record';
import type { PixelSize } from '../../engine/evidence/image-geometry';
import { hitTargetsOf } from '../../engine/evidence/hit-locate';
import { BOX_COLOURS_BY_KIND, BOX_COLOURS_METHOD } from '../../engine/export/annotation-style';
import { saveArchives } from './archives';
import { broadcastProgress, type CaptureStep } from '../../messaging/capture-progress';
import {
  CAPTURE_CHANNEL,
  type CollectedPage,
  type CollectRequest,
  type PageArchive,
  type ScrollReply,
} from '../../messaging/capture-protocol';
import { checkQuota } from '../../browser/evidence-db/quota';
import { requestedUrlRecord } from './requested-url';
import { linkNewCapture, riskArtefact } from '../links/capture-hooks';
import { localDay, type CaptureResultView } from '../../messaging/routes/evidence';
import { bundleIfSessionOnly } from '../evidence/capture-bundle';

/** What the officer asked for. */
export interface CaptureRequest {
  tabId: number;
  /** Defaults to the active case. */
  caseId?: string;
  /** Defaults to the evidence setting. */
  fullPage?: boolean;
}

/** What the officer is told: the capture result as the UI shows it. */
export type CaptureOutcome = CaptureResultView;

const inFlight = new Set<number>();

// Every artefact is stored as a Blob (IndexedDB keeps large Blobs on disk, and readers stream them).
const textBlob = (text: string, type: string) => new Blob([utf8(text) as Uint8Array<ArrayBuffer>], { type });

type Ask = CollectRequest extends infer R ? (R extends unknown ? Omit<R, 'channel'> : never) : never;

async function ask<T>(tabId: number, request: Ask): Promise<T> {
  const reply = await browser.tabs.sendMessage(tabId, { channel: CAPTURE_CHANNEL, ...request }, { frameId: 0 });
  if (reply === undefined) throw new Error('the page did not answer (reload the page and try again)');
  return reply as T;
}

/** A case the officer named for this capture: it must exist and be open. */
async function namedCase(caseId: string): Promise<CaseInfo> {
  const info = await backgroundStore().getCase(caseId);
  if (!info) throw new Error('the selected case no longer exists: select another case');
  if (info.status !== 'open') throw new Error(`case "${info.title}" is closed: reopen it to capture`);
  return info;
}

/** "Unfiled – 2026-12-07": the default case's title for the officer's local date. */
export function defaultCaseTitle(at: Date): string {
  return t('evDefaultCaseTitle', localDay(at));
}

let choosing: Promise<{ info: CaseInfo; created: boolean }> | undefined;

/**
 * The case a capture goes into when the officer named none: the active case when it is open;
 * otherwise today's default case ("Unfiled – date"), reused when it is still open or created and
 * made active, so Capture always works. The officer renames the case later.
 * One choice at a time, so two captures started together do not make two default cases.
 */
export function caseForCapture(now = new Date()): Promise<{ info: CaseInfo; created: boolean }> {
  const next = (choosing ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => {
      const store = backgroundStore();
      const activeId = await activeCaseId();
      const active = activeId ? await store.getCase(activeId) : undefined;
      if (active?.status === 'open') return { info: active, created: false };
      const title = defaultCaseTitle(now);
      const today = (await store.listCases()).find((c) => c.title === title && c.status === 'open');
      const settings = await loadSettings();
      const info =
        today ??
        (await queueEvidenceWrite(async () =>
          createCase(store, await installSigner(), { title, officer: settings.officerName, agency: settings.agency }),
        ));
      await setActiveCaseId(info.caseId);
      return { info, created: !today };
    });
  choosing = next;
  return next;
}

/** Takes a capture of a tab into a case. Stores everything or nothing. */
export async function captureTab(req: CaptureRequest): Promise<CaptureOutcome> {
  const started = Date.now();
  const { tabId } = req;
  if (inFlight.has(tabId)) throw new Error('a capture of this tab is already running');
  inFlight.add(tabId);
  const timings: Record<string, number> = {};
  let current: { step: CaptureStep; at: number } | undefined;
  const step = (s: CaptureStep, broadcast = true) => {
    const now = Date.now();
    if (current) timings[current.step] = (timings[current.step] ?? 0) + now - current.at;
    current = { step: s, at: now };
    if (broadcast) broadcastProgress({ tabId, step: s });
  };
  try {
    step('starting');
    const store = backgroundStore();
    const tab = await browser.tabs.get(tabId);
    if (!tab.url || !/^(https?|file):/.test(tab.url)) throw new Error('only web pages can be captured');
    // Checked after the tab, so a refused capture never leaves an empty default case behind.
    const { info, created } = req.caseId
      ? { info: await namedCase(req.caseId), created: false }
      : await caseForCapture();
    const caseId = info.caseId;
    const [settings, evidenceSettings, signer] = await Promise.all([
      loadSettings(),
      loadEvidenceSettings(),
      installSigner(),
    ]);
    // captureVisibleTab shows the active tab of a window: bring the tab to the front first.
    if (!tab.active) await browser.tabs.update(tabId, { active: true });
    const windowId = tab.windowId!;
    const warnings: string[] = [];
    // What should be in the capture and is not (e.g. boxes that could not be drawn): told, never claimed.
    const errors: string[] = [];
    const methods: Record<string, string> = { screenshot: 'tabs.captureVisibleTab (PNG)' };

    step('screenshot');
    const capturedAt = new Date();
    const screenshot = await captureViewport(windowId);

    step('page');
    const found = await findingsForTab(tabId);
    methods.hits = found.method;
    // Each hit with its offsets and context, so the boxes surround exactly the hits of hits.json.
    const page = await ask<CollectedPage>(tabId, { kind: 'collect', hits: hitTargetsOf(found.hits) });
    methods.html = page.htmlMethod;
    // Where the page ended up (after redirects), as the tab saw it when the page does not say.
    const pageUrl = page.url || tab.url;
    for (const [k, v] of Object.entries(page.timings ?? {})) timings[`page.${k}`] = v;

    const artefacts: ArtefactInput[] = [
      { name: ARTEFACTS.screenshot, mediaType: 'image/png', body: screenshot },
      { name: ARTEFACTS.html, mediaType: 'text/html', body: textBlob(page.html, 'text/html') },
      { name: ARTEFACTS.text, mediaType: 'text/plain', body: textBlob(page.text, 'text/plain') },
      {
        name: ARTEFACTS.hits,
        mediaType: 'application/json',
        body: textBlob(JSON.stringify(found.hits), 'application/json'),
      },
      {
        name: ARTEFACTS.indicators,
        mediaType: 'application/json',
        body: textBlob(
          JSON.stringify(found.indicators ?? (await indicatorsOf(page.text, pageUrl))),
          'application/json',
        ),
      },
      await riskArtefact(tabId, page.text, pageUrl),
    ];
    methods.indicators = found.indicators ? found.method : `extracted from ${ARTEFACTS.text} at capture time`;

    step('archive');
    const archives = await saveArchives(tabId, () =>
      ask<PageArchive>(tabId, { kind: 'archive', savedAt: capturedAt.toISOString() }),
    );
    artefacts.push(...archives.artefacts);
    warnings.push(...archives.warnings);
    methods.archive = archives.method;

    let fullPageSize: PixelSize | undefined;
    if (req.fullPage ?? evidenceSettings.fullPage) {
      step('full-page');
      try {
        const full = await captureFullPage(
          windowId,
          {
            scrollTo: async (y) => (await ask<ScrollReply>(tabId, { kind: 'scroll', y })).y,
            restore: async () =>
              void (await ask<ScrollReply>(tabId, { kind: 'restore', x: page.scroll.x, y: page.scroll.y })),
          },
          { documentHeight: page.documentHeight, viewport: page.viewport },
        );
        fullPageSize = full.size;
        artefacts.push({ name: ARTEFACTS.screenshotFull, mediaType: 'image/png', body: full.png });
        const cut = full.truncated ? ', cut at 16384 px' : '';
        methods.fullPage = `scroll-and-stitch, ${full.tiles} viewport shots${cut}`;
      } catch (e) {
        warnings.push(`full-page image: ${(e as Error).message}`);
      }
    }

    step('annotating');
    const annotated = await annotateScreenshot(screenshot, boxesOf(page.hitRects, found.hits), page.viewport);
    artefacts.push({ name: ARTEFACTS.screenshotAnnotated, mediaType: 'image/png', body: annotated.png });
    methods.annotated = annotationMethod(annotated, found.hits.length);
    errors.push(...annotationErrors(annotated));
    const imageGeometry = geometryOf(annotated, page.viewport.devicePixelRatio, fullPageSize);
    methods[BOX_COLOURS_METHOD] = BOX_COLOURS_BY_KIND;

    const requested = await requestedUrlRecord(tabId);
    methods.requestedUrl = requested.method;
    const zone = localTimeZone();
    const metadata: CaptureMetadata = {
      requestedUrl: requested.url,
      finalUrl: pageUrl,
      title: page.title,
      capturedAt: capturedAt.toISOString(),
      localOffset: localOffsetOf(capturedAt),
      // The officer's zone, so the report can give the local time by name as well as by offset.
      ...(zone ? { timeZone: zone } : {}),
      clockSource: 'system clock',
      browser: await browserDescription(),
      os: await osDescription(),
      userAgent: navigator.userAgent,
      extensionVersion: browser.runtime.getManifest().version,
      lexiconVersion: await lexiconVersionOf(),
      officer: settings.officerName,
      agency: settings.agency,
      caseId,
      caseTitle: info.title,
      ...(evidenceSettings.onlineIdentity ? { onlineIdentity: evidenceSettings.onlineIdentity } : {}),
      viewport: page.viewport,
      imageGeometry,
      methods,
      ...(found.watchlist?.length ? { watchlists: found.watchlist } : {}),
    };

    step('storing');
    const bytes = artefacts.reduce((n, a) => n + (a.body instanceof Blob ? a.body.size : a.body.length), 0);
    await checkQuota(bytes * 2);
    const stored = await queueEvidenceWrite(() => appendCapture(store, signer, { caseId, metadata, artefacts }));
    // Opt-in trusted timestamp over the record hash; the capture is kept whatever the TSA does.
    let timestamped: string | undefined;
    if (evidenceSettings.tsaUrl && !settings.covertMode) {
      step('timestamp');
      try {
        const ts = await requestTimestamp(evidenceSettings.tsaUrl, stored.hash);
        const actor = settings.officerName || 'officer';
        await queueEvidenceWrite(() => attachTimestamp(store, signer, stored.body.captureId, ts, actor));
        timestamped = ts.genTime;
      } catch (e) {
        warnings.push(`trusted timestamp not obtained: ${(e as Error).message}`);
      }
    }
    await linkNewCapture(stored.body.captureId);
    const bundle = await bundleIfSessionOnly(store, signer, info, stored, settings.officerName || 'officer');
    const outcome: CaptureOutcome = {
      captureId: stored.body.captureId,
      caseId,
      caseTitle: info.title,
      ...(created ? { caseCreated: true } : {}),
      sequence: stored.body.sequence,
      recordHash: stored.hash,
      shortHash: stored.hash.slice(0, 12),
      artefacts: stored.body.artefacts.map((a) => a.name),
      ...(timestamped ? { timestampGenTime: timestamped } : {}),
      durationMs: Date.now() - started,
      timings: (step('done', false), timings),
      warnings,
      ...(errors.length ? { errors } : {}),
      ...bundle,
    };
    broadcastProgress({ tabId, step: 'done', captureId: outcome.captureId, shortHash: outcome.shortHash });
    return outcome;
  } catch (e) {
    broadcastProgress({ tabId, step: 'failed', error: (e as Error).message });
    throw e;
  } finally {
    inFlight.delete(tabId);
  }
}
