/**
 * Covert mode (the default) in real Chromium: on the covert-probe page, which watches its own DOM,
 * events, CSS highlights, scroll, focus, selection, style sheets, computed styles and network,
 * live detection finds the hits while the page sees nothing at all. Trainer mode, switched on for
 * the tab, paints with CSS highlights and a legend; switched off, it leaves no trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  eventually,
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  closeGuarded,
  detected,
} from '../support/extension-harness';

interface Probe {
  clean: boolean;
  problems: string[];
  mutations: unknown[];
  highlights: { max: number; now: number; names: string[] };
  styleSheets: { start: number; now: number; changed: boolean };
  shadowRoots: string[];
  source: { checked: boolean; matches: boolean | null; differences: string[] };
}

const PAGES = join(REPO, 'tests/fixtures/pages');
let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures({ '/pages/': PAGES });
  ext = await launchWithExtension([server.origin]);
});

afterAll(() => closeGuarded(ext, server));

async function openProbe() {
  const url = `${server.origin}/pages/covert-probe.html`;
  const page = await ext.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __probe?: { ready: boolean } }).__probe?.ready === true);
  const tabId = await ext.tabIdOf(url);
  const hits = await detected(
    ext,
    tabId,
    (view) => {
      const texts = view.hits.map((h) => h.text);
      return ['Python regius', 'Manis javanica', 'Psittacus erithacus', '#ivoryforsale'].every((t) => texts.includes(t))
        ? view.hits
        : undefined;
    },
    'hits on the probe page',
  );
  return { page, tabId, hits };
}

const report = (page: import('playwright-core').Page) =>
  page.evaluate(() => (window as unknown as { __probeReport(): Promise<Probe> }).__probeReport());

describe('covert mode', () => {
  it('finds the hits while the page notices nothing', async () => {
    const settings = await ext.sendAsExtension('settings/get', {});
    expect(settings.ok && settings.value.covertMode).toBe(true);
    const { page, tabId, hits } = await openProbe();
    expect(hits.length).toBeGreaterThanOrEqual(8);
    // The badge is outside the page.
    const badge = await eventually(
      async () => {
        const text = await (
          await ext.currentWorker()
        ).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
        return Number(text) > 0 ? text : undefined;
      },
      5000,
      'the badge',
    );
    expect(Number(badge)).toBeGreaterThan(0);
    // Let the scanner's timers and the side panel's polling run past their first rounds.
    await new Promise((r) => setTimeout(r, 1500));
    const probe = await report(page);
    expect(probe.problems).toEqual([]);
    expect(probe.clean).toBe(true);
    expect(probe.source.checked).toBe(true);
    expect(probe.highlights.max).toBe(0);
    await page.close();
  });

  it('trainer mode paints with CSS highlights and a legend, and leaves no trace when turned off', async () => {
    const { page, tabId } = await openProbe();
    const on = await ext.sendAsExtension('detection/trainer/set', { tabId, scope: 'tab', on: true });
    expect(on.ok && on.value.tab).toBe(true);
    const painted = await eventually(
      async () => {
        const names = await page.evaluate(() => [
          ...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys(),
        ]);
        return names.length > 0 ? names : undefined;
      },
      10_000,
      'highlights',
    );
    expect(painted.every((n) => n.startsWith('wildtrace-'))).toBe(true);
    expect(painted).toEqual(expect.arrayContaining(['wildtrace-app2', 'wildtrace-cue']));
    // One host element whose shadow root is closed: the page cannot read the legend.
    const host = await page.evaluate(() => {
      const last = document.documentElement.lastElementChild!;
      return { tag: last.tagName, open: last.shadowRoot !== null };
    });
    expect(host).toEqual({ tag: 'DIV', open: false });

    const off = await ext.sendAsExtension('detection/trainer/set', { tabId, scope: 'tab', on: false });
    expect(off.ok && off.value.tab).toBe(false);
    await eventually(
      async () =>
        (await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.size)) === 0
          ? true
          : undefined,
      5000,
      'highlights removed',
    );
    const probe = await report(page);
    // Trainer mode did change the page (expected); after it, the DOM is the page as served again.
    expect(probe.highlights.now).toBe(0);
    expect(probe.source.matches).toBe(true);
    expect(probe.shadowRoots).toEqual([]);
    expect(probe.styleSheets.now).toBe(probe.styleSheets.start);
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    await page.close();
  });

  it('the trainer switch per site is remembered and paints a new page of the site', async () => {
    const url = `${server.origin}/pages/marketplace.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    const tabId = await ext.tabIdOf(url);
    const on = await ext.sendAsExtension('detection/trainer/set', { tabId, scope: 'site', on: true });
    expect(on.ok && on.value.site).toBe(true);
    const other = await ext.context.newPage();
    await other.goto(`${server.origin}/pages/forum.html`);
    await eventually(
      async () =>
        (await other.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.size)) > 0
          ? true
          : undefined,
      15_000,
      'site-wide trainer highlights',
    );
    await ext.sendAsExtension('detection/trainer/set', { tabId, scope: 'site', on: false });
    await other.close();
    await page.close();
  });
});
