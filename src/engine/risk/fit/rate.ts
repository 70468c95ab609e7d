/**
 * Precision, recall, F1 and PR-AUC at the rate a patrol meets offers. Every negative counts as
 * `weight` texts so that positives are `rate` of the mix: P = TP / (TP + weight * FP). This
 * estimates what a patrol would see without inventing positives.
 */
export interface RateMetrics {
  positives: number;
  negatives: number;
  /** How many texts each negative stands for, so that positives are `rate` of the mix. */
  negativeWeight: number;
  prAuc: number;
  precision: number;
  recall: number;
  f1: number;
  /** Negatives flagged (unweighted). */
  falseAlarms: number;
}

/** The weight of each negative so that `pos` positives are `rate` of the total. */
export const negativeWeight = (pos: number, neg: number, rate: number) =>
  neg && pos ? (pos * (1 - rate)) / rate / neg : 1;

/** `score` ranks (PR-AUC, weighted average precision), `flag` is the verdict at the operating point. */
export function atRate<T>(
  items: readonly T[],
  positive: (t: T) => boolean,
  score: (t: T) => number,
  flag: (t: T) => boolean,
  rate: number,
): RateMetrics {
  let pos = 0;
  for (const t of items) if (positive(t)) pos++;
  const neg = items.length - pos;
  const w = negativeWeight(pos, neg, rate);
  let tp = 0;
  let fp = 0;
  for (const t of items) {
    if (!flag(t)) continue;
    if (positive(t)) tp++;
    else fp++;
  }
  const precision = tp + fp ? tp / (tp + w * fp) : 0;
  const recall = pos ? tp / pos : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  // Average precision over the distinct scores, highest first.
  const sorted = [...items].sort((a, b) => score(b) - score(a));
  let ap = 0;
  let ctp = 0;
  let cfp = 0;
  for (let i = 0; i < sorted.length;) {
    const s = score(sorted[i]);
    let dtp = 0;
    while (i < sorted.length && score(sorted[i]) === s) {
      if (positive(sorted[i])) dtp++;
      else cfp++;
      i++;
    }
    ctp += dtp;
    if (dtp && pos) ap += (dtp / pos) * (ctp / (ctp + w * cfp));
  }
  return { positives: pos, negatives: neg, negativeWeight: w, prAuc: ap, precision, recall, f1, falseAlarms: fp };
}
