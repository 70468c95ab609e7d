/**
 * A RandomAccessSource that reads the one below it in aligned blocks and keeps the last few. A
 * case file is read as thousands of small pieces (each entry's local header and name, then its
 * data, most entries a few hundred bytes), and each read of a file or Blob costs far more than the
 * bytes it returns. Reads as large as a block go straight through. The bytes returned are views
 * of the kept blocks: read them, never write into them.
 */
import type { RandomAccessSource } from './zip-reader';

export const BLOCK_SIZE = 256 * 1024;
const BLOCKS_KEPT = 4;

export function bufferedSource(source: RandomAccessSource, blockSize = BLOCK_SIZE): RandomAccessSource {
  // Insertion order is recency order: a hit is re-inserted, the oldest is evicted first.
  const blocks = new Map<number, Uint8Array>();
  async function block(index: number): Promise<Uint8Array> {
    const cached = blocks.get(index);
    if (cached) {
      blocks.delete(index);
      blocks.set(index, cached);
      return cached;
    }
    const start = index * blockSize;
    const expected = Math.min(blockSize, source.size - start);
    const bytes = await source.read(start, expected);
    // A short read (the file shrank, a failing disk) answers this read only, as the source would.
    if (bytes.length < expected) return bytes;
    blocks.set(index, bytes);
    if (blocks.size > BLOCKS_KEPT) blocks.delete(blocks.keys().next().value!);
    return bytes;
  }
  return {
    size: source.size,
    async read(offset, length) {
      const end = Math.min(offset + length, source.size);
      if (end <= offset) return new Uint8Array(0);
      if (end - offset >= blockSize) return source.read(offset, end - offset);
      const first = Math.floor(offset / blockSize);
      const last = Math.floor((end - 1) / blockSize);
      if (first === last) {
        const b = await block(first);
        return b.subarray(offset - first * blockSize, Math.min(b.length, end - first * blockSize));
      }
      // Spans two blocks (a read shorter than a block cannot span more).
      const a = await block(first);
      const b = await block(last);
      const head = a.subarray(offset - first * blockSize);
      const tail = b.subarray(0, Math.min(b.length, end - last * blockSize));
      // A short first block (the source ended early) leaves the read short, as the source would.
      if (a.length < blockSize) return head;
      const out = new Uint8Array(head.length + tail.length);
      out.set(head);
      out.set(tail, head.length);
      return out;
    },
  };
}
