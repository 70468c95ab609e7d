/**
 * `npm run fit`: fits the sale-offer model (src/engine/risk/model.ts) to the labelled data and
 * writes src/engine/risk/model.json, which the scorer imports.
 *
 *   npm run fit              grouped cross-validation, reliability table, operating point, write
 *   npm run fit -- --dry     the same without writing
 *
 * Data: the development part (bench/base-rate.ts: split by account, seller, site or package) of
 * the ivory tweets and the leather ad titles (a real animal product in an ad is an offer; those
 * that name no listed animal cannot pass the verdict's gate anyway), and the ordinary text. Without
 * the titles the model learns from tweets alone and flags no marketplace title. The held-out
 * part is never read here. Negatives are weighted so that offers are RATE of the mix, so the
 * fitted probability is calibrated for what a patrol meets.
 *
 * Model: L2-regularised logistic regression (Newton's method), with the signs that domain
 * knowledge fixes (a price never argues against an offer, a byline never for one): a coefficient
 * that comes out with the wrong sign is held at 0 and the rest refitted.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FEATURES, featuresOf, logOddsOf, sigmoid, type Feature, type RiskModel } from '../src/engine/risk/model';
import { allRows, atRate, FOLDS, mixFor, RATE, scoreRows, type Row } from './base-rate';
import { createHitSource, loadEvalSets, REPO_ROOT } from './eval';

/** Coefficients that must not be negative (all others must not be positive). */
const NON_NEGATIVE: ReadonlySet<Feature> = new Set(FEATURES.filter((f) => f !== 'article' && f !== 'prose'));
/**
 * The prior the coefficients are pulled towards: the hand-set rules, whose points added up to a
 * score with the verdict at 50, read as log-odds of 1 per 10 points; the text features start at 0.
 * With few labelled offers the model stays near the domain rules and moves where the data says.
 */
const PRIOR: readonly number[] = FEATURES.map((f) => (f === 'both' || f === 'article' || f === 'prose' ? 0 : 1));
/** Strengths of the pull towards the prior tried by grouped cross-validation. */
const LAMBDAS = [0.3, 1, 3, 10, 30];
/** The patrol's requirement: of the texts flagged, at least this share are offers. */
const TARGET_PRECISION = 0.8;

interface Example {
  row: Row;
  x: number[];
  /** The verdict's gate: a subject and commerce. */
  gate: boolean;
  y: number;
  weight: number;
}

/** Solves A v = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const k = M[r][c] / M[c][c];
      for (let j = c; j <= n; j++) M[r][j] -= k * M[c][j];
    }
  }
  const v = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let j = r + 1; j < n; j++) s -= M[r][j] * v[j];
    v[r] = s / M[r][r];
  }
  return v;
}

/** Weighted L2 logistic regression; `free[j]` false holds coefficient j at 0. Index 0 is the intercept. */
function newton(examples: readonly Example[], free: boolean[], lambda: number): number[] {
  const d = FEATURES.length + 1;
  let beta = new Array<number>(d).fill(0);
  beta[0] = -4;
  for (let iter = 0; iter < 200; iter++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const e of examples) {
      const xi = [1, ...e.x];
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j] * xi[j];
      const p = sigmoid(z);
      const r = e.weight * (p - e.y);
      const s = e.weight * p * (1 - p);
      for (let j = 0; j < d; j++) {
        g[j] += r * xi[j];
        for (let k = 0; k < d; k++) H[j][k] += s * xi[j] * xi[k];
      }
    }
    for (let j = 1; j < d; j++) {
      g[j] += lambda * (beta[j] - PRIOR[j - 1]);
      H[j][j] += lambda;
    }
    for (let j = 0; j < d; j++) {
      if (free[j]) continue;
      g[j] = 0;
      for (let k = 0; k < d; k++) H[j][k] = H[k][j] = 0;
      H[j][j] = 1;
    }
    const step = solve(H, g);
    // A damped step (at most 1 in any coefficient): a full Newton step overshoots from far away.
    const size = Math.max(...step.map(Math.abs));
    const damp = size > 1 ? 1 / size : 1;
    beta = beta.map((b, j) => (free[j] ? b - damp * step[j] : 0));
    if (size < 1e-8) break;
  }
  return beta;
}

