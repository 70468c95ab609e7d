/**
 * Watchlists in firefox-esr, as its own Node process (BiDi needs --experimental-websocket): the
 * officer imports CSV files on the options page (files picked with BiDi input.setFiles, the name
 * typed with key events): a bad one first, a partner's list, a bulk list of BULK_ENTRIES
 * generated indicators, then a file with one bad line among good ones and one over the entry
 * limit. Then the covert-probe page (it shows "WhatsApp +1 202-555-0191") is opened and the run
 * records what the background says about it (watchlist hits, badge), what the page itself
 * observed (covert mode), what the side panel says at 360×800 and what a capture's metadata
 * holds. Prints one JSON line (WatchlistRunOutcome); tests/e2e/firefox-watchlist.e2e.ts checks it.
 * Screenshots: .test-results/firefox-options-watchlists.png, firefox-sidepanel-watchlist-360x800.png.
 *
 * Usage: watchlist-run.ts WORK_DIR (a fresh folder: profile, downloads and the CSV files)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_WATCHLIST_ENTRIES } from '../../../src/engine/watchlist/limits';
import { REPO, serveFixtures } from '../../support/extension-harness';
import { until, type FirefoxSession, runAsScript, withFirefox } from '../../support/firefox-harness';
import { generatedRows, watchlistCsv } from '../../support/watchlist-files';

/** The phone the covert-probe page shows, as a watchlist keeps it. */
const WATCHED = '+12025550191';
/** The bulk list's size: tens of thousands, as a partner's STIX bundle may hold. */
const BULK_ENTRIES = 50_000;

/** What the options page said after one file, and the lists stored then (name and entry count). */
export interface ImportStep {
  file: string;
  status: string;
  stored: [string, number][] | null;
  ms: number;
}

export interface WatchlistRunOutcome {
  imports: ImportStep[];
  /** The background's view of the probe tab: its watchlist hits. */
  hits: unknown[];
  badge: string;
  /** What the probe page observed (tests/fixtures/pages/covert-probe.js). */
  probe: { clean: boolean; problems: string[]; sourceChecked: boolean; highlightsMax: number; globals: string[] };
  /** The side panel's watchlist alert text. */
  panelAlert: string;
  /** The stored capture's metadata.watchlists. */
  captureWatchlists: unknown;
}

const js = JSON.stringify;

