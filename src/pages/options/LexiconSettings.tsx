import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { activeLexicon } from '../../browser/lexicon/active-lexicon';
import { clearAgencyAsset, putAgencyAsset } from '../../browser/lexicon/agency-asset-store';
import { sendToBackground } from '../../messaging/send';
import type { LexiconInfo } from '../../messaging/routes/lexicon';
import { runImport } from './run-import';

type Busy = { phase: string; done: number } | null;

/** The lexicon in use (version, counts, credit) and the agency's imports into it. */
export function LexiconSettings() {
  const [info, setInfo] = useState<LexiconInfo>();
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState('');
  const [listName, setListName] = useState('');

  useEffect(() => {
    sendToBackground('lexicon/info', {}).then(setInfo, (e: Error) => setStatus(e.message));
  }, []);

  const importFile = async (kind: 'checklist' | 'keywords', input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const name = kind === 'keywords' ? listName.trim() || file.name.replace(/\.[^.]+$/, '') : file.name;
    setStatus('');
    setBusy({ phase: 'read', done: 0 });
    try {
      const current = await activeLexicon({ withDetails: true });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const update = kind === 'checklist' ? { kind, fileName: name, bytes } : { kind, listName: name, bytes };
      const result = await runImport(current.bytes, update, (phase, done) => setBusy({ phase, done }));
      await putAgencyAsset({ bytes: result.asset, imports: [...current.imports, result.record] });
      setInfo(await sendToBackground('lexicon/changed', {}));
      setStatus(t('lexiconImported', name));
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
  return (
    <section aria-labelledby="lexicon-heading">
      <h2 id="lexicon-heading">{t('lexiconTitle')}</h2>
      {info && counts && (
        <dl class="summary" data-testid="lexicon-info">
          <dt>{t('lexiconSource')}</dt>
          <dd data-testid="lexicon-source">{info.source === 'agency' ? t('lexiconSourceAgency') : t('lexiconSourceBundled')}</dd>
          <dt>{t('lexiconChecklist')}</dt>
          <dd>{`${info.version.checklist.file} (${info.version.checklist.date || '—'})`}</dd>
          <dt>{t('lexiconTaxa')}</dt>
          <dd data-testid="lexicon-taxa">{counts.taxa.toLocaleString()}</dd>
          <dt>{t('lexiconNames')}</dt>
          <dd>{Object.entries(counts.namesByKind).map(([k, n]) => `${k} ${n.toLocaleString()}`).join(' · ')}</dd>
          <dt>{t('lexiconLanguages')}</dt>
          <dd>{Object.entries(counts.namesByLang).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k || '?'} ${n.toLocaleString()}`).join(' · ')}</dd>
          <dt>{t('lexiconHash')}</dt>
          <dd><code>{info.contentHash.slice(0, 16)}</code></dd>
          {info.imports.length > 0 && (
            <>
              <dt>{t('lexiconImports')}</dt>
              <dd><ul>{info.imports.map((i) => <li>{`${i.at.slice(0, 10)} · ${i.kind} · ${i.name}`}</li>)}</ul></dd>
            </>
          )}
        </dl>
      )}
      <label>
        {t('lexiconImportChecklist')}
        <input type="file" accept=".csv,.gz,text/csv" disabled={!!busy} data-testid="import-checklist"
          onChange={(e) => void importFile('checklist', e.currentTarget)} />
      </label>
      <label>
        {t('lexiconListName')}
        <input type="text" value={listName} onInput={(e) => setListName(e.currentTarget.value)} />
      </label>
      <label>
        {t('lexiconImportKeywords')}
        <input type="file" accept=".csv,.json,text/csv,application/json" disabled={!!busy} data-testid="import-keywords"
          onChange={(e) => void importFile('keywords', e.currentTarget)} />
      </label>
      {busy && (
        <p>
          <progress max={1} value={busy.done} /> {t('lexiconProgress', busy.phase)}
        </p>
      )}
      {info?.source === 'agency' && <button type="button" disabled={!!busy} onClick={() => void reset()}>{t('lexiconResetButton')}</button>}
      <p class="status" role="status" data-testid="lexicon-status">{status}</p>
      <p class="muted">{t('dataCredit')}</p>
    </section>
  );
}
