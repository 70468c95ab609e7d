/**
 * Live matching of a page against the watchlists: the seller indicators detection found on the
 * page (read as the report reads them, capture-facts.ts) and the page's own host and its parent
 * domains, looked up in one index of every list's keys.
 */
import { sellerIndicator } from '../intel/capture-facts';
import { siteOf } from '../links/graph';
import { comparableValue, entryKey, type WatchEntry, type Watchlist, type WatchType } from './entries';

export interface WatchHit {
  list: string;
  type: WatchType;
  value: string;
  platform?: string;
}

/** One entry of one list. */
interface Watched {
  list: string;
  entry: WatchEntry;
}

/**
 * Every list's entries by type and matched value (entryKey without its type). A value on one list
 * only (nearly all) is held as its Watched alone, no array: a list of 250,000 entries costs the
 * background under 100 bytes an entry beside the stored entries (bench/watchlist.bench.ts).
 */
export interface WatchIndex {
  /** How many entries the lists hold together. */
  readonly size: number;
  readonly byType: ReadonlyMap<WatchType, ReadonlyMap<string, Watched | Watched[]>>;
}

export function buildWatchIndex(lists: readonly Watchlist[]): WatchIndex {
  const byType = new Map<WatchType, Map<string, Watched | Watched[]>>();
  let size = 0;
  for (const l of lists)
    for (const entry of l.entries) {
      let values = byType.get(entry.type);
      if (!values) byType.set(entry.type, (values = new Map()));
      const value = comparableValue(entry.type, entry.value);
      const watched = { list: l.name, entry };
      const at = values.get(value);
      values.set(value, at === undefined ? watched : Array.isArray(at) ? [...at, watched] : [at, watched]);
      size++;
    }
  return { size, byType };
}

function lookUp(index: WatchIndex, key: string): readonly Watched[] {
  const colon = key.indexOf(':');
  const at = index.byType.get(key.slice(0, colon) as WatchType)?.get(key.slice(colon + 1));
  return at === undefined ? [] : Array.isArray(at) ? at : [at];
}

/**
 * Indicator types that can be a seller's (capture-facts.ts); the rest (prices, carriers, payment
 * channels, a third of a listing page's indicators) are skipped before the costlier reading.
 */
const SELLER_TYPES = new Set(['phone', 'email', 'crypto', 'messenger', 'social', 'handle']);

/** The keys a found indicator is looked up under. */
function keysOf(raw: unknown): string[] {
  const type = (raw as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && !SELLER_TYPES.has(type)) return [];
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
    for (const { list, entry } of lookUp(index, k)) {
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
