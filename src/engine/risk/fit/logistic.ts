/**
 * L2-regularised logistic regression by Newton's method, small enough to run in a browser page:
 * a few features, a few thousand examples. The pull is towards a prior vector (the domain rules),
 * not towards 0, and coefficients whose sign domain knowledge fixes are held at 0 when the data
 * pushes them the wrong way.
 */
import { sigmoid } from '../model';

export interface WeightedExample {
  x: readonly number[];
  y: 0 | 1;
  weight: number;
}

/** Which way a coefficient may go: +1 never negative, -1 never positive. */
export type Sign = 1 | -1;

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

/** One constrained fit; `free[j]` false holds coefficient j at 0. Index 0 of the result is the intercept. */
function newton(
  examples: readonly WeightedExample[],
  prior: readonly number[],
  free: readonly boolean[],
  lambda: readonly number[],
): number[] {
  const d = prior.length + 1;
  let beta = new Array<number>(d).fill(0);
  beta[0] = -4;
  const xi = new Array<number>(d).fill(1);
  for (let iter = 0; iter < 200; iter++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const e of examples) {
      for (let j = 1; j < d; j++) xi[j] = e.x[j - 1];
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j] * xi[j];
      const p = sigmoid(z);
      const r = e.weight * (p - e.y);
      const s = e.weight * p * (1 - p);
      for (let j = 0; j < d; j++) {
        if (xi[j] === 0) continue;
        g[j] += r * xi[j];
        for (let k = 0; k < d; k++) H[j][k] += s * xi[j] * xi[k];
      }
    }
    for (let j = 1; j < d; j++) {
      g[j] += lambda[j - 1] * (beta[j] - prior[j - 1]);
      H[j][j] += lambda[j - 1];
    }
    for (let j = 0; j < d; j++) {
      if (free[j]) continue;
      g[j] = 0;
      for (let k = 0; k < d; k++) H[j][k] = H[k][j] = 0;
      H[j][j] = 1;
    }
    const step = solve(H, g);
    // A damped step (at most 1 in any coefficient): a full Newton step overshoots from far away.
    let size = 0;
    for (const v of step) size = Math.max(size, Math.abs(v));
    const damp = size > 1 ? 1 / size : 1;
    beta = beta.map((b, j) => (free[j] ? b - damp * step[j] : 0));
    if (size < 1e-8) break;
  }
  return beta;
}

/**
 * Fits with the sign constraints: a coefficient that comes out with the wrong sign is held at 0
 * and the rest refitted, until none is left. `lambda[i]`: how strongly coefficient i is pulled
 * towards `prior[i]`. Returns [intercept, ...coefficients].
 */
export function fitLogistic(
  examples: readonly WeightedExample[],
  prior: readonly number[],
  signs: readonly Sign[],
  lambda: readonly number[],
): number[] {
  const free = new Array<boolean>(prior.length + 1).fill(true);
  for (;;) {
    const beta = newton(examples, prior, free, lambda);
    let changed = false;
    for (let i = 0; i < prior.length; i++) {
      const b = beta[i + 1];
      if (free[i + 1] && (signs[i] > 0 ? b < 0 : b > 0)) {
        free[i + 1] = false;
        changed = true;
      }
    }
    if (!changed) return beta;
  }
}
