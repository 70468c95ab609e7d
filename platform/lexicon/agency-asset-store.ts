import Dexie, { type Table } from 'dexie';
import type { AgencyUpdateResult } from '../../src/lexicon/agency-update';

/** The agency's own lexicon (bundled lexicon plus its imports), replacing the bundled one. */
export interface AgencyAsset {
  id: 'agency';
  bytes: Uint8Array;
  /** Every import that went into it, oldest first. */
  imports: AgencyUpdateResult['record'][];
}

class LexiconDb extends Dexie {
  assets!: Table<AgencyAsset, string>;
  constructor() {
    super('wildtrace-lexicon');
    this.version(1).stores({ assets: '&id' });
  }
}

let db: LexiconDb | undefined;
const open = () => (db ??= new LexiconDb());

/** The agency lexicon, if one was imported. */
export async function getAgencyAsset(): Promise<AgencyAsset | undefined> {
  return open().assets.get('agency');
}

/** Replaces the agency lexicon in one write: the old one stays until the new one is stored. */
export async function putAgencyAsset(asset: Omit<AgencyAsset, 'id'>): Promise<void> {
  await open().assets.put({ id: 'agency', ...asset });
}

/** Goes back to the bundled lexicon. */
export async function clearAgencyAsset(): Promise<void> {
  await open().assets.delete('agency');
}
