/** fitModel (src/engine/risk/fit): the logistic fit, grouped folds, operating point and reliability. */
import { describe, expect, it } from 'vitest';
import { atRate, fitModel, FitError, foldOf, type FitExample } from '../../../src/engine/risk/fit';
import { FEATURES, logOddsOf, sigmoid, type Feature } from '../../../src/engine/risk/model';

const features = (set: Partial<Record<Feature, number>>) => {
  const x = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<Feature, number>;
  return Object.assign(x, set);
};

/**
 * Offers name a subject and carry a price; ordinary texts have a subject or a price (rarely both)
 * and half of them read as articles. Deterministic: every example is built from its index.
 */
function examples(): FitExample[] {
  const out: FitExample[] = [];
  for (let i = 0; i < 60; i++) {
    out.push({
      features: features({ subject: 3, price: 2, both: 2, saleCue: i % 3 === 0 ? 2 : 0 }),
      gate: true,
      positive: true,
      group: `seller${i % 15}`,
    });
  }
  for (let i = 0; i < 600; i++) {
    const both = i % 50 === 0;
    out.push({
      features: features({
        subject: i % 2 ? 3 : 0,
        price: i % 2 && !both ? 0 : 2,
        both: both ? 2 : 0,
        article: i % 4 === 1 ? 2 : 0,
        prose: i % 4 === 1 ? 1.5 : 0,
      }),
      gate: both,
      positive: false,
      group: `site${i % 40}`,
    });
  }
  return out;
}

describe('fitModel', () => {
  const data = examples();
  const fitted = fitModel(data, { baseRate: 0.05 });

  it('learns that a subject with commerce makes an offer, with the signs domain knowledge fixes', () => {
    const { coefficients } = fitted.model;
    expect(coefficients.both).toBeGreaterThan(0.5);
    for (const f of FEATURES) {
      if (f === 'article' || f === 'prose') expect(coefficients[f]).toBeLessThanOrEqual(0);
      else expect(coefficients[f]).toBeGreaterThanOrEqual(0);
    }
    const offer = sigmoid(logOddsOf(features({ subject: 3, price: 2, both: 2 }), fitted.model).logOdds);
    const colour = sigmoid(logOddsOf(features({ subject: 3 }), fitted.model).logOdds);
    expect(offer).toBeGreaterThan(0.5);
    expect(colour).toBeLessThan(0.05);
  });

  it('states its operating point and meets the precision target out of fold', () => {
    expect(fitted.model.threshold).toBeGreaterThanOrEqual(1);
    expect(fitted.model.threshold).toBeLessThanOrEqual(99);
    expect(fitted.model.baseRate).toBe(0.05);
    expect(fitted.model.operatingPoint).toMatch(/precision >= 0.8/);
    expect(fitted.crossValidation.precision).toBeGreaterThanOrEqual(0.8);
    expect(fitted.crossValidation.recall).toBeGreaterThan(0.9);
  });

  it('scores each example by a model fitted without its group', () => {
    expect(fitted.outOfFold).toHaveLength(data.length);
    const folds = new Map<string, number>();
    for (const e of data) folds.set(e.group, foldOf(e.group, 5));
    expect(new Set(folds.values()).size).toBeGreaterThan(1);
    const m = atRate(
      data.map((e, i) => ({ e, p: fitted.outOfFold[i] })),
      (t) => t.e.positive,
      (t) => t.p,
      () => false,
      0.05,
    );
    expect(m.prAuc).toBeGreaterThan(0.9);
  });

  it('gives a reliability table whose bins cover every example', () => {
    const texts = fitted.reliability.reduce((n, b) => n + b.texts, 0);
    expect(texts).toBe(data.length);
    for (const b of fitted.reliability) {
      expect(b.predicted).toBeGreaterThanOrEqual(b.from);
      expect(b.predicted).toBeLessThanOrEqual(b.to);
    }
  });

  it('is deterministic', () => {
    expect(fitModel(data, { baseRate: 0.05 }).model).toEqual(fitted.model);
  });

  it.each([
    ['no offers', data.filter((e) => !e.positive), /no example is labelled an offer/],
    ['only offers', data.filter((e) => e.positive), /every example is labelled an offer/],
    ['one group', data.map((e) => ({ ...e, group: 'one' })), /one seller or site/],
    ['a feature that is no number', [{ ...data[0], features: features({ price: NaN }) }, ...data.slice(1)], /"price"/],
  ])('refuses %s with a clear error', (_, input, message) => {
    expect(() => fitModel(input)).toThrow(FitError);
    expect(() => fitModel(input)).toThrow(message);
  });
});
