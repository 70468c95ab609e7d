import browser from 'webextension-polyfill';

/**
 * The tab the officer is looking at. A page opened as its own tab (tests, or the side panel
 * opened full-size) may name its target with `?tab=ID`.
 */
export async function activeTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}
