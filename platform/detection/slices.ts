/**
 * Time-sliced work for the content script: run a step function until the slice budget is spent,
 * then give the page's main thread back before the next slice, so scanning never makes a long
 * task (> 50 ms) and the page stays responsive.
 */

/** Default slice length: far under the 50 ms long-task line, large enough to make progress. */
export const SLICE_BUDGET_MS = 6;

type PostTask = (cb: () => void, opts?: { priority?: string }) => Promise<void>;

/**
 * Yields to the event loop. Uses scheduler.postTask where it exists, else a private
 * MessageChannel: both are invisible to the page (no window message event), and neither is
 * clamped to 4 ms like nested timers.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => undefined, { priority: 'background' });
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Longest slice seen, for the benchmark and tests. */
export const sliceStats = { longestMs: 0, slices: 0 };

/**
 * Calls `step` until it returns true (done), at most `budgetMs` per slice, yielding between
 * slices. `step` must do a small unit of work per call.
 */
export async function runSliced(step: () => boolean, budgetMs = SLICE_BUDGET_MS, now = () => performance.now()): Promise<void> {
  for (;;) {
    const start = now();
    let done = false;
    while (!done && now() - start < budgetMs) done = step();
    const took = now() - start;
    sliceStats.slices += 1;
    if (took > sliceStats.longestMs) sliceStats.longestMs = took;
    if (done) return;
    await yieldToEventLoop();
  }
}
