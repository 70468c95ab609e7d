/**
 * Watchlists kept in this browser: `storage.local` key `watchlists`, the whole set written in one
 * call, so a list is stored whole or not at all. The options page imports and deletes lists; the
 * background reads them and follows changes.
 */
import browser from 'webextension-polyfill';
import type { Watchlist } from '../engine/watchlist/entries';

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

/** Adds a list, replacing one of the same name. */
export async function saveWatchlist(list: Watchlist): Promise<Watchlist[]> {
  const lists = [...(await loadWatchlists()).filter((l) => l.name !== list.name), list];
  await browser.storage.local.set({ [WATCHLISTS_KEY]: lists });
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
