import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import { type CaptureStep, onCaptureProgress } from '../../messaging/capture-progress';
import type { CaptureResultView } from '../../messaging/routes/evidence';

const STEP_KEYS: Record<CaptureStep, string> = {
  starting: 'evStepStarting', screenshot: 'evStepScreenshot', page: 'evStepPage', archive: 'evStepArchive',
  'full-page': 'evStepFullPage', annotating: 'evStepAnnotating', hashing: 'evStepHashing', storing: 'evStepStoring', timestamp: 'evStepTimestamp',
  done: 'evStepDone', failed: 'evStepFailed',
};

/** The Capture button with progress and the result (capture id, short hash) or the error. */
export function CaptureControl({ tabId, activeCaseTitle, onCaptured }: { tabId?: number; activeCaseTitle?: string | null; onCaptured?: () => void }) {
  const [step, setStep] = useState<CaptureStep>();
  const [result, setResult] = useState<CaptureResultView>();
  const [error, setError] = useState('');
  const busy = step !== undefined && step !== 'done' && step !== 'failed';

  useEffect(() => onCaptureProgress((p) => { if (p.tabId === tabId) setStep(p.step); }), [tabId]);

  const capture = async () => {
    if (tabId === undefined) return;
    setError('');
    setResult(undefined);
    setStep('starting');
    try {
      const r = await sendToBackground('evidence/capture', { tabId });
      setResult(r);
      setStep('done');
      onCaptured?.();
    } catch (e) {
      setError((e as Error).message);
      setStep('failed');
    }
  };

  return (
    <section class="capture" aria-live="polite">
      <button type="button" data-testid="capture" disabled={busy || tabId === undefined || !activeCaseTitle} onClick={() => void capture()}>
        {busy ? t('evCapturing') : t('capture')}
      </button>
      {activeCaseTitle ? <p class="muted">{t('evIntoCase', activeCaseTitle)}</p> : <p class="muted" data-testid="no-case">{t('evNoActiveCase')}</p>}
      {busy && step && <p class="status" data-testid="capture-progress">{t(STEP_KEYS[step])}</p>}
      {result && (
        <p class="status ok" data-testid="capture-result">
          {t('evCaptured', [String(result.sequence + 1), result.captureId, result.shortHash])}
          {result.warnings.length > 0 && <span class="warn"> {t('evCaptureWarnings', result.warnings.join('; '))}</span>}
        </p>
      )}
      {error && <p class="status error" role="alert" data-testid="capture-error">{t('evCaptureFailed', error)}</p>}
    </section>
  );
}
