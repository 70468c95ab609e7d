import browser, { type Runtime } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { createDispatcher, type Handlers } from '../../src/messaging/dispatch';
import { coreHandlers } from '../../platform/background/core-handlers';
import { evidenceHandlers, installEvidence } from '../../platform/background/evidence-handlers';
import { detectionHandlers, installDetection } from '../../platform/background/detection-handlers';
import { trainingHandlers } from '../../platform/background/training-handlers';
import { lexiconHandlers } from '../../platform/background/lexicon-handlers';
import { linksHandlers } from '../../platform/background/links-handlers';
import { forgetTab } from '../../platform/tab-summaries';

export default defineBackground({
  type: 'module',
  main() {
    // Each feature brings its handlers; the Handlers type fails the build if one is missing.
    const handlers: Handlers = {
      ...coreHandlers,
      ...evidenceHandlers,
      ...detectionHandlers,
      ...trainingHandlers,
      ...lexiconHandlers,
      ...linksHandlers,
    };
    const dispatch = createDispatcher(handlers, browser.runtime.id, browser.runtime.getURL('/'));

    // Returning undefined for foreign messages leaves them unanswered instead of claiming them.
    browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => dispatch(message, sender));
    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
    installDetection();
    installEvidence();
    browser.runtime.onInstalled.addListener(({ reason }) => {
      if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    });
  },
});
