/**
 * An export sink that gathers the ZIP chunks into Blob parts, so the case file exists once, as
 * Blob parts the browser may keep on disk, never as one big array (no browser API besides Blob).
 */
import type { ExportSink } from '../../engine/export/zip-writer';

// Chunks are gathered into parts of this size, so the Blob has few parts and each chunk is
// referenced only until its part is built.
const PART_BYTES = 8 * 1024 * 1024;

/** A sink that collects the archive as Blob parts. */
export class BlobPartsSink implements ExportSink {
  private parts: Blob[] = [];
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  aborted = false;

  write(chunk: Uint8Array): void {
    this.batch.push(chunk.slice());
    this.batchBytes += chunk.length;
    if (this.batchBytes >= PART_BYTES) this.flush();
  }
  close(): void {
    this.flush();
  }
  abort(): void {
    this.aborted = true;
    this.parts = [];
    this.batch = [];
  }
  private flush() {
    if (this.batch.length) this.parts.push(new Blob(this.batch as Uint8Array<ArrayBuffer>[]));
    this.batch = [];
    this.batchBytes = 0;
  }
  /** The case file. */
  blob(): Blob {
    return new Blob(this.parts, { type: 'application/zip' });
  }
}
