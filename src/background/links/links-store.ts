/**
 * The background's copy of the indicator index, kept in storage.local under one key.
 *
 * Why storage.local and not a table in the evidence database: the index is derived data that can
 * always be rebuilt from the captures' indicators.json, so it must not touch the evidence schema
 * or its all-tables transactions; one JSON value is written atomically by storage.local, survives
 * worker restarts, and the manifest asks for unlimitedStorage. Only the background writes it,
 * through one queue, so concurrent captures cannot lose each other's updates.
 *
 * Self-healing: every read reconciles the index with the capture ids in the evidence store, so a
 * capture whose indexing was cut short is added, a deleted case's captures drop out, and a
 * missing or corrupt value is rebuilt.
 */
import browser from 'webextension-polyfill';
import type { Indicator } from '../../engine/indicators/types';
import { allCaptureIds, backgroundStore, evidenceStorageMode } from '../evidence/evidence-store';
import { evidenceStore } from '../../browser/evidence-db/dexie-store';
import { emptyLinkState, indicatorsFromJson, parseLinkState, reconcile, type LinkState } from './link-state';

const KEY = 'links/state';

let cached: LinkState | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Runs `job` after every earlier one (one writer at a time). */
function serial<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

/** The indicators a capture stored (indicators.json), or [] when absent or unreadable. */
export async function storedIndicators(captureId: string): Promise<Indicator[]> {
  try {
    const artefact = (await backgroundStore().listArtefacts(captureId)).find((a) => a.name === 'indicators.json');
    if (!artefact) return [];
    const text = artefact.body instanceof Blob ? await artefact.body.text() : new TextDecoder().decode(artefact.body);
    return indicatorsFromJson(JSON.parse(text));
  } catch {
    return [];
  }
}

async function storedCaptureIds(): Promise<string[]> {
  // IndexedDB lists the keys alone; the session store in memory is small enough to walk.
  if ((await evidenceStorageMode()) === 'session') return allCaptureIds();
  return (await evidenceStore().db.captures.toCollection().primaryKeys()) as string[];
}

async function load(): Promise<{ state: LinkState; healed: boolean }> {
  if (cached) return { state: cached, healed: false };
  const parsed = parseLinkState((await browser.storage.local.get(KEY))[KEY]);
  return { state: parsed ?? emptyLinkState(), healed: parsed === null };
}

async function save(state: LinkState): Promise<void> {
  await browser.storage.local.set({ [KEY]: state });
  cached = state;
}

/** The index, reconciled with the stored captures (and saved when that changed it). */
export function linkState(): Promise<LinkState> {
  return serial(async () => {
    const { state, healed } = await load();
    const r = await reconcile(state, await storedCaptureIds(), storedIndicators);
    if (healed || r.added || r.removed) await save(r.state);
    else cached = r.state;
    return r.state;
  });
}

/**
 * Indexes a capture just stored (the capture pipeline calls this after appendCapture). Never
 * throws: a failure only delays indexing to the next reconciliation.
 */
export async function linkNewCapture(captureId: string): Promise<void> {
  try {
    await linkState();
  } catch (e) {
    console.warn(`Wildtrace: capture ${captureId} will be indexed for links later`, e);
  }
}

/** Drops the index and builds it again from every stored capture's indicators. */
export function rebuildLinkState(): Promise<LinkState> {
  return serial(async () => {
    const r = await reconcile(emptyLinkState(), await storedCaptureIds(), storedIndicators);
    await save(r.state);
    return r.state;
  });
}
