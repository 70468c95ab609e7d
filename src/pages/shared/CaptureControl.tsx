import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import { type CaptureStep, onCaptureProgress } from '../../messaging/capture-progress';
import { localDay, type CaptureResultView } from '../../messaging/routes/evidence';
import type { CaseInfo } from '../../engine/evidence/model';
import { ARTEFACTS } from '../../engine/evidence/case-file-names';
import { StorageNotice } from './StorageNotice';
import { useEvidenceStorage } from './use-evidence-storage';
import './findings.css';

const STEP_KEYS: Record<CaptureStep, string> = {
  starting: 'evStepStarting',
  screenshot: 'evStepScreenshot',
  page: 'evStepPage',
  archive: 'evStepArchive',
  'full-page': 'evStepFullPage',
  annotating: 'evStepAnnotating',
  hashing: 'evStepHashing',
  storing: 'evStepStoring',
  timestamp: 'evStepTimestamp',
  done: 'evStepDone',
  failed: 'evStepFailed',
};

/**
 * The Capture button, which always works: into the active case when one is open, otherwise into
 * today's default case ("Unfiled – date", made by the background), which the officer renames later.
 * Says where the capture goes before, and what was stored after (capture number, id, short hash).
 */
export function CaptureControl({
  tabId,
  activeCase,
  onCaptured,
  hint,
}: {
  tabId?: number;
  /** The active case (null: none); a closed one is not captured into. */
  activeCase: CaseInfo | null;
  onCaptured?: (r: CaptureResultView) => void;
  /** Where the officer renames a new default case ("in the side panel", "under Case below"). */
  hint: string;
}) {
  const [step, setStep] = useState<CaptureStep>();
  const [result, setResult] = useState<CaptureResultView>();
  const [error, setError] = useState('');
  const busy = step !== undefined && step !== 'done' && step !== 'failed';
  const storage = useEvidenceStorage();

  useEffect(
    () =>
      onCaptureProgress((p) => {
        if (p.tabId === tabId) setStep(p.step);
      }),
    [tabId],
  );

  const capture = async () => {
    if (tabId === undefined) return;
    setError('');
    setResult(undefined);
    setStep('starting');
    try {
      const r = await sendToBackground('evidence/capture', { tabId });
      setResult(r);
      setStep('done');
      onCaptured?.(r);
    } catch (e) {
      setError((e as Error).message);
      setStep('failed');
    }
  };

  const open = activeCase?.status === 'open' ? activeCase : null;
  return (
    <section class="capture" aria-label={t('capture')} data-testid="capture-section">
      <button
        type="button"
        class="primary large block"
        data-testid="capture"
        aria-describedby="capture-target"
        disabled={busy || tabId === undefined}
        onClick={() => void capture()}
      >
        {busy ? t('evCapturing') : t('capture')}
      </button>
      {open ? (
        <p class="capture-target muted small" id="capture-target" data-testid="capture-target">
          {t('evIntoCase', open.title)}
        </p>
      ) : (
        <p class="capture-target muted small" id="capture-target" data-testid="no-case">
          {t('captureIntoDefault', t('evDefaultCaseTitle', localDay(new Date())))}
        </p>
      )}
      <StorageNotice storage={storage} />
      <div aria-live="polite">
        {busy && step && (
          <div class="capture-progress">
            <progress aria-label={t('evCapturing')} />
            <p class="status small" data-testid="capture-progress">
              {t(STEP_KEYS[step])}
            </p>
          </div>
        )}
        {result && (
          <div class="toast ok" data-testid="capture-toast">
            <p class="toast-line" data-testid="capture-result">
              {t('evCaptured', [String(result.sequence + 1), result.captureId, result.shortHash])}
            </p>
            {result.caseCreated && (
              <p class="toast-line" data-testid="capture-new-case">
                {t('captureNewCase', [result.caseTitle, hint])}
              </p>
            )}
            <ArchivesLine artefacts={result.artefacts} />
            {result.errors?.length ? (
              <p class="toast-line error" role="alert" data-testid="capture-errors">
                {t('evCaptureErrors', result.errors.join('; '))}
              </p>
            ) : null}
            {result.bundleFile && (
              <p class="toast-line" data-testid="capture-bundle">
                {t('evBundleSaved', result.bundleFile)}
              </p>
            )}
            {result.warnings.length > 0 && (
              <p class="toast-line warn">{t('evCaptureWarnings', result.warnings.join('; '))}</p>
            )}
          </div>
        )}
      </div>
      {result?.bundleError && (
        <p class="toast error" role="alert" data-testid="capture-bundle-error">
          {t('evBundleFailed', result.bundleError)}
        </p>
      )}
      {error && (
        <p class="toast error" role="alert" data-testid="capture-error">
          {t('evCaptureFailed', error)}
        </p>
      )}
    </section>
  );
}

/** Which page archives the capture holds, and a warning when it holds none. */
function ArchivesLine({ artefacts }: { artefacts: readonly string[] }) {
  const html = artefacts.includes(ARTEFACTS.archiveHtml);
  const mhtml = artefacts.includes(ARTEFACTS.mhtml);
  const key = html && mhtml ? 'evArchivesBoth' : html ? 'evArchiveHtml' : mhtml ? 'evArchiveMhtml' : 'evArchiveNone';
  return (
    <p class={html || mhtml ? 'toast-line' : 'toast-line warn'} data-testid="capture-archives">
      {t(key)}
    </p>
  );
}
