/**
 * The documents `wildtrace scan` reads, one at a time and in bounded memory: a JSONL file or stream
 * is read line by line (a crawl dump of any length), an HTML or text file whole up to
 * MAX_DOCUMENT_BYTES. Anything larger is refused with a message that names the limit, before it is
 * read into memory, so a hostile or mistaken input cannot exhaust the machine. Node-only.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { htmlVisibleText } from '../engine/text/html-text';

/**
 * The largest document scanned: an HTML or text file, or one JSONL line, in bytes. Saved pages
 * of large marketplaces are a few megabytes; at this size a scan stays under 500 MB of memory.
 */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

export interface Doc {
  id: string;
  text: string;
  /** The page's address (JSONL "url"): its country domain sets the phone region. */
  url?: string;
}

export type Kind = 'html' | 'jsonl' | 'text';

export class InputError extends Error {}

export interface ReadOptions {
  maxDocumentBytes?: number;
}

const SCANNED = new Set(['.html', '.htm', '.txt', '.md', '.jsonl', '.text']);
const size = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${n} bytes`);
const tooLarge = (what: string, limit: number) =>
  new InputError(`${what}: larger than ${size(limit)}, the most one document may have (split it)`);

/** Decodes UTF-8 strictly: a binary or mis-encoded file is an input error, not a silent scan. */
function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${name}: not UTF-8 text (binary file or another encoding)`);
  }
}

/** One JSONL line as a document; `lineNo` counts from 1. Returns nothing for a blank line. */
export function jsonlDocument(name: string, line: string, lineNo: number): Doc | undefined {
  if (!line.trim()) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (e) {
    throw new InputError(`${name}:${lineNo}: not valid JSON (${(e as Error).message})`);
  }
  const r = record as { text?: unknown; id?: unknown; url?: unknown };
  if (!r || typeof r !== 'object' || typeof r.text !== 'string')
    throw new InputError(`${name}:${lineNo}: no "text" field with a string`);
  const id =
    typeof r.id === 'string' || typeof r.id === 'number'
      ? String(r.id)
      : typeof r.url === 'string'
        ? r.url
        : `line ${lineNo}`;
  return { id: `${name}#${id}`, text: r.text, ...(typeof r.url === 'string' ? { url: r.url } : {}) };
}

/**
 * The lines of a byte stream, split at line feeds, each decoded as UTF-8 on its own. Holds at most
 * one line; a line longer than `maxLineBytes` is refused as soon as it gets there.
 */
export async function* linesOf(
  name: string,
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes = MAX_DOCUMENT_BYTES,
): AsyncGenerator<string> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let lineNo = 1;
  const take = (piece: Uint8Array) => {
    if (size + piece.length > maxLineBytes) throw tooLarge(`${name}:${lineNo}`, maxLineBytes);
    if (piece.length) parts.push(piece);
    size += piece.length;
  };
  const line = () => {
    const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    const text = decodeUtf8(bytes, `${name}:${lineNo}`);
    parts = [];
    size = 0;
    lineNo++;
    return text;
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      take(chunk.subarray(from, nl));
      from = nl + 1;
      yield line();
    }
    take(chunk.subarray(from));
  }
  if (size > 0) yield line();
}

/** The documents of a JSONL stream, read one line at a time. */
export async function* jsonlDocuments(
  name: string,
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes = MAX_DOCUMENT_BYTES,
): AsyncGenerator<Doc> {
  let lineNo = 0;
  for await (const line of linesOf(name, chunks, maxLineBytes)) {
    const doc = jsonlDocument(name, line, ++lineNo);
    if (doc) yield doc;
  }
}

/** A whole HTML or text document, refused once it passes `maxBytes`. */
export async function wholeDocument(
  name: string,
  chunks: AsyncIterable<Uint8Array>,
  kind: 'html' | 'text',
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<Doc> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(name, maxBytes);
    parts.push(chunk);
  }
  const raw = decodeUtf8(Buffer.concat(parts, size), name);
  parts.length = 0;
  return { id: name, text: kind === 'html' ? htmlVisibleText(raw) : raw };
}

export function kindOfPath(path: string): Kind {
  const ext = extname(path).toLowerCase();
  return ext === '.html' || ext === '.htm' ? 'html' : ext === '.jsonl' ? 'jsonl' : 'text';
}

const BLANK = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c]);
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Guesses a stream's kind from its first character that is not blank (HTML from `<`, JSONL from
 * `{`, text otherwise) and gives back the stream whole, the bytes read to guess included.
 */
export async function sniffKind(
  chunks: AsyncIterable<Uint8Array>,
): Promise<{ kind: Kind; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let first: number | undefined;
  let offset = 0;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    for (const byte of next.value) {
      const inBom = offset < BOM.length && byte === BOM[offset];
      offset++;
      if (inBom || BLANK.has(byte)) continue;
      first = byte;
      break;
    }
  }
  const kind = first === 0x3c ? 'html' : first === 0x7b ? 'jsonl' : 'text';
  async function* all() {
    yield* seen;
    seen.length = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { kind, chunks: all() };
}

async function filesBelow(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesBelow(path)));
    else if (SCANNED.has(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

const cannotRead = (path: string, e: unknown) =>
  new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);

/** A file's bytes as a stream; an error opening or reading it becomes an input error. */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path)) yield chunk as Buffer;
  } catch (e) {
    throw cannotRead(path, e);
  }
}

/**
 * The documents of FILE, DIR (every scanned file below it, in name order) or `-` (standard
 * input), one at a time.
 */
export async function* readDocuments(
  target: string,
  stdin: AsyncIterable<Uint8Array>,
  options: ReadOptions = {},
): AsyncGenerator<Doc> {
  const max = options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  if (target === '-') {
    const { kind, chunks } = await sniffKind(stdin);
    if (kind === 'jsonl') yield* jsonlDocuments('stdin', chunks, max);
    else yield await wholeDocument('stdin', chunks, kind, max);
    return;
  }
  let info;
  try {
    info = await stat(target);
  } catch (e) {
    throw cannotRead(target, e);
  }
  const files = info.isDirectory() ? await filesBelow(target) : [target];
  if (info.isDirectory() && files.length === 0)
    throw new InputError(`${target}: no .html, .htm, .txt, .md or .jsonl files found`);
  for (const file of files) {
    const kind = kindOfPath(file);
    if (kind === 'jsonl') {
      yield* jsonlDocuments(file, fileChunks(file), max);
      continue;
    }
    // Refused before a byte is read: the size on disk is the size to hold.
    let size = info.size;
    if (file !== target) {
      try {
        size = (await stat(file)).size;
      } catch (e) {
        throw cannotRead(file, e);
      }
    }
    if (size > max) throw tooLarge(file, max);
    yield await wholeDocument(file, fileChunks(file), kind, max);
  }
}
