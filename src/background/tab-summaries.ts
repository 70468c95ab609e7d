import browser from 'webextension-polyfill';
import type { PageSummary, TabSummary } from '../engine/text/page-summary';

// Kept in storage.session so the summaries survive the service worker being stopped.
const key = (tabId: number) => `tab:${tabId}`;

interface StoredTab {
  top?: PageSummary;
  frames: Record<string, PageSummary>;
  updatedAt: string;
}

/** Records one frame's summary for a tab; the top frame (0) resets the tab on navigation. */
export async function recordFrameSummary(tabId: number, frameId: number, summary: PageSummary): Promise<void> {
  const got = await browser.storage.session.get(key(tabId));
  let tab = (got[key(tabId)] as StoredTab | undefined) ?? { frames: {}, updatedAt: '' };
  if (frameId === 0 && tab.top && tab.top.url !== summary.url) tab = { frames: {}, updatedAt: '' };
  tab.frames[String(frameId)] = summary;
  if (frameId === 0) tab.top = summary;
  tab.updatedAt = new Date().toISOString();
  await browser.storage.session.set({ [key(tabId)]: tab });
}

/** The tab's summary: the top frame's URL and title, with text totals over all its frames. */
export async function getTabSummary(tabId: number): Promise<TabSummary | null> {
  const got = await browser.storage.session.get(key(tabId));
  const tab = got[key(tabId)] as StoredTab | undefined;
  if (!tab) return null;
  const frames = Object.values(tab.frames);
  const top = tab.top ?? frames[0];
  return {
    tabId,
    url: top.url,
    title: top.title,
    textLength: frames.reduce((n, f) => n + f.textLength, 0),
    wordCount: frames.reduce((n, f) => n + f.wordCount, 0),
    frames: frames.length,
    updatedAt: tab.updatedAt,
  };
}

/** Forgets a closed tab. */
export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}
