/**
 * bufferedSource returns exactly what the source below returns for any read, with far fewer
 * reads below it, and never keeps a failed read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferedSource } from '../../../src/engine/verify/buffered-source';
import { bytesSource, type RandomAccessSource } from '../../../src/engine/verify/zip-reader';
import { noiseBytes } from '../../support/evidence-fixture';

function counted(source: RandomAccessSource) {
  const calls: [number, number][] = [];
  return {
    calls,
    source: {
      size: source.size,
      read: (offset: number, length: number) => {
        calls.push([offset, length]);
        return source.read(offset, length);
      },
    } satisfies RandomAccessSource,
  };
}

describe('bufferedSource', () => {
  it('reads the same bytes as the source for any offsets and lengths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.tuple(fc.nat(5200), fc.nat(700)), { minLength: 1, maxLength: 40 }),
        async (size, blockSize, reads) => {
          const bytes = noiseBytes(size, size + 1);
          const plain = bytesSource(bytes);
          const buffered = bufferedSource(plain, blockSize);
          for (const [offset, length] of reads) {
            expect(await buffered.read(offset, length)).toEqual(await plain.read(offset, length));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('turns many small sequential reads into a few block reads', async () => {
    const { calls, source } = counted(bytesSource(noiseBytes(1_000_000, 7)));
    const buffered = bufferedSource(source, 64 * 1024);
    for (let at = 0; at < 1_000_000; at += 300) await buffered.read(at, 200);
    expect(calls.length).toBe(Math.ceil(1_000_000 / (64 * 1024)));
  });

  it('passes reads of a block or more straight through', async () => {
    const { calls, source } = counted(bytesSource(noiseBytes(500_000, 3)));
    const buffered = bufferedSource(source, 64 * 1024);
    expect((await buffered.read(1000, 100_000)).length).toBe(100_000);
    expect(calls).toEqual([[1000, 100_000]]);
  });

  it('does not keep a failed read: the next read asks the source again', async () => {
    const bytes = noiseBytes(10_000, 5);
    let fail = true;
    const flaky: RandomAccessSource = {
      size: bytes.length,
      read: async (o, n) => {
        if (fail) throw new Error('EIO: i/o error');
        return bytes.subarray(o, o + n);
      },
    };
    const buffered = bufferedSource(flaky, 4096);
    await expect(buffered.read(10, 20)).rejects.toThrow('EIO');
    fail = false;
    expect(await buffered.read(10, 20)).toEqual(bytes.subarray(10, 30));
  });

  it('does not keep a short read: the next read asks the source again', async () => {
    const bytes = noiseBytes(10_000, 9);
    let short = true;
    const shrinking: RandomAccessSource = {
      size: bytes.length,
      read: async (o, n) => bytes.subarray(o, o + (short ? Math.min(n, 100) : n)),
    };
    const buffered = bufferedSource(shrinking, 4096);
    expect((await buffered.read(0, 200)).length).toBe(100);
    short = false;
    expect(await buffered.read(0, 200)).toEqual(bytes.subarray(0, 200));
  });
});
