/**
 * Remembers, per tab, the URL a navigation was asked for (before redirects), from
 * tabs.onUpdated: the first URL seen when the tab starts loading (Chrome's pendingUrl). Kept in
 * storage.session so a restarted worker still knows it. A tab whose page was loaded before the
 * extension started (installed, enabled or allowed in private windows afterwards) has no such
 * record: the capture then says that the requested URL was not observed, instead of an empty field.
 */
import browser, { type Tabs } from 'webextension-polyfill';
import { REQUESTED_URL_NOT_OBSERVED, REQUESTED_URL_OBSERVED } from '../../engine/evidence/requested-url-method';

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

/** The requested URL of the tab's page for a capture record, with how it was known. */
export async function requestedUrlRecord(tabId: number): Promise<{ url: string; method: string }> {
  const url = await requestedUrlOf(tabId);
  return { url, method: url ? REQUESTED_URL_OBSERVED : REQUESTED_URL_NOT_OBSERVED };
}
