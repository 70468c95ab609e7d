import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { removeWatchlist, saveWatchlist, watchlistInfos, type WatchlistInfo } from '../../browser/watchlist-store';
import type { Watchlist } from '../../engine/watchlist/entries';
import { MAX_WATCHLIST_BYTES } from '../../engine/watchlist/limits';
import { parseWatchlistFile } from '../../engine/watchlist/parse';

/**
 * Resolves after the browser has painted the page's current state (the "Reading…" status), or
 * after 100 ms in a hidden tab, which paints no frames.
 */
const nextPaint = () =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        done();
      }, 0),
    );
  });

/**
 * Watchlists from partner agencies: a STIX 2.1 bundle or a CSV of indicators, imported under a
 * name and kept in this browser. The whole file is checked before anything is stored: a bad file
 * is refused with its reason and the lists stay as they were.
 */
export function WatchlistSettings() {
  const [lists, setLists] = useState<WatchlistInfo[]>([]);
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    watchlistInfos().then(setLists, (e: Error) => setStatus(e.message));
  }, []);

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const listName = name.trim() || file.name.replace(/\.[^.]+$/, '');
    if (file.size > MAX_WATCHLIST_BYTES) {
      setStatus(t('watchImportFailed', [file.name, t('watchTooLarge', String(MAX_WATCHLIST_BYTES / 1024 / 1024))]));
      return;
    }
    setBusy(true);
    // A list of 100,000 indicators takes seconds to check: say so before the page is busy with it.
    setStatus(t('watchReading', file.name));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      await nextPaint();
      const entries = parseWatchlistFile(bytes);
      const list: Watchlist = {
        id: crypto.randomUUID(),
        name: listName,
        source: file.name,
        importedAt: new Date().toISOString(),
        entries,
      };
      setLists(await saveWatchlist(list));
      setName('');
      setStatus(t('watchImported', [listName, entries.length.toLocaleString()]));
    } catch (err) {
      setStatus(t('watchImportFailed', [file.name, (err as Error).message]));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (list: WatchlistInfo) => {
    try {
      setLists(await removeWatchlist(list.id));
      setStatus(t('watchRemoved', list.name));
    } catch (err) {
      setStatus((err as Error).message);
    }
  };

  return (
    <section class="section" aria-labelledby="watchlists-heading">
      <h2 id="watchlists-heading">{t('watchTitle')}</h2>
      <p class="section-help">{t('watchHelp')}</p>
      {lists.length > 0 ? (
        <ul class="plain-list stack watchlists" data-testid="watchlists">
          {lists.map((l) => (
            <li key={l.id} class="row">
              <span>
                <strong>{l.name}</strong>{' '}
                <span class="muted small">
                  {t('watchListFacts', [l.count.toLocaleString(), l.source, l.importedAt.slice(0, 10)])}
                </span>
              </span>
              <button type="button" onClick={() => void remove(l)} aria-label={t('watchRemove', l.name)}>
                {t('watchRemoveShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('watchNone')}</p>
      )}
      <label>
        {t('watchName')}
        <input type="text" name="watchlistName" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('watchImport')}
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          disabled={busy}
          data-testid="import-watchlist"
          onChange={(e) => void importFile(e.currentTarget)}
        />
      </label>
      <p class="status" role="status" data-testid="watchlist-status">
        {status}
      </p>
    </section>
  );
}
