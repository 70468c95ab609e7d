/** The removal settings in storage.local ("removal/settings"), merged over the defaults. */
import browser from 'webextension-polyfill';
import { DEFAULT_REMOVAL_SETTINGS, mergeRemovalSettings, type RemovalSettings } from '../../engine/removal/settings';

const KEY = 'removal/settings';

export async function loadRemovalSettings(): Promise<RemovalSettings> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  try {
    return mergeRemovalSettings(structuredClone(DEFAULT_REMOVAL_SETTINGS), stored);
  } catch {
    // A stored template no longer valid: keep the rest, with the default templates.
    return mergeRemovalSettings(structuredClone(DEFAULT_REMOVAL_SETTINGS), { ...(stored as object), templates: {} });
  }
}

export async function saveRemovalSettings(update: unknown): Promise<RemovalSettings> {
  const next = mergeRemovalSettings(await loadRemovalSettings(), update);
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