/** Fits with the sign constraints: wrong-signed coefficients are held at 0 until none is left. */
function fit(examples: readonly Example[], lambda: number): number[] {
  const free = new Array<boolean>(FEATURES.length + 1).fill(true);
  for (;;) {
    const beta = newton(examples, free, lambda);
    let changed = false;
    FEATURES.forEach((f, i) => {
      const b = beta[i + 1];
      if (free[i + 1] && (NON_NEGATIVE.has(f) ? b < 0 : b > 0)) {
        free[i + 1] = false;
        changed = true;
      }
    });
    if (!changed) return beta;
  }
}

const modelOf = (beta: number[], threshold: number, operatingPoint: string): RiskModel => ({
  intercept: round(beta[0]),
  coefficients: Object.fromEntries(FEATURES.map((f, i) => [f, round(beta[i + 1])])) as Record<Feature, number>,
  threshold,
  operatingPoint,
  baseRate: RATE,
});

const round = (n: number) => Math.round(n * 1e4) / 1e4;

/** Negatives weighted so that positives are RATE of the examples' total weight. */
function weigh(examples: Example[]): Example[] {
  const pos = examples.filter((e) => e.y === 1).length;
  const neg = examples.length - pos;
  const w = (pos * (1 - RATE)) / RATE / neg;
  return examples.map((e) => ({ ...e, weight: e.y === 1 ? 1 : w }));
}

interface Predicted {
  row: Row;
  p: number;
  gate: boolean;
}

/** The lowest threshold (0..100) whose precision at the base rate reaches the target, best recall. */
function operatingPoint(pred: readonly Predicted[]): { threshold: number; text: string } {
  const mix = mixFor('ivory', pred, (t) => t.row.part === 'dev');
  let best: { t: number; r: number; p: number; f1: number } | null = null;
  let bestF1: { t: number; r: number; p: number; f1: number } = { t: 50, r: 0, p: 0, f1: -1 };
  for (let t = 1; t <= 99; t++) {
    const m = atRate(
      mix,
      (e) => e.row.positive,
      (e) => e.p,
      (e) => e.gate && Math.round(100 * e.p) >= t,
    );
    if (m.f1 > bestF1.f1) bestF1 = { t, r: m.recall, p: m.precision, f1: m.f1 };
    if (m.precision >= TARGET_PRECISION && (!best || m.recall > best.r))
      best = { t, r: m.recall, p: m.precision, f1: m.f1 };
  }
  const chosen = best ?? bestF1;
  const why = best
    ? `lowest threshold with precision >= ${TARGET_PRECISION} at ${RATE * 100} % offers, best recall`
    : `no threshold reached precision ${TARGET_PRECISION} at ${RATE * 100} % offers: best F1`;
  const text =
    `${why}; grouped ${FOLDS}-fold CV on the dev part: P ${chosen.p.toFixed(3)} R ${chosen.r.toFixed(3)} ` +
    `F1 ${chosen.f1.toFixed(3)}`;
  return { threshold: chosen.t, text };
}

/** Predicted probability against the observed (weighted) share of offers, by bins of the prediction. */
function reliability(pred: readonly Predicted[]): string {
  const mix = mixFor('ivory', pred, (t) => t.row.part === 'dev');
  const pos = mix.filter((t) => t.row.positive).length;
  const w = (pos * (1 - RATE)) / RATE / (mix.length - pos);
  const edges = [0, 0.01, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0001];
  const lines = ['predicted       texts  offers  mean predicted  observed (weighted)'];
  for (let b = 0; b < edges.length - 1; b++) {
    const inBin = mix.filter((t) => t.p >= edges[b] && t.p < edges[b + 1]);
    if (!inBin.length) continue;
    let wsum = 0;
    let wpos = 0;
    let psum = 0;
    for (const t of inBin) {
      const wt = t.row.positive ? 1 : w;
      wsum += wt;
      psum += wt * t.p;
      if (t.row.positive) wpos += 1;
    }
    const range = `${edges[b].toFixed(2)}-${Math.min(1, edges[b + 1]).toFixed(2)}`;
    const offers = inBin.filter((t) => t.row.positive).length;
    lines.push(
      `${range.padEnd(15)} ${String(inBin.length).padStart(5)}  ${String(offers).padStart(6)}` +
        `  ${(psum / wsum).toFixed(3).padStart(14)}  ${(wpos / wsum).toFixed(3).padStart(19)}`,
    );
  }
  return lines.join('\n');
}

