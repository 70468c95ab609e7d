/**
 * The indicator index: link key -> ids of the captures that showed it. A plain, JSON-serialisable
 * object so the extension can keep it in IndexedDB or rebuild it from the captures; every function
 * returns a new index and leaves its input untouched.
 */
import type { Indicator } from '../indicators/types';
import { linkKeys } from './keys';

/** Link key -> sorted, unique capture ids. */
export type IndicatorIndex = Readonly<Record<string, readonly string[]>>;

/** What the index needs from a capture. */
export interface CaptureIndicators {
  captureId: string;
  indicators: readonly Indicator[];
}

/** One indicator of the current page already seen in earlier captures. */
export interface SeenBefore {
  key: string;
  /** The indicators of the current page under that key (the same number may appear twice). */
  indicators: Indicator[];
  /** Earlier captures that showed it, sorted. */
  captureIds: string[];
}

/** Adds a capture's indicators to the index. Re-adding the same capture changes nothing. */
export function addCapture(index: IndicatorIndex, capture: CaptureIndicators): IndicatorIndex {
  const next: Record<string, readonly string[]> = { ...index };
  for (const key of new Set(capture.indicators.flatMap((i) => linkKeys(i)))) {
    const ids = next[key] ?? [];
    if (!ids.includes(capture.captureId)) next[key] = [...ids, capture.captureId].sort();
  }
  return next;
}

/** Removes a capture from the index (e.g. when a capture is deleted from a case). */
export function removeCapture(index: IndicatorIndex, captureId: string): IndicatorIndex {
  const next: Record<string, readonly string[]> = {};
  for (const [key, ids] of Object.entries(index)) {
    const kept = ids.filter((id) => id !== captureId);
    if (kept.length) next[key] = kept;
  }
  return next;
}

/** Builds an index from scratch. */
export function buildIndex(captures: readonly CaptureIndicators[]): IndicatorIndex {
  return captures.reduce<IndicatorIndex>((index, c) => addCapture(index, c), {});
}

/**
 * The current page's indicators that earlier captures share ("seen before"), strongest first
 * (most captures). `excludeCaptureId` leaves out the page's own capture once it is saved.
 */
export function findSeenBefore(
  index: IndicatorIndex,
  indicators: readonly Indicator[],
  options: { excludeCaptureId?: string } = {},
): SeenBefore[] {
  const byKey = new Map<string, Indicator[]>();
  for (const indicator of indicators) {
    for (const key of linkKeys(indicator)) byKey.set(key, [...(byKey.get(key) ?? []), indicator]);
  }
  const out: SeenBefore[] = [];
  for (const [key, found] of byKey) {
    const captureIds = (index[key] ?? []).filter((id) => id !== options.excludeCaptureId);
    if (captureIds.length) out.push({ key, indicators: found, captureIds: [...captureIds] });
  }
  return out.sort((a, b) => b.captureIds.length - a.captureIds.length || a.key.localeCompare(b.key));
}

/** Captures linked to `captureId` through at least one shared key, with the keys they share. */
export function linkedCaptures(index: IndicatorIndex, captureId: string): { captureId: string; keys: string[] }[] {
  const shared = new Map<string, string[]>();
  for (const [key, ids] of Object.entries(index)) {
    if (!ids.includes(captureId)) continue;
    for (const other of ids) if (other !== captureId) shared.set(other, [...(shared.get(other) ?? []), key]);
  }
  return [...shared]
    .map(([id, keys]) => ({ captureId: id, keys: keys.sort() }))
    .sort((a, b) => b.keys.length - a.keys.length || a.captureId.localeCompare(b.captureId));
}
