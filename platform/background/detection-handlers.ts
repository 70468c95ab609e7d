import browser from 'webextension-polyfill';
import type { HandlersOf } from '../../src/messaging/dispatch';
import { CHANNEL } from '../../src/messaging/protocol';
import type { DetectionRoutes } from '../../src/messaging/routes/detection';
import { analyzeBlockText, getMatcher } from '../detection/background-engine';
import { warmUp } from '../detection/warm-up';
import { forgetDetection, loadTab, recordBlocks, tabDetection, toStoredBlock } from '../detection/background-store';
import { forgetTrainerTab, setTrainer, tellTab, trainerOn, trainerState } from '../detection/background-trainer';

/**
 * Batches of page text are analysed one at a time, each in a task of its own (a timer turn between
 * them), in the order they came. Without this, every batch that waited for the matcher ran in one
 * unbroken stretch once it loaded, and no batch was recorded or answered before the last was done;
 * now each batch is recorded and answered as soon as it is analysed, and the side panel's requests
 * get through between batches.
 */
let lane: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = lane.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0))).then(work);
  lane = run.catch(() => undefined);
  return run;
}

/** Handlers for live detection: matching blocks sent by content scripts, the side panel's views. */
export const detectionHandlers: HandlersOf<DetectionRoutes> = {
  'detection/blocks': async ({ doc, blocks, removed, stats }, sender) => {
    const tabId = sender.tabId;
    if (tabId === undefined) throw new Error('page text without a tab');
    const frameId = sender.frameId ?? 0;
    // Everything that waits on storage or the lexicon is awaited before the batch takes its turn.
    const [{ matcher }, trainer] = await Promise.all([getMatcher(), trainerOn(tabId), loadTab(tabId)]);
    return inTurn(async () => {
      const results = [];
      const changed = [];
      for (const { id, text } of blocks) {
        const analysis = text ? analyzeBlockText(text, matcher) : null;
        results.push({ id, hits: analysis ? analysis.hits : [] });
        changed.push({ id, block: analysis ? toStoredBlock(frameId, id, text, analysis) : null });
      }
      await recordBlocks(tabId, frameId, doc, changed, removed, stats);
      return { results, trainer };
    });
  },
  'detection/tab': ({ tabId }) => tabDetection(tabId),
  'detection/reveal': async ({ tabId, frameId, blockId, start, end }) => {
    const answer = await tellTab(tabId, { channel: CHANNEL, type: 'detection/reveal', blockId, start, end }, frameId);
    return { shown: answer === true };
  },
  'detection/trainer/get': ({ tabId }) => trainerState(tabId),
  'detection/trainer/set': ({ tabId, scope, on }) => setTrainer(tabId, scope, on),
};

/** Listeners of live detection: forget a closed tab, and warm the matcher up with the worker. */
export function installDetection(): void {
  // The lexicon takes a second or more to load: start now, not when the first page's text arrives.
  // Then run the analysis a few times on a built-in text, so the page's first batches do not run
  // with cold code; each round takes its turn in the batch lane, so a page's batch is not held up.
  void getMatcher()
    .then(({ matcher }) => warmUp(matcher, 12, inTurn))
    .catch(() => undefined);
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetDetection(tabId);
    void forgetTrainerTab(tabId);
  });
}
