/**
 * The officer's view at its real sizes (issue #16): the real toolbar popup, opened with
 * chrome.action.openPopup() and read over the DevTools protocol; the side panel at 360×800; the
 * options, welcome, verify and practice pages. Measures width, sideways scroll, text size and where
 * Capture sits, checks a capture made before any case exists, runs axe-core on every page, and
 * saves screenshots under .test-results/ (popup-real.png, sidepanel-360x800.png, ...).
 *
 * Fixture: tests/fixtures/pages/marketplace.html (a listing with three CITES species, a price,
 * WhatsApp and Telegram contacts, PayPal and Western Union).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  eventually,
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  ok,
  closeGuarded,
  detected,
} from '../support/extension-harness';
import { localDay } from '../../src/messaging/routes/evidence';
import { openRealPopup } from './real-popup';
import { AXE_EXPRESSION, axeViolations, seriousOrCritical, type AxeFinding } from './axe';

const SHOTS = join(REPO, '.test-results');
let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let listing: Page;
let tabId: number;
const listingUrl = () => `${server.origin}/pages/marketplace.html`;

/** Axe results of every page, printed at the end for the commit message and the report. */
const axeSummary: Record<string, string> = {};
const record = (page: string, all: AxeFinding[]) => {
  const bad = seriousOrCritical(all);
  const rules = all.map((v) => `${v.id}:${v.impact}`).join(', ');
  axeSummary[page] = `${bad.length} serious/critical, ${all.length} in all${rules ? ` (${rules})` : ''}`;
  return bad;
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serveFixtures({ '/pages/': join(REPO, 'tests/fixtures/pages') });
  ext = await launchWithExtension([server.origin], undefined, { remoteDebugging: true });
  listing = await ext.context.newPage();
  await listing.goto(listingUrl());
  tabId = await ext.tabIdOf(listingUrl());
  await detected(
    ext,
    tabId,
    (d) => (d.page.saleOffer && d.indicators.length >= 5 ? true : undefined),
    'live detection of the listing',
  );
});

afterAll(async () => {
  console.log(`axe: ${JSON.stringify(axeSummary, null, 2)}`);
  await closeGuarded(ext, server);
});

