import { useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import type { LinkedCaptureView } from '../../../messaging/routes/links';

/**
 * One linked capture: a button that shows its details (case, time, URL, record hash), and a
 * button that makes its case the active one, so the evidence part below shows it.
 */
export function CaptureDetails({ capture }: { capture: LinkedCaptureView }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState('');
  const openCase = async () => {
    try {
      await sendToBackground('evidence/case-select', { caseId: capture.caseId });
      // The evidence part reads the active case when the panel loads.
      location.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div class="linked-capture" data-testid="linked-capture" data-capture-id={capture.captureId}>
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('lkCaptureLine', [capture.caseTitle, String(capture.sequence + 1), capture.capturedAt])}
      </button>
      <div class="muted small wrap-anywhere">{capture.url}</div>
      {open && (
        <dl class="small facts capture-details" data-testid="linked-capture-details">
          <dt>{t('lkDetailCase')}</dt>
          <dd>{capture.caseTitle}</dd>
          <dt>{t('lkDetailCaptured')}</dt>
          <dd>{capture.capturedAt}</dd>
          <dt>{t('lkDetailTitle')}</dt>
          <dd>{capture.title || '—'}</dd>
          <dt>{t('lkDetailUrl')}</dt>
          <dd>{capture.url}</dd>
          <dt>{t('lkDetailHash')}</dt>
          <dd>
            <code>{capture.recordHash}</code>
          </dd>
          <dd>
            <button type="button" class="compact" onClick={() => void openCase()}>
              {t('lkOpenCase')}
            </button>
          </dd>
        </dl>
      )}
      {error && (
        <p class="toast error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
