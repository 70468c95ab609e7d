/** Node-only: loads the compiled lexicon asset from assets/lexicon/ (or another path). */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { joinAsset } from './asset';
import type { CompiledLexicon } from './compiled';
import { LEXICON_ASSET, LEXICON_DETAILS_ASSET, isGzip, loadLexicon } from './load';
import { REPO_ROOT } from './node-sources';

/** Path of the asset built by `npm run lexicon`. */
export const LEXICON_ASSET_PATH = join(REPO_ROOT, 'assets/lexicon', LEXICON_ASSET);
/** Path of its details file. */
export const LEXICON_DETAILS_PATH = join(REPO_ROOT, 'assets/lexicon', LEXICON_DETAILS_ASSET);

/** The details file that goes with a hot asset file: "x.wtlx" -> "x-details.json.gz" in the same folder. */
export function detailsPathFor(path: string): string {
  return join(dirname(path), basename(path).replace(/\.wtlx$/, '') + '-details.json.gz');
}

/** The bytes of a compiled lexicon file, inflated natively when gzipped. */
export function readLexiconBytes(path = LEXICON_ASSET_PATH): Uint8Array {
  const bytes = readFileSync(path);
  // One large output chunk: zlib's default 16 KB chunks double the time to inflate 2 MB.
  return isGzip(bytes) ? gunzipSync(bytes, { chunkSize: 1 << 22 }) : bytes;
}

/**
 * Reads and loads a compiled lexicon file (default: the bundled asset). Its details file, when it
 * sits next to it, is read only if toLexicon() is called.
 */
export function loadLexiconFile(path = LEXICON_ASSET_PATH): CompiledLexicon {
  const details = detailsPathFor(path);
  return loadLexicon(readLexiconBytes(path), existsSync(details) ? { details: () => readFileSync(details) } : {});
}

/** The whole container (hot part and details, as compileLexicon made it) of a lexicon file and its details file. */
export function readLexiconContainer(path = LEXICON_ASSET_PATH): Uint8Array {
  return joinAsset(readLexiconBytes(path), readFileSync(detailsPathFor(path)));
}
