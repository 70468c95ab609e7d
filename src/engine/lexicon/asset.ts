/**
 * The compiled lexicon as files: compileLexicon gives one container (hot part + details, see
 * format.ts); it ships as two files so a worker that only matches reads the small one:
 *
 *   lexicon.wtlx             the hot part, gzipped (deterministic: fixed header, level 9)
 *   lexicon-details.json.gz  the details section as is (the full Lexicon, gzipped JSON)
 *
 * Inflating uses the platform's DecompressionStream (native, in Chrome, Firefox and Node 20)
 * when there is one, else fflate.
 */
import { gunzipSync, gzipSync } from 'fflate';
import { LEXICON_SCHEMA } from './build';
import { compileLexicon } from './compile';
import { MAGIC } from './format';
import { isGzip, readAssetHeader } from './load';
import { LexiconImportError, type Lexicon } from './types';

/** Cuts a container into its hot part (not yet compressed) and its details section. */
export function splitAsset(container: Uint8Array): { hot: Uint8Array; details: Uint8Array } {
  const { header, base } = readAssetHeader(container);
  const d = header.sections.details;
  if (base + d.offset + d.length > container.length)
    throw new LexiconImportError('truncated', 'compiled lexicon is truncated (section details cut short)');
  return {
    hot: container.subarray(0, base + d.offset),
    details: container.subarray(base + d.offset, base + d.offset + d.length),
  };
}

/** The hot part as the shipped file: gzip level 9 with a zero timestamp, so equal input gives equal bytes. */
export function packHotAsset(hot: Uint8Array): Uint8Array {
  return gzipSync(hot, { level: 9, mtime: 0 });
}

/** The two shipped files of a container: hot part gzipped, and the details. */
export function assetFiles(container: Uint8Array): { hot: Uint8Array; details: Uint8Array } {
  const { hot, details } = splitAsset(container);
  return { hot: packHotAsset(hot), details };
}

/** Puts a hot part (inflated) and its details back into one container, as compileLexicon made it. */
export function joinAsset(hot: Uint8Array, details: Uint8Array): Uint8Array {
  const { header, base } = readAssetHeader(hot);
  const d = header.sections.details;
  if (hot.length !== base + d.offset)
    throw new LexiconImportError('bad-format', 'joinAsset needs the inflated hot part alone');
  if (details.length !== d.length)
    throw new LexiconImportError(
      'bad-format',
      `the lexicon details do not belong to this lexicon (${details.length} bytes where ${d.length} were expected)`,
    );
  const out = new Uint8Array(hot.length + details.length);
  out.set(hot, 0);
  out.set(details, hot.length);
  return out;
}

/** All of a stream's chunks in one array; `size`, when known, is allocated once. */
async function readAll(stream: ReadableStream<Uint8Array>, size = 0): Promise<Uint8Array> {
  // A reader loop into one buffer: Response(stream).arrayBuffer() took twice as long in Chrome's worker.
  let out = new Uint8Array(size || 1 << 16);
  let at = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > out.length) {
      const grown = new Uint8Array(Math.max(out.length * 2, at + value.length));
      grown.set(out.subarray(0, at));
      out = grown;
    }
    out.set(value, at);
    at += value.length;
  }
  return at === out.length ? out : out.slice(0, at);
}

async function throughStream(
  bytes: Uint8Array,
  stream: DecompressionStream | CompressionStream,
  size = 0,
): Promise<Uint8Array> {
  // The bytes go in with one write: a Blob's stream is read through the browser process, twice as slow.
  const writer = stream.writable.getWriter();
  const written = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  const [out] = await Promise.all([readAll(stream.readable, size), written]);
  return out;
}

/** The inflated size a gzip stream announces in its last four bytes (modulo 2^32). */
function gzipSize(bytes: Uint8Array): number {
  return bytes.length >= 18 ? new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true) : 0;
}

/** Inflates gzip bytes (natively when the platform can); bytes that are not gzip come back as they are. */
export async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    if (typeof DecompressionStream === 'function')
      return await throughStream(bytes, new DecompressionStream('gzip'), gzipSize(bytes));
    return gunzipSync(bytes);
  } catch (err) {
    throw new LexiconImportError(
      'truncated',
      `compiled lexicon does not inflate (${(err as Error).message}): the file looks cut short`,
    );
  }
}

/**
 * Reads a gzipped response and inflates it (natively when the platform can). The whole file is
 * read first: it is small, and its trailer gives the inflated size, so the output is allocated once.
 */
export async function inflateResponse(response: Response): Promise<Uint8Array> {
  return inflate(new Uint8Array(await response.arrayBuffer()));
}

/** Gzips bytes for storage (natively when the platform can; not byte-stable across platforms, unlike packHotAsset). */
export async function deflateForStorage(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof CompressionStream === 'function') return throughStream(bytes, new CompressionStream('gzip'));
  return gzipSync(bytes, { level: 6 });
}

/** The full Lexicon from a details file (the side-panel lookup and agency merges), inflated natively. */
export async function readLexiconDetails(details: Uint8Array): Promise<Lexicon> {
  return JSON.parse(new TextDecoder().decode(await inflate(details))) as Lexicon;
}

/**
 * A container in this schema for a compiled lexicon stored by an older version (an agency's
 * imports kept in IndexedDB): schema 1 carried the full Lexicon as its `lexicon` section, which is
 * compiled again. Returns undefined when the bytes are already in this schema.
 */
export async function upgradeAsset(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const plain = await inflate(bytes);
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  if (plain.length < 8 || view.getUint32(0, true) !== MAGIC)
    throw new LexiconImportError('bad-format', 'not a compiled Wildtrace lexicon (bad magic number)');
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(plain.subarray(8, 8 + headerLength))) as {
    schema: number;
    sections: Record<string, { offset: number; length: number }>;
  };
  if (header.schema === LEXICON_SCHEMA) return undefined;
  const old = header.schema === 1 ? header.sections.lexicon : undefined;
  if (!old)
    throw new LexiconImportError(
      'bad-format',
      `compiled lexicon has schema ${header.schema}, this version reads ${LEXICON_SCHEMA}`,
    );
  const base = (8 + headerLength + 7) & ~7;
  const lexicon = await readLexiconDetails(plain.subarray(base + old.offset, base + old.offset + old.length));
  return compileLexicon({ ...lexicon, version: { ...lexicon.version, schema: LEXICON_SCHEMA } });
}