describe('the real toolbar popup', () => {
  it('is 360–400 px wide, never scrolls sideways, reads at 14 px or more, and passes axe', async () => {
    await listing.bringToFront();
    const popup = await openRealPopup(ext);
    try {
      await eventually(
        () => popup.evaluate<boolean | undefined>(`document.querySelector('[data-testid=mention]') ? true : undefined`),
        10_000,
        'the popup verdict and mentions',
      );
      const m = await popup.evaluate<{
        width: number;
        clientWidth: number;
        scrollWidth: number;
        bodyFont: number;
        smallest: number;
        smallestText: string;
        main: number;
        score: string;
        reason: string;
        mentions: string[];
        capture: boolean;
        sidePanel: boolean;
      }>(`(() => {
        const px = (el) => parseFloat(getComputedStyle(el).fontSize);
        // Every element with its own visible text (pills and the fine print included).
        const texts = [...document.querySelectorAll('body *')].filter((el) =>
          [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && el.getClientRects().length &&
          !el.closest('.visually-hidden'));
        const smallest = texts.reduce((a, el) => (px(el) < px(a) ? el : a), texts[0]);
        const main = ['[data-testid=verdict-reason]', '[data-testid=mention] .taxon', '[data-testid=capture]',
          '[data-testid=open-side-panel]'].map((q) => px(document.querySelector(q)));
        return {
          width: window.innerWidth, clientWidth: document.documentElement.clientWidth,
          scrollWidth: document.documentElement.scrollWidth, bodyFont: px(document.body),
          smallest: px(smallest), smallestText: smallest.textContent.trim().slice(0, 40), main: Math.min(...main),
          score: document.querySelector('[data-testid=page-score]')?.textContent ?? '',
          reason: document.querySelector('[data-testid=verdict-reason]')?.textContent ?? '',
          mentions: [...document.querySelectorAll('[data-testid=mention]')].map((li) => li.textContent),
          capture: !!document.querySelector('[data-testid=capture]:not([disabled])'),
          sidePanel: !!document.querySelector('[data-testid=open-side-panel]'),
        };
      })()`);
      writeFileSync(join(SHOTS, 'popup-real.png'), await popup.screenshot());
      console.log(
        `real popup: ${m.width} px wide, body text ${m.bodyFont} px, main text >= ${m.main} px, ` +
          `smallest text ${m.smallest} px ("${m.smallestText}")`,
      );
      expect(m.width).toBeGreaterThanOrEqual(360);
      expect(m.width).toBeLessThanOrEqual(400);
      expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth);
      // Base text 14 px and up (the verdict, the mentions, the buttons); fine print and pills 12 px and up.
      expect(m.bodyFont).toBeGreaterThanOrEqual(14);
      expect(m.main).toBeGreaterThanOrEqual(14);
      expect(m.smallest).toBeGreaterThanOrEqual(12);
      expect(Number(m.score)).toBeGreaterThanOrEqual(50);
      expect(m.reason).toMatch(/^Appendix I species/);
      expect(m.mentions.join(' | ')).toMatch(/Astrochelys radiata.*Appendix I/);
      expect(m.mentions.join(' | ')).toMatch(/Python regius.*Appendix II/);
      expect(m.capture && m.sidePanel).toBe(true);

      const violations = record('popup (real)', await popup.evaluate<AxeFinding[]>(AXE_EXPRESSION));
      expect(violations).toEqual([]);
    } finally {
      await popup.close();
    }
  });

  it('captures before any case exists: into the default case, named in the popup', async () => {
    expect(ok(await ext.sendAsExtension('evidence/cases', {})).cases).toEqual([]);
    await listing.bringToFront();
    const popup = await openRealPopup(ext);
    const title = `Unfiled – ${localDay(new Date())}`;
    try {
      const before = await eventually(
        () =>
          popup.evaluate<string | undefined>(
            `document.querySelector('[data-testid=no-case]')?.textContent || undefined`,
          ),
        10_000,
        'where the capture goes',
      );
      expect(before).toContain(`“${title}”`);
      const size = () =>
        popup.evaluate<{ width: number; height: number }>(`({ width: innerWidth, height: innerHeight })`);
      const sizeBefore = await size();
      writeFileSync(join(SHOTS, 'popup-before-capture.png'), await popup.screenshot());
      await popup.evaluate(`document.querySelector('[data-testid=capture]').click()`);
      const result = await eventually(
        () =>
          popup.evaluate<string | undefined>(
            `document.querySelector('[data-testid=capture-toast]')?.textContent || undefined`,
          ),
        30_000,
        'the capture result in the popup',
      );
      expect(result).toMatch(/Captured #1 \(id [0-9a-f-]{36}\), record hash [0-9a-f]{12}/);
      expect(result).toContain(`It went into the new case “${title}”: rename it in the side panel.`);
      expect(result).toContain('Page archives: HTML (styles and images inlined) and MHTML');
      // The popup keeps its size when the result appears (it scrolls inside instead of growing).
      await new Promise((r) => setTimeout(r, 300));
      const sizeAfter = await size();
      writeFileSync(join(SHOTS, 'popup-after-capture.png'), await popup.screenshot());
      const [b, a] = [sizeBefore, sizeAfter];
      console.log(`real popup: ${b.width}×${b.height} before the result, ${a.width}×${a.height} after`);
      expect(sizeAfter).toEqual(sizeBefore);
    } finally {
      await popup.close();
    }
    const { cases, activeCaseId } = ok(await ext.sendAsExtension('evidence/cases', {}));
    expect(cases.map((c) => [c.title, c.status])).toEqual([[title, 'open']]);
    expect(activeCaseId).toBe(cases[0].caseId);
    expect(ok(await ext.sendAsExtension('evidence/captures', { caseId: cases[0].caseId }))).toHaveLength(1);
  });
});

