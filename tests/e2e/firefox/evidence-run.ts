/**
 * Firefox evidence run, as its own Node process (BiDi needs --experimental-websocket):
 * capture -> export from the side panel -> the Trends page and its "Export cyber-alert", in
 * firefox-esr with the built extension. With
 * `--tor`, Tor Browser's defaults are set (permanent private browsing, fingerprint resistance),
 * the extension is allowed in private windows, and the browser is started twice on the same
 * profile and download folder with one capture in each run. Prints one JSON line (RunOutcome);
 * tests/e2e/firefox-evidence.e2e.ts checks the files with `wildtrace verify`.
 *
 * Usage: evidence-run.ts [--tor] DOWNLOAD_DIR PROFILE_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, serveFixtures } from '../../support/extension-harness';
import { TOR_BROWSER_PREFS, until, type FirefoxSession, runAsScript, withFirefox } from '../../support/firefox-harness';

/** What one browser run did. */
/** One capture as the background answered it. */
export interface CaptureReply {
  captureId: string;
  caseId: string;
  recordHash: string;
  sequence: number;
  artefacts: string[];
  warnings: string[];
  bundleFile?: string;
  bundleError?: string;
}

export interface SessionOutcome {
  captures: CaptureReply[];
  /** Which welcome-page cards show: no extension APIs, not allowed in private windows. */
  welcome: { noApi: boolean; privateNotAllowed: boolean };
  /** What the side panel said after its own Capture (Tor run only): result and bundle lines. */
  panelCapture?: { result: string; bundle: string; error: string };
  /** The side panel's storage notice ('' when IndexedDB works). */
  storageNotice: string;
  /** The side panel's export status line, or its error. */
  exportStatus: string;
  exportError: string;
  /** The Trends page afterwards: its summary line, its cases, and "Export cyber-alert"'s status. */
  trends: { summary: string; cases: string[]; alertStatus: string };
  /**
   * Tor run only: the verify page's verdict on the side panel's export, and the case exported
   * again afterwards (its audit log must hold that verification).
   */
  verified?: { verifiedFile: string; verdict: string; reexportFile: string };
}

export interface RunOutcome {
  sessions: SessionOutcome[];
}

const js = JSON.stringify;

/**
 * Waits for live detection on the offer page, captures it `times` times through the protocol
 * and `panelCaptures` (0 or 1) times with the side panel's button, then exports the case from
 * the side panel.
 */
