/**
 * Watchlists in real Chromium: a partner's CSV imported on the options page (a bad file first:
 * refused whole, nothing stored), then the covert-probe page, which shows "WhatsApp +1
 * 202-555-0191" and records everything it can observe: the side panel (360×800) says "On
 * watchlist", the badge is marked, a capture records the watched number in its metadata, and the
 * page sees nothing at all. Then the lists grow to the most they may hold together (250,000
 * indicators in storage.local) and one more is refused. Screenshots:
 * .test-results/sidepanel-watchlist-360x800.png, options-watchlists.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeGuarded,
  eventually,
  launchWithExtension,
  ok,
  REPO,
  serveFixtures,
  type ExtensionSession,
  detected,
} from '../support/extension-harness';
import { readEvidenceDb } from './evidence-helpers';
import { MAX_STORED_ENTRIES, MAX_WATCHLIST_ENTRIES } from '../../src/engine/watchlist/limits';
import { generatedRows, watchlistCsv } from '../support/watchlist-files';

const SHOTS = join(REPO, '.test-results');
const WATCHED = '+12025550191';
let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serveFixtures({ '/pages/': join(REPO, 'tests/fixtures/pages') });
  ext = await launchWithExtension([server.origin]);
});

afterAll(() => closeGuarded(ext, server));

const csv = (text: string) => ({ name: 'partner.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

describe('watchlists', () => {
  it('imports a partner CSV on the options page, refusing a bad file whole', async () => {
    const options = await ext.openExtensionPage('options.html');
    const input = options.getByTestId('import-watchlist');
    const status = options.getByTestId('watchlist-status');
    await input.setInputFiles(csv('type,value\r\nphone,+1 202-555-0191\r\nphone,555 0100\r\n'));
    await expect.poll(() => status.textContent()).toMatch(/partner\.csv was not imported: .*line 3/);
    const stored = () => options.evaluate(() => chrome.storage.local.get('watchlists'));
    expect((await stored()).watchlists).toBeUndefined();

    await options.getByLabel('Watchlist name').fill('Partner ops');
    await input.setInputFiles(csv('type,value,platform\r\nphone,+1 202-555-0191,\r\nhandle,@nobody_here,Telegram\r\n'));
    await expect.poll(() => status.textContent()).toBe('Watchlist "Partner ops" imported: 2 indicators.');
    expect(await options.getByTestId('watchlists').textContent()).toMatch(/Partner ops/);
    const lists = (await stored()).watchlists as { name: string; count: number }[];
    expect(lists.map((l) => [l.name, l.count])).toEqual([['Partner ops', 2]]);
    await options.getByRole('heading', { name: 'Watchlists' }).scrollIntoViewIfNeeded();
    await options.screenshot({ path: join(SHOTS, 'options-watchlists.png') });
    await options.close();
  });

  it('flags the page in the side panel, badge and capture while the page notices nothing', async () => {
    const url = `${server.origin}/pages/covert-probe.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __probe?: { ready: boolean } }).__probe?.ready === true);
    const tabId = await ext.tabIdOf(url);
    const hits = await detected(
      ext,
      tabId,
      (view) => (view.watchlist?.length ? view.watchlist : undefined),
      'the watchlist hit',
    );
    expect(hits).toEqual([{ list: 'Partner ops', type: 'phone', value: WATCHED }]);
    const badge = await eventually(
      async () => {
        const w = await ext.currentWorker();
        const text = await w.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
        return text.startsWith('!') ? text : undefined;
      },
      5000,
      'the marked badge',
    );
    expect(badge).toMatch(/^!\d+$/);

    // Covert mode holds: the page saw no mutation, event, message, highlight or style change (checked
    // before the panel opens here as a tab and before the capture, both of which a page can notice).
    const probe = await page.evaluate(() =>
      (window as unknown as { __probeReport(): Promise<{ clean: boolean; problems: string[] }> }).__probeReport(),
    );
    expect(probe.problems).toEqual([]);
    expect(probe.clean).toBe(true);

    const panel = await ext.context.newPage();
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html?tab=${tabId}`);
    const alert = panel.getByTestId('watchlist-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(new RegExp(`On watchlist Partner ops.*Phone\\s*\\${WATCHED}`));
    await panel.screenshot({ path: join(SHOTS, 'sidepanel-watchlist-360x800.png') });

    const capture = ok(await ext.sendAsExtension('evidence/capture', { tabId }));
    const db = await readEvidenceDb(panel);
    const record = db.captures.find((c) => c.captureId === capture.captureId)!.capture;
    expect(record.body.metadata.watchlists).toEqual([{ list: 'Partner ops', type: 'phone', value: WATCHED }]);
  });

  it('keeps as many indicators as the lists may hold in storage.local, and refuses one more', async () => {
    const options = await ext.openExtensionPage('options.html');
    const input = options.getByTestId('import-watchlist');
    const status = options.getByTestId('watchlist-status');
    const importRows = async (name: string, from: number, count: number) => {
      const rows = generatedRows(from + count).slice(from);
      const t0 = Date.now();
      await options.getByLabel('Watchlist name').fill(name);
      await input.setInputFiles({ name: `${name}.csv`, mimeType: 'text/csv', buffer: Buffer.from(watchlistCsv(rows)) });
      await expect
        .poll(() => status.textContent(), { timeout: 60_000 })
        .toMatch(new RegExp(`^(${name}\\.csv|Watchlist "${name}")`));
      console.log(`chromium: import of ${name} (${count} rows): ${Date.now() - t0} ms`);
      return status.textContent();
    };
    const full = MAX_WATCHLIST_ENTRIES;
    expect(await importRows('bulk-a', 0, full)).toBe(
      `Watchlist "bulk-a" imported: ${full.toLocaleString('en')} indicators.`,
    );
    expect(await importRows('bulk-b', full, full)).toBe(
      `Watchlist "bulk-b" imported: ${full.toLocaleString('en')} indicators.`,
    );
    const room = MAX_STORED_ENTRIES - 2 * full - 2; // "Partner ops" holds 2
    expect(await importRows('bulk-c', 2 * full, room)).toMatch(/^Watchlist "bulk-c" imported/);
    const stored = async () => {
      const { watchlists } = await options.evaluate(() => chrome.storage.local.get('watchlists'));
      const bytes = await options.evaluate(() => chrome.storage.local.getBytesInUse('watchlists'));
      return {
        lists: (watchlists as { name: string; count: number }[]).map((l) => [l.name, l.count]),
        bytes,
      };
    };
    const kept = await stored();
    expect(kept.lists).toEqual([
      ['Partner ops', 2],
      ['bulk-a', full],
      ['bulk-b', full],
      ['bulk-c', room],
    ]);
    // Packed, ~37 bytes an entry here; longer values (up to 256 characters) would pass storage.local's
    // 10 MB without the manifest's unlimitedStorage.
    expect(kept.bytes).toBeGreaterThan(MAX_STORED_ENTRIES * 30);
    expect(await importRows('one-more', 3 * full, 1)).toMatch(
      /^one-more\.csv was not imported: the watchlists would hold 250,001 indicators together .*Remove a list first/,
    );
    expect((await stored()).lists).toEqual(kept.lists);
    console.log(`chromium: ${MAX_STORED_ENTRIES} watchlist entries in storage.local: ${kept.bytes} bytes`);
    await options.close();
  }, 180_000);
});
