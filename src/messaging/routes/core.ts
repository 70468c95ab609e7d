import type { Settings } from '../../engine/settings/settings';
import type { PageSummary, TabSummary } from '../../engine/text/page-summary';
import type { Route, SenderRules } from '../route';

/** Page summaries and settings. */
export interface CoreRoutes {
  /** Content script -> background: what the frame's visible text looks like. */
  'page/summary': Route<PageSummary, { accepted: true }, 'content-script'>;
  /** UI -> background: the summary the content script reported for a tab. */
  'tab/summary': Route<{ tabId: number }, TabSummary | null, 'extension-page'>;
  /** UI -> background: the stored settings. */
  'settings/get': Route<Record<string, never>, Settings, 'extension-page'>;
  /** UI -> background: change some settings; answers the settings now in force. */
  'settings/set': Route<Partial<Settings>, Settings, 'extension-page'>;
}

export const CORE_SENDERS: SenderRules<CoreRoutes> = {
  'page/summary': 'content-script',
  'tab/summary': 'extension-page',
  'settings/get': 'extension-page',
  'settings/set': 'extension-page',
};
