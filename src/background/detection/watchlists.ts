/**
 * The watchlists live detection checks pages against: one index of every stored list, loaded when
 * the worker starts and rebuilt when the options page changes the lists. Matching happens in the
 * worker only; the page is never told (covert mode is unchanged).
 */
import { buildWatchIndex, matchWatchlists, type WatchHit, type WatchIndex } from '../../engine/watchlist/match';
import { followWatchlists, loadWatchlists } from '../../browser/watchlist-store';

let index: WatchIndex = buildWatchIndex([]);
let loading: Promise<void> | undefined;

/** Loads the lists and follows their changes; `onChange` runs after each change is in. */
export function installWatchlists(onChange: () => void): Promise<void> {
  // Tabs a restarted worker already knows are shown again once the lists are in (their badges).
  loading ??= loadWatchlists().then(
    (lists) => {
      index = buildWatchIndex(lists);
      if (index.size) onChange();
    },
    () => undefined,
  );
  followWatchlists((lists) => {
    index = buildWatchIndex(lists);
    onChange();
  });
  return loading;
}

/** Resolves once the stored lists are loaded (a worker woken by a page must not miss a hit). */
export function watchlistsReady(): Promise<void> {
  return loading ?? Promise.resolve();
}

/** Watched indicators among a page's indicators and addresses. */
export function watchHits(indicators: readonly unknown[], urls: readonly string[]): WatchHit[] {
  return matchWatchlists(index, indicators, urls);
}
