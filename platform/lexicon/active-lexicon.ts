import browser from 'webextension-polyfill';
import { LEXICON_ASSET } from '../../src/lexicon/load';
import { getAgencyAsset, type AgencyAsset } from './agency-asset-store';

/** The compiled lexicon in use: the agency's when one was imported, else the bundled one. */
export interface ActiveLexicon {
  bytes: Uint8Array;
  source: 'bundled' | 'agency';
  imports: AgencyAsset['imports'];
}

/** Reads the bundled asset shipped in the extension. */
export async function bundledLexiconBytes(): Promise<Uint8Array> {
  const response = await fetch(browser.runtime.getURL(`/lexicon/${LEXICON_ASSET}` as '/lexicon/lexicon.wtlx'));
  if (!response.ok) throw new Error(`lexicon asset missing (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

let lastSource: Omit<ActiveLexicon, 'bytes'> = { source: 'bundled', imports: [] };

/** The lexicon every context should use. */
export async function activeLexicon(): Promise<ActiveLexicon> {
  // A damaged agency store must not stop detection: the bundled lexicon is always there.
  const agency = await getAgencyAsset().catch(() => undefined);
  const active: ActiveLexicon = agency
    ? { bytes: agency.bytes, source: 'agency', imports: agency.imports }
    : { bytes: await bundledLexiconBytes(), source: 'bundled', imports: [] };
  lastSource = { source: active.source, imports: active.imports };
  return active;
}

/** Where the lexicon last loaded by `activeLexicon` came from. */
export function activeLexiconSource(): Omit<ActiveLexicon, 'bytes'> {
  return lastSource;
}
