/** Storage checks before a capture: enough room, and persistent storage where it can be asked. */
import { StorageFullError } from './dexie-store';

/** Room kept free beyond the capture itself (IndexedDB overhead, audit rows). */
export const QUOTA_MARGIN_BYTES = 8 * 1024 * 1024;

/**
 * Throws StorageFullError when the origin's quota cannot hold `neededBytes` (plus the margin).
 * Browsers without storage.estimate are not checked here: a full disk still fails the write
 * atomically and is reported the same way.
 */
export async function checkQuota(
  neededBytes: number,
  storage: Pick<StorageManager, 'estimate'> | undefined = globalThis.navigator?.storage,
): Promise<{ usage: number; quota: number } | undefined> {
  if (!storage?.estimate) return undefined;
  const { usage = 0, quota = Infinity } = await storage.estimate();
  if (quota - usage < neededBytes + QUOTA_MARGIN_BYTES) throw new StorageFullError();
  return { usage, quota };
}

/** Asks for persistent storage (only possible from a page, not the worker); true when granted. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  if (await storage.persisted?.()) return true;
  return storage.persist();
}
