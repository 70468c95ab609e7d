import { useRef, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { evidenceStore } from '../../../browser/evidence-db/dexie-store';
import { exportAndDownload } from '../../../browser/evidence-db/case-download';
import type { ExportProgress } from '../../../engine/export/case-export';
import { sendToBackground } from '../../../messaging/send';
import { useEvidenceStorage } from '../../shared/use-evidence-storage';

/** Export of the whole case or the selected captures, with a progress bar and cancel. */
export function ExportControl({ caseId, selected, actor }: { caseId: string; selected: string[]; actor: string }) {
  const [progress, setProgress] = useState<ExportProgress>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const abort = useRef<AbortController>();
  const storage = useEvidenceStorage();
  const running = abort.current !== undefined && progress !== undefined && progress.phase !== 'done';

  const run = async (captureIds?: string[]) => {
    const controller = new AbortController();
    abort.current = controller;
    setError('');
    setNotice('');
    setStatus('');
    setProgress({ phase: 'captures', bytesDone: 0, bytesTotal: 1, capturesDone: 0, capturesTotal: 0 });
    try {
      // The session store lives in the background's memory (private browsing): it exports there.
      const r =
        storage?.mode === 'session'
          ? await sendToBackground('evidence/export', { caseId, ...(captureIds ? { captureIds } : {}) })
          : await exportAndDownload(evidenceStore(), caseId, {
              captureIds,
              signal: controller.signal,
              onProgress: setProgress,
              actor,
            });
      setStatus(
        t('evExported', [r.fileName, String(r.captureCount), String(r.bytesWritten), r.manifestSha256.slice(0, 12)]),
      );
      const list = (severity: 'error' | 'warning') =>
        r.problems
          .filter((p) => p.severity === severity)
          .map((p) => `${p.where}: ${p.message}`)
          .join('; ');
      if (list('error')) setError(t('evExportProblems', list('error')));
      // Warnings (e.g. an unreadable risk.json) do not touch integrity: said apart from errors.
      if (list('warning')) setNotice(t('evExportWarnings', list('warning')));
    } catch (e) {
      if ((e as Error).name === 'AbortError' || controller.signal.aborted) setStatus(t('evExportCancelled'));
      else setError((e as Error).message);
    } finally {
      abort.current = undefined;
      setProgress(undefined);
    }
  };
  const pct = progress ? Math.floor((100 * progress.bytesDone) / Math.max(1, progress.bytesTotal)) : 0;
  return (
    <section class="export" aria-labelledby="export-heading">
      <h3 id="export-heading">{t('evExport')}</h3>
      <div class="actions">
        <button
          type="button"
          class="primary"
          data-testid="export-case"
          disabled={running || !storage}
          onClick={() => void run()}
        >
          {t('evExportCase')}
        </button>
        <button
          type="button"
          data-testid="export-selected"
          disabled={running || selected.length === 0}
          onClick={() => void run(selected)}
        >
          {t('evExportSelected', String(selected.length))}
        </button>
        {running && (
          <button type="button" data-testid="export-cancel" onClick={() => abort.current?.abort()}>
            {t('evCancel')}
          </button>
        )}
      </div>
      {progress && (
        <label>
          {t('evExportProgress', [String(progress.capturesDone), String(progress.capturesTotal)])}
          <progress data-testid="export-progress" max={100} value={pct}>
            {pct}%
          </progress>
        </label>
      )}
      {status && (
        <p class="toast ok" role="status" data-testid="export-status">
          {status}
        </p>
      )}
      {notice && (
        <p class="toast warn" role="status" data-testid="export-notice">
          {notice}
        </p>
      )}
      {error && (
        <p class="toast error" role="alert" data-testid="export-error">
          {error}
        </p>
      )}
    </section>
  );
}
