/**
 * The sale-offer model in use in the background: the bundled one by default, a refit one applied
 * from the options page (stored, checked field by field, decides the verdict), and back.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Analysis } from '../../../src/engine/risk/analyze';
import { FEATURES, MODEL, type RiskModel } from '../../../src/engine/risk/model';

const fake = vi.hoisted(() => {
  const local = new Map<string, unknown>();
  return {
    local,
    browser: {
      storage: {
        local: {
          async get(key: string) {
            return local.has(key) ? { [key]: local.get(key) } : {};
          },
          async set(items: Record<string, unknown>) {
            for (const [k, v] of Object.entries(items)) local.set(k, structuredClone(v));
          },
          async remove(key: string) {
            local.delete(key);
          },
        },
      },
    },
  };
});
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { activeRiskModel, checkedModel, loadRiskModel, RISK_MODEL_KEY, setRiskModel, withActiveModel } =
  await import('../../../src/background/detection/risk-model');

/** A model that reads every price point as strong evidence of an offer. */
const PRICEY: RiskModel = {
  ...MODEL,
  intercept: -3,
  coefficients: { ...MODEL.coefficients, price: 2, subject: 0.5 },
  threshold: 60,
  operatingPoint: 'test',
  baseRate: 0.015,
};

const analysis = (gate: boolean): Analysis => ({
  hits: [],
  indicators: [],
  risk: {
    score: 10,
    saleOffer: false,
    threshold: 50,
    hasSubject: gate,
    hasCommerce: gate,
    signals: [
      { kind: 'taxon', label: 'species', text: 'Python regius', start: 0, end: 13, weight: 30 },
      { kind: 'price', label: 'price', text: '150 EUR', start: 20, end: 27, weight: 20 },
    ],
  },
});

describe('the sale-offer model in the background', () => {
  it('leaves the verdict alone with the bundled model', async () => {
    await loadRiskModel();
    expect(activeRiskModel()).toBeUndefined();
    const a = analysis(true);
    expect(withActiveModel('Python regius 150 EUR', a)).toBe(a);
  });

  it('decides with a refit model once applied, behind the same gate, and keeps it in storage', async () => {
    await setRiskModel({
      model: PRICEY,
      appliedAt: '2026-12-07T04:00:00.000Z',
      offers: 12,
      notOffers: 14,
      caseFiles: [],
    });
    expect((fake.local.get(RISK_MODEL_KEY) as { offers: number }).offers).toBe(12);
    // log-odds -3 + 0.5 * 3 + 2 * 2 = 2.5: p = 0.924.
    const r = withActiveModel('Python regius 150 EUR', analysis(true)).risk;
    expect(r).toMatchObject({ score: 92, saleOffer: true, threshold: 60 });
    expect(withActiveModel('Python regius 150 EUR', analysis(false)).risk.saleOffer).toBe(false);
  });

  it('goes back to the bundled model', async () => {
    await setRiskModel(undefined);
    expect(fake.local.has(RISK_MODEL_KEY)).toBe(false);
    expect(activeRiskModel()).toBeUndefined();
  });

  it('refuses a model that is not one, field by field', () => {
    expect(checkedModel(PRICEY)).toEqual(PRICEY);
    expect(() => checkedModel(null)).toThrow(/not a sale-offer model/);
    expect(() => checkedModel({ ...PRICEY, threshold: 0 })).toThrow(/threshold/);
    expect(() => checkedModel({ ...PRICEY, baseRate: 2 })).toThrow(/base rate/);
    const missing = { ...PRICEY.coefficients } as Record<string, number>;
    delete missing[FEATURES[0]];
    expect(() => checkedModel({ ...PRICEY, coefficients: missing })).toThrow(/coefficient/);
    expect(() => checkedModel({ ...PRICEY, intercept: Number.NaN })).toThrow(/intercept/);
  });
});
