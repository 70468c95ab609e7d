/**
 * A defensive ZIP reader for untrusted case files. It never writes anything anywhere: entries
 * are streamed to the caller (for hashing) through a decompressor that stops at the limits.
 *
 * Refused with a ZipRefusal (never a crash): not a ZIP, ZIP64, multi-disk, encryption, methods
 * other than store/deflate, unsafe names (absolute, "..", backslashes, drive letters, control
 * characters, duplicates, names differing only in case), entries whose data overlap (the
 * "overlapping files" bomb), too many entries, and declared sizes or ratios over the limits.
 * While streaming, output beyond the declared size stops the entry at once (a lying header).
 *
 * Every byte of the archive must belong to an entry (local header, data, data descriptor), the
 * central directory or its end record: bytes anywhere else, a directory entry with data, or bytes
 * after the end of an entry's deflate stream could carry something no check reads, so the archive
 * is refused (or the entry reported damaged).
 */
import { Inflate } from 'fflate';
import { bufferedSource } from './buffered-source';

/** Reads byte ranges of an archive: a file on disk, a Blob, bytes in memory. */
export interface RandomAccessSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A source over bytes in memory. */
export function bytesSource(bytes: Uint8Array): RandomAccessSource {
  return { size: bytes.length, read: async (o, n) => bytes.subarray(o, Math.min(o + n, bytes.length)) };
}

/** A source over a Blob/File (browser "Verify a case file" page), read in blocks as files are. */
export function blobSource(blob: Blob): RandomAccessSource {
  return bufferedSource({
    size: blob.size,
    read: async (o, n) => new Uint8Array(await blob.slice(o, o + n).arrayBuffer()),
  });
}

export interface ZipLimits {
  maxArchiveBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for entries over 1 MiB. */
  maxRatio: number;
  maxNameLength: number;
}

export const DEFAULT_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxArchiveBytes: 4 * 1024 ** 3,
  maxEntries: 100_000,
  maxEntryBytes: 2 * 1024 ** 3,
  maxTotalBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  maxNameLength: 512,
});

/** The archive is refused as a whole: unsafe or malformed. */
export class ZipRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZipRefusal';
  }
}

/** One entry of the central directory, checked. */
export interface ZipEntry {
  name: string;
  method: 0 | 8;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  /** Offset of the entry's data (after its local header). */
  dataOffset: number;
  isDirectory: boolean;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;

const hiddenBytes = (from: number, to: number, where: string) =>
  new ZipRefusal(
    'hidden-bytes',
    `${to - from} bytes at offset ${from} ${where} belong to no entry: data hidden from every check`,
  );

/** Why a path is unsafe to extract, or undefined when it is safe. */
export function unsafePathReason(name: string, maxLength = DEFAULT_LIMITS.maxNameLength): string | undefined {
  if (name.length === 0) return 'empty name';
  if (name.length > maxLength) return `name longer than ${maxLength} characters`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in name';
  if (name.includes('\\')) return 'backslash in name';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'drive letter';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) return 'path escapes the folder ("..")';
  if (parts.some((p) => p === '' || p === '.')) return 'empty or "." path segment';
  return undefined;
}

