/**
 * A watchlist as `storage.local` keeps it: its entries packed into one string, a line per entry
 * (type, value, platform, tab-separated). Chrome converts a stored value object by object, so
 * 100,000 entry objects took ~2 s to write and ~1 s to read back per list at a load of ~6 on 2
 * cores; one string of the same entries moves in a fraction of that. Lists stored by the first
 * version (an `entries` array) still read.
 */
import { WATCH_TYPES, type Watchlist, type WatchEntry, type WatchType } from './entries';

/** The stored form of a list. */
export interface StoredWatchlist {
  id: string;
  name: string;
  source: string;
  importedAt: string;
  /** How many entries `packed` holds (shown without unpacking). */
  count: number;
  packed: string;
}

/** Tabs and line breaks cannot occur in checked values; a platform label loses them. */
const field = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

export function packWatchlist(list: Watchlist): StoredWatchlist {
  const { id, name, source, importedAt, entries } = list;
  const packed = entries.map((e) => `${e.type}\t${field(e.value)}\t${field(e.platform ?? '')}`).join('\n');
  return { id, name, source, importedAt, count: entries.length, packed };
}

const TYPES = new Set<string>(WATCH_TYPES);

function unpackEntries(packed: string): WatchEntry[] {
  const entries: WatchEntry[] = [];
  for (const line of packed.split('\n')) {
    const [type, value, platform] = line.split('\t');
    if (!TYPES.has(type) || !value) continue;
    entries.push(platform ? { type: type as WatchType, value, platform } : { type: type as WatchType, value });
  }
  return entries;
}

/** A stored list read back, or undefined for a value that is not one. */
export function unpackWatchlist(raw: unknown): Watchlist | undefined {
  const o = raw as Partial<StoredWatchlist> & { entries?: unknown };
  if (!o || typeof o.id !== 'string' || typeof o.name !== 'string') return undefined;
  const common = {
    id: o.id,
    name: o.name,
    source: typeof o.source === 'string' ? o.source : '',
    importedAt: typeof o.importedAt === 'string' ? o.importedAt : '',
  };
  if (typeof o.packed === 'string') return { ...common, entries: unpackEntries(o.packed) };
  if (Array.isArray(o.entries)) return { ...common, entries: o.entries as WatchEntry[] };
  return undefined;
}
