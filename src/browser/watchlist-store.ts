/**
 * Watchlists kept in this browser: `storage.local` key `watchlists`, each list with its entries
 * packed into one string (engine/watchlist/stored.ts), the whole set written in one call, so a
 * list is stored whole or not at all. storage.local has no quota with the manifest's
 * unlimitedStorage in Chrome and none for extensions in Firefox (an IndexedDB database in the
 * profile); the total is bounded by MAX_STORED_ENTRIES. The options page imports and deletes
 * lists; the background reads them and follows changes.
 */
import browser from 'webextension-polyfill';
import { WatchlistError, type Watchlist } from '../engine/watchlist/entries';
import { checkStoredTotal } from '../engine/watchlist/limits';
import { packWatchlist, unpackWatchlist, type StoredWatchlist } from '../engine/watchlist/stored';

export const WATCHLISTS_KEY = 'watchlists';

/** A kept list as the options page shows it: without its entries. */
export type WatchlistInfo = Omit<StoredWatchlist, 'packed'>;

const info = ({ packed: _, ...rest }: StoredWatchlist): WatchlistInfo => rest;

function isStored(v: unknown): v is StoredWatchlist {
  const s = v as StoredWatchlist;
  return (
    !!s &&
    typeof s.id === 'string' &&
    typeof s.name === 'string' &&
    typeof s.source === 'string' &&
    typeof s.importedAt === 'string' &&
    typeof s.count === 'number' &&
    typeof s.packed === 'string'
  );
}

/** The stored lists in their stored form (an unreadable value reads as none; old forms are packed). */
function storedForm(raw: unknown): StoredWatchlist[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((v: unknown) => {
    if (isStored(v)) return [v];
    const old = unpackWatchlist(v);
    return old ? [packWatchlist(old)] : [];
  });
}

async function readStored(): Promise<StoredWatchlist[]> {
  return storedForm((await browser.storage.local.get(WATCHLISTS_KEY))[WATCHLISTS_KEY]);
}

/** Writes the lists in one call: all of them are stored, or none changes. */
async function writeStored(lists: StoredWatchlist[]): Promise<WatchlistInfo[]> {
  await browser.storage.local.set({ [WATCHLISTS_KEY]: lists });
  return lists.map(info);
}

/** The stored watchlists with their entries (the background's index). */
export async function loadWatchlists(): Promise<Watchlist[]> {
  return (await readStored()).map((s) => unpackWatchlist(s)!);
}

/** The stored watchlists without their entries (the options page's list). */
export async function watchlistInfos(): Promise<WatchlistInfo[]> {
  return (await readStored()).map(info);
}

/**
 * Adds a list, replacing one of the same name; throws WatchlistError (the stored lists unchanged)
 * when the lists together would be too many or the browser cannot store them (a full disk).
 */
export async function saveWatchlist(list: Watchlist): Promise<WatchlistInfo[]> {
  const kept = (await readStored()).filter((l) => l.name !== list.name);
  checkStoredTotal(kept, list.entries.length);
  try {
    return await writeStored([...kept, packWatchlist(list)]);
  } catch (e) {
    throw new WatchlistError(`the browser could not store it (${(e as Error).message}). Nothing was imported.`);
  }
}

/** Removes a list; a failed write throws the browser's error and leaves the lists as they were. */
export async function removeWatchlist(id: string): Promise<WatchlistInfo[]> {
  return writeStored((await readStored()).filter((l) => l.id !== id));
}

/** Calls `onChange` with the new lists whenever they change (in any context). */
export function followWatchlists(onChange: (lists: Watchlist[]) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(WATCHLISTS_KEY in changes)) return;
    onChange(storedForm(changes[WATCHLISTS_KEY].newValue).map((s) => unpackWatchlist(s)!));
  });
}
