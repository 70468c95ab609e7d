/** A RandomAccessSource over an open file, for the engine's ZIP reader (Node only). */
import type { FileHandle } from 'node:fs/promises';
import { bufferedSource } from '../engine/verify/buffered-source';
import type { RandomAccessSource } from '../engine/verify/zip-reader';

/**
 * Reads through `handle`, in blocks (bufferedSource); the first read error is kept in `ioError`
 * (the file's fault, not the case file's).
 */
export function fileSource(handle: FileHandle, size: number): RandomAccessSource & { ioError?: Error } {
  const state: { ioError?: Error } = {};
  const direct: RandomAccessSource = {
    size,
    async read(offset, length) {
      const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      try {
        const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
        return buf.subarray(0, bytesRead);
      } catch (e) {
        state.ioError ??= e as Error;
        throw e;
      }
    },
  };
  const buffered = bufferedSource(direct);
  return {
    size,
    read: (offset, length) => buffered.read(offset, length),
    get ioError() {
      return state.ioError;
    },
  };
}
