/** Metrics at a realistic base rate (bench/base-rate.ts): negatives weighted, splits by group. */
import { describe, expect, it } from 'vitest';
import { atRate, FOLDS, groupFold, groupPart } from '../../../bench/base-rate';

interface Item {
  positive: boolean;
  score: number;
}
const items = (pairs: [boolean, number][]): Item[] => pairs.map(([positive, score]) => ({ positive, score }));

describe('atRate', () => {
  it('weights each negative so that positives are the given share', () => {
    // 2 positives, 4 negatives; at 50 % each negative stands for 0.5 texts.
    const mix = items([
      [true, 0.9],
      [true, 0.8],
      [false, 0.7],
      [false, 0.1],
      [false, 0.1],
      [false, 0.1],
    ]);
    const m = atRate(
      mix,
      (t) => t.positive,
      (t) => t.score,
      (t) => t.score >= 0.5,
      0.5,
    );
    expect(m.negativeWeight).toBeCloseTo(0.5);
    expect(m.recall).toBe(1);
    expect(m.precision).toBeCloseTo(2 / 2.5);
    expect(m.prAuc).toBeCloseTo(1);
    expect(m.falseAlarms).toBe(1);
  });
  it('a rarer rate makes the same false alarm cost more precision', () => {
    const mix = items([
      [true, 0.9],
      [false, 0.8],
      [false, 0.1],
    ]);
    const at = (rate: number) =>
      atRate(
        mix,
        (t) => t.positive,
        (t) => t.score,
        (t) => t.score >= 0.5,
        rate,
      ).precision;
    expect(at(0.015)).toBeLessThan(at(0.3));
  });
  it('ranks ties together in the average precision', () => {
    const mix = items([
      [true, 0.5],
      [false, 0.5],
    ]);
    const m = atRate(
      mix,
      (t) => t.positive,
      (t) => t.score,
      () => true,
      0.5,
    );
    expect(m.prAuc).toBeCloseTo(0.5);
  });
});

describe('group splits', () => {
  it('put a group on one side and in one fold, the same every time', () => {
    expect(groupPart('ivory', 'acct:1')).toBe(groupPart('ivory', 'acct:1'));
    const folds = new Set(Array.from({ length: 200 }, (_, i) => groupFold('docs', `pkg:${i}`)));
    expect(folds.size).toBe(FOLDS);
  });
});
