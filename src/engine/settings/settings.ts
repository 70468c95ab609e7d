/** The officer's settings, kept in extension storage. */
import { normalizeRegion } from '../indicators/region';

export interface Settings {
  officerName: string;
  agency: string;
  /** Covert mode (default on): nothing is added to or changed in the pages the officer visits. */
  covertMode: boolean;
  /**
   * Home region (ISO 3166-1 alpha-2, e.g. "VN"; "" for none): phone numbers written without a
   * country code are read as this region's on sites without a country domain.
   */
  phoneRegion: string;
}

/** Defaults for a new installation: covert, with no identity filled in. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  officerName: '',
  agency: '',
  covertMode: true,
  phoneRegion: '',
});

const MAX_TEXT = 200;

/**
 * Merges a partial update into settings, keeping only known keys with the right types, so a
 * malformed stored value or message can never put a wrong type into the settings.
 */
export function mergeSettings(base: Settings, update: unknown): Settings {
  const next: Settings = { ...base };
  if (typeof update !== 'object' || update === null) return next;
  const u = update as Record<string, unknown>;
  if (typeof u.officerName === 'string') next.officerName = u.officerName.trim().slice(0, MAX_TEXT);
  if (typeof u.agency === 'string') next.agency = u.agency.trim().slice(0, MAX_TEXT);
  if (typeof u.covertMode === 'boolean') next.covertMode = u.covertMode;
  // Only a region the phone parser knows; "" clears it, anything else keeps the one in force.
  const region = u.phoneRegion === '' ? '' : normalizeRegion(u.phoneRegion);
  if (region !== undefined) next.phoneRegion = region;
  return next;
}
