/**
 * Time-sliced work for the content script: run a step function until the slice budget is spent,
 * then give the page's main thread back before the next slice, so scanning never makes a long
 * task (> 50 ms) and the page stays responsive.
 */
import { BENCH_BUILD } from '../browser/bench-build';

/** Default slice length: far under the 50 ms long-task line, large enough to make progress. */
export const SLICE_BUDGET_MS = 8;

type PostTask = (cb: () => void, opts?: { priority?: string }) => Promise<void>;

/**
 * Yields to the event loop. Uses scheduler.postTask where it exists, else a private
 * MessageChannel: both are invisible to the page (no window message event), and neither is
 * clamped to 4 ms like nested timers. The ordinary ('user-visible') priority: the page's input and
 * rendering still go first, but a 'background' task waited behind everything the page was loading,
 * which spread the scan of a large page over a second or more of mostly waiting.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => undefined, { priority: 'user-visible' });
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Benchmark builds: slices so far, how many, the longest, all together (reported to the background). */
export const sliceStats = { longestMs: 0, slices: 0, totalMs: 0 };

function countSlice(took: number): void {
  sliceStats.slices += 1;
  sliceStats.totalMs += took;
  if (took > sliceStats.longestMs) sliceStats.longestMs = took;
}

/**
 * Calls `step` until it returns true (done), at most `budgetMs` per slice, yielding between
 * slices. `step` must do a small unit of work per call. `afterSlice` runs at the end of every
 * slice (inside it), e.g. to send what the slice read.
 */
export async function runSliced(
  step: () => boolean,
  budgetMs = SLICE_BUDGET_MS,
  now = () => performance.now(),
  afterSlice?: () => void,
): Promise<void> {
  for (;;) {
    const start = now();
    let done: boolean;
    // At least one step per slice, however small the budget: the scan always moves on.
    do done = step();
    while (!done && now() - start < budgetMs);
    afterSlice?.();
    if (BENCH_BUILD) countSlice(now() - start);
    if (done) return;
    await yieldToEventLoop();
  }
}
