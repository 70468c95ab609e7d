/**
 * The Trends page's filters (which cases, which days), shared by the page's counts and the
 * background's "Export cyber-alert", so the exported report counts what the page shows.
 */
import type { CaptureFacts } from './capture-facts';

/** A day range, UTC, inclusive; '' leaves that end open. */
export interface DayRange {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True when a capture time falls in the range (compared by its UTC day). */
export function inDayRange(capturedAt: string, r: DayRange): boolean {
  const day = capturedAt.slice(0, 10);
  return (!r.from || day >= r.from) && (!r.to || day <= r.to);
}

/** The facts of captures made in the range whose case is not left out. */
export function filterFacts(
  facts: readonly CaptureFacts[],
  r: DayRange & { without: ReadonlySet<string> },
): CaptureFacts[] {
  return facts.filter((x) => !r.without.has(x.caseId) && inDayRange(x.capturedAt, r));
}

/** What the cyber-alert export is asked for: the chosen cases and the day range. */
export interface AlertRequest extends DayRange {
  caseIds: string[];
}

/** The request checked (it arrives as a message): a clear error for anything else. */
export function alertRequest(raw: unknown): AlertRequest {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof AlertRequest, unknown>>;
  const ids = r.caseIds;
  if (!Array.isArray(ids) || !ids.length || !ids.every((id) => typeof id === 'string' && id.length > 0))
    throw new Error('say which cases the cyber-alert covers');
  const day = (v: unknown, name: string): string => {
    if (v === undefined || v === '') return '';
    if (typeof v === 'string' && DAY.test(v)) return v;
    throw new Error(`the ${name} day must be YYYY-MM-DD`);
  };
  return { caseIds: [...new Set(ids as string[])], from: day(r.from, 'first'), to: day(r.to, 'last') };
}
