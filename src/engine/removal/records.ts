/**
 * The audit entries of removal requests, written and read back. A "removal-notice" entry holds the
 * notice text as sent and its SHA-256, the captures and URLs it names, the platform and channel; a
 * "removal-check" entry links a follow-up capture to the original and the notice, with the outcome
 * and the time to removal. The removals table of a case is derived from these entries only.
 */
import type { JsonValue } from '../evidence/canonical-json';
import type { AuditEntry } from '../evidence/model';
import type { AuditDraft } from '../evidence/operations';
import type { ExportedAuditEntry } from '../evidence/chain';
import { isRedacted } from '../evidence/chain';
import {
  type CheckOutcome,
  type NoticeChannel,
  type NoticeLanguage,
  type PlatformKind,
  NOTICE_CHANNELS,
  REMOVAL_CHECK,
  REMOVAL_NOTICE,
} from './model';

/** What the officer says was sent. */
export interface SentNotice {
  caseId: string;
  platform: string;
  kind: PlatformKind;
  language: NoticeLanguage;
  channel: NoticeChannel;
  subject: string;
  body: string;
  /** The notified captures with their record hashes and listing URLs, in notice order. */
  listings: { captureId: string; recordHash: string; url: string }[];
}

/** Longest notice text kept (a notice names a few listings; this bounds a hostile or stuck paste). */
export const MAX_NOTICE_CHARS = 50_000;

/** The audit draft of a sent notice; `noticeSha256` is the SHA-256 of `body`. */
export function noticeDraft(n: SentNotice, actor: string, noticeSha256: string, sentAt: Date): AuditDraft {
  if (!NOTICE_CHANNELS.includes(n.channel)) throw new Error(`unknown channel "${n.channel}"`);
  if (!n.body.trim()) throw new Error('the notice is empty');
  if (n.body.length + n.subject.length > MAX_NOTICE_CHARS) {
    throw new Error(`the notice is longer than ${MAX_NOTICE_CHARS} characters`);
  }
  if (n.listings.length === 0) throw new Error('a notice names at least one capture');
  return {
    action: REMOVAL_NOTICE,
    actor,
    caseId: n.caseId,
    details: {
      summary: notifiedLine({ platform: n.platform, at: sentAt.toISOString(), channel: n.channel }),
      platform: n.platform,
      platformKind: n.kind,
      language: n.language,
      channel: n.channel,
      subject: n.subject,
      noticeText: n.body,
      noticeSha256,
      listings: n.listings.map((l) => ({ captureId: l.captureId, recordHash: l.recordHash, url: l.url })),
    },
  };
}

/** What a re-check found, ready to be recorded. */
export interface CheckResult {
  caseId: string;
  /** The audit hash of the notice the listing was named in. */
  noticeHash: string;
  originalCaptureId: string;
  originalRecordHash: string;
  url: string;
  /** The follow-up capture (absent when the page could not be captured). */
  followUp: { captureId: string; recordHash: string; finalUrl: string } | null;
  httpStatus: number | null;
  outcome: CheckOutcome;
  reason: string;
  removedWording: string | null;
  textSha256: string | null;
  originalTextSha256: string | null;
  /** When the notice was recorded as sent, and when the check ran (ISO 8601 UTC). */
  notifiedAt: string;
  checkedAt: string;
}

export function checkDraft(c: CheckResult, actor: string): AuditDraft {
  const ms = Date.parse(c.checkedAt) - Date.parse(c.notifiedAt);
  return {
    action: REMOVAL_CHECK,
    actor,
    caseId: c.caseId,
    ...(c.followUp ? { subjectId: c.followUp.captureId } : {}),
    details: {
      noticeHash: c.noticeHash,
      originalCaptureId: c.originalCaptureId,
      originalRecordHash: c.originalRecordHash,
      url: c.url,
      followUpCaptureId: c.followUp?.captureId ?? null,
      followUpRecordHash: c.followUp?.recordHash ?? null,
      finalUrl: c.followUp?.finalUrl ?? null,
      httpStatus: c.httpStatus,
      outcome: c.outcome,
      reason: c.reason,
      removedWording: c.removedWording,
      textSha256: c.textSha256,
      originalTextSha256: c.originalTextSha256,
      notifiedAt: c.notifiedAt,
      checkedAt: c.checkedAt,
      // The time to removal is known only once a check finds the listing gone: an upper bound.
      timeToRemovalMs: c.outcome === 'removed' && ms >= 0 ? ms : null,
    } satisfies { [k: string]: JsonValue },
  };
}

/** A notice read back from the audit log. */
export interface NoticeView {
  hash: string;
  sequence: number;
  at: string;
  actor: string;
  platform: string;
  kind: string;
  language: string;
  channel: string;
  subject: string;
  text: string;
  sha256: string;
  listings: { captureId: string; recordHash: string; url: string }[];
}

/** A re-check read back from the audit log. */
export interface CheckView {
  hash: string;
  sequence: number;
  at: string;
  noticeHash: string;
  originalCaptureId: string;
  followUpCaptureId: string | null;
  followUpRecordHash: string | null;
  httpStatus: number | null;
  outcome: CheckOutcome;
  reason: string;
  timeToRemovalMs: number | null;
}

