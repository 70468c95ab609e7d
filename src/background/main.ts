/**
 * The background worker: one message dispatcher for every feature's handlers, and the listeners
 * each feature installs. Called from the WXT stub in entrypoints/background.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { createDispatcher, type Handlers } from '../messaging/dispatch';
import { coreHandlers } from './handlers/core';
import { detectionHandlers, installDetection } from './handlers/detection';
import { evidenceHandlers, installEvidence } from './handlers/evidence';
import { lexiconHandlers } from './handlers/lexicon';
import { linksHandlers } from './handlers/links';
import { removalHandlers } from './handlers/removal';
import { installRemovalReminders } from './removal/reminders';
import { riskHandlers } from './handlers/risk';
import { trainingHandlers } from './handlers/training';
import { forgetTab } from './tab-summaries';
import { intelHandlers } from './handlers/intel';

export function startBackground(): void {
  // Each feature brings its handlers; the Handlers type fails the build if one is missing.
  const handlers: Handlers = {
    ...coreHandlers,
    ...evidenceHandlers,
    ...detectionHandlers,
    ...trainingHandlers,
    ...lexiconHandlers,
    ...linksHandlers,
    ...removalHandlers,
    ...riskHandlers,
    ...intelHandlers,
  };
  const dispatch = createDispatcher(handlers, browser.runtime.id, browser.runtime.getURL('/'));

  // Returning undefined for foreign messages leaves them unanswered instead of claiming them.
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => dispatch(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  installDetection();
  installEvidence();
  installRemovalReminders();
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
}
