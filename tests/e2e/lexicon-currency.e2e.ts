/**
 * How current the lexicon's CITES data is (issue #18), in real Chromium: the options page shows
 * "Appendices as amended to <date>" and the listing amendments applied on top of the checklist;
 * when that date is more than a year before today, the options and welcome pages say so and lead
 * to the checklist import. "Today" is set with Playwright's clock before each page loads: a month
 * after the bundled data's date, then a year and a day after it. Screenshots go to .test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, REPO, type ExtensionSession, closeGuarded } from '../support/extension-harness';
import { appendicesDate } from '../../src/engine/lexicon/freshness';
import type { LexiconVersion } from '../../src/engine/lexicon/types';
import bundled from '../../assets/lexicon/lexicon-version.json';
import { axeViolations, seriousOrCritical } from './axe';

const SHOTS = join(REPO, '.test-results');
const version = bundled as unknown as LexiconVersion;
const amendedTo = appendicesDate(version);
/** A day more than a year after the bundled data's date, when it counts as stale. */
const yearLater = `${Number(amendedTo.slice(0, 4)) + 1}${amendedTo.slice(4)}T12:00:00Z`;
const staleDay = new Date(Date.parse(yearLater) + 86_400_000);

let ext: ExtensionSession;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ext = await launchWithExtension([]);
});
afterAll(() => closeGuarded(ext));

/** Opens an extension page with the page's clock fixed at `now` (or the real one). */
async function open(path: string, now?: Date): Promise<Page> {
  const page = await ext.context.newPage();
  if (now) await page.clock.setFixedTime(now);
  await page.goto(`chrome-extension://${ext.extensionId}/${path}`);
  return page;
}

describe('how current the CITES data is', () => {
  it('options: the Appendices date and the amendments applied, no notice while the data is recent', async () => {
    expect(amendedTo).toBe(version.amendments?.asAmendedTo);
    const recent = new Date(Date.parse(`${amendedTo}T12:00:00Z`) + 30 * 86_400_000);
    const options = await open('options.html', recent);
    await expect.poll(() => options.getByTestId('lexicon-amended-to').textContent()).toBe(amendedTo);
    const meetings = await options.getByTestId('lexicon-amendments').locator('li').allTextContents();
    expect(meetings.map((m) => m.split(':')[0])).toEqual(['CoP18', 'CoP19', 'CoP20']);
    expect(meetings[2]).toMatch(/^CoP20: \d+ rows, in force 2026-03-05$/);
    expect(await options.getByTestId('lexicon-amendments').textContent()).toContain('listing-amendments.tsv');
    expect(await options.getByTestId('lexicon-checklist').textContent()).toContain('2017-04-21');
    expect(await options.getByTestId('lexicon-stale').count()).toBe(0);
    await options.close();

    const welcome = await open('welcome.html', recent);
    await welcome.getByTestId('welcome-options').waitFor();
    // The notice would be shown once the worker answers: give it the time to.
    await welcome.waitForTimeout(1500);
    expect(await welcome.getByTestId('welcome-stale').isVisible()).toBe(false);
    await welcome.close();
  }, 60_000);

  it('options and welcome: a notice leading to the checklist import when the data is over a year old', async () => {
    const options = await open('options.html', staleDay);
    const notice = options.getByTestId('lexicon-stale');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain(`more than a year old (Appendices as amended to ${amendedTo})`);
    await options.setViewportSize({ width: 1000, height: 900 });
    await options.screenshot({ path: join(SHOTS, 'options-stale.png'), fullPage: true });
    expect(seriousOrCritical(await axeViolations(options))).toEqual([]);
    await notice.getByRole('link', { name: 'Go to the checklist import' }).click();
    await options.waitForURL(/#lexicon-import$/);
    await options.close();

    const welcome = await open('welcome.html', staleDay);
    const banner = welcome.getByTestId('welcome-stale');
    await banner.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await welcome.locator('#welcome-stale-text').textContent()).toBe(
      `The CITES data Wildtrace uses is more than a year old (Appendices as amended to ${amendedTo}). ` +
        'Before you rely on it, import a newer checklist export from checklist.cites.org in the options.',
    );
    await welcome.setViewportSize({ width: 1000, height: 800 });
    await welcome.screenshot({ path: join(SHOTS, 'welcome-stale.png'), fullPage: true });
    expect(seriousOrCritical(await axeViolations(welcome))).toEqual([]);
    await banner.getByRole('link', { name: 'Import a newer checklist' }).click();
    await welcome.waitForURL(/options\.html#lexicon-import$/);
    // The import heading takes the focus once the lexicon info is in, the checklist input just below.
    await expect
      .poll(() => welcome.evaluate(() => document.activeElement?.id), { timeout: 20_000 })
      .toBe('lexicon-import');
    expect(await welcome.getByTestId('import-checklist').isVisible()).toBe(true);
    await welcome.close();
  }, 90_000);
});