/** Out-of-fold predictions: each group fold scored by the model fitted on the other folds. */
function crossValidate(all: readonly Example[], lambda: number): Predicted[] {
  const oof: Predicted[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const model = modelOf(fit(weigh(all.filter((e) => e.row.fold !== k)), lambda), 50, '');
    for (const e of all) {
      if (e.row.fold !== k) continue;
      const x = Object.fromEntries(FEATURES.map((f, i) => [f, e.x[i]])) as Record<Feature, number>;
      oof.push({ row: e.row, p: sigmoid(logOddsOf(x, model).logOdds), gate: e.gate });
    }
  }
  return oof;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dry: { type: 'boolean' } } });
  const { sets, missing } = loadEvalSets();
  if (missing.length) {
    console.error(`fit: the labelled data is missing (${missing.join(', ')}); nothing fitted`);
    return 1;
  }
  const rows = allRows(sets).filter((r) => r.part === 'dev');
  const scored = scoreRows(rows, await createHitSource());
  const all: Example[] = scored.map((s) => {
    const x = featuresOf(s.row.text, s.analysis.risk.signals);
    return {
      row: s.row,
      x: FEATURES.map((f) => x[f]),
      gate: s.analysis.risk.hasSubject && s.analysis.risk.hasCommerce,
      y: s.row.positive ? 1 : 0,
      weight: 1,
    };
  });
  const pos = all.filter((e) => e.y).length;
  console.log(`Fitting on ${all.length} dev texts (${pos} offers), negatives weighted to ${RATE * 100} % offers.`);

  // Grouped cross-validation: each fold scored by the model fitted without it; the prior's
  // strength chosen by the out-of-fold PR-AUC.
  let oof: Predicted[] = [];
  let lambda = LAMBDAS[0];
  let bestAuc = -1;
  for (const l of LAMBDAS) {
    const pred = crossValidate(all, l);
    const auc = atRate(
      mixFor('ivory', pred, () => true),
      (t) => t.row.positive,
      (t) => t.p,
      () => false,
    ).prAuc;
    console.log(`  prior strength ${l}: out-of-fold PR-AUC ${auc.toFixed(3)}`);
    if (auc > bestAuc) [oof, lambda, bestAuc] = [pred, l, auc];
  }
  const { threshold, text } = operatingPoint(oof);
  const ivoryMix = mixFor('ivory', oof, () => true);
  const cv = atRate(
    ivoryMix,
    (t) => t.row.positive,
    (t) => t.p,
    (t) => t.gate && Math.round(100 * t.p) >= threshold,
  );
  console.log(`\nGrouped ${FOLDS}-fold CV (ivory dev mix, out of fold), threshold ${threshold}:`);
  console.log(
    `  PR-AUC ${cv.prAuc.toFixed(3)}  P ${cv.precision.toFixed(3)}  R ${cv.recall.toFixed(3)}  F1 ${cv.f1.toFixed(3)}` +
      `  (${cv.positives} offers, ${cv.negatives} others, ${cv.falseAlarms} false alarms)`,
  );
  const articles = oof.filter((t) => t.row.article);
  const flagged = articles.filter((t) => t.gate && Math.round(100 * t.p) >= threshold).length;
  console.log(`  article pages flagged (out of fold): ${flagged} of ${articles.length}`);
  console.log(`\nReliability (out of fold, ivory dev mix, negatives weighted to ${RATE * 100} %):`);
  console.log(reliability(oof));

  const final = modelOf(fit(weigh(all), lambda), threshold, `${text}; prior strength ${lambda}`);
  console.log('\nCoefficients (log-odds per 10 points, or per unit of a text feature):');
  console.log(`  intercept ${final.intercept}`);
  for (const f of FEATURES) console.log(`  ${f.padEnd(12)} ${final.coefficients[f]}`);
  console.log(`Operating point: score >= ${threshold} (${text})`);
  if (values.dry) return 0;
  const out = resolve(REPO_ROOT, 'src/engine/risk/model.json');
  writeFileSync(out, `${JSON.stringify(final, null, 2)}\n`);
  console.log(`wrote ${out}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`fit: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
