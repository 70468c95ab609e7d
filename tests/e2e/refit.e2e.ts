/**
 * The options page's refit in real Chromium: case files with the officer's labels (made with the
 * project's own export code) are verified and read in the page, fitted in the background, the
 * figures shown; the refit model is used only on "Use this model", then decides the verdict of a
 * page, and "Back to the bundled model" undoes it. Bad input is refused in words.
 * Screenshot: .test-results/options-refit.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { unzipSync, zipSync } from 'fflate';
import {
  closeGuarded,
  type ExtensionSession,
  launchWithExtension,
  ok,
  REPO,
  serveFixtures,
} from '../support/extension-harness';
import { labelledCaseFile, labelledPages } from '../support/labelled-cases';
import { MODEL } from '../../src/engine/risk/model';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let options: Page;
let dir: string;
const SHOTS = join(REPO, '.test-results');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wildtrace-refit-'));
  writeFileSync(join(dir, 'a.zip'), await labelledCaseFile('Op. A', labelledPages(7, 4, 0)));
  writeFileSync(join(dir, 'b.zip'), await labelledCaseFile('Op. B', labelledPages(7, 4, 7)));
  writeFileSync(join(dir, 'few.zip'), await labelledCaseFile('Op. Few', labelledPages(3, 2, 0)));
  const files = unzipSync(await labelledCaseFile('Op. C', labelledPages(7, 4, 20)));
  const text = Object.keys(files).find((p) => p.endsWith('/text.txt'))!;
  files[text] = new TextEncoder().encode('Tortoise for sale, 10 USD');
  writeFileSync(join(dir, 'changed.zip'), zipSync(files));
  server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  ext = await launchWithExtension([server.origin]);
  options = await ext.openExtensionPage('options.html');
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  try {
    await closeGuarded(ext, server);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

const refit = () => options.getByTestId('refit');

describe('refit the verdict from the options page', () => {
  it('starts with the bundled model', async () => {
    await expect.poll(() => refit().getByTestId('refit-source').textContent()).toBe('The bundled model');
    expect(await refit().getByTestId('refit-reset').count()).toBe(0);
  });

  it('refuses a case file that does not verify, and too few labels, saying how many are needed', async () => {
    await refit()
      .getByTestId('refit-files')
      .setInputFiles([join(dir, 'a.zip'), join(dir, 'changed.zip')]);
    await expect
      .poll(() => refit().getByTestId('refit-error').textContent(), { timeout: 20_000 })
      .toMatch(/^Nothing was fitted\. changed\.zip does not verify, so its labels are not used: .*text\.txt/);
    await refit()
      .getByTestId('refit-files')
      .setInputFiles([join(dir, 'few.zip')]);
    await expect
      .poll(() => refit().getByTestId('refit-error').textContent(), { timeout: 20_000 })
      .toBe(
        'Too few labels to refit: at least 10 of each kind are needed; ' +
          'these case files hold 3 “Offer” and 3 “Not an offer”.',
      );
    expect(await refit().getByTestId('refit-result').count()).toBe(0);
    expect(ok(await ext.sendAsExtension('risk/model', {})).source).toBe('bundled');
  });

  it('shows the figures of a refit and applies nothing until the officer confirms', async () => {
    await refit()
      .getByTestId('refit-files')
      .setInputFiles([join(dir, 'a.zip'), join(dir, 'b.zip')]);
    await refit().getByTestId('refit-result').waitFor({ timeout: 30_000 });
    expect(await refit().getByTestId('refit-files-read').textContent()).toContain(
      'a.zip: verifies; 7 offers, 7 not offers',
    );
    expect(await refit().getByTestId('refit-labels').textContent()).toBe('14 offers, 14 not offers, from 4 sites');
    const cv = await refit().getByTestId('refit-cv').textContent();
    console.log(`refit in Chromium: ${cv}; ${await refit().getByTestId('refit-threshold').textContent()}`);
    expect(cv).toMatch(/^precision [01]\.\d\d, recall [01]\.\d\d, F1 [01]\.\d\d \(PR-AUC [01]\.\d\d\)$/);
    expect(ok(await ext.sendAsExtension('risk/model', {})).source).toBe('bundled');
    await refit().scrollIntoViewIfNeeded();
    await options.screenshot({ path: join(SHOTS, 'options-refit.png'), fullPage: true });
  });

  it('uses the refit model once confirmed: it decides the verdict of a page', async () => {
    await refit().getByTestId('refit-apply').click();
    await expect
      .poll(() => refit().getByTestId('refit-source').textContent())
      .toMatch(/^Refit on your labels \(14 offers, 14 not offers\)/);
    const model = ok(await ext.sendAsExtension('risk/model', {}));
    expect(model.source).toBe('refit');
    const url = `${server.origin}/e2e/capture-offer-1.html`;
    const tab = await ext.context.newPage();
    await tab.goto(url);
    const tabId = await ext.tabIdOf(url);
    await expect
      .poll(async () => ok(await ext.sendAsExtension('detection/tab', { tabId }))?.page.threshold, { timeout: 15_000 })
      .toBe(model.threshold);
    await tab.close();
  });

  it('goes back to the bundled model', async () => {
    await refit().getByTestId('refit-reset').click();
    await expect.poll(() => refit().getByTestId('refit-source').textContent()).toBe('The bundled model');
    const model = ok(await ext.sendAsExtension('risk/model', {}));
    expect(model).toMatchObject({ source: 'bundled', threshold: MODEL.threshold });
    expect(await refit().getByTestId('refit-status').textContent()).toMatch(/bundled model decides the verdict again/);
  });
});