/** Reads and checks the central directory. Throws ZipRefusal on anything unsafe or malformed. */
export async function openZip(source: RandomAccessSource, limits: ZipLimits = DEFAULT_LIMITS): Promise<ZipEntry[]> {
  if (source.size > limits.maxArchiveBytes)
    throw new ZipRefusal(
      'archive-too-large',
      `archive is ${source.size} bytes, over the limit of ${limits.maxArchiveBytes}`,
    );
  if (source.size < 22) throw new ZipRefusal('not-zip', 'not a ZIP file (too short)');
  const tailLen = Math.min(source.size, 22 + 0xffff);
  const tail = await source.read(source.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD_SIG && i + 22 + u16(tail, i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefusal('not-zip', 'not a ZIP file (no end of central directory record)');
  const disk = u16(tail, eocd + 4);
  const cdDisk = u16(tail, eocd + 6);
  const onDisk = u16(tail, eocd + 8);
  const count = u16(tail, eocd + 10);
  const cdSize = u32(tail, eocd + 12);
  const cdOffset = u32(tail, eocd + 16);
  const eocdOffset = source.size - tailLen + eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new ZipRefusal('zip64', 'ZIP64 archives are not supported');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count)
    throw new ZipRefusal('multi-disk', 'split (multi-disk) archives are not supported');
  if (count > limits.maxEntries)
    throw new ZipRefusal('too-many-entries', `archive has ${count} entries, over the limit of ${limits.maxEntries}`);
  if (cdOffset + cdSize > eocdOffset) throw new ZipRefusal('malformed', 'central directory lies outside the archive');
  const cd = await source.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  const folded = new Set<string>();
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || u32(cd, p) !== CD_SIG)
      throw new ZipRefusal('malformed', `central directory entry ${i} is malformed`);
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    const crc32 = u32(cd, p + 16);
    const compressedSize = u32(cd, p + 20);
    const size = u32(cd, p + 24);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    const diskStart = u16(cd, p + 34);
    const localHeaderOffset = u32(cd, p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > cd.length)
      throw new ZipRefusal('malformed', `central directory entry ${i} overruns the directory`);
    const nameBytes = cd.subarray(p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    let name: string;
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(nameBytes);
    } catch {
      throw new ZipRefusal('unsafe-path', `entry ${i} has a name that is not valid UTF-8`);
    }
    const shown = JSON.stringify(name.slice(0, 200));
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff)
      throw new ZipRefusal('zip64', `entry ${shown} uses ZIP64, not supported`);
    if (diskStart !== 0) throw new ZipRefusal('multi-disk', `entry ${shown} is on another disk`);
    if (flags & 0x41) throw new ZipRefusal('encrypted', `entry ${shown} is encrypted`);
    if (method !== 0 && method !== 8)
      throw new ZipRefusal(
        'unsupported-method',
        `entry ${shown} uses compression method ${method} (only store and deflate are accepted)`,
      );
    const unsafe = unsafePathReason(name, limits.maxNameLength);
    if (unsafe) throw new ZipRefusal('unsafe-path', `unsafe entry name ${shown}: ${unsafe}`);
    if (names.has(name)) throw new ZipRefusal('duplicate-entry', `entry ${shown} appears twice`);
    const fold = name.normalize('NFC').toLowerCase();
    if (folded.has(fold)) throw new ZipRefusal('duplicate-entry', `entry ${shown} differs from another only in case`);
    names.add(name);
    folded.add(fold);
    if (size > limits.maxEntryBytes)
      throw new ZipRefusal(
        'entry-too-large',
        `entry ${shown} declares ${size} bytes, over the limit of ${limits.maxEntryBytes}`,
      );
    total += size;
    if (total > limits.maxTotalBytes)
      throw new ZipRefusal('total-too-large', `entries declare more than ${limits.maxTotalBytes} bytes in total`);
    if (size > 1024 * 1024 && size / Math.max(compressedSize, 1) > limits.maxRatio) {
      const ratio = Math.round(size / Math.max(compressedSize, 1));
      throw new ZipRefusal(
        'ratio-too-high',
        `entry ${shown} would expand ${ratio}×, over the limit of ${limits.maxRatio}× (zip bomb?)`,
      );
    }
    if (method === 0 && compressedSize !== size)
      throw new ZipRefusal('malformed', `stored entry ${shown} has different compressed and uncompressed sizes`);
    // An empty deflate stream is 2 bytes; anything more in a folder entry is data no check reads.
    if (name.endsWith('/') && (size > 0 || compressedSize > 2))
      throw new ZipRefusal('directory-with-data', `folder entry ${shown} carries ${compressedSize} bytes of data`);
    entries.push({
      name,
      method,
      flags,
      crc32,
      compressedSize,
      size,
      localHeaderOffset,
      dataOffset: 0,
      isDirectory: name.endsWith('/'),
    });
  }
  // Local headers: where each entry's data starts; data ranges must not overlap each other or
  // the central directory (overlapping entries make small archives expand enormously).
  for (const e of entries) {
    if (e.localHeaderOffset + 30 > cdOffset)
      throw new ZipRefusal('malformed', `entry "${e.name}" points outside the file data`);
    const h = await source.read(e.localHeaderOffset, 30);
    if (u32(h, 0) !== LOCAL_SIG) throw new ZipRefusal('malformed', `entry "${e.name}" has no local header`);
    if (u16(h, 8) !== e.method)
      throw new ZipRefusal('malformed', `entry "${e.name}": local and central headers disagree on the method`);
    e.dataOffset = e.localHeaderOffset + 30 + u16(h, 26) + u16(h, 28);
    const localName = await source.read(e.localHeaderOffset + 30, u16(h, 26));
    if (new TextDecoder().decode(localName) !== e.name)
      throw new ZipRefusal('malformed', `entry "${e.name}": local and central headers disagree on the name`);
    if (e.dataOffset + e.compressedSize > cdOffset)
      throw new ZipRefusal('malformed', `entry "${e.name}" data runs past the file data`);
  }
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (sorted[i].localHeaderOffset < prev.dataOffset + prev.compressedSize) {
      throw new ZipRefusal('overlapping-entries', `entries "${prev.name}" and "${sorted[i].name}" overlap (zip bomb?)`);
    }
  }
  // The entries, then the central directory, then its end record, with nothing between them.
  let at = 0;
  for (const e of sorted) {
    if (e.localHeaderOffset !== at) throw hiddenBytes(at, e.localHeaderOffset, `before entry "${e.name}"`);
    at = e.dataOffset + e.compressedSize + (await descriptorLength(source, e, cdOffset));
  }
  if (at !== cdOffset) throw hiddenBytes(at, cdOffset, 'between the last entry and the central directory');
  if (p !== cd.length) throw hiddenBytes(cdOffset + p, cdOffset + cd.length, 'after the central directory entries');
  if (cdOffset + cdSize !== eocdOffset) {
    throw hiddenBytes(cdOffset + cdSize, eocdOffset, 'between the central directory and its end record');
  }
  return entries;
}

