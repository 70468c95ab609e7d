/**
 * Loads a compiled lexicon asset. Works anywhere (Node, service worker, content script, options
 * page): give it the bytes, however they were read.
 *
 *   // extension:  const bytes = await (await fetch(browser.runtime.getURL('/lexicon/lexicon.wtlx'))).arrayBuffer();
 *   // Node:       import { loadLexiconFile } from './node-load';
 *   const lexicon = loadLexicon(bytes);
 */
import { CompiledLexicon } from './compiled';
import { MAGIC, type AssetHeader } from './format';
import { LEXICON_SCHEMA } from './build';
import { LexiconImportError } from './types';

/** File name of the compiled asset inside assets/lexicon/ (and /lexicon/ in the extension). */
export const LEXICON_ASSET = 'lexicon.wtlx';
/** File name of the version record next to it. */
export const LEXICON_VERSION_FILE = 'lexicon-version.json';

/**
 * Reads asset bytes into a CompiledLexicon ready for createMatcher. Throws LexiconImportError
 * when the bytes are not a compiled lexicon of this schema or are cut short.
 */
export function loadLexicon(input: ArrayBuffer | Uint8Array): CompiledLexicon {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 8) throw new LexiconImportError('bad-format', 'not a compiled Wildtrace lexicon (too short)');
  // Typed-array views need aligned offsets; a Node Buffer from a pool may not be.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new LexiconImportError('bad-format', 'not a compiled Wildtrace lexicon (bad magic number)');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new LexiconImportError('truncated', 'compiled lexicon is truncated (header cut short)');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as AssetHeader;
  if (header.schema !== LEXICON_SCHEMA) {
    throw new LexiconImportError('bad-format', `compiled lexicon has schema ${header.schema}, this version reads ${LEXICON_SCHEMA}`);
  }
  const base = (8 + headerLength + 7) & ~7;
  for (const [name, s] of Object.entries(header.sections)) {
    if (base + s.offset + s.length > bytes.length) throw new LexiconImportError('truncated', `compiled lexicon is truncated (section ${name} cut short)`);
  }
  return new CompiledLexicon(bytes, header, base);
}
