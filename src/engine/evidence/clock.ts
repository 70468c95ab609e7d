/**
 * The capture clock stepping back. A capture's time is the collector's system clock when the
 * screenshot was taken, and that clock can be set back (by hand, by a time sync, by a virtual
 * machine restored from a snapshot). The capture is kept, in the order it was taken (the chain),
 * but the self-check, the verifier and the report warn, with the size of the step.
 *
 * Captures taken at the same time in two tabs are stored one after the other, so their times may
 * run backwards by a few seconds with the clock right. The audit log tells them apart: its entries
 * are written one at a time, so the time each capture was stored only runs backwards when the
 * clock did. When those times are known, they decide; otherwise any capture timed before the one
 * before it is reported.
 */
import { captureNumber } from './case-file-names';
import { captureLabel } from './chain';
import type { StoredCapture } from './model';
import { type Problem, warning } from './problems';

export interface TimedCapture {
  captureId: string;
  sequence: number;
  capturedAt: string;
  recordHash: string;
}

export interface ClockStepBack {
  captureId: string;
  sequence: number;
  previousSequence: number;
  /** How far back, in milliseconds. */
  ms: number;
  previousAt: string;
  at: string;
}

type AuditLike = { body?: { action?: unknown; at?: unknown; details?: { recordHash?: unknown } } };

/** When each capture was stored, by record hash, from the capture entries of an audit log. */
function storedTimes(audit: readonly unknown[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of audit as AuditLike[]) {
    const b = e?.body;
    if (b?.action !== 'capture' || typeof b.at !== 'string' || typeof b.details?.recordHash !== 'string') continue;
    out.set(b.details.recordHash, Date.parse(b.at));
  }
  return out;
}

/** Every capture whose time went back from the one before it (in chain order) with the clock. */
export function clockStepsBack(captures: readonly TimedCapture[], audit: readonly unknown[] = []): ClockStepBack[] {
  const stored = storedTimes(audit);
  const out: ClockStepBack[] = [];
  for (let i = 1; i < captures.length; i++) {
    const prev = captures[i - 1];
    const c = captures[i];
    const taken = Date.parse(prev.capturedAt) - Date.parse(c.capturedAt);
    const [s0, s1] = [stored.get(prev.recordHash), stored.get(c.recordHash)];
    const kept = s0 !== undefined && s1 !== undefined ? s0 - s1 : undefined;
    const back = kept === undefined ? taken > 0 : kept > 0;
    if (!back) continue;
    out.push({
      captureId: c.captureId,
      sequence: c.sequence,
      previousSequence: prev.sequence,
      ms: Math.max(taken, kept ?? 0),
      previousAt: prev.capturedAt,
      at: c.capturedAt,
    });
  }
  return out;
}

/** The clock's steps back as warnings about the captures they concern. */
export function clockWarnings(captures: readonly StoredCapture[], audit: readonly unknown[]): Problem[] {
  const timed = captures.flatMap((c) => {
    const { captureId, sequence, metadata } = c.body ?? {};
    const capturedAt = metadata?.capturedAt;
    return typeof captureId === 'string' && typeof sequence === 'number' && typeof capturedAt === 'string'
      ? [{ captureId, sequence, capturedAt, recordHash: c.hash }]
      : [];
  });
  const byId = new Map(captures.map((c) => [c.body?.captureId, c]));
  return clockStepsBack(timed, audit).map((step) => {
    const message =
      `timed ${formatDuration(step.ms)} before capture #${captureNumber(step.previousSequence)}: ` +
      "the collector's clock went back; the capture is kept, in the order it was taken";
    const where = captureLabel(byId.get(step.captureId)!);
    return warning('clock-backwards', where, message, `after ${step.previousAt}`, step.at);
  });
}

/** "850 ms", "3.2 s", "42 s", "3 min 12 s", "2 h 5 min", "3 days 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  const days = Math.floor(s / 86_400);
  return `${days} day${days === 1 ? '' : 's'} ${Math.floor((s % 86_400) / 3600)} h`;
}
