/**
 * Loads a compiled lexicon. Works anywhere (Node, service worker, content script, options page):
 * give it the bytes, however they were read.
 *
 *   // extension: src/browser/lexicon/active-lexicon.ts fetches lexicon.wtlx and inflates it natively
 *   // Node:      import { loadLexiconFile } from './node-load';
 *   const lexicon = loadLexicon(bytes);
 *
 * The bytes may be the shipped hot file (gzipped, inflated here with fflate: prefer inflating
 * with DecompressionStream first, see asset.ts), the hot part inflated, or the whole container
 * that compileLexicon returns (details included).
 */
import { gunzipSync } from 'fflate';
import { CompiledLexicon, type DetailsSource } from './compiled';
import { MAGIC, type AssetHeader } from './format';
import { LEXICON_SCHEMA } from './build';
import { LexiconImportError } from './types';

/** File name of the compiled asset (hot part, gzipped) inside assets/lexicon/ (and /lexicon/ in the extension). */
export const LEXICON_ASSET = 'lexicon.wtlx';
/** File name of the details (full Lexicon as gzipped JSON) next to it. */
export const LEXICON_DETAILS_ASSET = 'lexicon-details.json.gz';
/** File name of the version record next to it. */
export const LEXICON_VERSION_FILE = 'lexicon-version.json';

/** True for bytes that start like a gzip stream. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The header of a compiled lexicon (hot part or whole container), checked; `base` is where sections start. */
export function readAssetHeader(bytes: Uint8Array): { header: AssetHeader; base: number } {
  if (bytes.length < 8) throw new LexiconImportError('bad-format', 'not a compiled Wildtrace lexicon (too short)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC)
    throw new LexiconImportError('bad-format', 'not a compiled Wildtrace lexicon (bad magic number)');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length)
    throw new LexiconImportError('truncated', 'compiled lexicon is truncated (header cut short)');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as AssetHeader;
  if (header.schema !== LEXICON_SCHEMA) {
    throw new LexiconImportError(
      'bad-format',
      `compiled lexicon has schema ${header.schema}, this version reads ${LEXICON_SCHEMA}`,
    );
  }
  return { header, base: (8 + headerLength + 7) & ~7 };
}

export interface LoadOptions {
  /** The details file's bytes, or a function that reads them when toLexicon() first needs them. */
  details?: DetailsSource;
}

/**
 * Reads asset bytes into a CompiledLexicon ready for createMatcher. Throws LexiconImportError
 * when the bytes are not a compiled lexicon of this schema or are cut short.
 */
export function loadLexicon(input: ArrayBuffer | Uint8Array, options: LoadOptions = {}): CompiledLexicon {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new LexiconImportError(
        'truncated',
        `compiled lexicon does not inflate (${(err as Error).message}): the file looks cut short`,
      );
    }
  }
  // Typed-array views need aligned offsets; a Node Buffer from a pool may not be.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const { header, base } = readAssetHeader(bytes);
  for (const [name, s] of Object.entries(header.sections)) {
    if (name !== 'details' && base + s.offset + s.length > bytes.length)
      throw new LexiconImportError('truncated', `compiled lexicon is truncated (section ${name} cut short)`);
  }
  // The hot part alone ends where the details start; anything between that and the whole container is a cut file.
  const details = header.sections.details;
  if (bytes.length > base + details.offset && bytes.length < base + details.offset + details.length) {
    throw new LexiconImportError('truncated', 'compiled lexicon is truncated (section details cut short)');
  }
  try {
    return new CompiledLexicon(bytes, header, base, options.details);
  } catch (err) {
    if (err instanceof RangeError)
      throw new LexiconImportError('bad-format', `compiled lexicon is damaged: ${err.message}`);
    throw err;
  }
}
