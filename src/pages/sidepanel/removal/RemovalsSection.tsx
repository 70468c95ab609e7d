import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import type { RemovalRowView } from '../../../messaging/routes/removal';
import { NoticeComposer } from './NoticeComposer';
import { RemovalsTable } from './RemovalsTable';

/** Removal requests of the active case: compose and record notices, then follow the listings up. */
export function RemovalsSection({
  caseId,
  selected,
  refresh,
  onCaptured,
}: {
  caseId: string;
  selected: string[];
  refresh: number;
  /** A re-check stored a follow-up capture. */
  onCaptured: () => void;
}) {
  const [rows, setRows] = useState<RemovalRowView[]>([]);
  const [reminderDays, setReminderDays] = useState(0);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    sendToBackground('removal/list', { caseId }).then(
      (r) => {
        setRows(r.rows);
        setReminderDays(r.reminderDays);
        setError('');
      },
      (e: Error) => setError(e.message),
    );
  }, [caseId, refresh, tick]);
  return (
    <section class="removals-section" aria-labelledby="removals-heading" data-testid="removals">
      <h3 id="removals-heading">{t('rmHeading')}</h3>
      <p class="section-help">{t('rmHelp')}</p>
      <NoticeComposer caseId={caseId} captureIds={selected} onRecorded={() => setTick((n) => n + 1)} />
      <h4>{t('rmTable')}</h4>
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
      <RemovalsTable
        caseId={caseId}
        rows={rows}
        reminderDays={reminderDays}
        onChecked={() => {
          setTick((n) => n + 1);
          onCaptured();
        }}
      />
    </section>
  );
}
