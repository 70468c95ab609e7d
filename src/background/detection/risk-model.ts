/**
 * The sale-offer model in use: the bundled one (src/engine/risk/model.json) unless the officer
 * applied a model refitted on their own labels (options page), kept in storage.local under
 * `risk/model` until "Back to the bundled model".
 *
 * Every analysis in the background passes it to the scorer (`modelOption`), which decides with it.
 */
import browser from 'webextension-polyfill';
import { FEATURES, type RiskModel } from '../../engine/risk/model';

export const RISK_MODEL_KEY = 'risk/model';

/** A refit model as stored, with what it was fitted on. */
export interface StoredRiskModel {
  model: RiskModel;
  /** ISO 8601 UTC. */
  appliedAt: string;
  offers: number;
  notOffers: number;
  /** Names of the case files it was fitted on. */
  caseFiles: string[];
}

let active: StoredRiskModel | undefined;
let loaded: Promise<void> | undefined;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The model in a value from storage or a page, checked field by field; throws when unusable. */
export function checkedModel(v: unknown): RiskModel {
  const m = v as Partial<RiskModel> | null;
  if (!m || typeof m !== 'object') throw new Error('not a sale-offer model');
  if (!finite(m.intercept)) throw new Error('the model has no intercept');
  if (!finite(m.threshold) || m.threshold < 1 || m.threshold > 99) throw new Error('the model threshold is not 1–99');
  if (!finite(m.baseRate) || m.baseRate <= 0 || m.baseRate >= 1) throw new Error('the model base rate is not 0–1');
  const c = m.coefficients as Record<string, unknown> | undefined;
  if (!c || FEATURES.some((f) => !finite(c[f]))) throw new Error('the model lacks a coefficient');
  return {
    intercept: m.intercept,
    coefficients: Object.fromEntries(FEATURES.map((f) => [f, c[f]])) as RiskModel['coefficients'],
    threshold: m.threshold,
    operatingPoint: typeof m.operatingPoint === 'string' ? m.operatingPoint : '',
    baseRate: m.baseRate,
  };
}

/** Reads the stored refit model once per worker life; a damaged one is dropped (bundled model). */
export function loadRiskModel(): Promise<void> {
  loaded ??= browser.storage.local.get(RISK_MODEL_KEY).then(
    (got) => {
      const s = got[RISK_MODEL_KEY] as StoredRiskModel | undefined;
      try {
        active = s ? { ...s, model: checkedModel(s.model) } : undefined;
      } catch (e) {
        console.warn('Wildtrace: the stored refit model is unusable; using the bundled one', e);
        active = undefined;
      }
    },
    () => undefined,
  );
  return loaded;
}

/** The refit model in use, or undefined for the bundled one. */
export function activeRiskModel(): StoredRiskModel | undefined {
  return active;
}

/** Applies a refit model (stored), or goes back to the bundled one (undefined). */
export async function setRiskModel(next: StoredRiskModel | undefined): Promise<void> {
  if (next) await browser.storage.local.set({ [RISK_MODEL_KEY]: next });
  else await browser.storage.local.remove(RISK_MODEL_KEY);
  active = next;
  loaded = Promise.resolve();
}

/** The scorer's `model` option: the refit model in use, or nothing (the scorer's bundled model). */
export function modelOption(): { model?: RiskModel } {
  return active ? { model: active.model } : {};
}
