import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLexiconFile } from '../../src/engine/lexicon/node-load';
import { createMatcher } from '../../src/engine/matcher/matcher';
import { analyzeText, DEFAULT_WEIGHTS } from '../../src/engine/risk';
import { scorePractice, splitWords } from '../../src/engine/training/practice';
import { practiceTargets } from '../../src/engine/training/targets';
import { launchWithExtension, type ExtensionSession, closeGuarded } from '../support/extension-harness';

let ext: ExtensionSession;

beforeAll(async () => {
  ext = await launchWithExtension([]);
});

afterAll(() => closeGuarded(ext));

describe('practice mode', () => {
  it('scores a scripted trainee as the engine does', async () => {
    const page = await ext.openExtensionPage('practice.html?page=marketplace-listing.html');
    const textBox = page.getByTestId('practice-text');
    await expect.poll(async () => (await textBox.locator('button.word').count()) > 20).toBe(true);
    const text = (await textBox.textContent())!;

    // The same findings, computed in Node from the same lexicon.
    const analysis = analyzeText(text, createMatcher(loadLexiconFile()));
    const hits = analysis.hits.filter((h) => h.confidence >= DEFAULT_WEIGHTS.minConfidence);
    const targets = practiceTargets(text, hits, analysis.indicators);
    const words = splitWords(text);
    expect(targets.length).toBeGreaterThan(3);

    // The trainee spots two real findings, and marks one harmless word by mistake.
    const inTarget = (w: (typeof words)[number]) => targets.some((t) => w.start < t.end && t.start < w.end);
    const right = words.filter(inTarget).slice(0, 2);
    const wrong = words.find((w) => !inTarget(w) && w.text.length > 3)!;
    for (const w of [...right, wrong]) await textBox.locator(`button[data-word="${w.index}"]`).click();
    await page.getByTestId('reveal').click();

    const expected = scorePractice(words, new Set([...right, wrong].map((w) => w.index)), targets);
    const result = page.getByTestId('practice-result');
    await expect.poll(() => result.locator('h2').textContent()).toBe(`Score: ${expected.score} / 100`);
    expect(expected.score).toBeGreaterThan(0);
    expect(expected.score).toBeLessThan(100);
    await expect.poll(() => result.textContent()).toContain(`marked wrongly: 1`);
    expect(await textBox.locator('button.word.wrong').count()).toBe(1);
    expect(await textBox.locator('button.word.found').count()).toBe(2);
    expect(await textBox.locator('button.word.missed').count()).toBeGreaterThan(0);

    // The result stays in the browser.
    const stored = await page.evaluate(() => chrome.storage.local.get('practiceResults'));
    expect((stored.practiceResults as unknown[])[0]).toMatchObject({
      page: 'marketplace-listing.html',
      score: expected.score,
      wrong: 1,
    });
  });
});