async function captureAndExport(
  ff: FirefoxSession,
  offerUrl: string,
  times: number,
  panelCaptures: number,
): Promise<Omit<SessionOutcome, 'trends'>> {
  const tabId = (await until(
    async () => {
      const r = (await ff.inExtensionPage(
        '/welcome.html',
        `(async () => {
          const tab = (await browser.tabs.query({})).find((t) => t.url === ${js(offerUrl)});
          if (!tab) return null;
          const r = await browser.runtime.sendMessage({
            channel: 'wildtrace/v1', type: 'detection/tab', payload: { tabId: tab.id } });
          return r && r.ok && r.value && r.value.hits.length > 0 ? tab.id : null;
        })()`,
      )) as number | null;
      return r ?? undefined;
    },
    45_000,
    'live detection on the offer page',
  )) as number;
  const welcome = JSON.parse(
    (await ff.inExtensionPage(
      '/welcome.html',
      `JSON.stringify({
        noApi: !!document.querySelector('[data-testid=welcome-no-api]'),
        privateNotAllowed: !document.querySelector('[data-testid=welcome-private]').hidden,
      })`,
    )) as string,
  ) as SessionOutcome['welcome'];
  const captures: CaptureReply[] = [];
  for (let i = 0; i < times; i++) {
    const reply = JSON.parse(
      (await ff.inExtensionPage(
        '/welcome.html',
        `(async () => JSON.stringify(await browser.runtime.sendMessage({
          channel: 'wildtrace/v1', type: 'evidence/capture', payload: { tabId: ${tabId} } })))()`,
      )) as string,
    ) as { ok: boolean; value?: CaptureReply; error?: string };
    if (!reply.ok || !reply.value) throw new Error(`capture failed: ${reply.error}`);
    const { captureId, caseId, recordHash, sequence, artefacts, warnings, bundleFile, bundleError } = reply.value;
    captures.push({ captureId, caseId, recordHash, sequence, artefacts, warnings, bundleFile, bundleError });
  }
  // The side panel as the officer opens it beside that tab: its notice, then Export.
  await ff.inExtensionPage(
    '/welcome.html',
    `browser.tabs.create({ url: '/sidepanel.html?tab=${tabId}', active: true }).then(() => true)`,
  );
  const panel = await ff.extensionPage('/sidepanel.html');
  const textOf = (id: string) =>
    ff.bidi.evaluate(panel, `document.querySelector('[data-testid=${id}]')?.textContent ?? ''`) as Promise<string>;
  let panelCapture: SessionOutcome['panelCapture'];
  if (panelCaptures) {
    // The officer's own click in the side panel, at the side panel's size, for the record.
    await ff.bidi.send('browsingContext.setViewport', { context: panel, viewport: { width: 360, height: 800 } });
    await until(
      async () =>
        (await ff.bidi.evaluate(panel, `!!document.querySelector('[data-testid=capture]:not([disabled])')`)) ||
        undefined,
      20_000,
      'the Capture button',
    );
    await ff.bidi.evaluate(panel, `document.querySelector('[data-testid=capture]').click(), true`);
    panelCapture = await until(
      async () => {
        const [result, bundle, error] = [
          await textOf('capture-result'),
          await textOf('capture-bundle'),
          (await textOf('capture-error')) + (await textOf('capture-bundle-error')),
        ];
        return (result && bundle) || error ? { result, bundle, error } : undefined;
      },
      30_000,
      'the side panel capture',
    );
    const shot = await ff.bidi.send<{ data: string }>('browsingContext.captureScreenshot', { context: panel });
    mkdirSync(join(REPO, '.test-results'), { recursive: true });
    writeFileSync(join(REPO, '.test-results/firefox-tor-sidepanel.png'), Buffer.from(shot.data, 'base64'));
    const listed = JSON.parse(
      (await ff.bidi.evaluate(
        panel,
        `(async () => {
          const cases = await browser.runtime.sendMessage({
            channel: 'wildtrace/v1', type: 'evidence/cases', payload: {} });
          const caseId = cases.value.activeCaseId;
          const list = await browser.runtime.sendMessage({
            channel: 'wildtrace/v1', type: 'evidence/captures', payload: { caseId } });
          return JSON.stringify({ caseId, newest: list.value[0] });
        })()`,
      )) as string,
    ) as {
      caseId: string;
      newest: { captureId: string; recordHash: string; sequence: number; artefacts: { name: string }[] };
    };
    const bundleFile = /Downloads\/(\S+\.zip)$/.exec(panelCapture.bundle)?.[1];
    captures.push({
      captureId: listed.newest.captureId,
      caseId: listed.caseId,
      recordHash: listed.newest.recordHash,
      sequence: listed.newest.sequence,
      artefacts: listed.newest.artefacts.map((a) => a.name),
      warnings: [],
      bundleFile,
    });
  }
  await until(
    async () =>
      (await ff.bidi.evaluate(panel, `!!document.querySelector('[data-testid=export-case]:not([disabled])')`)) ||
      undefined,
    20_000,
    'the Export button',
  );
  // Export is enabled once the panel knows where evidence is kept: the notice is settled by then.
  const storageNotice = await until(
    async () => {
      const ready = await ff.bidi.evaluate(panel, `!!document.querySelector('[data-testid=capture]')`);
      return ready ? await textOf('storage-notice') : undefined;
    },
    10_000,
    'the side panel',
  );
  await ff.bidi.evaluate(panel, `document.querySelector('[data-testid=export-case]').click(), true`);
  const { exportStatus, exportError } = await until(
    async () => {
      const [status, error] = [await textOf('export-status'), await textOf('export-error')];
      return status || error ? { exportStatus: status, exportError: error } : undefined;
    },
    30_000,
    'the export to finish',
  );
  return {
    captures,
    welcome,
    ...(panelCapture ? { panelCapture } : {}),
    storageNotice,
    exportStatus,
    exportError,
  };
}

/**
 * Opens the Trends page as the officer does, reads what it lists, clicks "Export cyber-alert"
 * and takes the page's picture with the export's status (`shot`, under .test-results/).
 */
async function trendsAndAlert(ff: FirefoxSession, shot: string): Promise<SessionOutcome['trends']> {
  await ff.inExtensionPage(
    '/welcome.html',
    `browser.tabs.create({ url: '/trends.html', active: true }).then(() => true)`,
  );
  const page = await ff.extensionPage('/trends.html');
  await ff.bidi.send('browsingContext.setViewport', { context: page, viewport: { width: 1100, height: 1400 } });
  const text = (selector: string) =>
    ff.bidi.evaluate(page, `document.querySelector(${js(selector)})?.textContent ?? ''`) as Promise<string>;
  const summary = await until(
    async () => (await text('[data-testid=trends-summary]')) || undefined,
    20_000,
    'the Trends summary',
  );
  const cases = JSON.parse(
    (await ff.bidi.evaluate(
      page,
      `JSON.stringify([...document.querySelectorAll('.trends-filters label.check span')].map((s) => s.textContent))`,
    )) as string,
  ) as string[];
  await ff.bidi.evaluate(page, `document.querySelector('.trends-filters button.primary').click(), true`);
  const alertStatus = await until(
    async () => {
      const status = await text('[data-testid=trends-status]');
      return status && !status.endsWith('…') ? status : undefined;
    },
    30_000,
    'the cyber-alert export',
  );
  const picture = await ff.bidi.send<{ data: string }>('browsingContext.captureScreenshot', { context: page });
  mkdirSync(join(REPO, '.test-results'), { recursive: true });
  writeFileSync(join(REPO, '.test-results', shot), Buffer.from(picture.data, 'base64'));
  return { summary, cases, alertStatus };
}

