/**
 * The background's evidence store: IndexedDB (Dexie) where this browser lets the extension write
 * it, else a store in memory for this browser session. Firefox in permanent private browsing
 * (Tor Browser) refuses every IndexedDB write; there captures are kept in memory, and each one
 * is also written at once to the officer's disk as a capture bundle (capture-bundle.ts), because
 * the session's memory is gone when the browser closes.
 */
import { MemoryEvidenceStore } from '../../engine/evidence/memory-store';
import type { EvidenceReader, EvidenceStore, EvidenceTx } from '../../engine/evidence/store';
import { evidenceStore } from '../../browser/evidence-db/dexie-store';
import { indexedDbWritable, isMutationRefused } from '../../browser/evidence-db/writable';
import { t } from '../../browser/i18n';

/** Where evidence lives in this browser session. */
export type EvidenceStorageMode = 'indexeddb' | 'session';

let chosen: Promise<{ mode: EvidenceStorageMode; store: EvidenceStore }> | undefined;

function choose(): Promise<{ mode: EvidenceStorageMode; store: EvidenceStore }> {
  chosen ??= indexedDbWritable().then((writable) =>
    writable
      ? { mode: 'indexeddb' as const, store: evidenceStore() }
      : { mode: 'session' as const, store: new MemoryEvidenceStore() },
  );
  return chosen;
}

/** Where this session's evidence is kept (decided once, on first use). */
export async function evidenceStorageMode(): Promise<EvidenceStorageMode> {
  return (await choose()).mode;
}

type ReaderMethod = keyof EvidenceReader;
// Every reader method, checked by the compiler both ways (a method added to EvidenceReader fails
// the build here until it is forwarded).
const READER_SET: Record<ReaderMethod, true> = {
  getSigningKey: true,
  getCase: true,
  listCases: true,
  getCapture: true,
  listCaptures: true,
  lastCapture: true,
  listArtefacts: true,
  listNotes: true,
  listTags: true,
  listLabels: true,
  listAudit: true,
  lastAudit: true,
};
const READERS = Object.keys(READER_SET) as ReaderMethod[];

/** An EvidenceStore that forwards to the store chosen for this session. */
function forwardingStore(): EvidenceStore {
  const readers = Object.fromEntries(
    READERS.map((name) => [
      name,
      async (...args: unknown[]) => ((await choose()).store[name] as (...a: unknown[]) => Promise<unknown>)(...args),
    ]),
  ) as unknown as EvidenceReader;
  return {
    ...readers,
    async transaction<T>(body: (tx: EvidenceTx) => Promise<T>): Promise<T> {
      try {
        return await (await choose()).store.transaction(body);
      } catch (e) {
        // Said plainly, never as the browser's exception text.
        if (isMutationRefused(e)) throw new Error(t('evStorageRefused'), { cause: e });
        throw e;
      }
    },
  };
}

let shared: EvidenceStore | undefined;
/** The evidence store of the background. */
export function backgroundStore(): EvidenceStore {
  shared ??= forwardingStore();
  return shared;
}

/** Every capture id in the store (all cases). */
export async function allCaptureIds(store: EvidenceReader = backgroundStore()): Promise<string[]> {
  const ids: string[] = [];
  for (const c of await store.listCases())
    for (const r of await store.listCaptures(c.caseId)) ids.push(r.body.captureId);
  return ids;
}
