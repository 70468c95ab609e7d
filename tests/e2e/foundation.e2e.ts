import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  eventually,
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  closeGuarded,
} from '../support/extension-harness';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  ext = await launchWithExtension([server.origin]);
});

afterAll(() => closeGuarded(ext, server));

describe('foundation wiring in Chromium', () => {
  it('builds a manifest without web-accessible resources', async () => {
    const manifest = await ext.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.manifest_version).toBe(3);
  });

  it('reports the page word count to the background, and the side panel shows it', async () => {
    const url = `${server.origin}/e2e/words.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    const tabId = await ext.tabIdOf(url);
    const summary = await eventually(
      async () => {
        const reply = await ext.sendAsExtension('tab/summary', { tabId });
        return reply.ok && reply.value ? reply.value : undefined;
      },
      10_000,
      'the content script report',
    );
    expect(summary.wordCount).toBe(18);
    expect(summary.title).toBe('Reptile classifieds');

    // The popup shows only the verdict and Capture; the page's details are in the side panel.
    const panel = await ext.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    await expect.poll(() => panel.getByTestId('word-count').textContent()).toBe('18');
    await panel.close();
    await page.close();
  });

  it('keeps the options across a service-worker restart', async () => {
    const options = await ext.openExtensionPage('options.html');
    await options.locator('input[name=officerName]').fill('Officer Test');
    await options.locator('input[name=agency]').fill('Example Wildlife Unit');
    await options.locator('input[name=covertMode]').uncheck();
    // An unknown region code is refused with a message; a known one is kept.
    await options.locator('input[name=phoneRegion]').fill('qq');
    await options.locator('button[type=submit]').click();
    await expect.poll(() => options.getByTestId('status').textContent()).toContain('Unknown region code "QQ"');
    await options.locator('input[name=phoneRegion]').fill('vn');
    await options.locator('button[type=submit]').click();
    await expect.poll(() => options.getByTestId('status').textContent()).toBe('Saved.');

    const before = await ext.currentWorker();
    await before.evaluate(() => ((globalThis as { __marker?: number }).__marker = 1));
    await ext.stopServiceWorker();

    // The next message wakes a fresh worker, which reads the settings back from storage.
    const reply = await ext.sendAsExtension('settings/get', {});
    expect(reply).toEqual({
      ok: true,
      value: { officerName: 'Officer Test', agency: 'Example Wildlife Unit', covertMode: false, phoneRegion: 'VN' },
    });
    const after = await ext.currentWorker();
    expect(await after.evaluate(() => (globalThis as { __marker?: number }).__marker)).toBeUndefined();
    await options.reload();
    await expect.poll(() => options.locator('input[name=officerName]').inputValue()).toBe('Officer Test');
    await ext.sendAsExtension('settings/set', { covertMode: true, phoneRegion: '' });
    await options.close();
  });

  it('refuses messages from a web page', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/e2e/words.html`);
    const outcome = await page.evaluate(async (id) => {
      const runtime = (
        globalThis as {
          chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<{ ok?: boolean } | undefined> } };
        }
      ).chrome?.runtime;
      if (!runtime?.sendMessage) return 'no runtime API for pages';
      try {
        await runtime.sendMessage(id, {
          channel: 'wildtrace/v1',
          type: 'settings/set',
          payload: { covertMode: false },
        });
        return 'sent';
      } catch (err) {
        return `refused: ${(err as Error).message}`;
      }
    }, ext.extensionId);
    expect(outcome).not.toBe('sent');
    // A forged message posted to the page's window reaches nothing either.
    await page.evaluate(() =>
      window.postMessage({ channel: 'wildtrace/v1', type: 'settings/set', payload: { covertMode: false } }, '*'),
    );
    const settings = await ext.sendAsExtension('settings/get', {});
    expect(settings.ok && settings.value.covertMode).toBe(true);
    await page.close();
  });
});