/** One row of the removals table: a listing named in a notice, and what became of it. */
export interface RemovalRow {
  noticeHash: string;
  captureId: string;
  url: string;
  platform: string;
  channel: string;
  notifiedAt: string;
  /** The latest check of this listing for this notice, if any. */
  lastCheck: CheckView | null;
  /** The first check that found it removed: time to removal (upper bound), in ms. */
  removedAt: string | null;
  timeToRemovalMs: number | null;
  checks: number;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const OUTCOMES: readonly CheckOutcome[] = ['removed', 'still-online', 'changed', 'inconclusive'];

/** The removal notices of a case in log order. Malformed entries are left out (the verifier reports them). */
export function noticesOf(entries: readonly (AuditEntry | ExportedAuditEntry)[], caseId: string): NoticeView[] {
  const out: NoticeView[] = [];
  for (const e of entries) {
    if (isRedacted(e) || e.body.action !== REMOVAL_NOTICE || e.body.caseId !== caseId) continue;
    const d = e.body.details;
    const listings = Array.isArray(d.listings) ? d.listings : [];
    out.push({
      hash: e.hash,
      sequence: e.body.sequence,
      at: e.body.at,
      actor: e.body.actor,
      platform: str(d.platform) ?? '',
      kind: str(d.platformKind) ?? '',
      language: str(d.language) ?? '',
      channel: str(d.channel) ?? '',
      subject: str(d.subject) ?? '',
      text: str(d.noticeText) ?? '',
      sha256: str(d.noticeSha256) ?? '',
      listings: listings.flatMap((l) => {
        const o = l as Record<string, unknown> | null;
        const [captureId, recordHash, url] = [str(o?.captureId), str(o?.recordHash), str(o?.url)];
        return captureId && recordHash && url !== undefined ? [{ captureId, recordHash, url }] : [];
      }),
    });
  }
  return out;
}

/** The re-checks of a case in log order. */
export function checksOf(entries: readonly (AuditEntry | ExportedAuditEntry)[], caseId: string): CheckView[] {
  const out: CheckView[] = [];
  for (const e of entries) {
    if (isRedacted(e) || e.body.action !== REMOVAL_CHECK || e.body.caseId !== caseId) continue;
    const d = e.body.details;
    const outcome = OUTCOMES.find((o) => o === d.outcome);
    const noticeHash = str(d.noticeHash);
    const originalCaptureId = str(d.originalCaptureId);
    if (!outcome || !noticeHash || !originalCaptureId) continue;
    out.push({
      hash: e.hash,
      sequence: e.body.sequence,
      at: str(d.checkedAt) ?? e.body.at,
      noticeHash,
      originalCaptureId,
      followUpCaptureId: str(d.followUpCaptureId) ?? null,
      followUpRecordHash: str(d.followUpRecordHash) ?? null,
      httpStatus: typeof d.httpStatus === 'number' ? d.httpStatus : null,
      outcome,
      reason: str(d.reason) ?? '',
      timeToRemovalMs: typeof d.timeToRemovalMs === 'number' ? d.timeToRemovalMs : null,
    });
  }
  return out;
}

/** The removals table of a case: one row per listing per notice, in notice order. */
export function removalRows(entries: readonly (AuditEntry | ExportedAuditEntry)[], caseId: string): RemovalRow[] {
  const checks = checksOf(entries, caseId);
  return noticesOf(entries, caseId).flatMap((n) =>
    n.listings.map((l) => {
      const mine = checks.filter((c) => c.noticeHash === n.hash && c.originalCaptureId === l.captureId);
      const removed = mine.find((c) => c.outcome === 'removed');
      return {
        noticeHash: n.hash,
        captureId: l.captureId,
        url: l.url,
        platform: n.platform,
        channel: n.channel,
        notifiedAt: n.at,
        lastCheck: mine.at(-1) ?? null,
        removedAt: removed?.at ?? null,
        timeToRemovalMs: removed?.timeToRemovalMs ?? null,
        checks: mine.length,
      };
    }),
  );
}

/**
 * Rows due for a re-check: not found removed yet, and notified (or last checked) at least
 * `days` days before `now`.
 */
export function dueForRecheck(rows: readonly RemovalRow[], now: Date, days: number): RemovalRow[] {
  const limit = now.getTime() - days * 86_400_000;
  return rows.filter((r) => r.removedAt === null && Date.parse(r.lastCheck?.at ?? r.notifiedAt) <= limit);
}

/** "3 d 4 h", "5 h 12 min", "40 min", "< 1 min": a duration as people read it. */
export function durationText(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return '< 1 min';
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** "notified <platform> on <date> via <channel>": how a notice is summed up in logs and tables. */
export function notifiedLine(n: { platform: string; at: string; channel: string }): string {
  return `notified ${n.platform} on ${n.at.slice(0, 10)} via ${n.channel}`;
}

/**
 * Time to removal per platform over removal rows (of one case or many): how many listings were
 * notified, how many found removed, and the median and longest time to removal. For reports across
 * cases (the cyber-alert report of the intelligence work reads this).
 */
export function timeToRemovalByPlatform(
  rows: readonly RemovalRow[],
): { platform: string; notified: number; removed: number; medianMs: number | null; maxMs: number | null }[] {
  const by = new Map<string, RemovalRow[]>();
  for (const r of rows) by.set(r.platform, [...(by.get(r.platform) ?? []), r]);
  return [...by]
    .map(([platform, list]) => {
      const times = list.flatMap((r) => (r.timeToRemovalMs === null ? [] : [r.timeToRemovalMs])).sort((a, b) => a - b);
      const mid = times.length >> 1;
      const median = times.length === 0 ? null : times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
      return {
        platform,
        notified: list.length,
        removed: list.filter((r) => r.removedAt !== null).length,
        medianMs: median,
        maxMs: times.at(-1) ?? null,
      };
    })
    .sort((a, b) => (a.platform < b.platform ? -1 : 1));
}
