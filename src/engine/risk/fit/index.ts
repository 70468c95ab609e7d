/**
 * Fitting the sale-offer model (../model.ts) to labelled examples: L2-regularised logistic
 * regression pulled towards the domain rules, grouped cross-validation (one seller, account or
 * site never sits on both sides), the operating point (the lowest threshold whose precision at the
 * base rate reaches the target, best recall) and a reliability table. Browser-free: `npm run fit`
 * (bench/fit.ts) and the options page call the same `fitModel`.
 *
 *   const examples = rows.map((r) => exampleOf(r.text, analyzeText(r.text, matcher).risk, r.offer, r.seller));
 *   const { model, crossValidation, reliability } = fitModel(examples);
 *
 * Negatives are weighted so that offers are `baseRate` of the total weight, so the fitted
 * probability is calibrated for what a patrol meets, not for the share of offers in the labels.
 */
import { FEATURES, featuresOf, logOddsOf, sigmoid, type Feature, type RiskModel } from '../model';
import type { RiskScore } from '../types';
import { foldOf } from './folds';
import { fitLogistic, type Sign, type WeightedExample } from './logistic';
import { atRate, negativeWeight, type RateMetrics } from './rate';
import { reliabilityOf, type ReliabilityBin } from './reliability';

export { atRate, negativeWeight, type RateMetrics } from './rate';
export { formatReliability, reliabilityOf, type ReliabilityBin } from './reliability';
export { fnv1a, foldOf } from './folds';

/** One labelled text, reduced to what the fit needs. */
export interface FitExample {
  /** `featuresOf(text, risk.signals)`. */
  features: Record<Feature, number>;
  /** The verdict's gate: a wildlife subject and a commerce signal were found. */
  gate: boolean;
  /** Labelled an offer to sell (or buy) wildlife. */
  positive: boolean;
  /** Seller, account or site: all of a group's examples fall in one fold. */
  group: string;
}

export interface FitOptions<T extends FitExample = FitExample> {
  /** Share of offers among the texts a patrol reads; the probabilities are calibrated for it. Default 0.015. */
  baseRate?: number;
  /** Of the texts flagged, at least this share must be offers at the base rate. Default 0.8. */
  targetPrecision?: number;
  /**
   * The least recall worth the precision target: when no threshold reaches the target with at
   * least this recall, the threshold with the best F1 is taken instead (and the operating point
   * says so). Default 0.5: a verdict that finds a few offers in a hundred helps no patrol.
   */
  minRecall?: number;
  /** Number of grouped cross-validation folds. Default 5 (fewer when there are fewer groups). */
  folds?: number;
  /**
   * Strengths of the pull towards the domain rules, tried by grouped cross-validation. The
   * strongest whose out-of-fold PR-AUC is within one standard error (across folds) of the best is
   * taken: with a few dozen labelled offers, smaller differences are noise, and the domain rules
   * know what the labels cannot show (a price beside ivory is an offer even when the labelled
   * offers are tweets without prices).
   */
  lambdas?: readonly number[];
  /** The examples the pull's strength and the threshold are chosen on (default: all). */
  chooseOn?: (example: T) => boolean;
}

export interface FitResult {
  model: RiskModel;
  /** The pull's strength chosen. */
  lambda: number;
  /** Out-of-fold PR-AUC of each strength tried, and its standard error across the folds. */
  search: { lambda: number; prAuc: number; standardError: number }[];
  /** Each example's probability from the model fitted without its fold, in input order. */
  outOfFold: number[];
  /** Grouped cross-validation at the operating point, on the `chooseOn` examples. */
  crossValidation: RateMetrics & { threshold: number };
  reliability: ReliabilityBin[];
}

/** Bad input for a fit (no offers, no groups to fold by): the message says what is missing. */
export class FitError extends Error {
  override name = 'FitError';
}

export const DEFAULT_BASE_RATE = 0.015;
export const DEFAULT_TARGET_PRECISION = 0.8;
export const DEFAULT_MIN_RECALL = 0.5;
const DEFAULT_LAMBDAS = [0.3, 1, 3, 10, 30, 100];

/**
 * Features that speak against an offer (article conventions, long prose): never positive. All
 * others never negative: a price never argues against an offer.
 */
