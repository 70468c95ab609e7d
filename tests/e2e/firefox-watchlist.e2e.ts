/**
 * Watchlists in firefox-esr (the Chromium run is watchlist.e2e.ts): CSV files imported on the
 * options page, bad ones refused whole with the lists kept as they were, a bulk list of 50,000
 * indicators stored in Firefox's storage.local, and the covert-probe page flagged in the badge,
 * the side panel and a capture's metadata while the page sees no trace of the extension.
 * The browser side runs in tests/e2e/firefox/watchlist-run.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_WATCHLIST_ENTRIES } from '../../src/engine/watchlist/limits';
import { REPO } from '../support/extension-harness';
import { FIREFOX, FIREFOX_BUILD } from '../support/firefox-harness';
import type { WatchlistRunOutcome } from './firefox/watchlist-run';

/** The phone the covert-probe page shows, and the bulk list's size (as watchlist-run.ts makes them). */
const WATCHED = '+12025550191';
const BULK_ENTRIES = 50_000;

const work = mkdtempSync(join(tmpdir(), 'wildtrace-ff-watchlist-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(): WatchlistRunOutcome {
  expect(existsSync(join(FIREFOX_BUILD, 'manifest.json')), 'run npx wxt build -b firefox first').toBe(true);
  const script = join(REPO, 'tests/e2e/firefox/watchlist-run.ts');
  const r = spawnSync(
    process.execPath,
    ['--experimental-websocket', '--no-warnings', '--import', 'tsx', script, work],
    {
      encoding: 'utf8',
      cwd: REPO,
      timeout: 230_000,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as WatchlistRunOutcome;
}

describe.skipIf(!existsSync(FIREFOX))('watchlists in firefox-esr', () => {
  it('imports through the options page, refuses bad files whole and flags a watched seller covertly', () => {
    const o = run();
    console.log(`firefox watchlist imports: ${JSON.stringify(o.imports.map(({ file, ms }) => ({ file, ms })))}`);
    const [bad, partner, bulk, mixed, tooMany] = o.imports;
    // A bad file first: its reason, and nothing stored.
    expect(bad.status).toMatch(/^bad\.csv was not imported: .*line 3: phone "555 0100" must be international/);
    expect(bad.stored).toBeNull();
    expect(partner.status).toBe('Watchlist "Partner ops" imported: 2 indicators.');
    expect(partner.stored).toEqual([['Partner ops', 2]]);
    // Firefox keeps a list of tens of thousands of indicators in storage.local.
    expect(bulk.status).toBe(`Watchlist "Partner bulk" imported: ${BULK_ENTRIES.toLocaleString('en')} indicators.`);
    const kept: [string, number][] = [
      ['Partner ops', 2],
      ['Partner bulk', BULK_ENTRIES],
    ];
    expect(bulk.stored).toEqual(kept);
    // One bad line among a thousand good ones, then a list over the limit: refused, lists as they were.
    expect(mixed.status).toMatch(/^mixed\.csv was not imported: .*line 1002: phone "0100" must be international/);
    expect(mixed.status).toMatch(/Nothing was imported\.$/);
    expect(mixed.stored).toEqual(kept);
    expect(tooMany.status).toMatch(
      new RegExp(`^too-many\\.csv was not imported: .*${MAX_WATCHLIST_ENTRIES.toLocaleString('en')}`),
    );
    expect(tooMany.stored).toEqual(kept);

    // Both lists flag the probe page's WhatsApp number: in the background, the badge and the panel.
    expect(o.hits).toEqual([
      { list: 'Partner bulk', type: 'phone', value: WATCHED },
      { list: 'Partner ops', type: 'phone', value: WATCHED },
    ]);
    expect(o.badge).toMatch(/^!\d+$/);
    expect(o.panelAlert).toMatch(new RegExp(`^On watchlist Partner bulk, Partner ops.*Phone\\s*\\${WATCHED}`));
    expect(o.captureWatchlists).toEqual(o.hits);

    // Covert mode holds in Firefox: no mutation, event, highlight, style, scroll, focus, global or
    // foreign resource, and the DOM is the page as served.
    expect(o.probe.problems).toEqual([]);
    expect(o.probe).toMatchObject({ clean: true, sourceChecked: true, highlightsMax: 0, globals: [] });
  }, 240_000);
});
