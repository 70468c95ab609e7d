/**
 * The reliability table: predicted probability against the observed share of offers, by bins of
 * the prediction, with negatives weighted to the base rate (what a patrol meets). A calibrated
 * model's two columns agree.
 */
import { negativeWeight } from './rate';

export interface ReliabilityBin {
  from: number;
  to: number;
  texts: number;
  offers: number;
  /** Mean predicted probability in the bin (negatives weighted). */
  predicted: number;
  /** Share of offers in the bin (negatives weighted). */
  observed: number;
}

const EDGES = [0, 0.01, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1];

export function reliabilityOf(items: readonly { p: number; positive: boolean }[], rate: number): ReliabilityBin[] {
  const pos = items.filter((t) => t.positive).length;
  const w = negativeWeight(pos, items.length - pos, rate);
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < EDGES.length - 1; b++) {
    const last = b === EDGES.length - 2;
    const inBin = items.filter((t) => t.p >= EDGES[b] && (t.p < EDGES[b + 1] || (last && t.p <= 1)));
    if (!inBin.length) continue;
    let wsum = 0;
    let wpos = 0;
    let psum = 0;
    let offers = 0;
    for (const t of inBin) {
      const wt = t.positive ? 1 : w;
      wsum += wt;
      psum += wt * t.p;
      if (t.positive) {
        wpos += 1;
        offers++;
      }
    }
    bins.push({
      from: EDGES[b],
      to: EDGES[b + 1],
      texts: inBin.length,
      offers,
      predicted: psum / wsum,
      observed: wpos / wsum,
    });
  }
  return bins;
}

export function formatReliability(bins: readonly ReliabilityBin[]): string {
  const lines = ['predicted       texts  offers  mean predicted  observed (weighted)'];
  for (const b of bins) {
    const range = `${b.from.toFixed(2)}-${b.to.toFixed(2)}`;
    lines.push(
      `${range.padEnd(15)} ${String(b.texts).padStart(5)}  ${String(b.offers).padStart(6)}` +
        `  ${b.predicted.toFixed(3).padStart(14)}  ${b.observed.toFixed(3).padStart(19)}`,
    );
  }
  return lines.join('\n');
}
