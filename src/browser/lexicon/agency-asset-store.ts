/**
 * The agency's own lexicon (bundled lexicon plus its imports), kept in IndexedDB in two records
 * like the two shipped files: the hot part (gzipped) that detection loads at every worker start,
 * and the details read only by agency merges and the lookup. A flag in storage.local says whether
 * a record may exist, so a worker start without an agency lexicon never opens IndexedDB.
 */
import Dexie, { type Table } from 'dexie';
import browser from 'webextension-polyfill';
import { deflateForStorage, inflate, splitAsset, upgradeAsset } from '../../engine/lexicon/asset';
import type { AgencyUpdateResult } from '../../engine/lexicon/agency-update';

type ImportRecord = AgencyUpdateResult['record'];

/** Stored records: the hot part (gzipped) with the import list, and the details. */
interface StoredAsset {
  id: 'agency' | 'agency-details';
  bytes: Uint8Array;
  imports?: ImportRecord[];
}

/** The agency lexicon as detection loads it. */
export interface AgencyAsset {
  /** The hot part, inflated (loadLexicon reads it as is). */
  bytes: Uint8Array;
  /** Every import that went into it, oldest first. */
  imports: ImportRecord[];
}

class LexiconDb extends Dexie {
  assets!: Table<StoredAsset, string>;
  constructor() {
    super('wildtrace-lexicon');
    this.version(1).stores({ assets: '&id' });
  }
}

/** storage.local key: false when no agency lexicon is stored; true or absent when one may be. */
export const AGENCY_FLAG_KEY = 'lexicon.agencyAsset';

let db: LexiconDb | undefined;
const open = () => (db ??= new LexiconDb());

const setFlag = (value: boolean) => browser.storage.local.set({ [AGENCY_FLAG_KEY]: value });

/** False only when storage.local says no agency lexicon is stored (absent = not known yet, e.g. after an update). */
export async function agencyAssetMayExist(): Promise<boolean> {
  return (await browser.storage.local.get(AGENCY_FLAG_KEY))[AGENCY_FLAG_KEY] !== false;
}

/**
 * Stores a compiled container (compileLexicon / applyAgencyUpdate) under the two records, in one
 * transaction: the old lexicon stays until the new one is stored whole.
 */
async function storeContainer(container: Uint8Array, imports: ImportRecord[]): Promise<void> {
  const { hot, details } = splitAsset(container);
  const packed = await deflateForStorage(hot);
  // The flag goes first: a flag without records costs one IndexedDB read, records without the flag would be ignored.
  await setFlag(true);
  const d = open();
  await d.transaction('rw', d.assets, async () => {
    await d.assets.put({ id: 'agency', bytes: packed, imports });
    await d.assets.put({ id: 'agency-details', bytes: details.slice() });
  });
}

/** The agency lexicon, if one was imported (a lexicon stored by an older version is compiled again first). */
export async function getAgencyAsset(): Promise<AgencyAsset | undefined> {
  const stored = await open().assets.get('agency');
  if (!stored) {
    await setFlag(false);
    return undefined;
  }
  const imports = stored.imports ?? [];
  const plain = await inflate(stored.bytes);
  const upgraded = await upgradeAsset(plain);
  if (upgraded) {
    await storeContainer(upgraded, imports);
    return { bytes: splitAsset(upgraded).hot.slice(), imports };
  }
  return { bytes: plain, imports };
}

/** The details (full Lexicon, gzipped JSON) of the agency lexicon, if one was imported. */
export async function getAgencyDetails(): Promise<Uint8Array | undefined> {
  return (await open().assets.get('agency-details'))?.bytes;
}

/** Replaces the agency lexicon with a compiled container, in one write. */
export async function putAgencyAsset(asset: { bytes: Uint8Array; imports: ImportRecord[] }): Promise<void> {
  await storeContainer(asset.bytes, asset.imports);
}

/** Goes back to the bundled lexicon. */
export async function clearAgencyAsset(): Promise<void> {
  const d = open();
  await d.transaction('rw', d.assets, async () => {
    await d.assets.bulkDelete(['agency', 'agency-details']);
  });
  await setFlag(false);
}
