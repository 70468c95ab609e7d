/**
 * Watchlists kept in this browser: `storage.local` key `watchlists`, the whole set written in one
 * call, so a list is stored whole or not at all. storage.local has no quota with the manifest's
 * unlimitedStorage in Chrome and none for extensions in Firefox (an IndexedDB database in the
 * profile); the total is bounded by MAX_STORED_ENTRIES. The options page imports and deletes
 * lists; the background reads them and follows changes.
 */
import browser from 'webextension-polyfill';
import { WatchlistError, type Watchlist } from '../engine/watchlist/entries';
import { checkStoredTotal } from '../engine/watchlist/limits';

export const WATCHLISTS_KEY = 'watchlists';

function isWatchlist(v: unknown): v is Watchlist {
  const w = v as Watchlist;
  return !!w && typeof w.id === 'string' && typeof w.name === 'string' && Array.isArray(w.entries);
}

/** The stored watchlists (an unreadable value reads as none). */
export async function loadWatchlists(): Promise<Watchlist[]> {
  const raw = (await browser.storage.local.get(WATCHLISTS_KEY))[WATCHLISTS_KEY];
  return Array.isArray(raw) ? raw.filter(isWatchlist) : [];
}

/**
 * Adds a list, replacing one of the same name; throws WatchlistError (the stored lists unchanged)
 * when the lists together would be too many or the browser cannot store them (a full disk).
 */
export async function saveWatchlist(list: Watchlist): Promise<Watchlist[]> {
  const kept = (await loadWatchlists()).filter((l) => l.name !== list.name);
  checkStoredTotal(kept, list);
  const lists = [...kept, list];
  try {
    await browser.storage.local.set({ [WATCHLISTS_KEY]: lists });
  } catch (e) {
    throw new WatchlistError(`the browser could not store it (${(e as Error).message}). Nothing was imported.`);
  }
  return lists;
}

export async function removeWatchlist(id: string): Promise<Watchlist[]> {
  const lists = (await loadWatchlists()).filter((l) => l.id !== id);
  await browser.storage.local.set({ [WATCHLISTS_KEY]: lists });
  return lists;
}

/** Calls `onChange` with the new lists whenever they change (in any context). */
export function followWatchlists(onChange: (lists: Watchlist[]) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(WATCHLISTS_KEY in changes)) return;
    const v = changes[WATCHLISTS_KEY].newValue;
    onChange(Array.isArray(v) ? v.filter(isWatchlist) : []);
  });
}
