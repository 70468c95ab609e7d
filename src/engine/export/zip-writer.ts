/**
 * A streaming ZIP writer over fflate: files go in as chunks, the archive comes out as chunks to a
 * sink, with back-pressure (each chunk is handed to the sink and awaited before the next is
 * read), so memory stays at a few chunks whatever the archive size.
 *
 * Determinism: every entry gets the same DOS mtime, the export time in UTC (built from local-time
 * fields so the machine's time zone does not matter), no extra fields, and input is re-chunked to
 * fixed 1 MiB pieces before compression, so the same files exported at the same time give the same
 * bytes.
 * Limits: no ZIP64, so at most 65,535 entries and 4 GiB (checked, with a clear error).
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { Sha256 } from '../bytes/sha256';

/** Where the archive bytes go: a file handle, a WritableStream writer, an array in tests. */
export interface ExportSink {
  write(chunk: Uint8Array): void | Promise<void>;
  close?(): void | Promise<void>;
  /** Called when the export is cancelled or fails, so the sink can discard a partial file. */
  abort?(reason: unknown): void | Promise<void>;
}

/** The DOS epoch: the entry time of case files of format version 1, and the earliest DOS time. */
export const DOS_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

/**
 * The entry time of a file exported at `at`: a Date whose LOCAL fields are the UTC fields of `at`,
 * because fflate (like every ZIP writer) fills the DOS date and time from local fields, and DOS
 * times carry no zone. So `unzip -l` shows the export time in UTC on every machine. Clamped to
 * what a DOS time can hold (1980-2107).
 */
export function zipEntryTime(at: Date): Date {
  const t = new Date(
    at.getUTCFullYear(),
    at.getUTCMonth(),
    at.getUTCDate(),
    at.getUTCHours(),
    at.getUTCMinutes(),
    at.getUTCSeconds(),
  );
  if (Number.isNaN(t.getTime()) || t < DOS_EPOCH) return DOS_EPOCH;
  const last = new Date(2107, 11, 31, 23, 59, 58);
  return t > last ? last : t;
}

// Compression input piece: fflate compresses each push separately, so pieces must be large
// enough to compress well and fast (64 KiB pieces ran 2.6× slower than 1 MiB), yet bounded.
const CHUNK = 1024 * 1024;
const MAX_ZIP_BYTES = 0xffffffff;
const WRITE_BATCH = 256 * 1024;

/** What one added file was. */
export interface WrittenFile {
  path: string;
  sha256: string;
  size: number;
}

/** Thrown when the AbortSignal fires. */
export function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  const e = new Error('export cancelled');
  e.name = 'AbortError';
  return e;
}

export class ZipStreamWriter {
  private readonly zip: Zip;
  private pending: Uint8Array[] = [];
  private failure: Error | undefined;
  private written = 0;
  private entries = 0;

  private readonly mtime: Date;

  /** `modifiedAt`: the time every entry carries (the export time); the DOS epoch when not given. */
  constructor(
    private readonly sink: ExportSink,
    private readonly signal?: AbortSignal,
    modifiedAt?: Date,
  ) {
    this.mtime = modifiedAt ? zipEntryTime(modifiedAt) : DOS_EPOCH;
    this.zip = new Zip((err, chunk) => {
      if (err) this.failure = err;
      else this.pending.push(chunk);
    });
  }

  /** Bytes handed to the sink so far. */
  get bytesWritten(): number {
    return this.written;
  }

  /**
   * Adds a file from chunks (any sizes), hashing it on the way. `compress` deflates it (level 6);
   * already-compressed media (PNG) should be stored.
   */
  async addFile(
    path: string,
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    compress: boolean,
    onBytes?: (n: number) => void,
  ): Promise<WrittenFile> {
    if (++this.entries > 65535) throw new Error('too many files for a ZIP without ZIP64 (65,535)');
    const file = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    file.mtime = this.mtime;
    this.zip.add(file);
    const hash = new Sha256();
    let size = 0;
    const buf = new Uint8Array(CHUNK);
    let fill = 0;
    const flush = async () => {
      if (fill === 0) return;
      // fflate may keep a reference to the chunk until it is compressed: hand over a copy.
      file.push(buf.slice(0, fill), false);
      fill = 0;
      await this.drain();
    };
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      this.checkAbort();
      hash.update(chunk);
      size += chunk.length;
      let off = 0;
      while (off < chunk.length) {
        const n = Math.min(CHUNK - fill, chunk.length - off);
        buf.set(chunk.subarray(off, off + n), fill);
        fill += n;
        off += n;
        if (fill === CHUNK) await flush();
      }
      onBytes?.(chunk.length);
    }
    await flush();
    file.push(new Uint8Array(0), true);
    await this.drain();
    return { path, sha256: hash.hex(), size };
  }

  /** Writes the central directory and closes the sink. Returns the archive size. */
  async finish(): Promise<number> {
    this.checkAbort();
    this.zip.end();
    await this.drain(true);
    await this.sink.close?.();
    return this.written;
  }

  /** Stops the archive and tells the sink to discard what it has. */
  async abort(reason: unknown): Promise<void> {
    this.zip.terminate();
    this.pending = [];
    await this.sink.abort?.(reason);
  }

  private checkAbort(): void {
    if (this.signal?.aborted) throw abortError(this.signal);
  }

  private async drain(force = false): Promise<void> {
    if (this.failure) throw this.failure;
    // Coalesce small compressor outputs into writes of ~256 KiB: fewer, larger sink writes.
    let queued = 0;
    for (const c of this.pending) queued += c.length;
    if (!force && queued < WRITE_BATCH) return;
    if (queued === 0) return;
    const out = this.pending.length === 1 ? this.pending[0] : new Uint8Array(queued);
    if (this.pending.length > 1) {
      let o = 0;
      for (const c of this.pending) {
        out.set(c, o);
        o += c.length;
      }
    }
    this.pending = [];
    this.written += out.length;
    if (this.written > MAX_ZIP_BYTES)
      throw new Error('case file would exceed 4 GiB (ZIP64 is not supported): export fewer captures at a time');
    await this.sink.write(out);
  }
}
