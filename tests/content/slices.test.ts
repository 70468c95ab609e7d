import { describe, expect, it } from 'vitest';
import { runSliced, sliceStats } from '../../src/content/slices';

describe('runSliced', () => {
  it.each([
    ['a budget of 3 steps', 3, 10, [3, 3, 3, 1]],
    ['a budget smaller than one step still moves on', 0, 4, [1, 1, 1, 1]],
  ])('%s', async (_name, budget, steps, perSlice) => {
    // A clock that moves 1 ms per step.
    let clock = 0;
    let left = steps;
    let inSlice = 0;
    const slices: number[] = [];
    const before = sliceStats.slices;
    await runSliced(
      () => {
        clock += 1;
        inSlice += 1;
        return --left === 0;
      },
      budget,
      () => clock,
      () => {
        slices.push(inSlice);
        inSlice = 0;
      },
    );
    expect(slices).toEqual(perSlice);
    expect(sliceStats.slices - before).toBe(perSlice.length);
  });
});
