import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { activeLexicon } from '../../browser/lexicon/active-lexicon';
import { clearAgencyAsset, putAgencyAsset } from '../../browser/lexicon/agency-asset-store';
import { appendicesDate, isStale, lastChecklistImport } from '../../engine/lexicon/freshness';
import { MAX_IMPORT_BYTES, MAX_KEYWORD_LIST_BYTES } from '../../engine/lexicon/import-limits';
import { sendToBackground } from '../../messaging/send';
import type { LexiconInfo } from '../../messaging/routes/lexicon';
import { runImport } from './run-import';

type Busy = { phase: string; done: number } | null;

/** The fragment the stale-data notices (here and on the welcome page) link to. */
const IMPORT_ANCHOR = 'lexicon-import';

/**
 * The lexicon in use (version, how current its Appendices are, counts, credit) and the agency's
 * imports into it. Data more than a year old gets a notice pointing to the checklist import.
 */
export function LexiconSettings() {
  const [info, setInfo] = useState<LexiconInfo>();
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState('');
  const [listName, setListName] = useState('');

  useEffect(() => {
    sendToBackground('lexicon/info', {}).then(setInfo, (e: Error) => setStatus(e.message));
  }, []);

  // Arriving from the welcome page's notice (options.html#lexicon-import): the import controls
  // exist only once the lexicon info is in, after the browser looked for the fragment.
  useEffect(() => {
    if (info && location.hash === `#${IMPORT_ANCHOR}`) document.getElementById(IMPORT_ANCHOR)?.focus();
  }, [info]);

  const importFile = async (kind: 'checklist' | 'keywords', input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const name = kind === 'keywords' ? listName.trim() || file.name.replace(/\.[^.]+$/, '') : file.name;
    // Refused before it is read: a gzip file is never larger than what it unpacks to.
    const limit = kind === 'keywords' ? MAX_KEYWORD_LIST_BYTES : MAX_IMPORT_BYTES;
    if (file.size > limit) {
      const mb = (n: number) => String(Math.round((n / 1024 / 1024) * 10) / 10);
      setStatus(t('lexiconFileTooLarge', [file.name, mb(file.size), mb(limit)]));
      return;
    }
    setStatus('');
    setBusy({ phase: 'read', done: 0 });
    try {
      const current = await activeLexicon({ withDetails: true });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const update = kind === 'checklist' ? { kind, fileName: name, bytes } : { kind, listName: name, bytes };
      const result = await runImport(current.bytes, update, (phase, done) => setBusy({ phase, done }));
      await putAgencyAsset({ bytes: result.asset, imports: [...current.imports, result.record] });
      setInfo(await sendToBackground('lexicon/changed', {}));
      const dup = result.record.duplicates;
      const more = dup && dup.count > dup.examples.length ? ', …' : '';
      const examples = dup?.examples.map((e) => `"${e}"`).join(', ') + more;
      setStatus(dup ? t('lexiconImportedDuplicates', [name, String(dup.count), examples]) : t('lexiconImported', name));
    } catch (err) {
      // The importer says exactly what is wrong; the lexicon in use was not touched.
      setStatus(t('lexiconImportFailed', (err as Error).message));
    } finally {
      setBusy(null);
    }
  };

  const reset = async () => {
    await clearAgencyAsset();
    setInfo(await sendToBackground('lexicon/changed', {}));
    setStatus(t('lexiconReset'));
  };

  const counts = info?.version.counts;
  const names = counts ? Object.values(counts.namesByKind).reduce((a, b) => a + b, 0) : 0;
  const byKind = counts ? Object.entries(counts.namesByKind).sort((a, b) => b[1] - a[1]) : [];
  const byLang = counts ? Object.entries(counts.namesByLang).sort((a, b) => b[1] - a[1]) : [];
  const undated = info ? lastChecklistImport(info.imports) : '';
  const amendedTo = info ? appendicesDate(info.version, undated) : '';
  const stale = !!info && isStale(info.version, new Date(), undated);
  const amendments = info?.version.amendments;
  return (
    <section class="section" aria-labelledby="lexicon-heading">
      <h2 id="lexicon-heading">{t('lexiconTitle')}</h2>
      <p class="section-help">{t('lexiconHelp')}</p>
      {stale && (
        <div class="card warn" data-testid="lexicon-stale">
          <p>{t('lexiconStale', amendedTo || t('lexiconDateUnknown'))}</p>
          <a href={`#${IMPORT_ANCHOR}`}>{t('lexiconStaleLink')}</a>
        </div>
      )}
      {info && counts && (
        <>
          <dl class="facts" data-testid="lexicon-info">
            <dt>{t('lexiconSource')}</dt>
            <dd data-testid="lexicon-source">
              {info.source === 'agency' ? t('lexiconSourceAgency') : t('lexiconSourceBundled')}
            </dd>
            <dt>{t('lexiconChecklist')}</dt>
            <dd data-testid="lexicon-checklist">
              {info.version.checklist.date || '—'} <span class="muted small">({info.version.checklist.file})</span>
            </dd>
            <dt>{t('lexiconAmendedTo')}</dt>
            <dd data-testid="lexicon-amended-to">{amendedTo || t('lexiconDateUnknown')}</dd>
            <dt>{t('lexiconAmendments')}</dt>
            <dd data-testid="lexicon-amendments">
              {amendments?.meetings.length ? (
                <>
                  <ul class="plain-list">
                    {amendments.meetings.map((m) => (
                      <li key={m.meeting}>
                        {t('lexiconAmendmentMeeting', [m.meeting, m.rows.toLocaleString(), m.inForce.join(', ')])}
                      </li>
                    ))}
                  </ul>
                  <span class="muted small">({amendments.file})</span>
                </>
              ) : (
                t('lexiconAmendmentsNone')
              )}
            </dd>
            <dt>{t('lexiconTaxa')}</dt>
            <dd data-testid="lexicon-taxa">{counts.taxa.toLocaleString()}</dd>
            <dt>{t('lexiconNamesTotal')}</dt>
            <dd>{t('lexiconNamesSummary', [names.toLocaleString(), String(byLang.length)])}</dd>
            <dt>{t('lexiconHash')}</dt>
            <dd>
              <code>{info.contentHash.slice(0, 16)}</code>
            </dd>
          </dl>
          <details class="disclosure" data-testid="lexicon-details">
            <summary>{t('lexiconDetails')}</summary>
            <div class="count-tables">
              <CountTable caption={t('lexiconNames')} head={t('lexiconKind')} rows={byKind} />
              <CountTable caption={t('lexiconLanguages')} head={t('lexiconLanguage')} rows={byLang} />
            </div>
          </details>
          {info.imports.length > 0 && (
            <>
              <h3>{t('lexiconImports')}</h3>
              <ul class="imports">
                {info.imports.map((i) => (
                  <li key={`${i.at}:${i.name}`}>{`${i.at.slice(0, 10)} · ${i.kind} · ${i.name}`}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <h3 id={IMPORT_ANCHOR} tabIndex={-1}>
        {t('lexiconImportTitle')}
      </h3>
      <label>
        {t('lexiconImportChecklist')}
        <input
          type="file"
          accept=".csv,.gz,text/csv"
          disabled={!!busy}
          data-testid="import-checklist"
          onChange={(e) => void importFile('checklist', e.currentTarget)}
        />
      </label>
      <label>
        {t('lexiconListName')}
        <input type="text" name="listName" value={listName} onInput={(e) => setListName(e.currentTarget.value)} />
      </label>
      <label>
        {t('lexiconImportKeywords')}
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
          disabled={!!busy}
          data-testid="import-keywords"
          onChange={(e) => void importFile('keywords', e.currentTarget)}
        />
      </label>
      {busy && (
        <div class="import-progress">
          <progress max={1} value={busy.done} aria-label={t('lexiconProgress', busy.phase)} />
          <p class="small">{t('lexiconProgress', busy.phase)}</p>
        </div>
      )}
      {info?.source === 'agency' && (
        <button type="button" disabled={!!busy} onClick={() => void reset()}>
          {t('lexiconResetButton')}
        </button>
      )}
      <p class="status" role="status" data-testid="lexicon-status">
        {status}
      </p>
    </section>
  );
}

/** Names counted by one key (kind or language), largest first, with the key's header. */
function CountTable({ caption, head, rows }: { caption: string; head: string; rows: [string, number][] }) {
  return (
    <table class="table count-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" class="num">
            {t('lexiconCount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([k, n]) => (
          <tr key={k}>
            <td>{k || '?'}</td>
            <td class="num">{n.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