async function importFile(ff: FirefoxSession, options: string, file: string, name = ''): Promise<ImportStep> {
  if (name) await ff.type(options, 'input[name=watchlistName]', name);
  const status = `document.querySelector('[data-testid=watchlist-status]').textContent`;
  // Each file of the run gets a message of its own: the new one is the first that differs, after
  // "Reading <file>…".
  const before = (await ff.bidi.evaluate(options, status)) as string;
  const started = Date.now();
  await ff.setFiles(options, '[data-testid=import-watchlist]', [file]);
  const said = await until(
    async () => {
      const now = (await ff.bidi.evaluate(options, status)) as string;
      return now && now !== before && !now.startsWith('Reading ') ? now : undefined;
    },
    120_000,
    `the import of ${file}`,
  );
  const ms = Date.now() - started;
  const stored = JSON.parse(
    (await ff.bidi.evaluate(
      options,
      `browser.storage.local.get('watchlists').then(({ watchlists }) =>
        JSON.stringify(watchlists ? watchlists.map((l) => [l.name, l.count]) : null))`,
    )) as string,
  ) as ImportStep['stored'];
  return { file: file.replace(/^.*\//, ''), status: said, stored, ms };
}

async function main(): Promise<WatchlistRunOutcome> {
  const [work] = process.argv.slice(2);
  if (!work) throw new Error('usage: watchlist-run.ts WORK_DIR');
  const file = (name: string, text: string) => {
    writeFileSync(join(work, name), text);
    return join(work, name);
  };
  const bad = file('bad.csv', 'type,value\r\nphone,+1 202-555-0191\r\nphone,555 0100\r\n');
  const partner = file(
    'partner.csv',
    'type,value,platform\r\nphone,+1 202-555-0191,\r\nhandle,@nobody_here,Telegram\r\n',
  );
  const bulk = file('bulk.csv', watchlistCsv(generatedRows(BULK_ENTRIES - 1, [['phone', WATCHED, '']])));
  const mixed = file('mixed.csv', watchlistCsv(generatedRows(1000, [['phone', '0100', '']])));
  const tooMany = file('too-many.csv', watchlistCsv(generatedRows(MAX_WATCHLIST_ENTRIES + 1)));
  mkdirSync(join(work, 'profile'), { recursive: true });
  mkdirSync(join(work, 'downloads'), { recursive: true });
  const shots = join(REPO, '.test-results');
  mkdirSync(shots, { recursive: true });

  const server = await serveFixtures({ '/pages/': join(REPO, 'tests/fixtures/pages') });
  const probeUrl = `${server.origin}/pages/covert-probe.html`;
  try {
    const dirs = { profileDir: join(work, 'profile'), downloadDir: join(work, 'downloads') };
    return await withFirefox({ ...dirs, startUrls: [] }, async (ff) => {
      await ff.extensionPage('/welcome.html', 45_000);
      const options = await ff.openExtensionPage('/options.html');
      await until(
        async () =>
          (await ff.bidi.evaluate(options, `!!document.querySelector('[data-testid=import-watchlist]')`)) || undefined,
        20_000,
        'the watchlist import on the options page',
      );
      const imports = [
        await importFile(ff, options, bad),
        await importFile(ff, options, partner, 'Partner ops'),
        await importFile(ff, options, bulk, 'Partner bulk'),
        // Refused files keep the name typed for them; these two come under their file names.
        await importFile(ff, options, mixed),
        await importFile(ff, options, tooMany),
      ];
      await ff.bidi.evaluate(options, `document.getElementById('watchlists-heading').scrollIntoView(), true`);
      await ff.screenshot(options, join(shots, 'firefox-options-watchlists.png'));

      // The probe page in a background tab of its own, opened after the import: a tab brought to the
      // front hears "focus" from Firefox itself (seen without the extension too), which would hide
      // whether the extension caused any.
      const { context: probe } = await ff.bidi.send<{ context: string }>('browsingContext.create', {
        type: 'tab',
        background: true,
      });
      await ff.bidi.send('browsingContext.navigate', { context: probe, url: probeUrl, wait: 'complete' });
      await until(
        async () => (await ff.bidi.evaluate(probe, `window.__probe?.ready === true`)) || undefined,
        20_000,
        'the probe page',
      );
      const tabId = await ff.tabIdOf(probeUrl);
      const hits = await until(
        async () => {
          const view = await ff.send<{ watchlist?: unknown[] } | null>('detection/tab', { tabId }, '/options.html');
          return view?.watchlist?.length ? view.watchlist : undefined;
        },
        30_000,
        'the watchlist hit',
      );
      const badge = await until(
        async () => {
          const text = (await ff.bidi.evaluate(
            options,
            `browser.browserAction.getBadgeText({ tabId: ${tabId} })`,
          )) as string;
          return text.startsWith('!') ? text : undefined;
        },
        10_000,
        'the marked badge',
      );
      // Let the scanner's timers run past their first rounds, then ask the page what it saw:
      // before the side panel opens as a tab and before the capture, both of which a page can notice.
      await new Promise((r) => setTimeout(r, 1500));
      const seen = JSON.parse(
        (await ff.bidi.evaluate(
          probe,
          `window.__probeReport().then((p) => JSON.stringify({
            clean: p.clean, problems: p.problems, sourceChecked: p.source.checked,
            highlightsMax: p.highlights.max, globals: p.globals.added }))`,
        )) as string,
      ) as WatchlistRunOutcome['probe'];

      const panel = await ff.openExtensionPage(`/sidepanel.html?tab=${tabId}`);
      await ff.bidi.send('browsingContext.setViewport', { context: panel, viewport: { width: 360, height: 800 } });
      const panelAlert = await until(
        async () =>
          ((await ff.bidi.evaluate(
            panel,
            `document.querySelector('[data-testid=watchlist-alert]')?.textContent ?? ''`,
          )) as string) || undefined,
        20_000,
        'the watchlist alert in the side panel',
      );
      await ff.screenshot(panel, join(shots, 'firefox-sidepanel-watchlist-360x800.png'));

      const capture = await ff.send<{ captureId: string }>('evidence/capture', { tabId }, '/options.html');
      // The stored record, read from the evidence database as any extension page can.
      const captureWatchlists = JSON.parse(
        (await ff.bidi.evaluate(
          panel,
          `new Promise((ok, fail) => {
            const open = indexedDB.open('wildtrace-evidence');
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('captures').objectStore('captures').getAll();
              get.onerror = () => fail(get.error);
              get.onsuccess = () => {
                const row = get.result.find((r) => r.captureId === ${js(capture.captureId)});
                open.result.close();
                ok(JSON.stringify(row ? row.capture.body.metadata.watchlists ?? null : 'no record'));
              };
            };
          })`,
        )) as string,
      );
      return { imports, hits, badge, probe: seen, panelAlert, captureWatchlists };
    });
  } finally {
    await server.close();
  }
}

runAsScript(main);
