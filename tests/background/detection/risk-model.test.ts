/**
 * The sale-offer model in use in the background: the bundled one by default, a refit one applied
 * from the options page (stored, checked field by field, decides the verdict), and back.
 */
import { describe, expect, it, vi } from 'vitest';
import { scoreText } from '../../../src/engine/risk/score';
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

const { activeRiskModel, checkedModel, loadRiskModel, modelOption, RISK_MODEL_KEY, setRiskModel } =
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

describe('the sale-offer model in the background', () => {
  it('passes no model to the scorer while the bundled one is in use', async () => {
    await loadRiskModel();
    expect(activeRiskModel()).toBeUndefined();
    expect(modelOption()).toEqual({});
  });

  it('passes the refit model once applied, and keeps it in storage', async () => {
    const stored = { model: PRICEY, appliedAt: '2026-12-07T04:00:00.000Z', offers: 12, notOffers: 14, caseFiles: [] };
    await setRiskModel(stored);
    expect((fake.local.get(RISK_MODEL_KEY) as { offers: number }).offers).toBe(12);
    expect(modelOption()).toEqual({ model: PRICEY });
    // The scorer decides with it: the verdict at its threshold.
    expect(scoreText('Ball python for sale', [], [], modelOption()).threshold).toBe(60);
  });

  it('goes back to the bundled model', async () => {
    await setRiskModel(undefined);
    expect(fake.local.has(RISK_MODEL_KEY)).toBe(false);
    expect(activeRiskModel()).toBeUndefined();
    expect(scoreText('Ball python for sale', [], [], modelOption()).threshold).toBe(MODEL.threshold);
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