const AGAINST: ReadonlySet<Feature> = new Set(['article', 'prose']);
/**
 * The prior the coefficients are pulled towards: the domain rules' points, read as log-odds of 1
 * per 10 points (so 50 points meant even odds); features with no hand-set points start at 0. With
 * few labelled offers the model stays near the domain rules and moves where the data says.
 */
const NO_POINTS: ReadonlySet<Feature> = new Set(['both', 'article', 'prose']);
const PRIOR: readonly number[] = FEATURES.map((f) => (NO_POINTS.has(f) ? 0 : 1));
/**
 * The pull on a feature without points: there is no domain prior for it, only a little shrinkage
 * so that a feature few examples show stays small.
 */
const NO_POINTS_LAMBDA = 0.3;
/** Per feature, the pull for strength `lambda`: the domain rules' features get it in full. */
const pulls = (lambda: number) => FEATURES.map((f) => (NO_POINTS.has(f) ? Math.min(lambda, NO_POINTS_LAMBDA) : lambda));
const SIGNS: readonly Sign[] = FEATURES.map((f) => (AGAINST.has(f) ? -1 : 1));

/** The example for a scored text. */
export function exampleOf(text: string, risk: RiskScore, positive: boolean, group: string): FitExample {
  return { features: featuresOf(text, risk.signals), gate: risk.hasSubject && risk.hasCommerce, positive, group };
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;

function modelOf(beta: readonly number[], threshold: number, operatingPoint: string, baseRate: number): RiskModel {
  return {
    intercept: round(beta[0]),
    coefficients: Object.fromEntries(FEATURES.map((f, i) => [f, round(beta[i + 1])])) as Record<Feature, number>,
    threshold,
    operatingPoint,
    baseRate,
  };
}

/** Negatives weighted so that positives are `rate` of the examples' total weight. */
function weigh(examples: readonly FitExample[], rate: number): WeightedExample[] {
  let pos = 0;
  for (const e of examples) if (e.positive) pos++;
  const w = negativeWeight(pos, examples.length - pos, rate);
  return examples.map((e) => ({
    x: FEATURES.map((f) => e.features[f]),
    y: e.positive ? 1 : 0,
    weight: e.positive ? 1 : w,
  }));
}

const flagged = (p: number, gate: boolean, threshold: number) => gate && Math.round(100 * p) >= threshold;

/**
 * The lowest threshold (1..99) whose precision at the base rate reaches the target, best recall;
 * else (or when that recall is under `minRecall`) the best F1.
 */
function chooseThreshold(
  items: readonly { p: number; gate: boolean; positive: boolean }[],
  rate: number,
  target: number,
  minRecall: number,
): { threshold: number; metrics: RateMetrics; reached: boolean } {
  let best: { threshold: number; metrics: RateMetrics } | null = null;
  let bestF1: { threshold: number; metrics: RateMetrics } | null = null;
  for (let t = 1; t <= 99; t++) {
    const m = atRate(
      items,
      (e) => e.positive,
      (e) => e.p,
      (e) => flagged(e.p, e.gate, t),
      rate,
    );
    if (!bestF1 || m.f1 > bestF1.metrics.f1) bestF1 = { threshold: t, metrics: m };
    if (m.precision >= target && (!best || m.recall > best.metrics.recall)) best = { threshold: t, metrics: m };
  }
  const reached = best !== null && best.metrics.recall >= minRecall;
  return { ...(reached ? best! : bestF1!), reached };
}

function checkExamples(examples: readonly FitExample[]): void {
  let pos = 0;
  const groups = new Set<string>();
  for (const e of examples) {
    if (e.positive) pos++;
    groups.add(e.group);
    for (const f of FEATURES) {
      if (!Number.isFinite(e.features[f])) throw new FitError(`an example's feature "${f}" is not a number`);
    }
  }
  if (pos === 0) throw new FitError('no example is labelled an offer: nothing to fit');
  if (pos === examples.length) throw new FitError('every example is labelled an offer: nothing to fit against');
  if (groups.size < 2) throw new FitError('all examples come from one seller or site: cross-validation needs two');
}

/**
 * Fits the model to `examples`: the pull's strength by grouped cross-validation, the operating
 * point on the out-of-fold probabilities, then the final coefficients on every example.
 * Throws FitError on input it cannot fit (no offers, nothing but offers, a single group).
 */
export function fitModel<T extends FitExample>(examples: readonly T[], options: FitOptions<T> = {}): FitResult {
  checkExamples(examples);
  const rate = options.baseRate ?? DEFAULT_BASE_RATE;
  const target = options.targetPrecision ?? DEFAULT_TARGET_PRECISION;
  const groups = new Set(examples.map((e) => e.group)).size;
  const folds = Math.max(2, Math.min(options.folds ?? 5, groups));
  const chooseOn = options.chooseOn ?? (() => true);
  const fold = examples.map((e) => foldOf(e.group, folds));
  const chosen = examples.map((e) => chooseOn(e));

  const crossValidate = (lambda: number): number[] => {
    const oof = new Array<number>(examples.length).fill(0);
    for (let k = 0; k < folds; k++) {
      const train = examples.filter((_, i) => fold[i] !== k);
      if (!train.some((e) => e.positive) || train.every((e) => e.positive)) continue;
      const model = modelOf(fitLogistic(weigh(train, rate), PRIOR, SIGNS, pulls(lambda)), 50, '', rate);
      examples.forEach((e, i) => {
        if (fold[i] === k) oof[i] = sigmoid(logOddsOf(e.features, model).logOdds);
      });
    }
    return oof;
  };
  const view = (oof: readonly number[]) =>
    examples.map((e, i) => ({ p: oof[i], gate: e.gate, positive: e.positive, keep: chosen[i] })).filter((t) => t.keep);

  const search: { lambda: number; prAuc: number; standardError: number }[] = [];
  const tried: { lambda: number; prAuc: number; standardError: number; oof: number[] }[] = [];
  const prAucOf = (items: readonly { p: number; positive: boolean }[]) =>
    atRate(
      items,
      (t) => t.positive,
      (t) => t.p,
      () => false,
      rate,
    ).prAuc;
  for (const lambda of options.lambdas ?? DEFAULT_LAMBDAS) {
    const oof = crossValidate(lambda);
    const prAuc = prAucOf(view(oof));
    const perFold: number[] = [];
    for (let k = 0; k < folds; k++) {
      const inFold = examples
        .map((e, i) => ({ p: oof[i], positive: e.positive, keep: chosen[i] && fold[i] === k }))
        .filter((t) => t.keep);
      if (inFold.some((t) => t.positive)) perFold.push(prAucOf(inFold));
    }
    const mean = perFold.reduce((a, b) => a + b, 0) / Math.max(1, perFold.length);
    const sd = Math.sqrt(perFold.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, perFold.length - 1));
    const standardError = perFold.length > 1 ? sd / Math.sqrt(perFold.length) : 0;
    search.push({ lambda, prAuc, standardError });
    tried.push({ lambda, prAuc, standardError, oof });
  }
  if (!tried.length) throw new FitError('no prior strength to try');
  let top = tried[0];
  for (const t of tried) if (t.prAuc > top.prAuc) top = t;
  let best = top;
  for (const t of tried) if (t.prAuc >= top.prAuc - top.standardError && t.lambda > best.lambda) best = t;
  const items = view(best.oof);
  const minRecall = options.minRecall ?? DEFAULT_MIN_RECALL;
  const { threshold, metrics, reached } = chooseThreshold(items, rate, target, minRecall);
  const why = reached
    ? `lowest threshold with precision >= ${target} at ${rate * 100} % offers, best recall`
    : `no threshold reached precision ${target} with recall >= ${minRecall} at ${rate * 100} % offers: best F1`;
  const operatingPoint =
    `${why}; grouped ${folds}-fold CV: P ${metrics.precision.toFixed(3)} R ${metrics.recall.toFixed(3)} ` +
    `F1 ${metrics.f1.toFixed(3)}; prior strength ${best.lambda}`;
  const model = modelOf(
    fitLogistic(weigh(examples, rate), PRIOR, SIGNS, pulls(best.lambda)),
    threshold,
    operatingPoint,
    rate,
  );
  return {
    model,
    lambda: best.lambda,
    search,
    outOfFold: best.oof,
    crossValidation: { ...metrics, threshold },
    reliability: reliabilityOf(items, rate),
  };
}
