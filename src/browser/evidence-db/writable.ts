/**
 * Whether this extension context may write to IndexedDB. Firefox in permanent private browsing
 * (`browser.privatebrowsing.autostart`, Tor Browser's default) lets an extension allowed in
 * private windows open databases, but refuses every write with "InvalidStateError: A mutation
 * operation was attempted on a database that did not allow mutations".
 */
const PROBE_DB = 'wildtrace-probe';

/** True for the error IndexedDB gives when writes are not allowed in this context. */
export function isMutationRefused(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; depth++) {
    const { name, message } = x as { name?: string; message?: string };
    if (name === 'InvalidStateError' && /mutation/i.test(message ?? '')) return true;
    x = (x as { inner?: unknown; cause?: unknown }).inner ?? (x as { cause?: unknown }).cause;
  }
  return false;
}

/** Writes and deletes one row in a scratch database; false when IndexedDB refuses or is missing. */
export async function indexedDbWritable(idb: IDBFactory | undefined = globalThis.indexedDB): Promise<boolean> {
  if (!idb) return false;
  try {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = idb.open(PROBE_DB, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('probe');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    try {
      await new Promise<void>((ok, fail) => {
        const tx = db.transaction('probe', 'readwrite');
        tx.objectStore('probe').put(1, 'probe');
        tx.objectStore('probe').delete('probe');
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error);
        tx.onabort = () => fail(tx.error);
      });
    } finally {
      db.close();
    }
    return true;
  } catch {
    return false;
  }
}
