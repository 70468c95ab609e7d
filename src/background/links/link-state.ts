/**
 * The persisted "links between captures" state and its pure upkeep: the IndicatorIndex of
 * src/engine/links plus the ids of the captures it covers. Knowing which captures are in the index lets
 * the background reconcile it with the evidence store at any time (captures added while the
 * worker died before indexing, cases deleted, a corrupt or missing copy), so the index heals
 * itself instead of silently drifting. Browser-free: unit-tested in Node.
 */
import type { Indicator } from '../../engine/indicators/types';
import { addCapture, removeCapture, type IndicatorIndex } from '../../engine/links';

/** Bumped when the stored shape changes; any other version is rebuilt from the captures. */
export const LINK_STATE_VERSION = 1;

export interface LinkState {
  version: typeof LINK_STATE_VERSION;
  index: IndicatorIndex;
  /** Every capture the index covers, sorted (captures without identifying indicators included). */
  captureIds: string[];
}

export const emptyLinkState = (): LinkState => ({ version: LINK_STATE_VERSION, index: {}, captureIds: [] });

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Reads a stored state, or null when it is missing, of another version, or malformed in any way
 * (the caller then rebuilds it from the captures: the index is derived data, never evidence).
 */
export function parseLinkState(raw: unknown): LinkState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<Record<keyof LinkState, unknown>>;
  if (r.version !== LINK_STATE_VERSION || !isStringArray(r.captureIds)) return null;
  if (typeof r.index !== 'object' || r.index === null || Array.isArray(r.index)) return null;
  const covered = new Set(r.captureIds);
  for (const [key, ids] of Object.entries(r.index)) {
    // Every key is "type:value" and every id it names is one the state says it covers.
    if (!key.includes(':') || !isStringArray(ids) || ids.length === 0 || ids.some((id) => !covered.has(id)))
      return null;
  }
  return { version: LINK_STATE_VERSION, index: r.index as IndicatorIndex, captureIds: [...covered].sort() };
}

/**
 * The indicators in a stored indicators.json (opaque JSON written by the capture pipeline):
 * entries without a string type and normalized form are dropped, so a damaged file links nothing
 * rather than failing the whole index.
 */
export function indicatorsFromJson(raw: unknown): Indicator[] {
  if (!Array.isArray(raw)) return [];
  const out: Indicator[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const i = item as Record<string, unknown>;
    if (typeof i.type !== 'string' || typeof i.normalized !== 'string' || !i.normalized) continue;
    const details = typeof i.details === 'object' && i.details !== null ? i.details : {};
    out.push({ ...(i as object), details } as Indicator);
  }
  return out;
}

/** Adds one capture (idempotent). */
export function withCapture(state: LinkState, captureId: string, indicators: readonly Indicator[]): LinkState {
  const ids = state.captureIds.includes(captureId) ? state.captureIds : [...state.captureIds, captureId].sort();
  return { version: LINK_STATE_VERSION, index: addCapture(state.index, { captureId, indicators }), captureIds: ids };
}

/** Drops captures (e.g. those of a deleted case). */
export function withoutCaptures(state: LinkState, captureIds: Iterable<string>): LinkState {
  const gone = new Set(captureIds);
  let index = state.index;
  for (const id of gone) if (state.captureIds.includes(id)) index = removeCapture(index, id);
  return { version: LINK_STATE_VERSION, index, captureIds: state.captureIds.filter((id) => !gone.has(id)) };
}

/** What must change for the state to cover exactly the stored captures. */
export function reconcilePlan(state: LinkState, storedIds: Iterable<string>): { missing: string[]; stale: string[] } {
  const stored = new Set(storedIds);
  const covered = new Set(state.captureIds);
  return {
    missing: [...stored].filter((id) => !covered.has(id)).sort(),
    stale: state.captureIds.filter((id) => !stored.has(id)),
  };
}

/**
 * Brings the state in line with the stored captures: stale ids are removed, missing captures are
 * indexed from their stored indicators (`load` answers [] for a capture whose file is unreadable).
 */
export async function reconcile(
  state: LinkState,
  storedIds: Iterable<string>,
  load: (captureId: string) => Promise<readonly Indicator[]>,
): Promise<{ state: LinkState; added: number; removed: number }> {
  const { missing, stale } = reconcilePlan(state, storedIds);
  let next = stale.length ? withoutCaptures(state, stale) : state;
  for (const id of missing) next = withCapture(next, id, await load(id));
  return { state: next, added: missing.length, removed: stale.length };
}
