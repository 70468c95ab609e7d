/**
 * Live matching of a page against the watchlists: the seller indicators detection found on the
 * page (read as the report reads them, capture-facts.ts) and the page's own host and its parent
 * domains, looked up in one index of every list's keys.
 */
import { sellerIndicator } from '../intel/capture-facts';
import { siteOf } from '../links/graph';
import { entryKey, type WatchEntry, type Watchlist, type WatchType } from './entries';

export interface WatchHit {
  list: string;
  type: WatchType;
  value: string;
  platform?: string;
}

export type WatchIndex = ReadonlyMap<string, { list: string; entry: WatchEntry }[]>;

export function buildWatchIndex(lists: readonly Watchlist[]): WatchIndex {
  const index = new Map<string, { list: string; entry: WatchEntry }[]>();
  for (const l of lists)
    for (const entry of l.entries) {
      const k = entryKey(entry);
      const at = index.get(k) ?? [];
      at.push({ list: l.name, entry });
      index.set(k, at);
    }
  return index;
}

/** The keys a found indicator is looked up under. */
function keysOf(raw: unknown): string[] {
  const s = sellerIndicator(raw);
  if (!s) return [];
  if (s.type === 'handle') return [entryKey({ type: 'handle', value: s.value.replace(/^@/, '') })];
  return [entryKey({ type: s.type, value: s.value })];
}

/** Watched indicators on a page: one hit per list and entry, in list order. */
export function matchWatchlists(
  index: WatchIndex,
  indicators: readonly unknown[],
  urls: readonly string[],
): WatchHit[] {
  if (index.size === 0) return [];
  const keys = new Set<string>();
  for (const raw of indicators) for (const k of keysOf(raw)) keys.add(k);
  for (const url of urls) {
    const host = siteOf(url);
    if (!host) continue;
    const parts = host.split('.');
    for (let i = 0; i < parts.length - 1; i++) keys.add(entryKey({ type: 'domain', value: parts.slice(i).join('.') }));
  }
  const hits: WatchHit[] = [];
  const seen = new Set<string>();
  for (const k of keys)
    for (const { list, entry } of index.get(k) ?? []) {
      const id = `${list}\u0000${k}`;
      if (seen.has(id)) continue;
      seen.add(id);
      hits.push({
        list,
        type: entry.type,
        value: entry.value,
        ...(entry.platform ? { platform: entry.platform } : {}),
      });
    }
  return hits.sort((a, b) => a.list.localeCompare(b.list) || a.value.localeCompare(b.value));
}
