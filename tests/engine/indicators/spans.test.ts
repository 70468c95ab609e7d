import { describe, expect, it } from 'vitest';
import { ClaimedSpans } from '../../../src/engine/indicators/spans';

/** The plain model: one flag per character. */
class FlagModel {
  readonly flags: Uint8Array;
  constructor(length: number) {
    this.flags = new Uint8Array(length);
  }
  isFree(start: number, end: number) {
    return !this.flags.subarray(start, end).includes(1);
  }
  claim(start: number, end: number) {
    this.flags.fill(1, start, end);
  }
}

describe('ClaimedSpans', () => {
  it.each([
    ['overlap at the left edge', [[5, 10]], [3, 6], false],
    ['touching spans do not overlap', [[5, 10]], [10, 12], true],
    ['a span inside a claimed one', [[0, 20]], [4, 5], false],
    ['an empty query is always free', [[0, 20]], [4, 4], true],
    ['an empty claim claims nothing', [[6, 6]], [3, 8], true],
    ['beyond the end of the text', [[8, 10]], [9, 30], false],
  ] as const)('%s', (_name, claims, [start, end], free) => {
    const spans = new ClaimedSpans(10);
    for (const [a, b] of claims) spans.claim(a, b);
    expect(spans.isFree(start, end)).toBe(free);
  });

  it('answers as one flag per character would, before and after it switches to flags', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let round = 0; round < 300; round++) {
      const length = 1 + rand(200);
      const spans = new ClaimedSpans(length);
      const model = new FlagModel(length);
      for (let k = 0; k < 40; k++) {
        const start = rand(length + 5);
        const end = start + rand(12);
        expect(spans.isFree(start, end)).toBe(model.isFree(start, end));
        const claimed = spans.tryClaim(start, end);
        expect(claimed).toBe(model.isFree(start, end));
        if (claimed) model.claim(start, end);
      }
    }
  });
});
