/**
 * The stored watchlists (watchlist-store.ts): a list is stored whole or not at all, the lists
 * together stay within MAX_STORED_ENTRIES, and a browser that cannot store (a full disk) leaves
 * the lists as they were with a clear reason.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Watchlist, WatchEntry } from '../../src/engine/watchlist/entries';
import { MAX_STORED_ENTRIES, MAX_WATCHLIST_ENTRIES } from '../../src/engine/watchlist/limits';

const fake = vi.hoisted(() => {
  const local = new Map<string, unknown>();
  const state = { failWrites: '' };
  return {
    local,
    state,
    browser: {
      storage: {
        local: {
          async get(key: string) {
            return local.has(key) ? { [key]: structuredClone(local.get(key)) } : {};
          },
          async set(items: Record<string, unknown>) {
            if (state.failWrites) throw new Error(state.failWrites);
            for (const [k, v] of Object.entries(items)) local.set(k, structuredClone(v));
          },
        },
        onChanged: { addListener() {} },
      },
    },
  };
});
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { loadWatchlists, saveWatchlist, removeWatchlist } = await import('../../src/browser/watchlist-store');

function list(name: string, size: number): Watchlist {
  const entries: WatchEntry[] = Array.from({ length: size }, (_, i) => ({ type: 'handle', value: `${name}_${i}` }));
  return { id: `id-${name}`, name, source: `${name}.csv`, importedAt: '2026-12-07T00:00:00.000Z', entries };
}

const stored = async () => (await loadWatchlists()).map((l) => [l.name, l.entries.length]);

beforeEach(() => {
  fake.local.clear();
  fake.state.failWrites = '';
});

describe('stored watchlists', () => {
  it('keeps lists up to the total, replacing a list of the same name', async () => {
    await saveWatchlist(list('a', MAX_WATCHLIST_ENTRIES));
    await saveWatchlist(list('b', MAX_WATCHLIST_ENTRIES));
    await saveWatchlist(list('c', MAX_STORED_ENTRIES - 2 * MAX_WATCHLIST_ENTRIES));
    // A new version of "a" replaces it: the total is counted without the old one.
    await saveWatchlist(list('a', MAX_WATCHLIST_ENTRIES));
    expect(await stored()).toEqual([
      ['b', MAX_WATCHLIST_ENTRIES],
      ['c', MAX_STORED_ENTRIES - 2 * MAX_WATCHLIST_ENTRIES],
      ['a', MAX_WATCHLIST_ENTRIES],
    ]);
  });

  it('refuses a list past the total, keeping the lists as they were', async () => {
    await saveWatchlist(list('a', MAX_WATCHLIST_ENTRIES));
    await saveWatchlist(list('b', MAX_WATCHLIST_ENTRIES));
    const before = await stored();
    await expect(saveWatchlist(list('c', MAX_STORED_ENTRIES - 2 * MAX_WATCHLIST_ENTRIES + 1))).rejects.toThrow(
      'the watchlists would hold 250,001 indicators together (200,000 already, 50,001 in this file); at most ' +
        '250,000 can be kept. Remove a list first. Nothing was imported.',
    );
    expect(await stored()).toEqual(before);
    await removeWatchlist('id-b');
    await saveWatchlist(list('c', MAX_STORED_ENTRIES - 2 * MAX_WATCHLIST_ENTRIES + 1));
    expect(await stored()).toEqual([
      ['a', MAX_WATCHLIST_ENTRIES],
      ['c', MAX_STORED_ENTRIES - 2 * MAX_WATCHLIST_ENTRIES + 1],
    ]);
  });

  it('says so when the browser cannot store, and nothing changes', async () => {
    await saveWatchlist(list('a', 10));
    fake.state.failWrites = 'QuotaExceededError: the disk is full';
    await expect(saveWatchlist(list('b', 10))).rejects.toThrow(
      'the browser could not store it (QuotaExceededError: the disk is full). Nothing was imported.',
    );
    expect(await stored()).toEqual([['a', 10]]);
  });
});

describe('the stored form', () => {
  it('keeps each list as one packed string, and reads lists stored as entry arrays', async () => {
    await saveWatchlist(list('a', 3));
    const [kept] = fake.local.get('watchlists') as { count: number; packed: string; entries?: unknown }[];
    expect(kept).toMatchObject({ count: 3, packed: 'handle\ta_0\t\nhandle\ta_1\t\nhandle\ta_2\t' });
    expect(kept.entries).toBeUndefined();
    // A list as the first version stored it: entries as objects.
    fake.local.set('watchlists', [{ ...list('old', 2), entries: list('old', 2).entries }]);
    expect(await loadWatchlists()).toEqual([list('old', 2)]);
    await saveWatchlist(list('b', 1));
    expect(await stored()).toEqual([
      ['old', 2],
      ['b', 1],
    ]);
    expect((fake.local.get('watchlists') as { packed?: string }[]).every((l) => typeof l.packed === 'string')).toBe(
      true,
    );
  });
});