describe('the side panel at Firefox’s default sidebar width, 252×800', () => {
  it('shows Capture in the first screen and never scrolls sideways', async () => {
    const panel = await ext.context.newPage();
    try {
      await panel.setViewportSize({ width: 252, height: 800 });
      await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html?tab=${tabId}`);
      await panel.getByTestId('listing').first().waitFor({ timeout: 10_000 });
      const capture = await panel.getByTestId('capture').boundingBox();
      const sideways = await panel.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      console.log(
        `side panel 252×800: Capture y=${capture!.y}–${capture!.y + capture!.height}, sideways ${sideways} px`,
      );
      expect(capture!.y + capture!.height).toBeLessThanOrEqual(800);
      expect(sideways).toBeLessThanOrEqual(0);
      await panel.screenshot({ path: join(SHOTS, 'sidepanel-252x800.png') });
    } finally {
      await panel.close();
    }
  });
});

describe('the side panel at 360×800', () => {
  let panel: Page;
  beforeAll(async () => {
    panel = await ext.context.newPage();
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html?tab=${tabId}`);
    await panel.getByTestId('listing').first().waitFor({ timeout: 10_000 });
  });
  afterAll(() => panel.close());

  it('shows the verdict, Capture within the first 800 px, then the flagged listings by score', async () => {
    const capture = await panel.getByTestId('capture').boundingBox();
    const verdict = await panel.getByTestId('verdict').boundingBox();
    const firstListing = await panel.getByTestId('listing').first().boundingBox();
    console.log(
      `side panel 360×800: verdict y=${verdict!.y}, Capture y=${capture!.y}–${capture!.y + capture!.height}, ` +
        `first listing y=${firstListing!.y}`,
    );
    expect(capture!.y + capture!.height).toBeLessThanOrEqual(800);
    expect(verdict!.y).toBeLessThan(capture!.y);
    expect(capture!.y).toBeLessThan(firstListing!.y);
    expect(firstListing!.y).toBeLessThan(800);
    const sideways = await panel.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBeLessThanOrEqual(0);
    expect(await panel.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(14);
    // Captured once above: that capture is of this very page, so "Seen before" stays silent.
    expect(await panel.getByTestId('seen-before').count()).toBe(0);
    await panel.screenshot({ path: join(SHOTS, 'sidepanel-360x800.png') });
    await panel.screenshot({ path: join(SHOTS, 'sidepanel-full.png'), fullPage: true });
    for (const section of ['case', 'tools']) {
      await panel.evaluate((id) => document.getElementById(id)!.scrollIntoView(), section);
      await panel.screenshot({ path: join(SHOTS, `sidepanel-${section}-360x800.png`) });
    }
    await panel.evaluate(() => window.scrollTo(0, 0));
  });

  it("explains the first listing's verdict: the probability and each reason's share of the odds", async () => {
    const listing = panel.getByTestId('listing').first();
    await listing.locator('summary').first().click();
    const probability = listing.getByTestId('signals-probability');
    await expect.poll(() => probability.isVisible()).toBe(true);
    expect(await probability.textContent()).toMatch(/Probability of an offer to sell: \d+ %/);
    const weights = await listing.locator('[data-testid="signals"] .weight').allTextContents();
    expect(weights.length).toBeGreaterThan(2);
    for (const w of weights) expect(w).toMatch(/^(?:[+−]\d+\.\d|0)$/);
    await expect.poll(() => listing.locator('[data-kind="context-base"]').count()).toBe(1);
    await listing.scrollIntoViewIfNeeded();
    await listing.screenshot({ path: join(SHOTS, 'sidepanel-why-360.png') });
    await listing.locator('summary').first().click();
    await panel.evaluate(() => window.scrollTo(0, 0));
  });

  it('gives each listing its species with appendix pills, evidence, own indicators and reasons on demand', async () => {
    const scores = await panel
      .getByTestId('listing')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    expect(scores.length).toBeGreaterThanOrEqual(2);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const top = panel.getByTestId('listing').first();
    expect(await top.locator('.pill.app-I').first().textContent()).toBe('Appendix I');
    expect(await top.locator('.pill.app-II').first().textContent()).toBe('Appendix II');
    expect(await top.getByTestId('hit').count()).toBeGreaterThan(0);
    const own = await top.getByTestId('indicator').allTextContents();
    expect(own[0]).toMatch(/^WhatsApp/);
    expect(own.join(' | ')).toMatch(/Price\$ 220/);
    // Reasons: collapsed until asked for.
    const why = top.locator('details.why');
    expect(await why.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await why.locator('summary').click();
    expect(await why.getByTestId('signals').textContent()).toMatch(/Appendix I taxon/);
  });

  it('groups page-wide indicators once each, contacts first, prices only in their listing', async () => {
    const groups = await panel
      .getByTestId('page-indicators')
      .locator('.indicator-group')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
    expect(groups[0]).toBe('contact');
    const rows = await panel.getByTestId('page-indicators').getByTestId('indicator').allTextContents();
    expect(rows).toEqual([...new Set(rows)]);
    expect(rows.some((r) => r.startsWith('Price'))).toBe(false);
  });

  it('reaches Capture by keyboard with a visible focus ring, and passes axe (light and dark)', async () => {
    await panel.bringToFront();
    await panel.reload();
    await panel.getByTestId('listing').first().waitFor({ timeout: 10_000 });
    const path: string[] = [];
    for (let i = 0; i < 12 && path.at(-1) !== 'capture'; i++) {
      await panel.keyboard.press('Tab');
      path.push(
        await panel.evaluate(() => {
          const el = document.activeElement;
          return (
            el?.getAttribute('data-testid') ?? `${el?.tagName.toLowerCase()}:${el?.textContent?.trim().slice(0, 20)}`
          );
        }),
      );
    }
    console.log(`Tab order to Capture: ${path.join(' → ')}`);
    expect(path.at(-1)).toBe('capture');
    const ring = await panel.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);

    expect(record('side panel', await axeViolations(panel))).toEqual([]);
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: join(SHOTS, 'sidepanel-dark-360x800.png') });
    expect(record('side panel (dark)', await axeViolations(panel))).toEqual([]);
    await panel.emulateMedia({ colorScheme: 'light' });
  });
});

