/**
 * The limits of a watchlist file (limits.ts), on generated files of the real formats: CSV rows
 * and STIX bundles written by `wildtrace report`'s own writer. A file over a limit is refused
 * whole with a reason that names the limit.
 */
import { describe, expect, it } from 'vitest';
import { WatchlistError } from '../../../src/engine/watchlist/entries';
import { MAX_WATCHLIST_BYTES, MAX_WATCHLIST_ENTRIES } from '../../../src/engine/watchlist/limits';
import { parseWatchlistFile } from '../../../src/engine/watchlist/parse';
import { generatedRows, watchlistCsv, watchlistStix, type CsvRow } from '../../support/watchlist-files';

const bytes = (s: string) => new TextEncoder().encode(s);
/** Handles are the cheapest entries to check: the entry limit is tested on them. */
const handles = (n: number, from = 0): CsvRow[] =>
  Array.from({ length: n }, (_, i) => ['handle', `@seller_${from + i}`, 'Telegram']);

function refusal(file: Uint8Array): string {
  try {
    parseWatchlistFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(WatchlistError);
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('watchlist limits', () => {
  it('takes a STIX bundle of tens of thousands of indicators (past the old 8 MB limit)', async () => {
    const rows = generatedRows(25_000); // 20,000 phones, handles, wallets and e-mails; domains are not in bundles
    const file = bytes(await watchlistStix(rows));
    expect(file.length).toBeGreaterThan(8 * 1024 * 1024);
    const entries = parseWatchlistFile(file);
    expect(entries).toHaveLength(20_000);
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set(['phone', 'handle', 'wallet', 'email']));
  });

  it('lets a full list through in the size of a STIX bundle as `wildtrace report` writes it', async () => {
    const sample = bytes(await watchlistStix(generatedRows(1250))); // 1,000 indicators
    const perIndicator = sample.length / 1000;
    expect(perIndicator * MAX_WATCHLIST_ENTRIES).toBeLessThan(MAX_WATCHLIST_BYTES);
  });

  it('refuses a file over the size limit before reading it', () => {
    const message = refusal(new Uint8Array(MAX_WATCHLIST_BYTES + 1));
    expect(message).toBe(
      'the file is 97 MB; a watchlist file may be at most 96 MB. Split it into several lists. Nothing was imported.',
    );
  });

  it('takes exactly the entry limit, counting a repeated indicator once', () => {
    const rows = handles(MAX_WATCHLIST_ENTRIES);
    const entries = parseWatchlistFile(bytes(watchlistCsv([...rows, ...rows.slice(0, 10)])));
    expect(entries).toHaveLength(MAX_WATCHLIST_ENTRIES);
  });

  it('refuses one indicator over the entry limit, saying how many the file holds', () => {
    const message = refusal(bytes(watchlistCsv(handles(MAX_WATCHLIST_ENTRIES + 1))));
    expect(message).toBe(
      'the file holds 100,001 indicators; a watchlist may hold at most 100,000. Split it into several lists. ' +
        'Nothing was imported.',
    );
  });

  it('quotes the first five bad lines of a file of bad lines and counts the rest', () => {
    const rows: CsvRow[] = Array.from({ length: 50_000 }, (_, i) => ['phone', String(i), '']);
    const message = refusal(bytes(watchlistCsv(rows)));
    expect(message).toMatch(/^some lines cannot be read: line 2: phone "0" must be international/);
    expect(message.match(/line \d+:/g)).toHaveLength(5);
    expect(message).toMatch(/; and 49,995 more\. Nothing was imported\.$/);
  });

  it('refuses a bundle with one bad object among thousands, naming it', async () => {
    const text = await watchlistStix(generatedRows(5000, [['email', 'not-an-address', '']]));
    expect(refusal(bytes(text))).toMatch(/^some objects cannot be read: object 4002 \(indicator--.*"not-an-address"/);
  });
});
