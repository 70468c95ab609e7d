import browser, { type Runtime } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { createDispatcher, type Handlers } from '../../src/messaging/dispatch';
import { loadSettings, saveSettings } from '../../platform/settings-store';
import { forgetTab, getTabSummary, recordFrameSummary } from '../../platform/tab-summaries';

export default defineBackground({
  type: 'module',
  main() {
    const handlers: Handlers = {
      'page/summary': async (summary, sender) => {
        if (sender.tabId === undefined) throw new Error('page summary without a tab');
        await recordFrameSummary(sender.tabId, sender.frameId ?? 0, summary);
        return { accepted: true };
      },
      'tab/summary': ({ tabId }) => getTabSummary(tabId),
      'settings/get': () => loadSettings(),
      'settings/set': (update) => saveSettings(update),
    };
    const dispatch = createDispatcher(handlers, browser.runtime.id, browser.runtime.getURL('/'));

    // Returning undefined for foreign messages leaves them unanswered instead of claiming them.
    browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => dispatch(message, sender));
    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
    browser.runtime.onInstalled.addListener(({ reason }) => {
      if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    });
  },
});
