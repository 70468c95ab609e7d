/**
 * The Trends page in real Chromium: two cases captured from local fixture pages (the marketplace
 * listing in both, so its WhatsApp number is a seller seen in two cases; the covert probe in the
 * second), the page's counts, its filters by case and by date, and "Export cyber-alert": the ZIP
 * holds the same files as `wildtrace report` and its numbers match the page.
 * Screenshot: .test-results/trends-1100x1400.png.
 */
import { mkdirSync, readdirSync, rmSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeGuarded,
  eventually,
  launchWithRealDownloads,
  ok,
  REPO,
  serveFixtures,
  type ExtensionSession,
  detected,
} from '../support/extension-harness';

const SHOTS = join(REPO, '.test-results');
let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let downloads: string;

async function openAndWait(url: string): Promise<number> {
  const page = await ext.context.newPage();
  await page.goto(url);
  const tabId = await ext.tabIdOf(url);
  await detected(
    ext,
    tabId,
    (d) => (d.hits.length > 0 && d.indicators.length > 0 ? true : undefined),
    `live detection of ${url}`,
  );
  return tabId;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serveFixtures({ '/pages/': join(REPO, 'tests/fixtures/pages') });
  ({ ext, downloads } = await launchWithRealDownloads([server.origin]));

  const market = await openAndWait(`${server.origin}/pages/marketplace.html`);
  const probe = await openAndWait(`${server.origin}/pages/covert-probe.html`);
  const a = ok(await ext.sendAsExtension('evidence/case-create', { title: 'Op Alpha', reference: 'A-1' }));
  ok(await ext.sendAsExtension('evidence/case-select', { caseId: a.caseId }));
  ok(await ext.sendAsExtension('evidence/capture', { tabId: market }));
  const b = ok(await ext.sendAsExtension('evidence/case-create', { title: 'Op Beta', reference: 'B-1' }));
  ok(await ext.sendAsExtension('evidence/case-select', { caseId: b.caseId }));
  ok(await ext.sendAsExtension('evidence/capture', { tabId: market }));
  ok(await ext.sendAsExtension('evidence/capture', { tabId: probe }));
});

afterAll(async () => {
  try {
    await closeGuarded(ext, server);
  } finally {
    if (downloads) rmSync(join(downloads, '..'), { recursive: true, force: true });
  }
});

const summary = (page: Page) => page.getByTestId('trends-summary').textContent();

describe('the Trends page', () => {
  it('counts the local cases, filters them and exports the same cyber-alert', async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 1100, height: 1400 });
    await page.goto(`chrome-extension://${ext.extensionId}/trends.html`);
    await page.getByTestId('trends-summary').waitFor();
    expect(await summary(page)).toMatch(/^Captures: 3 · cases: 2 · sites: 1 · seller indicators .*: [1-9]\d*$/);
    expect(await page.locator('svg.chart').count()).toBe(4);
    expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(SHOTS, 'trends-1100x1400.png') });
    const crossPosted = Number((await summary(page))!.match(/: (\d+)$/)![1]);

    // By case: Op Beta alone has two captures, and nothing is in two cases any more.
    await page.getByLabel('A-1: Op Alpha').uncheck();
    expect(await summary(page)).toMatch(/^Captures: 2 · cases: 1 · sites: 1 · seller indicators .*: 0$/);
    await page.getByLabel('A-1: Op Alpha').check();
    // By date: nothing was captured after tomorrow; the export has nothing to write.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.locator('input[name="from"]').fill(tomorrow);
    expect(await summary(page)).toMatch(/^Captures: 0 · cases: 0 · /);
    expect(await page.getByRole('button', { name: 'Export cyber-alert' }).isDisabled()).toBe(true);
    await page.locator('input[name="from"]').fill('');

    const before = new Set(readdirSync(downloads));
    await page.getByRole('button', { name: 'Export cyber-alert' }).click();
    await expect.poll(() => page.getByTestId('trends-status').textContent(), { timeout: 30_000 }).toMatch(/^Saved/);
    const zipPath = await eventually(
      async () => {
        const f = readdirSync(downloads).find((n) => n.startsWith('cyber-alert-') && !before.has(n));
        return f && statSync(join(downloads, f)).size > 0 ? join(downloads, f) : undefined;
      },
      30_000,
      'the downloaded cyber-alert',
    );
    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'cyber-alert.html',
        'indicators.stix.json',
        'taxa.csv',
        'cross-posting.csv',
        'case-files.csv',
      ]),
    );
    const text = (name: string) => new TextDecoder().decode(files[name]);
    const html = text('cyber-alert.html');
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<tr><th scope="row">Captures counted<\/th><td>3<\/td><\/tr>/);
    expect(html).toMatch(new RegExp(`Cross-posted seller indicators</th><td>${crossPosted}</td>`));
    expect(text('case-files.csv')).toMatch(/Op Alpha,included,.*\r\n.*Op Beta,included/s);
    const stix = JSON.parse(text('indicators.stix.json'));
    expect(stix.objects.some((o: { labels?: string[] }) => o.labels?.includes('cross-posted'))).toBe(true);
  });
});
