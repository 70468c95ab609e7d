/** The fitted model's features and log-odds (src/engine/risk/model.ts). */
import { describe, expect, it } from 'vitest';
import {
  articleMarks,
  FEATURES,
  featuresOf,
  logOddsOf,
  MODEL,
  proseLength,
  type RiskModel,
} from '../../../src/engine/risk/model';
import type { RiskSignal } from '../../../src/engine/risk/types';

const signal = (kind: RiskSignal['kind'], weight: number): RiskSignal => ({
  kind,
  label: kind,
  text: '',
  start: 0,
  end: 0,
  weight,
});

describe('model features', () => {
  it('adds each group of signals in tens of points, and the weaker of subject and commerce', () => {
    const x = featuresOf('Carved ivory for sale $80', [
      signal('product', 30),
      signal('product-form', 15),
      signal('sale-cue', 20),
      signal('price', 20),
      signal('discussion', -25),
    ]);
    expect(x.subject).toBe(3);
    expect(x.productForm).toBe(1.5);
    expect(x.saleCue).toBe(2);
    expect(x.discussion).toBe(-2.5);
    expect(x.both).toBe(3);
    expect(x.article).toBe(0);
  });
  it('counts the conventions of an article page, not of a listing', () => {
    const article =
      'Rangers rescue tortoises\nBy Jane Okafor, Coast News\nPublished 3 June 2023, 10:02 GMT\n\n' +
      'NAIROBI, Kenya (Coast News) \u2014 Rangers rescued 40 tortoises.\n\n' +
      '\u00a9 Coast News 2023. All rights reserved.';
    expect(articleMarks(article)).toBeGreaterThanOrEqual(4);
    expect(articleMarks('FS: tortoise table, $40, collection only. By appointment.')).toBe(0);
  });
  it('reads long prose, not a post', () => {
    expect(proseLength('a few words for sale')).toBe(0);
    expect(proseLength('word '.repeat(480))).toBeCloseTo(2);
  });
});

describe('log-odds', () => {
  it('is the intercept plus each non-zero feature times its coefficient, each listed', () => {
    const model: RiskModel = {
      ...MODEL,
      intercept: -5,
      coefficients: Object.fromEntries(FEATURES.map((f) => [f, 1])) as RiskModel['coefficients'],
    };
    const x = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Parameters<typeof logOddsOf>[0];
    x.subject = 3;
    x.price = 2;
    const { logOdds, contributions } = logOddsOf(x, model);
    expect(logOdds).toBe(0);
    expect(contributions).toEqual([
      { feature: 'subject', value: 3, logOdds: 3 },
      { feature: 'price', value: 2, logOdds: 2 },
    ]);
  });
  it('the committed model keeps the signs domain knowledge fixes', () => {
    for (const f of FEATURES) {
      if (f === 'article' || f === 'prose') expect(MODEL.coefficients[f]).toBeLessThanOrEqual(0);
      else expect(MODEL.coefficients[f]).toBeGreaterThanOrEqual(0);
    }
    expect(MODEL.threshold).toBeGreaterThan(0);
    expect(MODEL.threshold).toBeLessThan(100);
  });
});
