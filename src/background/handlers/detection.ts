import browser from 'webextension-polyfill';
import type { HandlersOf } from '../../messaging/dispatch';
import { CHANNEL } from '../../messaging/protocol';
import type { DetectionRoutes } from '../../messaging/routes/detection';
import { analyzeLongText } from '../../engine/risk/windows';
import { BENCH_BUILD } from '../../browser/bench-build';
import { getMatcher } from '../detection/engine';
import { warmUp } from '../detection/warm-up';
import { installWatchlists } from '../detection/watchlists';
import {
  announceAll,
  forgetDetection,
  loadTab,
  recordBlocks,
  shownHits,
  tabDetection,
  toStoredBlock,
} from '../detection/tab-results';
import { forgetTrainerTab, setTrainer, tellTab, trainerOn, trainerState } from '../detection/trainer-state';
import { inTurn } from '../detection/batch-lane';
import { regionForPage, watchHomeRegion } from '../detection/home-region';
import { loadRiskModel, modelOption } from '../detection/risk-model';

/** Handlers for live detection: matching blocks sent by content scripts, the side panel's views. */
export const detectionHandlers: HandlersOf<DetectionRoutes> = {
  'detection/blocks': async (update, sender) => {
    const { doc, blocks, removed, stats } = update;
    const tabId = sender.tabId;
    if (tabId === undefined) throw new Error('page text without a tab');
    const frameId = sender.frameId ?? 0;
    // Everything that waits on storage or the lexicon is awaited before the batch takes its turn.
    const [{ matcher }, trainer, , defaultRegion] = await Promise.all([
      getMatcher(),
      trainerOn(tabId),
      loadTab(tabId),
      regionForPage(doc.url),
      loadRiskModel(),
    ]);
    return inTurn(async () => {
      const started = BENCH_BUILD ? performance.now() : 0;
      let chars = 0;
      // Hits go back only in trainer mode, where the tab paints them (covert mode needs none there),
      // and only for blocks that have some: the tab forgot a block's hits when it sent its new text.
      const results = [];
      const changed = [];
      for (const { id, text } of blocks) {
        chars += text.length;
        const analysis = text ? analyzeLongText(text, matcher, { defaultRegion, ...modelOption() }) : null;
        const shown = analysis ? shownHits(analysis.hits) : [];
        if (trainer && shown.length) results.push({ id, hits: shown });
        changed.push({ id, text, block: analysis ? toStoredBlock(frameId, id, text, analysis) : null });
      }
      const cost = BENCH_BUILD ? { stats, analysed: { chars, ms: performance.now() - started } } : undefined;
      await recordBlocks(tabId, frameId, doc, changed, removed, cost);
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

/** Blocks analysed to warm the worker up (about 0.3-0.5 s of work at its start, in short turns). */
const WARM_UP_CALLS = 2000;

/** Listeners of live detection: forget a closed tab, and warm the matcher up with the worker. */
export function installDetection(): void {
  // The lexicon and the matcher's evasion index take a few hundred ms: start now, not when the
  // first page's text arrives. Then run the analysis on built-in texts, so the page's first
  // batches do not run with cold code; each short round takes its turn in the batch lane, so a
  // page's batch is not held up.
  void getMatcher()
    .then(({ matcher }) =>
      warmUp(matcher, WARM_UP_CALLS, inTurn, undefined, (text, analysis) => toStoredBlock(0, 0, text, analysis)),
    )
    .catch(() => undefined);
  watchHomeRegion();
  void installWatchlists(announceAll);
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetDetection(tabId);
    void forgetTrainerTab(tabId);
  });
}
