/**
 * How current the lexicon's CITES data is: the date the Appendices it holds were amended to, and
 * whether that is more than a year before today (the options and welcome pages then say so and
 * point to the checklist import). Pure: the pages pass today's date.
 */
import type { LexiconVersion } from './types';

type Dated = Pick<LexiconVersion, 'checklist' | 'amendments'>;

/**
 * The Appendices as the data holds them: amended to the latest amendment applied, else the
 * checklist's date. `fallback` (YYYY-MM-DD) stands for a checklist whose file name carries no date:
 * the agency import takes such an export as current on the day it was imported.
 */
export function appendicesDate(version: Dated, fallback = ''): string {
  const amended = version.amendments?.asAmendedTo ?? '';
  const exported = version.checklist.date || fallback;
  return amended > exported ? amended : exported;
}

/**
 * True when the data is more than a year older than `today` (a Date or YYYY-MM-DD), or has no
 * date at all: the Conference of the Parties meets every two to three years, and a year-old
 * lexicon may miss its amendments.
 */
export function isStale(version: Dated, today: Date | string, fallback = ''): boolean {
  const date = appendicesDate(version, fallback);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return true;
  const now = typeof today === 'string' ? today : today.toISOString().slice(0, 10);
  const [y, m, d] = now.split('-');
  const yearAgo = `${String(Number(y) - 1).padStart(4, '0')}-${m}-${d}`;
  return date < yearAgo;
}

/** The date of the latest checklist import (YYYY-MM-DD), the fallback for a dateless export; "" if none. */
export function lastChecklistImport(imports: readonly { kind: string; at: string }[]): string {
  return imports.reduce((d, i) => (i.kind === 'checklist' && i.at.slice(0, 10) > d ? i.at.slice(0, 10) : d), '');
}
