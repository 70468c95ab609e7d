import browser from 'webextension-polyfill';
import type { HandlersOf } from '../../src/messaging/dispatch';
import { CHANNEL } from '../../src/messaging/protocol';
import type { DetectionRoutes } from '../../src/messaging/routes/detection';
import { analyzeBlockText, getMatcher } from '../detection/background-engine';
import { forgetDetection, recordBlocks, tabDetection, toStoredBlock } from '../detection/background-store';
import { forgetTrainerTab, setTrainer, tellTab, trainerOn, trainerState } from '../detection/background-trainer';

/** Handlers for live detection: matching blocks sent by content scripts, the side panel's views. */
export const detectionHandlers: HandlersOf<DetectionRoutes> = {
  'detection/blocks': async ({ doc, blocks, removed, stats }, sender) => {
    if (sender.tabId === undefined) throw new Error('page text without a tab');
    const frameId = sender.frameId ?? 0;
    const { matcher } = await getMatcher();
    const results = [];
    const changed = [];
    for (const { id, text } of blocks) {
      const analysis = text ? analyzeBlockText(text, matcher) : null;
      results.push({ id, hits: analysis ? analysis.hits : [] });
      changed.push({ id, block: analysis ? toStoredBlock(frameId, id, text, analysis) : null });
    }
    await recordBlocks(sender.tabId, frameId, doc, changed, removed, stats);
    return { results, trainer: await trainerOn(sender.tabId) };
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
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetDetection(tabId);
    void forgetTrainerTab(tabId);
  });
}
