import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  ok,
  openUntilIndicator,
  closeGuarded,
} from '../support/extension-harness';
import { readArtefactText } from './evidence-helpers';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let reader: Page;
const captured: Record<string, string> = {};

const url = (name: string) => `${server.origin}/e2e/links-${name}.html`;
const PHONE = 'phone:+447700900123';
const HANDLE = 'messenger:telegram:shellhouse_trader';
/** Opens a fixture page and waits until live detection has the indicator. */
const openScanned = (name: string, key: string) => openUntilIndicator(ext, url(name), key);

beforeAll(async () => {
  server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  ext = await launchWithExtension([server.origin]);
  ok(await ext.sendAsExtension('settings/set', { officerName: 'Officer Links', agency: 'Example Wildlife Unit' }));
  reader = await ext.openExtensionPage('welcome.html');
});

afterAll(() => closeGuarded(ext, server));

describe('links between captures in Chromium', () => {
  it('captures two pages sharing a phone and a handle; each stores its risk with the explanation', async () => {
    ok(await ext.sendAsExtension('evidence/case-create', { title: 'Op. Shell' }));
    for (const name of ['a', 'b']) {
      const tabId = await openScanned(name, PHONE);
      captured[name] = ok(await ext.sendAsExtension('evidence/capture', { tabId })).captureId;
    }
    const risk = JSON.parse(await readArtefactText(reader, captured.a, 'risk.json')) as {
      format: string;
      method: string;
      page: { score: number; saleOffer: boolean; signals: { kind: string; weight: number }[] };
      blocks: unknown[];
    };
    expect(risk.format).toBe('wildtrace/risk');
    expect(risk.method).toMatch(/^live detection results/);
    expect(risk.page.score).toBeGreaterThan(0);
    expect(risk.page.signals.length).toBeGreaterThan(0);
    expect(risk.page.signals.some((s) => s.kind === 'contact')).toBe(true);
  });

  it(
    'a third page with the same handle is "seen before" in both captures, ' + 'in the route and the side panel',
    async () => {
      const tabId = await openScanned('c', HANDLE);
      const view = ok(await ext.sendAsExtension('links/seen-before', { tabId }));
      expect(view.items.map((i) => i.key)).toEqual([HANDLE]);
      expect(view.items[0].captures.map((c) => c.captureId).sort()).toEqual([captured.a, captured.b].sort());
      expect(view.items[0].captures.map((c) => c.url).sort()).toEqual([url('a'), url('b')]);

      const panel = await ext.openExtensionPage(`sidepanel.html?tab=${tabId}`);
      const seen = panel.getByTestId('seen-before');
      await expect.poll(() => seen.isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await seen.getByRole('heading').textContent()).toBe('Seen before');
      const item = seen.locator(`[data-testid="seen-item"][data-key="${HANDLE}"]`);
      expect(await item.textContent()).toContain('@shellhouse_trader');
      const links = item.getByTestId('linked-capture');
      expect(await links.count()).toBe(2);
      expect((await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-capture-id')))).sort()).toEqual(
        [captured.a, captured.b].sort(),
      );
      // Clicking a capture shows its details (case, time, address, record hash); keyboard users get the same button.
      const first = links.first();
      await first.getByRole('button').first().focus();
      await panel.keyboard.press('Enter');
      const details = first.getByTestId('linked-capture-details');
      await expect.poll(() => details.isVisible()).toBe(true);
      expect(await details.textContent()).toContain('Op. Shell');
      expect(await details.textContent()).toMatch(/links-[ab]\.html/);

      // The case view lists the linked captures and draws the shared indicators.
      const caseLinks = panel.getByTestId('case-links');
      await expect.poll(() => caseLinks.getByTestId('linked-captures').isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await caseLinks.getByTestId('linked-captures').textContent()).toContain('Phone +447700900123');
      const graph = caseLinks.getByTestId('case-graph');
      for (const key of [PHONE, HANDLE]) {
        expect(await graph.locator(`svg g[data-node-id="indicator:${key}"]`).count()).toBe(1);
        expect(await graph.locator(`[data-testid="graph-list"] li[data-node-id="indicator:${key}"]`).count()).toBe(1);
      }
      expect(await graph.locator('svg g.node.seller').count()).toBe(1);
      expect(await graph.locator('svg g.node.capture').count()).toBe(2);
      expect(await graph.locator('svg line').count()).toBeGreaterThan(4);
      await panel.close();
    },
  );

  it('heals a corrupt index from the stored captures, and rebuilds on request', async () => {
    const worker = await ext.currentWorker();
    await worker.evaluate(() =>
      chrome.storage.local.set({ 'links/state': { version: 1, index: { broken: 5 }, captureIds: 'x' } }),
    );
    // The worker keeps a copy in memory; a restart makes it read the damaged value.
    await ext.stopServiceWorker();
    const tabId = await ext.tabIdOf(url('c'));
    const view = ok(await ext.sendAsExtension('links/seen-before', { tabId }));
    expect(view.indexed).toBe(2);
    expect(view.items[0]?.captures.length).toBe(2);
    expect(ok(await ext.sendAsExtension('links/rebuild', {}))).toEqual({ captures: 2, keys: 2 });
    const linked = ok(await ext.sendAsExtension('links/case', { caseId: view.items[0].captures[0].caseId }));
    expect(linked.captures).toHaveLength(2);
    expect(linked.captures.every((c) => c.linked[0].keys.join() === [HANDLE, PHONE].sort().join())).toBe(true);
  });
});
