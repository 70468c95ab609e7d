import { useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { durationText } from '../../../engine/removal/records';
import { sendToBackground } from '../../../messaging/send';
import type { RemovalRowView } from '../../../messaging/routes/removal';
import { outcomeLabel, outcomeTone } from '../../shared/removal-labels';

/** The removals table of a case: listing, platform, notified, outcome, time to removal, and a re-check. */
export function RemovalsTable({
  caseId,
  rows,
  reminderDays,
  onChecked,
}: {
  caseId: string;
  rows: RemovalRowView[];
  reminderDays: number;
  onChecked: () => void;
}) {
  const [checking, setChecking] = useState<string>();
  const [error, setError] = useState('');
  const due = rows.filter((r) => r.due).length;
  const recheck = async (r: RemovalRowView) => {
    setChecking(`${r.noticeHash}/${r.captureId}`);
    setError('');
    try {
      await sendToBackground('removal/recheck', { caseId, noticeHash: r.noticeHash, captureId: r.captureId });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setChecking(undefined);
      onChecked();
    }
  };
  if (!rows.length) return <p class="muted">{t('rmNoRows')}</p>;
  return (
    <div class="stack">
      {due > 0 && (
        <p class="status warn" role="status" data-testid="rm-due">
          {t('rmDueBanner', [String(due), String(reminderDays)])}
        </p>
      )}
      <p class="muted small">{t('rmRecheckWarning')}</p>
      {checking && (
        <p class="status" role="status">
          {t('rmRechecking')}
        </p>
      )}
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
      <table class="removals-table" data-testid="rm-table">
        <thead class="visually-hidden">
          <tr>
            <th scope="col">{t('rmColListing')}</th>
            <th scope="col">{t('rmColOutcome')}</th>
            <th scope="col">{t('rmColTime')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.noticeHash}/${r.captureId}`} data-testid="rm-row">
              <td>
                <span class="listing-url wrap-anywhere small mono">{r.url}</span>
                <span class="small">
                  {r.captureNumber !== null && <strong>#{r.captureNumber} </strong>}
                  {r.notified}
                </span>
              </td>
              <td>
                <span class={`pill ${outcomeTone(r.outcome)}`} data-testid="rm-outcome">
                  {r.outcome ? outcomeLabel(r.outcome) : t('rmNotChecked')}
                </span>
                {r.due && <span class="pill warn">{t('rmDue')}</span>}
                {r.outcome && r.lastCheckedAt && (
                  <p class="small muted">
                    {t('rmCheckedAt', [
                      r.lastCheckedAt.slice(0, 16).replace('T', ' '),
                      String(r.followUpNumber ?? '?'),
                      r.reason ?? '',
                    ])}
                  </p>
                )}
                {r.outcome !== 'removed' && (
                  <button
                    type="button"
                    class="compact"
                    disabled={checking !== undefined}
                    onClick={() => void recheck(r)}
                    data-testid="rm-recheck"
                  >
                    {t('rmRecheck')}
                  </button>
                )}
              </td>
              <td class="num">
                <span class="small muted">{t('rmColTime')}</span>
                <br />
                <strong data-testid="rm-time">
                  {r.timeToRemovalMs === null ? '—' : durationText(r.timeToRemovalMs)}
                </strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
