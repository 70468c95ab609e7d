import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from '../engine/settings/settings';

const KEY = 'settings';

/** Reads the settings from `storage.local`, falling back to the defaults for anything missing. */
export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return mergeSettings({ ...DEFAULT_SETTINGS }, stored[KEY]);
}

/** Applies an update and writes the result back; returns the settings now in force. */
export async function saveSettings(update: Partial<Settings>): Promise<Settings> {
  const next = mergeSettings(await loadSettings(), update);
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
