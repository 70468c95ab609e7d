/**
 * How much a watchlist may hold. A partner's STIX bundle carries tens of thousands of indicators
 * at about 730 bytes each as `wildtrace report` writes them (more with long descriptions), so the
 * file limit lets a full list of MAX_WATCHLIST_ENTRIES through with room to spare; the options
 * page reads the whole file while it imports it (about three times its size in memory). All the
 * lists together are one storage.local value and one lookup table in the background, hence the
 * cap on their total (bench/watchlist.bench.ts measures their memory and matching cost).
 */
import { WatchlistError } from './entries';

/** The largest watchlist file (bytes). */
export const MAX_WATCHLIST_BYTES = 96 * 1024 * 1024;
/** The most distinct indicators one list may hold. */
export const MAX_WATCHLIST_ENTRIES = 100_000;
/** The most indicators all the lists together may hold. */
export const MAX_STORED_ENTRIES = 250_000;

const count = (n: number) => n.toLocaleString('en');

/** Refuses a file over the size limit. */
export function checkFileSize(bytes: number): void {
  if (bytes > MAX_WATCHLIST_BYTES)
    throw new WatchlistError(
      `the file is ${count(Math.ceil(bytes / 1024 / 1024))} MB; a watchlist file may be at most ` +
        `${count(MAX_WATCHLIST_BYTES / 1024 / 1024)} MB. Split it into several lists. Nothing was imported.`,
    );
}

/** Refuses a list over the entry limit. */
export function checkEntryCount(entries: number): void {
  if (entries > MAX_WATCHLIST_ENTRIES)
    throw new WatchlistError(
      `the file holds ${count(entries)} indicators; a watchlist may hold at most ` +
        `${count(MAX_WATCHLIST_ENTRIES)}. Split it into several lists. Nothing was imported.`,
    );
}

/**
 * Refuses a list of `adding` entries when, with the lists kept, the total would pass
 * MAX_STORED_ENTRIES (a list of the same name is replaced, so it is not among `kept`).
 */
export function checkStoredTotal(kept: readonly { count: number }[], adding: number): void {
  const stored = kept.reduce((n, l) => n + l.count, 0);
  if (stored + adding > MAX_STORED_ENTRIES)
    throw new WatchlistError(
      `the watchlists would hold ${count(stored + adding)} indicators together (` +
        `${count(stored)} already, ${count(adding)} in this file); at most ` +
        `${count(MAX_STORED_ENTRIES)} can be kept. Remove a list first. Nothing was imported.`,
    );
}