/**
 * Verifies the side panel's case file on the verify page (the file set through BiDi's
 * input.setFiles), then exports the case again through the background's `evidence/export`.
 */
async function verifyOnPage(
  ff: FirefoxSession,
  downloadDir: string,
  session: Omit<SessionOutcome, 'trends'>,
): Promise<SessionOutcome['verified']> {
  const verifiedFile = /^Saved (wildtrace-\S+\.zip):/.exec(session.exportStatus)?.[1];
  if (!verifiedFile) throw new Error(`no case file in "${session.exportStatus}"`);
  await ff.inExtensionPage(
    '/welcome.html',
    `browser.tabs.create({ url: '/verify.html', active: true }).then(() => true)`,
  );
  const page = await ff.extensionPage('/verify.html');
  const input = await until(
    async () => {
      const r = await ff.bidi.send<{ result?: { type: string; sharedId?: string } }>('script.evaluate', {
        expression: `document.querySelector('input[name=caseFile]')`,
        target: { context: page },
        awaitPromise: false,
        resultOwnership: 'root',
      });
      return r.result?.type === 'node' ? r.result.sharedId : undefined;
    },
    20_000,
    'the verify page',
  );
  await ff.bidi.send('input.setFiles', {
    context: page,
    element: { sharedId: input },
    files: [join(downloadDir, verifiedFile)],
  });
  await until(
    async () =>
      (await ff.bidi.evaluate(page, `!!document.querySelector('[data-testid=verify]:not([disabled])')`)) || undefined,
    10_000,
    'the Verify button',
  );
  await ff.bidi.evaluate(page, `document.querySelector('[data-testid=verify]').click(), true`);
  const verdict = await until(
    async () =>
      ((await ff.bidi.evaluate(
        page,
        `document.querySelector('[data-testid=verify-verdict]')?.textContent ?? ''`,
      )) as string) || undefined,
    30_000,
    'the verdict',
  );
  const caseId = session.captures.at(-1)!.caseId;
  const reply = JSON.parse(
    (await ff.inExtensionPage(
      '/welcome.html',
      `(async () => JSON.stringify(await browser.runtime.sendMessage({
        channel: 'wildtrace/v1', type: 'evidence/export', payload: { caseId: ${js(caseId)} } })))()`,
    )) as string,
  ) as { ok: boolean; value?: { fileName: string }; error?: string };
  if (!reply.ok || !reply.value) throw new Error(`export after verifying failed: ${reply.error}`);
  return { verifiedFile, verdict, reexportFile: reply.value.fileName };
}

async function main(): Promise<RunOutcome> {
  const tor = process.argv.includes('--tor');
  const [downloadDir, profileDir] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!downloadDir || !profileDir) throw new Error('usage: evidence-run.ts [--tor] DOWNLOAD_DIR PROFILE_DIR');
  const server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  const offerUrl = `${server.origin}/e2e/ff-hits.html`;
  const sessions: SessionOutcome[] = [];
  try {
    for (let run = 0; run < (tor ? 2 : 1); run++) {
      const launch = {
        profileDir,
        downloadDir,
        startUrls: [offerUrl],
        prefs: tor ? { ...TOR_BROWSER_PREFS } : {},
        allowPrivate: tor,
      };
      await withFirefox(launch, async (ff) => {
        // The welcome page opens itself on every temporary install (each launch).
        await ff.extensionPage('/welcome.html', 45_000);
        // Tor: two captures before the restart (one from the side panel), one after (from the panel).
        const session = await captureAndExport(ff, offerUrl, tor ? 1 - run : 1, tor ? 1 : 0);
        const shot = `firefox${tor ? '-tor' : ''}-trends-${run + 1}-1100x1400.png`;
        const trends = await trendsAndAlert(ff, shot);
        sessions.push({
          ...session,
          trends,
          ...(tor ? { verified: await verifyOnPage(ff, downloadDir, session) } : {}),
        });
      });
    }
    return { sessions };
  } finally {
    await server.close();
  }
}

runAsScript(main);
