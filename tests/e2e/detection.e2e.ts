/**
 * Live detection end to end in Chromium: the fixture pages' expected hits reach the background
 * (and so the side panel), frames and open shadow roots included, dynamic content is picked up,
 * results survive a worker restart, and the side panel lists them grouped by taxon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventually,
  launchWithExtension,
  ok,
  openUntilIndicator,
  REPO,
  serveFixtures,
  type ExtensionSession,
  closeGuarded,
} from '../support/extension-harness';
import type { HitView, TabDetection } from '../../src/messaging/routes/detection';

interface ExpectedHit {
  text: string;
  kind: string;
  taxon?: string;
  term?: string;
  tactics?: string[];
  frame?: string;
  shadow?: boolean;
  dynamic?: boolean;
}
interface ExpectedPage {
  page: string;
  saleOffer?: boolean;
  hits: ExpectedHit[];
}

const PAGES = join(REPO, 'tests/fixtures/pages');
const expected = JSON.parse(readFileSync(join(PAGES, 'expected.json'), 'utf8')) as { pages: ExpectedPage[] };

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;

// A page with a phone number written without a country code (a fictional US number).
const LOCAL = mkdtempSync(join(tmpdir(), 'wildtrace-national-'));
writeFileSync(
  join(LOCAL, 'national.html'),
  '<!doctype html><meta charset="utf-8"><title>Tortoise</title>' +
    '<p>Radiated tortoise for sale, ring 202 555 0143 after six.</p>',
);

beforeAll(async () => {
  server = await serveFixtures({ '/pages/': PAGES, '/local/': LOCAL });
  ext = await launchWithExtension([server.origin]);
});

afterAll(() => closeGuarded(ext, server));

async function detection(tabId: number): Promise<TabDetection | null> {
  const reply = await ext.sendAsExtension('detection/tab', { tabId });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** The expected hits not (yet) among the found ones (a longer match that contains the text counts). */
function missing(found: readonly HitView[], hits: readonly ExpectedHit[]): ExpectedHit[] {
  return hits.filter(
    (e) =>
      !found.some(
        (h) =>
          h.text.toLowerCase().includes(e.text.toLowerCase()) &&
          h.kind === e.kind &&
          (!e.taxon || h.taxon?.name === e.taxon) &&
          (!e.term || h.term.toLowerCase() === e.term.toLowerCase()),
      ),
  );
}

async function waitForHits(tabId: number, hits: readonly ExpectedHit[], timeoutMs = 20_000): Promise<TabDetection> {
  let last: TabDetection | null = null;
  try {
    return await eventually(
      async () => {
        last = await detection(tabId);
        return last && missing(last.hits, hits).length === 0 ? last : undefined;
      },
      timeoutMs,
      'the expected hits',
    );
  } catch (err) {
    const found = (last as TabDetection | null)?.hits.map((h) => `${h.kind}:${h.text}`) ?? [];
    const missed = missing((last as TabDetection | null)?.hits ?? [], hits).map((h) => h.text);
    throw new Error(`${(err as Error).message}\nmissing: ${JSON.stringify(missed)}\nfound: ${JSON.stringify(found)}`, {
      cause: err,
    });
  }
}

const page = (name: string) => expected.pages.find((p) => p.page === name)!;

