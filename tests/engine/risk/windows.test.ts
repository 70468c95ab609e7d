import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexiconFile } from '../../../src/engine/lexicon/node-load';
import { createMatcher, type Matcher } from '../../../src/engine/matcher/matcher';
import { analyzeLongText, analyzeText, windowsOf, WINDOW_CHARS } from '../../../src/engine/risk';

let matcher: Matcher;
beforeAll(() => {
  matcher = createMatcher(loadLexiconFile());
}, 60_000);

describe('long texts in windows', () => {
  it('cuts at line breaks, each window about WINDOW_CHARS long', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `line ${i} of a long document`).join('\n');
    const starts = windowsOf(text);
    expect(starts[0]).toBe(0);
    for (let i = 1; i < starts.length; i++) {
      expect(text[starts[i] - 1]).toBe('\n');
      expect(starts[i] - starts[i - 1]).toBeLessThanOrEqual(WINDOW_CHARS);
      expect(starts[i] - starts[i - 1]).toBeGreaterThan(WINDOW_CHARS / 2);
    }
  });

  it('analyses a short text as it is', () => {
    const text = 'Carved ivory bangle for sale, $250';
    expect(analyzeLongText(text, matcher)).toEqual(analyzeText(text, matcher));
  });

  it('finds every hit of a long text with offsets into it; the risk is the riskiest window', () => {
    const filler = 'The weather report for the coast, and the road works on the bridge.\n'.repeat(700);
    const ad = 'Carved ivory bangle for sale, $250, WhatsApp +1 202 555 0143\n';
    const text = filler + ad + filler + ad;
    expect(text.length).toBeGreaterThan(3 * WINDOW_CHARS);
    const analysis = analyzeLongText(text, matcher);
    const ivory = analysis.hits.filter((h) => h.term === 'ivory');
    expect(ivory).toHaveLength(2);
    for (const h of analysis.hits) expect(text.slice(h.start, h.end)).toBe(h.text);
    for (const i of analysis.indicators) expect(text.slice(i.start, i.end)).toBe(i.value);
    expect(analysis.risk.saleOffer).toBe(true);
    for (const s of analysis.risk.signals) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("reads every window of a long article with the article's byline and dateline", () => {
    const head = 'Inside the horn trade\nBy Jane Okafor, Coast News\nPublished 3 June 2023, 10:02 GMT\n\n';
    const filler = Array.from({ length: 800 }, (_, i) => `Paragraph ${i} of the investigation continues here.`);
    const late = 'Rhino horn for sale at $60,000 per kilogram on the channels the team followed for months.';
    const text = `${head}${filler.join('\n')}\n${late}\n\u00a9 Coast News 2023. All rights reserved.`;
    expect(windowsOf(text).length).toBeGreaterThan(1);
    const whole = analyzeLongText(text, matcher);
    expect(whole.risk.context?.find((c) => c.feature === 'article')?.value).toBeGreaterThanOrEqual(3);
    expect(whole.risk.score).toBeLessThan(analyzeText(late, matcher).risk.score);
  });
});
