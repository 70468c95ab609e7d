import type { HandlersOf } from '../../messaging/dispatch';
import type { CoreRoutes } from '../../messaging/routes/core';
import { loadSettings, saveSettings } from '../../browser/settings-store';
import { getTabSummary, recordFrameSummary } from '../tab-summaries';

/** Handlers for page summaries and settings. */
export const coreHandlers: HandlersOf<CoreRoutes> = {
  'page/summary': async (summary, sender) => {
    if (sender.tabId === undefined) throw new Error('page summary without a tab');
    await recordFrameSummary(sender.tabId, sender.frameId ?? 0, summary);
    return { accepted: true };
  },
  'tab/summary': ({ tabId }) => getTabSummary(tabId),
  'settings/get': () => loadSettings(),
  'settings/set': (update) => saveSettings(update),
};
