import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import type { CaseInfo } from '../../../engine/evidence/model';
import type { CaseDeletionResult } from '../../../messaging/routes/evidence';

/**
 * "Delete case…": an in-page confirmation step (no window.prompt) that says what is lost and what
 * is kept, and asks for the reason that goes into the signed tombstone. Escape or Cancel closes it.
 */
export function DeleteCase({
  info,
  onDeleted,
}: {
  info: CaseInfo;
  onDeleted: (r: CaseDeletionResult) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const reasonBox = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) reasonBox.current?.focus();
  }, [open]);
  useEffect(() => {
    setOpen(false);
    setReason('');
    setError('');
  }, [info.caseId]);

  const close = () => {
    setOpen(false);
    setReason('');
    setError('');
    queueMicrotask(() => opener.current?.focus());
  };
  const submit = async () => {
    if (!reason.trim()) {
      setError(t('evDeleteReasonMissing'));
      reasonBox.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const r = await sendToBackground('evidence/case/delete', { caseId: info.caseId, reason });
      await onDeleted(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        ref={opener}
        class="danger-quiet"
        data-testid="case-delete"
        aria-expanded="false"
        onClick={() => setOpen(true)}
      >
        {t('evDeleteCase')}
      </button>
    );
  }
  return (
    <form
      class="delete-case card alert"
      role="group"
      aria-labelledby="delete-case-heading"
      aria-describedby="delete-case-warning"
      data-testid="case-delete-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <h4 id="delete-case-heading">{t('evDeleteCaseHeading', info.title)}</h4>
      <p id="delete-case-warning" class="warning">
        {t('evDeleteCaseWarning')}
      </p>
      <label>
        {t('evDeleteReason')}
        <textarea
          ref={reasonBox}
          name="deleteReason"
          required
          rows={3}
          maxLength={2000}
          value={reason}
          aria-invalid={error ? 'true' : 'false'}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <button type="submit" class="danger" data-testid="case-delete-confirm" disabled={busy}>
          {t('evDeleteConfirm')}
        </button>
        <button type="button" data-testid="case-delete-cancel" disabled={busy} onClick={close}>
          {t('evCancel')}
        </button>
      </div>
      {error && (
        <p class="status error" role="alert" data-testid="case-delete-error">
          {error}
        </p>
      )}
    </form>
  );
}
