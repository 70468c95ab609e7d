import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  closeGuarded,
  detected,
} from '../support/extension-harness';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  ext = await launchWithExtension([server.origin]);
});
afterAll(() => closeGuarded(ext, server));

const termHits = async (url: string) => {
  const tabId = await ext.tabIdOf(url);
  const reply = await ext.sendAsExtension('detection/tab', { tabId });
  return reply.ok && reply.value ? reply.value.hits.filter((h) => h.term === 'blue ghost') : undefined;
};

describe('agency lexicon in the options page', () => {
  it('shows the bundled lexicon, refuses a bad list without change, and uses an imported keyword list', async () => {
    const options = await ext.openExtensionPage('options.html');
    await expect.poll(() => options.getByTestId('lexicon-source').textContent()).toBe('bundled with Wildtrace');
    expect(Number((await options.getByTestId('lexicon-taxa').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(
      38_000,
    );

    await options
      .getByTestId('import-keywords')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('word,type\nx,y\n') });
    await expect
      .poll(() => options.getByTestId('lexicon-status').textContent(), { timeout: 30_000 })
      .toMatch(/^Nothing was changed\. .*bad/);
    expect(await options.getByTestId('lexicon-source').textContent()).toBe('bundled with Wildtrace');

    const list = 'term,kind,language,note\nblue ghost,product,en,local trade name seen by the unit\n';
    await options
      .getByTestId('import-keywords')
      .setInputFiles({ name: 'unit-7.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
    await expect
      .poll(() => options.getByTestId('lexicon-status').textContent(), { timeout: 90_000 })
      .toBe('Imported "unit-7": the new lexicon is in use.');
    expect(await options.getByTestId('lexicon-source').textContent()).toBe("your agency's (bundled plus imports)");

    // A page scanned now sees the agency's term, and so does a restarted worker.
    const url = `${server.origin}/e2e/agency-term.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    expect(
      (
        await eventually(
          async () => ((await termHits(url))?.length ? await termHits(url) : undefined),
          30_000,
          'the agency term',
        )
      )[0].termKind,
    ).toBe('product');
    await ext.stopServiceWorker();
    await page.reload();
    await eventually(
      async () => ((await termHits(url))?.length ? true : undefined),
      30_000,
      'the agency term after a restart',
    );
    await page.close();
    await options.close();
  }, 180_000);

  it('refuses a list beyond the size limit unread, and names the terms left out as duplicates', async () => {
    const options = await ext.openExtensionPage('options.html');
    await expect.poll(() => options.getByTestId('lexicon-source').textContent()).toBeTruthy();
    const huge = Buffer.alloc(17 * 1024 * 1024, 0x61);
    await options
      .getByTestId('import-keywords')
      .setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: huge });
    await expect
      .poll(() => options.getByTestId('lexicon-status').textContent(), { timeout: 30_000 })
      .toBe('Nothing was changed. "huge.csv" has 17 MB; an import may have at most 16 MB.');

    const list = 'term,kind,language,note\nred ghost,product,en,\nRed Ghost,product,en,\n';
    await options
      .getByTestId('import-keywords')
      .setInputFiles({ name: 'dups.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
    await expect
      .poll(() => options.getByTestId('lexicon-status').textContent(), { timeout: 90_000 })
      .toBe(
        'Imported "dups": the new lexicon is in use. ' +
          'Left out as already in the lexicon or twice in the list (1): "Red Ghost".',
      );
    await options.close();
  }, 180_000);

  it('looks a species up from the details file, and goes back to the bundled lexicon', async () => {
    // The lookup reads lexicon-details.json.gz (or the agency's details record), apart from the hot file.
    const panel = await ext.openExtensionPage('sidepanel.html');
    await panel.getByTestId('lookup-input').fill('Python reticulatus');
    const record = panel.getByTestId('lookup-record').first();
    await expect.poll(() => record.count(), { timeout: 30_000 }).toBe(1);
    expect(await record.getByTestId('lookup-listing').textContent()).toBe('II');
    await panel.close();

    const options = await ext.openExtensionPage('options.html');
    await expect
      .poll(() => options.getByTestId('lexicon-source').textContent())
      .toBe("your agency's (bundled plus imports)");
    await options.getByRole('button', { name: 'Use the bundled lexicon again' }).click();
    await expect.poll(() => options.getByTestId('lexicon-source').textContent()).toBe('bundled with Wildtrace');
    await options.close();

    // A restarted worker loads the bundled lexicon (storage.local says no agency lexicon is stored).
    await ext.stopServiceWorker();
    const url = `${server.origin}/e2e/agency-term.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    const tabId = await ext.tabIdOf(url);
    await detected(ext, tabId, () => true, 'detection of the page', 30_000);
    expect(await termHits(url)).toEqual([]);
    const flag = await (
      await ext.currentWorker()
    ).evaluate(async () => (await chrome.storage.local.get('lexicon.agencyAsset'))['lexicon.agencyAsset']);
    expect(flag).toBe(false);
    await page.close();
  }, 120_000);
});
