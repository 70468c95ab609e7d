/**
 * Remembers, per tab, the URL a navigation was asked for (before redirects), from
 * tabs.onUpdated: the first URL seen when the tab starts loading (Chrome's pendingUrl). Kept in
 * storage.session so a restarted worker still knows it; empty when the extension did not see
 * the navigation start.
 */
import browser, { type Tabs } from 'webextension-polyfill';

const KEY = 'capture/requestedUrls';

async function readAll(): Promise<Record<string, string>> {
  const area = browser.storage.session ?? browser.storage.local;
  return ((await area.get(KEY))[KEY] as Record<string, string> | undefined) ?? {};
}

async function writeAll(map: Record<string, string>): Promise<void> {
  const area = browser.storage.session ?? browser.storage.local;
  await area.set({ [KEY]: map });
}

let queue: Promise<unknown> = Promise.resolve();
const serial = (f: () => Promise<void>) => (queue = queue.then(f, f));

/** Starts tracking (call once in the background's main). */
export function installRequestedUrlTracking(): void {
  browser.tabs.onUpdated.addListener((tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => {
    if (change.status !== 'loading') return;
    const url = (tab as Tabs.Tab & { pendingUrl?: string }).pendingUrl ?? change.url ?? tab.url;
    if (!url) return;
    void serial(async () => {
      const all = await readAll();
      all[String(tabId)] = url;
      await writeAll(all);
    });
  });
  browser.tabs.onRemoved.addListener(
    (tabId: number) =>
      void serial(async () => {
        const all = await readAll();
        delete all[String(tabId)];
        await writeAll(all);
      }),
  );
}

/** The URL requested for the tab's current page, or '' when unknown. */
export async function requestedUrlOf(tabId: number): Promise<string> {
  await queue;
  return (await readAll())[String(tabId)] ?? '';
}
