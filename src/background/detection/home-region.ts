/**
 * The officer's home region (settings) for reading phone numbers written without a country code,
 * kept in memory: every batch of page text needs it. Forgotten when the settings change.
 */
import browser from 'webextension-polyfill';
import { phoneRegionFor } from '../../engine/indicators/region';
import { loadSettings } from '../../browser/settings-store';

let home: Promise<string> | undefined;

/** The home region from the settings ('' when none is set or the settings cannot be read). */
export function homeRegion(): Promise<string> {
  home ??= loadSettings().then(
    (s) => s.phoneRegion,
    () => '',
  );
  return home;
}

/** Forget the cached region whenever the settings change (call once, when the worker starts). */
export function watchHomeRegion(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'settings' in changes) home = undefined;
  });
}

/** The region for the numbers of the page at `url`: its country domain, else the home region. */
export async function regionForPage(url: string): Promise<string | undefined> {
  return phoneRegionFor(url, await homeRegion());
}