/**
 * The length of the data descriptor after an entry's data (flag bit 3): 16 bytes with its
 * optional signature, 12 without; its CRC and sizes must be the central directory's.
 */
async function descriptorLength(source: RandomAccessSource, e: ZipEntry, limit: number): Promise<number> {
  if (!(e.flags & 0x08)) return 0;
  const at = e.dataOffset + e.compressedSize;
  const d = await source.read(at, Math.min(16, limit - at));
  const matches = (o: number) =>
    d.length >= o + 12 && u32(d, o) === e.crc32 && u32(d, o + 4) === e.compressedSize && u32(d, o + 8) === e.size;
  if (d.length >= 16 && u32(d, 0) === DESCRIPTOR_SIG && matches(4)) return 16;
  if (matches(0)) return 12;
  throw new ZipRefusal('malformed', `entry "${e.name}": its data descriptor differs from the central directory`);
}

/** An entry whose bytes are damaged (CRC, size or deflate stream wrong): a per-file problem. */
export class ZipEntryError extends Error {
  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZipEntryError';
  }
}

const READ = 64 * 1024;
// Small deflate input pieces bound the output of one push (deflate expands at most ~1032×).
const INFLATE_PIECE = 16 * 1024;

/**
 * Streams the uncompressed bytes of an entry. Throws ZipEntryError when the data are damaged
 * (bad deflate stream, CRC mismatch, size differing from the directory) and stops decompressing
 * as soon as the output exceeds the declared size.
 */
export async function* readEntry(source: RandomAccessSource, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const crc = new Crc32();
  let produced = 0;
  const out: Uint8Array[] = [];
  let failure: Error | undefined;
  const accept = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.size) {
      failure = new ZipEntryError(entry.name, `expands beyond its declared size of ${entry.size} bytes`);
      return;
    }
    crc.update(chunk);
    out.push(chunk);
  };
  const inflater =
    entry.method === 8
      ? new Inflate((chunk) => {
          if (!failure) accept(chunk);
        })
      : undefined;
  let pos = 0;
  while (pos < entry.compressedSize) {
    const n = Math.min(READ, entry.compressedSize - pos);
    const raw = await source.read(entry.dataOffset + pos, n);
    if (raw.length !== n) throw new ZipEntryError(entry.name, 'archive ends inside the entry');
    pos += n;
    if (!inflater) accept(raw);
    else {
      for (let i = 0; i < raw.length && !failure; i += INFLATE_PIECE) {
        const piece = raw.subarray(i, Math.min(i + INFLATE_PIECE, raw.length));
        try {
          inflater.push(piece, pos === entry.compressedSize && i + INFLATE_PIECE >= raw.length);
        } catch (e) {
          throw new ZipEntryError(entry.name, `cannot be decompressed: ${(e as Error).message}`);
        }
      }
    }
    if (failure) throw failure;
    while (out.length) yield out.shift()!;
  }
  if (inflater && entry.compressedSize === 0) throw new ZipEntryError(entry.name, 'deflated entry has no data');
  const unused = inflater ? unusedInput(inflater) : 0;
  if (unused > 0)
    throw new ZipEntryError(entry.name, `has ${unused} bytes after the end of its compressed data (hidden data)`);
  if (produced !== entry.size)
    throw new ZipEntryError(entry.name, `has ${produced} bytes, the directory says ${entry.size}`);
  if (crc.value() !== entry.crc32) throw new ZipEntryError(entry.name, 'CRC-32 does not match (damaged data)');
}

/**
 * Input bytes an inflater left unread after the final deflate block. fflate ignores them silently;
 * it keeps unread input in \`p\` and the bit position within its first byte in \`s.p\` (fflate is
 * pinned, and the tests of data after a deflate stream fail if this ever changes).
 */
function unusedInput(inflater: Inflate): number {
  const state = inflater as unknown as { p?: unknown; s?: { p?: unknown } };
  if (!(state.p instanceof Uint8Array) || typeof state.s?.p !== 'number') return 0;
  return state.p.length - (state.s.p > 0 ? 1 : 0);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ZIP polynomial), incremental. */
export class Crc32 {
  private c = 0xffffffff;
  update(data: Uint8Array): void {
    let c = this.c;
    for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
    this.c = c;
  }
  value(): number {
    return (this.c ^ 0xffffffff) >>> 0;
  }
}
