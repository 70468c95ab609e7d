/**
 * Turns uploaded or bundled bytes into checked CSV rows: gunzips when needed, rejects empty,
 * non-UTF-8 and truncated input with a precise error, and parses with csv-parse (its browser
 * build, so the same code runs in the extension and in Node).
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { Gunzip } from 'fflate';
import { MAX_IMPORT_BYTES } from './import-limits';
import { LexiconImportError, type ProgressCallback } from './types';

/** Anything an importer accepts: raw bytes, an ArrayBuffer, or already-decoded text. */
export type ImportInput = Uint8Array | ArrayBuffer | string;

const encoder = new TextEncoder();

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
const tooLarge = (what: string, max: number, verb: string) =>
  new LexiconImportError('too-large', `${what} ${verb} more than ${megabytes(max)}, the most an import may hold`);

// Deflate unpacks at most about 1,032 bytes per byte: a slice of 4 KB gives at most ~4 MB at once.
const INFLATE_STEP = 4096;

/**
 * Gunzips `bytes`, refusing as soon as the output passes `max`: a small file that unpacks to
 * gigabytes (a "zip bomb") costs at most `max` plus one step of memory.
 */
function gunzipAtMost(bytes: Uint8Array, max: number, what: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  let lastMemberAt = 0;
  const gunzip = new Gunzip((chunk) => {
    size += chunk.length;
    if (size > max) throw tooLarge(what, max, 'unpacks to');
    parts.push(chunk);
  });
  gunzip.onmember = () => (lastMemberAt = size);
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_STEP) {
      gunzip.push(bytes.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= bytes.length);
    }
  } catch (err) {
    if (err instanceof LexiconImportError) throw err;
    throw new LexiconImportError(
      'truncated',
      `${what} is a damaged or truncated gzip file (${(err as Error).message})`,
    );
  }
  // The streaming reader stops quietly when the 8-byte trailer is cut off; its size field must
  // match what the last member unpacked to.
  const n = bytes.length;
  const trailerSize =
    n >= 4 ? (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0 : -1;
  if (trailerSize !== (size - lastMemberAt) >>> 0) {
    throw new LexiconImportError('truncated', `${what} is a damaged or truncated gzip file (unexpected EOF)`);
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts.splice(0)) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Returns the input as bytes, gunzipped when it starts with the gzip magic number. More than
 * `maxBytes` (unpacked) is refused.
 */
export function toBytes(input: ImportInput, what: string, maxBytes = MAX_IMPORT_BYTES): Uint8Array {
  let bytes =
    typeof input === 'string' ? encoder.encode(input) : input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length === 0) throw new LexiconImportError('empty', `${what} is empty (0 bytes)`);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    bytes = gunzipAtMost(bytes, maxBytes, what);
    if (bytes.length === 0) throw new LexiconImportError('empty', `${what} is an empty gzip file`);
  } else if (bytes.length > maxBytes) throw tooLarge(what, maxBytes, 'holds');
  // A UTF-8 byte-order mark is allowed and dropped.
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    throw new LexiconImportError('empty', `${what} holds no data (only blank space)`);
  }
  return bytes;
}

/**
 * Index of the first byte that breaks UTF-8, or -1. A sequence cut off at the very end returns
 * bytes.length (the file stops in the middle of a character: truncated).
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return n;
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Throws unless the bytes are valid UTF-8. */
export function assertUtf8(bytes: Uint8Array, what: string): void {
  const bad = findInvalidUtf8(bytes);
  if (bad === bytes.length) {
    throw new LexiconImportError('truncated', `${what} ends in the middle of a character: the file looks truncated`);
  }
  if (bad >= 0) {
    const badHex = bytes[bad].toString(16).padStart(2, '0');
    const line = lineOf(bytes, bad);
    throw new LexiconImportError(
      'not-utf8',
      `${what} is not UTF-8: invalid byte 0x${badHex} at byte ${bad} (line ${line}); save it as UTF-8 and try again`,
    );
  }
}

export interface CsvTable {
  header: string[];
  /** Column index by header name. */
  col: Map<string, number>;
  rows: string[][];
}

export interface CsvOptions {
  what: string;
  /** Header names that must be present (any order; extra columns are fine). */
  required: string[];
  delimiter?: string;
  onProgress?: ProgressCallback;
  phase?: string;
  /** Rows below the header allowed; more are refused as soon as the parser reaches them. */
  maxRows?: number;
}

/**
 * Parses CSV bytes into rows under a checked header. Rows with the wrong number of fields get an
 * error naming the line; a last row cut short means the file is truncated.
 */
export function parseCsv(bytes: Uint8Array, opts: CsvOptions): CsvTable {
  assertUtf8(bytes, opts.what);
  const total = bytes.length;
  const phase = opts.phase ?? 'parse';
  let nextReport = 0;
  let rows: string[][];
  try {
    rows = parse(bytes, {
      delimiter: opts.delimiter ?? ',',
      relax_column_count: true,
      relax_quotes: opts.delimiter === '\t',
      quote: opts.delimiter === '\t' ? false : '"',
      skip_empty_lines: true,
      on_record: (record: string[], ctx: { bytes: number; records: number }) => {
        // The header is record 1.
        if (opts.maxRows !== undefined && ctx.records > opts.maxRows + 1) {
          const limit = opts.maxRows.toLocaleString('en');
          throw new LexiconImportError(
            'too-large',
            `${opts.what} has more than ${limit} rows, the most an import may hold`,
          );
        }
        if (opts.onProgress && ctx.bytes >= nextReport) {
          opts.onProgress({ phase, done: ctx.bytes / total });
          nextReport = ctx.bytes + total / 100;
        }
        return record;
      },
    }) as string[][];
  } catch (err) {
    if (err instanceof LexiconImportError) throw err;
    const e = err as Error & { code?: string; lines?: number };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new LexiconImportError(
        'truncated',
        `${opts.what} stops inside a quoted field (line ${e.lines ?? '?'}): the file looks truncated`,
      );
    }
    throw new LexiconImportError('bad-format', `${opts.what} is not valid CSV: ${e.message}`);
  }
  if (rows.length === 0) throw new LexiconImportError('empty', `${opts.what} has no rows`);
  const header = rows[0].map((h) => h.trim());
  const col = new Map(header.map((h, i) => [h, i] as const));
  const missing = opts.required.filter((r) => !col.has(r));
  if (missing.length > 0) {
    const plural = missing.length > 1 ? 's' : '';
    const quoted = missing.map((m) => `"${m}"`).join(', ');
    const found = `${header.slice(0, 12).join(', ')}${header.length > 12 ? ', ...' : ''}`;
    throw new LexiconImportError('wrong-columns', `${opts.what} lacks the column${plural} ${quoted} (found: ${found})`);
  }
  const width = header.length;
  const body = rows.slice(1);
  for (let i = 0; i < body.length; i++) {
    if (body[i].length === width) continue;
    const isLast = i === body.length - 1;
    if (isLast && body[i].length < width) {
      throw new LexiconImportError(
        'truncated',
        `${opts.what}: the last row (row ${i + 2}) has ${body[i].length} of ${width} fields: the file looks truncated`,
      );
    }
    throw new LexiconImportError(
      'bad-row',
      `${opts.what}: row ${i + 2} has ${body[i].length} fields, the header has ${width}`,
    );
  }
  opts.onProgress?.({ phase, done: 1 });
  return { header, col, rows: body };
}
