/**
 * Removal requests in a case file: each notice as sent (removals/notice-NNN-<hash>.txt, byte for
 * byte the text whose SHA-256 the signed audit entry holds), the removals table (removals.csv) and
 * the report's section. All of it is derived from the case's audit entries, which the case file
 * carries signed in audit-log.jsonl.
 */
import { captureNumber } from '../evidence/case-file-names';
import type { ExportedAuditEntry } from '../evidence/chain';
import { csvTable } from './csv';
import {
  durationText,
  type NoticeView,
  noticesOf,
  notifiedLine,
  type RemovalRow,
  removalRows,
} from '../removal/records';
import { noticePath } from '../removal/paths';

const OUTCOME_WORDS: Record<string, string> = {
  removed: 'removed',
  'still-online': 'still online',
  changed: 'changed',
  inconclusive: 'inconclusive',
};

/** removals.csv: one row per listing named in a notice. */
export function removalsCsv(
  audit: readonly ExportedAuditEntry[],
  caseId: string,
  sequenceOf: (captureId: string) => number | undefined,
): string {
  const notices = noticesOf(audit, caseId);
  const numberOfNotice = new Map(notices.map((n, i) => [n.hash, i + 1]));
  const shaOfNotice = new Map(notices.map((n) => [n.hash, n.sha256]));
  const num = (id: string | null | undefined) => {
    const s = id ? sequenceOf(id) : undefined;
    return s === undefined ? '' : captureNumber(s);
  };
  const header = [
    'notice_number',
    'platform',
    'listing_url',
    'capture_number',
    'capture_id',
    'notified_at_utc',
    'channel',
    'notice_sha256',
    'checks',
    'last_checked_at_utc',
    'last_outcome',
    'last_http_status',
    'follow_up_capture_number',
    'removed_found_at_utc',
    'time_to_removal_hours',
    'time_to_removal',
  ];
  const rows = removalRows(audit, caseId).map((r) => [
    numberOfNotice.get(r.noticeHash) ?? '',
    r.platform,
    r.url,
    num(r.captureId),
    r.captureId,
    r.notifiedAt,
    r.channel,
    shaOfNotice.get(r.noticeHash) ?? '',
    r.checks,
    r.lastCheck?.at ?? '',
    r.lastCheck ? OUTCOME_WORDS[r.lastCheck.outcome] : 'not checked',
    r.lastCheck?.httpStatus ?? '',
    num(r.lastCheck?.followUpCaptureId),
    r.removedAt ?? '',
    r.timeToRemovalMs === null ? '' : Math.round((r.timeToRemovalMs / 3_600_000) * 100) / 100,
    r.timeToRemovalMs === null ? '' : durationText(r.timeToRemovalMs),
  ]);
  return csvTable(header, rows);
}

/** What the report shows of one row. */
export interface ReportRemovalRow {
  row: RemovalRow;
  captureLabel: string;
  followUpLabel: string;
}

/** The removal notices and the rows of the removals table, for the report. */
export function removalsForReport(
  audit: readonly ExportedAuditEntry[],
  caseId: string,
  sequenceOf: (captureId: string) => number | undefined,
): { notices: (NoticeView & { path: string; line: string })[]; rows: ReportRemovalRow[] } {
  const label = (id: string | null | undefined) => {
    const s = id ? sequenceOf(id) : undefined;
    return s === undefined ? (id ? 'not in this file' : '—') : `#${captureNumber(s)}`;
  };
  return {
    notices: noticesOf(audit, caseId).map((n, i) => ({ ...n, path: noticePath(n, i), line: notifiedLine(n) })),
    rows: removalRows(audit, caseId).map((row) => ({
      row,
      captureLabel: label(row.captureId),
      followUpLabel: label(row.lastCheck?.followUpCaptureId),
    })),
  };
}

export { OUTCOME_WORDS };

/**
 * The report's "Removal requests" section (empty string when the case has none): the removals
 * table, then each notice as sent. `esc` is the report's HTML escaper; URLs stay text, never links.
 */
export function removalsSection(
  audit: readonly ExportedAuditEntry[],
  caseId: string,
  sequenceOf: (captureId: string) => number | undefined,
  esc: (v: unknown) => string,
): string {
  const { notices, rows } = removalsForReport(audit, caseId, sequenceOf);
  if (!notices.length) return '';
  const th = (...labels: string[]) =>
    `<thead><tr>${labels.map((l) => `<th scope="col">${esc(l)}</th>`).join('')}</tr></thead>`;
  const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  const body = rows
    .map(({ row: r, captureLabel, followUpLabel }) => {
      const c = r.lastCheck;
      const outcome = c
        ? `${OUTCOME_WORDS[c.outcome]} (${c.reason}; ${minute(c.at)}, follow-up ${followUpLabel})`
        : 'not checked yet';
      const time = r.timeToRemovalMs === null ? '—' : durationText(r.timeToRemovalMs);
      return (
        `<tr><td><span class="mono small wrap-anywhere">${esc(r.url)}</span><br>capture ${esc(captureLabel)}</td>` +
        `<td>${esc(r.platform)}</td><td>${esc(minute(r.notifiedAt))}<br>via ${esc(r.channel)}</td>` +
        `<td>${esc(outcome)}</td><td>${esc(time)}</td></tr>`
      );
    })
    .join('\n');
  const texts = notices
    .map(
      (n, i) =>
        `<section class="removal-notice" aria-labelledby="removal-notice-${i + 1}">` +
        `<h3 id="removal-notice-${i + 1}">Notice #${i + 1}: ${esc(n.line)}</h3>` +
        `<p>Subject: ${esc(n.subject)}<br>Sent by ${esc(n.actor)}; text SHA-256 ` +
        `<span class="mono small wrap-anywhere">${esc(n.sha256)}</span>; ` +
        `copy in <span class="mono">${esc(n.path)}</span></p>` +
        `<pre class="command notice-text">${esc(n.text)}</pre></section>`,
    )
    .join('\n');
  return `<section aria-labelledby="removals-h">
<h2 id="removals-h">Removal requests</h2>
<p class="muted">Notices the officer recorded as sent to platforms, and what re-checks of the listings found.
The time to removal runs from the notice to the first check that found the listing gone (an upper bound).</p>
<table class="removals">${th('Listing', 'Platform', 'Notified', 'Outcome', 'Time to removal')}<tbody>
${body}
</tbody></table>
${texts}
</section>
`;
}
