import { afterEach, describe, expect, it, vi } from 'vitest';

type Slices = typeof import('../../src/content/slices');

/** The module as the product build (no flag) or the benchmark build (flag set) evaluates it. */
async function slicesModule(bench: boolean): Promise<Slices> {
  vi.resetModules();
  vi.stubGlobal('__WILDTRACE_BENCH__', bench ? true : undefined);
  return import('../../src/content/slices');
}

afterEach(() => vi.unstubAllGlobals());

/** Runs `steps` steps of 1 ms each on a fake clock; returns the steps of each slice. */
async function run({ runSliced }: Slices, budget: number, steps: number): Promise<number[]> {
  let clock = 0;
  let left = steps;
  let inSlice = 0;
  const slices: number[] = [];
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
  return slices;
}

describe('runSliced', () => {
  it.each([
    ['a budget of 3 steps', 3, 10, [3, 3, 3, 1]],
    ['a budget smaller than one step still moves on', 0, 4, [1, 1, 1, 1]],
  ])('%s', async (_name, budget, steps, perSlice) => {
    const slices = await slicesModule(true);
    expect(await run(slices, budget, steps)).toEqual(perSlice);
    expect(slices.sliceStats).toEqual({ slices: perSlice.length, totalMs: steps, longestMs: Math.max(...perSlice) });
  });

  it('keeps no slice figures in the product build', async () => {
    const slices = await slicesModule(false);
    expect(await run(slices, 3, 10)).toEqual([3, 3, 3, 1]);
    expect(slices.sliceStats).toEqual({ slices: 0, totalMs: 0, longestMs: 0 });
  });
});
