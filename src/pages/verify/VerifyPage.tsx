import { useRef, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { formatProblem } from '../../engine/evidence/problems';
import { formatFingerprint } from '../../engine/evidence/signing';
import { parseKnownKeys, type KnownKey } from '../../engine/verify/known-keys';
import { verifyCaseFile, type VerificationReport } from '../../engine/verify/verify-case';
import { blobSource } from '../../engine/verify/zip-reader';
import { sendToBackground } from '../../messaging/send';

/** "Verify a case file": the same checks as `wildtrace verify`, on a file chosen by the officer. */
export function VerifyPage() {
  const [file, setFile] = useState<File>();
  const [fingerprint, setFingerprint] = useState('');
  const [knownKeys, setKnownKeys] = useState<{ name: string; keys: KnownKey[] }>();
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
        ...(knownKeys ? { knownKeys: knownKeys.keys } : {}),
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

  const loadKnownKeys = async (picked: File | undefined) => {
    setError('');
    setKnownKeys(undefined);
    if (!picked) return;
    try {
      setKnownKeys({ name: picked.name, keys: parseKnownKeys(await picked.text()) });
    } catch (err) {
      setError(t('evVerifyKnownKeysBad', [picked.name, (err as Error).message]));
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
        <label>
          {t('evVerifyKnownKeys')}
          <input
            type="file"
            name="knownKeys"
            accept=".txt,text/plain"
            onChange={(e) => void loadKnownKeys(e.currentTarget.files?.[0])}
          />
        </label>
        {knownKeys && (
          <p class="field-help" data-testid="known-keys-loaded">
            {t('evVerifyKnownKeysLoaded', [knownKeys.name, String(knownKeys.keys.length)])}
          </p>
        )}
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

/** The verdict names the key's check: intact alone only says "as signed" (anyone can re-sign). */
function verdictOf(report: VerificationReport): { text: string; tone: 'ok' | 'warn' | 'error' } {
  if (report.refused) return { text: t('evVerifyRefused', report.refused.message), tone: 'error' };
  if (!report.ok) {
    const errors = report.problems.filter((p) => p.severity === 'error').length;
    return { text: t('evVerifyTampered', String(errors)), tone: 'error' };
  }
  const key = report.key;
  if (key?.status === 'known') return { text: t('evVerifyValidKnown', key.name || key.fingerprint), tone: 'ok' };
  if (key?.status === 'expected') return { text: t('evVerifyValid'), tone: 'ok' };
  return { text: t('evVerifyValidUnchecked'), tone: 'warn' };
}

function ReportView({ report }: { report: VerificationReport }) {
  const s = report.summary;
  const verdict = verdictOf(report);
  const keyStatus = report.key
    ? {
        expected: t('evVerifyKeyExpected'),
        unexpected: t('evVerifyKeyUnexpected'),
        known: t('evVerifyKeyKnown', report.key.name || '-'),
        'not-known': t('evVerifyKeyNotKnown'),
        unchecked: t('evVerifyKeyUnchecked'),
      }[report.key.status]
    : '';
  return (
    <section class="verify-report" aria-live="polite" data-testid="verify-report">
      <p class={`toast ${verdict.tone} verdict`} data-testid="verify-verdict">
        {verdict.text}
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
          {keyStatus && (
            <span class="key-status" data-testid="verify-key-status">
              {' '}
              {keyStatus}
            </span>
          )}
        </dd>
        <dt>{t('evVerifyTimestamps')}</dt>
        <dd>{`${s.timestamps.valid} / ${s.timestamps.total}`}</dd>
        <dt>{t('evVerifyAudit')}</dt>
        <dd>
          {String(s.auditEntries)}
          {s.deletionsElsewhere > 0 && ` · ${t('evVerifyDeletions', String(s.deletionsElsewhere))}`}
        </dd>
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

/**
 * Records the verification in this browser's audit log, through the background: it holds the
 * evidence store in either storage mode and writes it in its one queue.
 */
async function auditVerification(fileName: string, r: VerificationReport): Promise<void> {
  const caseId = s(r.summary.caseId);
  await sendToBackground('evidence/verification-log', {
    fileName,
    ok: r.ok,
    problems: r.problems.length,
    publicKeyFingerprint: r.summary.publicKeyFingerprint ?? null,
    keyCheck: r.key?.status ?? null,
    ...(caseId ? { caseId } : {}),
  });
}

const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
