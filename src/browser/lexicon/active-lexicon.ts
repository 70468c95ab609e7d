/**
 * The lexicon in use, for every extension context: the agency's when one was imported, else the
 * bundled one. Detection needs only the hot part (lexicon.wtlx, inflated natively while it
 * arrives); agency merges and the lookup also need the details (lexicon-details.json.gz).
 */
import browser from 'webextension-polyfill';
import { inflateResponse, joinAsset, readLexiconDetails } from '../../engine/lexicon/asset';
import { LEXICON_ASSET, LEXICON_DETAILS_ASSET } from '../../engine/lexicon/load';
import type { Lexicon } from '../../engine/lexicon/types';
import { agencyAssetMayExist, getAgencyAsset, getAgencyDetails, type AgencyAsset } from './agency-asset-store';

/** The compiled lexicon in use: the agency's when one was imported, else the bundled one. */
export interface ActiveLexicon {
  /** The hot part, inflated (what loadLexicon needs to match); with `withDetails`, the whole container. */
  bytes: Uint8Array;
  source: 'bundled' | 'agency';
  imports: AgencyAsset['imports'];
}

async function fetchBundled(file: string): Promise<Response> {
  // WXT types only the paths it generates itself; the lexicon files are copied in by scripts/bundled-assets.ts.
  const response = await fetch(browser.runtime.getURL(`/lexicon/${file}` as '/'));
  if (!response.ok) throw new Error(`lexicon asset ${file} missing (${response.status})`);
  return response;
}

/** Reads the bundled hot part shipped in the extension, inflated. */
export async function bundledLexiconBytes(): Promise<Uint8Array> {
  return inflateResponse(await fetchBundled(LEXICON_ASSET));
}

/** Reads the bundled details file (full Lexicon, gzipped JSON). */
export async function bundledLexiconDetails(): Promise<Uint8Array> {
  return new Uint8Array(await (await fetchBundled(LEXICON_DETAILS_ASSET)).arrayBuffer());
}

let lastSource: Omit<ActiveLexicon, 'bytes'> = { source: 'bundled', imports: [] };

/** The agency lexicon when storage.local says one may exist and IndexedDB has it; a damaged store counts as none. */
async function agencyLexicon(): Promise<AgencyAsset | undefined> {
  try {
    return (await agencyAssetMayExist()) ? await getAgencyAsset() : undefined;
  } catch {
    // A damaged agency store must not stop detection: the bundled lexicon is always there.
    return undefined;
  }
}

/**
 * The lexicon every context should use. The bundled file is fetched at once, alongside the check
 * for an agency lexicon, so a worker start without one waits for neither IndexedDB nor the flag.
 * `withDetails` (agency merges) returns the whole container instead of the hot part.
 */
export async function activeLexicon(options: { withDetails?: boolean } = {}): Promise<ActiveLexicon> {
  const bundled = bundledLexiconBytes();
  bundled.catch(() => {});
  const agency = await agencyLexicon();
  let active: ActiveLexicon;
  if (agency) {
    let bytes = agency.bytes;
    if (options.withDetails) {
      const details = await getAgencyDetails();
      if (!details)
        throw new Error(
          'the agency lexicon has no details record: use the bundled lexicon again, then import once more',
        );
      bytes = joinAsset(bytes, details);
    }
    active = { bytes, source: 'agency', imports: agency.imports };
  } else {
    const bytes = options.withDetails ? joinAsset(await bundled, await bundledLexiconDetails()) : await bundled;
    active = { bytes, source: 'bundled', imports: [] };
  }
  lastSource = { source: active.source, imports: active.imports };
  return active;
}

/** The full Lexicon in use (taxa with all names, terms), for the side-panel lookup. */
export async function activeLexiconDetails(): Promise<Lexicon> {
  const agency = (await agencyAssetMayExist().catch(() => true))
    ? await getAgencyDetails().catch(() => undefined)
    : undefined;
  return readLexiconDetails(agency ?? (await bundledLexiconDetails()));
}

/** Where the lexicon last loaded by `activeLexicon` came from. */
export function activeLexiconSource(): Omit<ActiveLexicon, 'bytes'> {
  return lastSource;
}
