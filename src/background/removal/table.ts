/** The removals table of a case as the side panel shows it, and the count of re-checks due. */
import { dueForRecheck, notifiedLine, removalRows } from '../../engine/removal/records';
import { backgroundStore } from '../evidence/evidence-store';
import type { RemovalRowView } from '../../messaging/routes/removal';

export async function removalTable(caseId: string, reminderDays: number, now = new Date()): Promise<RemovalRowView[]> {
  const store = backgroundStore();
  const numbers = new Map((await store.listCaptures(caseId)).map((c) => [c.body.captureId, c.body.sequence + 1]));
  const rows = removalRows(await store.listAudit(), caseId);
  const due = new Set(reminderDays > 0 ? dueForRecheck(rows, now, reminderDays) : []);
  return rows.map((r) => ({
    noticeHash: r.noticeHash,
    captureId: r.captureId,
    captureNumber: numbers.get(r.captureId) ?? null,
    url: r.url,
    platform: r.platform,
    channel: r.channel,
    notifiedAt: r.notifiedAt,
    notified: notifiedLine({ platform: r.platform, at: r.notifiedAt, channel: r.channel }),
    outcome: r.lastCheck?.outcome ?? null,
    reason: r.lastCheck?.reason ?? null,
    lastCheckedAt: r.lastCheck?.at ?? null,
    followUpNumber: r.lastCheck?.followUpCaptureId ? (numbers.get(r.lastCheck.followUpCaptureId) ?? null) : null,
    timeToRemovalMs: r.timeToRemovalMs,
    due: due.has(r),
  }));
}

/** Re-checks due over every open case. */
export async function dueCount(reminderDays: number, now = new Date()): Promise<number> {
  if (reminderDays <= 0) return 0;
  const store = backgroundStore();
  const audit = await store.listAudit();
  let n = 0;
  for (const c of await store.listCases()) {
    if (c.status === 'open') n += dueForRecheck(removalRows(audit, c.caseId), now, reminderDays).length;
  }
  return n;
}
