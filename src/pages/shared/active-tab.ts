import browser from 'webextension-polyfill';

/**
 * The tab the officer is looking at. A page opened as its own tab (tests, or the side panel
 * opened full-size) may name its target with `?tab=ID` or `?url=ADDRESS`.
 */
export async function activeTabId(): Promise<number | undefined> {
  const query = new URLSearchParams(location.search);
  const fromQuery = Number(query.get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const url = query.get('url');
  // Match patterns cannot hold a port in every browser, so compare the addresses themselves.
  if (url) return (await browser.tabs.query({})).find((tab) => tab.url === url)?.id;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}
