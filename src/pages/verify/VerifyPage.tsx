import { useRef, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { evidenceStore } from '../../browser/evidence-db/dexie-store';
import { logAudit } from '../../engine/evidence/operations';
import { formatProblem } from '../../engine/evidence/problems';
import { formatFingerprint, signerFor } from '../../engine/evidence/signing';
import { verifyCaseFile, type VerificationReport } from '../../engine/verify/verify-case';
import { blobSource } from '../../engine/verify/zip-reader';

/** "Verify a case file": the same checks as `wildtrace verify`, on a file chosen by the officer. */
export function VerifyPage() {
  const [file, setFile] = useState<File>();
  const [fingerprint, setFingerprint] = useState('');
  const [progress, setProgress] = useState<[number, number]>();
  const [report, setReport] = useState<VerificationReport>();
  const [error, setError] = useState('');
  const abort = useRef<AbortController>();

  const verify = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    const controller = new AbortController();
    abort.current = controller;
    setReport(undefined);
    setError('');
    try {
      const expected = fingerprint.replace(/\s+/g, '').toLowerCase();
      const r = await verifyCaseFile(blobSource(file), {
        signal: controller.signal,
        onProgress: (done, total) => setProgress([done, total]),
        ...(expected ? { expectedFingerprint: expected } : {}),
      });
      // The audit entry is written before the verdict shows: an officer (or a test) who closes the
      // page on seeing it must not cut the write short.
      await auditVerification(file.name, r).catch(() => undefined);
      setReport(r);
    } catch (err) {
      setError(controller.signal.aborted ? t('evVerifyCancelled') : (err as Error).message);
    } finally {
      abort.current = undefined;
      setProgress(undefined);
    }
  };

  return (
    <main class="verify">
      <header class="page-head">
        <h1>{t('evVerifyTitle')}</h1>
        <p class="muted">{t('evVerifyHelp')}</p>
      </header>
      <form class="card verify-form" onSubmit={verify}>
        <label>
          {t('evVerifyFile')}
          <input
            type="file"
            name="caseFile"
            accept=".zip,application/zip"
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
          />
        </label>
        <label>
          {t('evVerifyFingerprint')}
          <input
            type="text"
            name="fingerprint"
            class="mono"
            autoComplete="off"
            spellcheck={false}
            value={fingerprint}
            onInput={(e) => setFingerprint(e.currentTarget.value)}
          />
        </label>
        <div class="actions">
          <button type="submit" class="primary" data-testid="verify" disabled={!file || progress !== undefined}>
            {t('evVerifyRun')}
          </button>
          {progress && (
            <button type="button" onClick={() => abort.current?.abort()}>
              {t('evCancel')}
            </button>
          )}
        </div>
        {progress && <progress max={Math.max(1, progress[1])} value={progress[0]} aria-label={t('evVerifyRun')} />}
      </form>
      {error && (
        <p class="toast error" role="alert">
          {error}
        </p>
      )}
      {report && <ReportView report={report} />}
    </main>
  );
}

function ReportView({ report }: { report: VerificationReport }) {
  const s = report.summary;
  const verdictClass = report.ok ? 'ok' : 'error';
  return (
    <section class="verify-report" aria-live="polite" data-testid="verify-report">
      <p class={`toast ${verdictClass} verdict`} data-testid="verify-verdict">
        {report.ok
          ? t('evVerifyValid')
          : report.refused
            ? t('evVerifyRefused', report.refused.message)
            : t('evVerifyTampered', String(report.problems.filter((p) => p.severity === 'error').length))}
      </p>
      <dl class="facts card">
        <dt>{t('evVerifyCase')}</dt>
        <dd>{s.caseTitle ?? '-'}</dd>
        <dt>{t('evVerifyExportedAt')}</dt>
        <dd>{s.exportedAt ?? '-'}</dd>
        <dt>{t('evVerifyCaptures')}</dt>
        <dd>{String(s.captures)}</dd>
        <dt>{t('evVerifyFiles')}</dt>
        <dd>{String(s.files)}</dd>
        <dt>{t('evVerifyKey')}</dt>
        <dd>
          <code>{s.publicKeyFingerprint ? formatFingerprint(s.publicKeyFingerprint) : '-'}</code>
        </dd>
        <dt>{t('evVerifyTimestamps')}</dt>
        <dd>{`${s.timestamps.valid} / ${s.timestamps.total}`}</dd>
        <dt>{t('evVerifyAudit')}</dt>
        <dd>{String(s.auditEntries)}</dd>
      </dl>
      {report.problems.length > 0 && (
        <ul class="problems" data-testid="verify-problems">
          {report.problems.map((p, i) => (
            <li key={i}>{formatProblem(p)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Records the verification in this install's audit log (when it has one). */
async function auditVerification(fileName: string, r: VerificationReport): Promise<void> {
  const store = evidenceStore();
  const key = await store.getSigningKey('install');
  if (!key) return;
  const caseId = s(r.summary.caseId);
  await logAudit(store, signerFor(key), {
    action: 'verification',
    actor: 'officer',
    ...(caseId && (await store.getCase(caseId)) ? { caseId } : {}),
    details: {
      what: 'case file',
      fileName,
      ok: r.ok,
      problems: r.problems.length,
      publicKeyFingerprint: r.summary.publicKeyFingerprint ?? null,
    },
  });
}

const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