describe('live detection in Chromium', () => {
  it('reads a phone number without a country code in the home region set in the options', async () => {
    ok(await ext.sendAsExtension('settings/set', { phoneRegion: 'US' }));
    try {
      const tabId = await openUntilIndicator(ext, `${server.origin}/local/national.html`, 'phone:+12025550143');
      expect(tabId).toBeGreaterThan(0);
    } finally {
      ok(await ext.sendAsExtension('settings/set', { phoneRegion: '' }));
    }
  });

  it.each(['marketplace.html', 'social-post.html', 'forum.html', 'shadow-dom.html', 'iframe.html'])(
    'finds the expected hits on %s',
    async (name) => {
      const url = `${server.origin}/pages/${name}`;
      const tab = await ext.context.newPage();
      await tab.goto(url);
      const tabId = await ext.tabIdOf(url);
      const exp = page(name);
      const view = await waitForHits(tabId, exp.hits);
      if (exp.saleOffer !== undefined) expect(view.page.saleOffer).toBe(exp.saleOffer);
      if (exp.hits.some((h) => h.frame)) expect(view.frames).toBeGreaterThanOrEqual(3);
      // The badge counts the mentions as the views do: overlapping hits are one, cues are none.
      const mentions = view.mentions;
      expect(mentions).toBeGreaterThan(0);
      expect(mentions).toBeLessThanOrEqual(view.hits.filter((h) => h.kind !== 'cue').length);
      const badgeText = async () =>
        (await ext.currentWorker()).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
      await eventually(
        async () => (Number(await badgeText()) === mentions ? true : undefined),
        5000,
        `badge ${mentions}`,
      );
      await tab.close();
    },
  );

  it('follows an infinite scroll feed batch by batch', async () => {
    const url = `${server.origin}/pages/infinite-scroll.html`;
    const tab = await ext.context.newPage();
    await tab.goto(url);
    const tabId = await ext.tabIdOf(url);
    const exp = page('infinite-scroll.html');
    await waitForHits(
      tabId,
      exp.hits.filter((h) => !h.dynamic),
    );
    await tab.click('#start-feed');
    await tab.waitForFunction(() => (window as unknown as { __feed: { done: boolean } }).__feed.done);
    const view = await waitForHits(tabId, exp.hits);
    // Each planted mention once: unchanged listings were not sent again.
    expect(view.hits.filter((h) => h.text === 'Rhinoplax vigil')).toHaveLength(1);
    await tab.close();
  });

  it('keeps the results across a service-worker restart and shows them in the side panel', async () => {
    const url = `${server.origin}/pages/marketplace.html`;
    const tab = await ext.context.newPage();
    await tab.goto(url);
    const tabId = await ext.tabIdOf(url);
    const before = await waitForHits(tabId, page('marketplace.html').hits);
    await new Promise((r) => setTimeout(r, 600)); // past the debounced write
    await ext.stopServiceWorker();
    const after = await detection(tabId);
    expect(after?.hits.length).toBe(before.hits.length);

    const panel = await ext.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    // Every mention by taxon is one click away, below the flagged listings.
    await panel.getByTestId('all-mentions').locator('summary').click();
    const group = panel.locator('[data-testid=hit-group][data-name="Python regius"]');
    await expect.poll(() => group.count(), { timeout: 10_000 }).toBe(1);
    expect(await group.textContent()).toContain('Pyhton regius');
    // Filter by appendix: Python regius is Appendix II; an Appendix I filter hides it.
    await panel.selectOption('[data-testid=filter-appendix]', '1');
    await expect.poll(() => group.count()).toBe(0);
    await panel.selectOption('[data-testid=filter-appendix]', '');
    expect(await panel.getByTestId('covert-scroll-note').count()).toBe(1);
    expect(Number(await panel.getByTestId('page-score').textContent())).toBe(after!.page.score);
    await panel.close();
    await tab.close();
  });

  it('stores a tab in small chunks, drops the chunks of a left page and of a closed tab', async () => {
    const stored = async (tabId: number) =>
      (await ext.currentWorker()).evaluate(async (id) => {
        const all = await chrome.storage.session.get(null);
        const summary = all[`detect:${id}`] as { frames: Record<string, { chunks: number[] }> } | undefined;
        const chunks = Object.keys(all)
          .filter((k) => k.startsWith(`detect:${id}:`))
          .sort();
        const listed = Object.entries(summary?.frames ?? {})
          .flatMap(([f, s]) => s.chunks.map((c) => `detect:${id}:${f}:${c}`))
          .sort();
        return { summary: summary !== undefined, chunks, listed };
      }, tabId);
    const first = `${server.origin}/pages/iframe.html`;
    const tab = await ext.context.newPage();
    await tab.goto(first);
    const tabId = await ext.tabIdOf(first);
    await waitForHits(tabId, page('iframe.html').hits);
    // Every stored chunk is listed by the summary and the reverse, once the throttled write is done.
    const framed = await eventually(
      async () => {
        const s = await stored(tabId);
        return s.chunks.length > 1 && s.chunks.join() === s.listed.join() ? s : undefined;
      },
      5000,
      'chunks of every frame',
    );
    const next = `${server.origin}/pages/social-post.html`;
    await tab.goto(next);
    const view = await waitForHits(tabId, page('social-post.html').hits);
    const left = await eventually(
      async () => {
        const s = await stored(tabId);
        return s.chunks.length > 0 && s.chunks.length < framed.chunks.length && s.chunks.join() === s.listed.join()
          ? s
          : undefined;
      },
      5000,
      "the left page's chunks removed",
    );
    expect(left.chunks.every((k) => k.startsWith(`detect:${tabId}:0:`))).toBe(true);
    await ext.stopServiceWorker();
    expect((await detection(tabId))?.hits.length).toBe(view.hits.length);
    await tab.close();
    await eventually(
      async () => {
        const s = await stored(tabId);
        return !s.summary && s.chunks.length === 0 ? true : undefined;
      },
      5000,
      'nothing kept for a closed tab',
    );
  });
});
