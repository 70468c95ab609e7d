/**
 * Capture times as the report and the tables give them: in UTC, and in the officer's local time,
 * which is computed from the UTC offset the browser recorded at capture time (the authority: the
 * clock said so) and named by the IANA zone when the capture recorded one.
 */
import type { CaptureMetadata } from '../evidence/model';

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Minutes east of UTC for "+01:00" / "-05:30"; undefined when not an offset. */
export function offsetMinutes(offset: string): number | undefined {
  const m = OFFSET.exec(offset);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * The local wall-clock time of a UTC instant at an offset, as ISO 8601 with that offset:
 * ("2025-03-01T10:00:00.005Z", "+01:00") → "2025-03-01T11:00:00.005+01:00". Undefined when
 * either is unreadable.
 */
export function localIso(utcIso: string, offset: string): string | undefined {
  const t = Date.parse(utcIso);
  const minutes = offsetMinutes(offset);
  if (!Number.isFinite(t) || minutes === undefined) return undefined;
  return `${new Date(t + minutes * 60_000).toISOString().slice(0, 23)}${offset}`;
}

/** "2025-03-01T10:00:00.005Z" → "2025-03-01 10:00:00.005" (date and time, no letters). */
const readable = (iso: string) => iso.slice(0, 23).replace('T', ' ');

export interface CaptureTimes {
  /** "2025-03-01 10:00:00.005 UTC", or the stored text when it is not a time. */
  utc: string;
  /** "2025-03-01 11:00:00.005 Europe/Paris (UTC+01:00)"; "… (UTC+01:00)" without a zone; undefined if unknown. */
  local?: string;
  /** ISO 8601 with the offset, for tables. */
  localIso?: string;
  timeZone?: string;
}

/** A capture's time in UTC and in the officer's time zone. */
export function captureTimes(m: Pick<CaptureMetadata, 'capturedAt' | 'localOffset' | 'timeZone'>): CaptureTimes {
  const utcText = typeof m.capturedAt === 'string' ? m.capturedAt : String(m.capturedAt);
  const valid = Number.isFinite(Date.parse(utcText));
  const utc = valid ? `${readable(new Date(utcText).toISOString())} UTC` : utcText;
  const local = typeof m.localOffset === 'string' && valid ? localIso(utcText, m.localOffset) : undefined;
  const zone = typeof m.timeZone === 'string' && m.timeZone ? m.timeZone : undefined;
  if (!local) return { utc, ...(zone ? { timeZone: zone } : {}) };
  const where = zone ? `${zone} (UTC${m.localOffset})` : `(UTC${m.localOffset})`;
  return { utc, local: `${readable(local)} ${where}`, localIso: local, ...(zone ? { timeZone: zone } : {}) };
}