describe('options, welcome, verify and practice', () => {
  it('options: sections with help, lexicon details collapsed, the fingerprint with Copy', async () => {
    const options = await ext.openExtensionPage('options.html');
    await options.setViewportSize({ width: 1000, height: 900 });
    await options.getByTestId('lexicon-taxa').waitFor();
    const fingerprint = await eventually(
      async () => {
        const text = await options.getByTestId('key-fingerprint').textContent();
        return text && text !== '…' ? text : undefined;
      },
      10_000,
      'the key fingerprint',
    );
    const sections = await options
      .locator('main section')
      .evaluateAll((els) =>
        els.map((s) => [s.querySelector('h2')?.textContent ?? '', s.querySelector('.section-help')?.textContent ?? '']),
      );
    expect(sections.length).toBeGreaterThanOrEqual(5);
    for (const [heading, help] of sections) expect(heading && help, `${heading}: ${help}`).toBeTruthy();
    expect(await options.getByTestId('lexicon-details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await options.getByTestId('lexicon-checklist').textContent()).toMatch(/\d{4}/);

    await options.bringToFront();
    await options.getByTestId('copy-fingerprint').click();
    await expect.poll(() => options.getByTestId('copy-status').textContent()).toBe('Fingerprint copied.');
    // Reading the clipboard back needs a permission an extension origin cannot be granted here:
    // record what the button writes instead.
    await options.evaluate(() => {
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text: string) => (((window as { copied?: string }).copied = text), write(text));
    });
    await options.getByTestId('copy-fingerprint').click();
    await expect.poll(() => options.evaluate(() => (window as { copied?: string }).copied)).toBe(fingerprint);

    expect(record('options', await axeViolations(options))).toEqual([]);
    await options.screenshot({ path: join(SHOTS, 'options.png'), fullPage: true });
    await options.close();
  });

  it('welcome: styled, and "set your name in the options" leads to the options', async () => {
    const welcome = await ext.openExtensionPage('welcome.html');
    await welcome.setViewportSize({ width: 1000, height: 800 });
    await welcome.screenshot({ path: join(SHOTS, 'welcome.png'), fullPage: true });
    expect(record('welcome', await axeViolations(welcome))).toEqual([]);
    await welcome.getByTestId('welcome-options').click();
    await welcome.waitForURL(/options\.html$/);
    await expect.poll(() => welcome.locator('input[name=officerName]').count()).toBe(1);
    await welcome.close();
  });

  it('verify and practice: styled, and pass axe', async () => {
    const verify = await ext.openExtensionPage('verify.html');
    await verify.setViewportSize({ width: 1000, height: 700 });
    await verify.getByTestId('verify').waitFor();
    await verify.screenshot({ path: join(SHOTS, 'verify.png'), fullPage: true });
    expect(record('verify', await axeViolations(verify))).toEqual([]);
    // A file that is no case file: the verdict and the summary as the officer sees a failure.
    await verify
      .locator('input[name=caseFile]')
      .setInputFiles({ name: 'not-a-case.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
    await verify.getByTestId('verify').click();
    await expect.poll(() => verify.getByTestId('verify-verdict').textContent()).toMatch(/^(Refused|TAMPERED)/);
    await verify.screenshot({ path: join(SHOTS, 'verify-refused.png'), fullPage: true });
    expect(record('verify (result)', await axeViolations(verify))).toEqual([]);
    await verify.close();

    const practice = await ext.openExtensionPage('practice.html?page=marketplace-listing.html');
    await practice.setViewportSize({ width: 1000, height: 800 });
    await expect.poll(async () => (await practice.locator('button.word').count()) > 20).toBe(true);
    await practice.locator('button.word').nth(3).click();
    await practice.getByTestId('reveal').click();
    await practice.getByTestId('practice-result').waitFor();
    await practice.screenshot({ path: join(SHOTS, 'practice.png'), fullPage: true });
    expect(record('practice', await axeViolations(practice))).toEqual([]);
    await practice.close();
  });
});
