/**
 * Watchlists in real Chromium: a partner's CSV imported on the options page (a bad file first:
 * refused whole, nothing stored), then the covert-probe page, which shows "WhatsApp +1
 * 202-555-0191" and records everything it can observe: the side panel (360×800) says "On
 * watchlist", the badge is marked, a capture records the watched number in its metadata, and the
 * page sees nothing at all. Screenshots: .test-results/sidepanel-watchlist-360x800.png,
 * options-watchlists.png.
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
} from '../support/extension-harness';
import { readEvidenceDb } from './evidence-helpers';

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
    const lists = (await stored()).watchlists as { name: string; entries: unknown[] }[];
    expect(lists.map((l) => [l.name, l.entries.length])).toEqual([['Partner ops', 2]]);
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
    const hits = await eventually(
      async () => {
        const view = ok(await ext.sendAsExtension('detection/tab', { tabId }));
        return view?.watchlist?.length ? view.watchlist : undefined;
      },
      20_000,
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
});
