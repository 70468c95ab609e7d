/** The stored form of a watchlist (stored.ts): packed entries read back as they were imported. */
import { describe, expect, it } from 'vitest';
import type { Watchlist } from '../../../src/engine/watchlist/entries';
import { parseWatchlistFile } from '../../../src/engine/watchlist/parse';
import { packWatchlist, unpackWatchlist } from '../../../src/engine/watchlist/stored';
import { generatedRows, watchlistCsv } from '../../support/watchlist-files';

const listOf = (entries: Watchlist['entries']): Watchlist => ({
  id: 'id-1',
  name: 'Partner',
  source: 'partner.csv',
  importedAt: '2026-12-07T00:00:00.000Z',
  entries,
});

describe('stored watchlists', () => {
  it('reads back every entry of an imported file, of every type, with its platform', () => {
    const entries = parseWatchlistFile(new TextEncoder().encode(watchlistCsv(generatedRows(5000))));
    const stored = packWatchlist(listOf(entries));
    expect(stored.count).toBe(5000);
    expect(unpackWatchlist(JSON.parse(JSON.stringify(stored)))).toEqual(listOf(entries));
  });

  it('keeps a platform label with a tab or line break in it on its own line', () => {
    const csv = 'type,value,platform\r\nhandle,@a_b,"Tele\tgram"\r\nhandle,@c_d,"We\nChat"\r\n';
    const entries = parseWatchlistFile(new TextEncoder().encode(csv));
    expect(unpackWatchlist(packWatchlist(listOf(entries)))?.entries).toEqual([
      { type: 'handle', value: 'a_b', platform: 'Tele gram' },
      { type: 'handle', value: 'c_d', platform: 'We Chat' },
    ]);
  });

  it('reads nothing from a value that is not a list', () => {
    for (const v of [null, 1, 'x', {}, { id: 'a' }, { id: 'a', name: 'b' }]) expect(unpackWatchlist(v)).toBeUndefined();
  });
});
