/**
 * The background's lane for page text: batches are analysed one at a time, each in a task of its
 * own (a timer turn between them), in the order they came. Without it, every batch that waited for
 * the matcher ran in one unbroken stretch once it loaded, and no batch was recorded or answered
 * before the last was done; now each is recorded and answered as soon as it is analysed, and the
 * side panel's requests get through between batches.
 *
 * Other work that can wait (storage writes) asks `laneQuietFor()` and goes after the batches.
 */
let lane: Promise<unknown> = Promise.resolve();
let waiting = 0;
let lastActive = 0;

/** Runs `work` after every batch queued before it, in a task of its own. */
export function inTurn<T>(work: () => Promise<T> | T): Promise<T> {
  waiting += 1;
  const run = lane
    .then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
    .then(work)
    .finally(() => {
      waiting -= 1;
      lastActive = performance.now();
    });
  lane = run.catch(() => undefined);
  return run;
}

/** Milliseconds since the last batch was done; 0 while batches are queued or running. */
export function laneQuietFor(): number {
  return waiting > 0 ? 0 : performance.now() - lastActive;
}
