/**
 * Properties of the defensive ZIP reader (fast-check): what the export's ZIP writer wrote reads
 * back byte for byte, and an archive damaged anyhow (bytes flipped, cut short, garbage added) is
 * either read or refused with ZipRefusal / ZipEntryError, never another error. Run counts keep
 * this file within a few seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZipStreamWriter } from '../../../src/engine/export/zip-writer';
import {
  bytesSource,
  openZip,
  readEntry,
  unsafePathReason,
  ZipEntryError,
  ZipRefusal,
} from '../../../src/engine/verify/zip-reader';

async function zipOf(files: { path: string; data: Uint8Array; compress: boolean }[]): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const writer = new ZipStreamWriter({ write: (c) => void chunks.push(c.slice()) });
  for (const f of files) await writer.addFile(f.path, [f.data], f.compress);
  await writer.finish();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function readAll(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const source = bytesSource(bytes);
  const out = new Map<string, Uint8Array>();
  for (const entry of await openZip(source)) {
    const parts: Uint8Array[] = [];
    for await (const p of readEntry(source, entry)) parts.push(p);
    out.set(entry.name, Uint8Array.from(parts.flatMap((p) => [...p])));
  }
  return out;
}

const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}(\.[a-z]{1,4})?$/);
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
const data = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s.repeat(5))),
);
const files = fc.uniqueArray(fc.record({ path, data, compress: fc.boolean() }), {
  maxLength: 6,
  selector: (f) => f.path.toLowerCase(),
});
// A path that is a prefix folder of another cannot also be a file.
const noFileIsAFolder = (fs: { path: string }[]) =>
  fs.every((f) => !fs.some((g) => g.path.toLowerCase().startsWith(`${f.path.toLowerCase()}/`)));

describe('ZIP reader properties', () => {
  it('reads back what the writer wrote', async () => {
    await fc.assert(
      fc.asyncProperty(files.filter(noFileIsAFolder), async (fs) => {
        const read = await readAll(await zipOf(fs));
        expect([...read.keys()]).toEqual(fs.map((f) => f.path));
        for (const f of fs) expect(read.get(f.path)).toEqual(f.data);
      }),
      { numRuns: 60 },
    );
  });

  it('reads or refuses a damaged archive, and never fails another way', async () => {
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        junk: fc.uint8Array({ minLength: 1, maxLength: 40 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        files.filter(noFileIsAFolder),
        fc.array(damage, { minLength: 1, maxLength: 3 }),
        async (fs, damages) => {
          let bytes = await zipOf(fs);
          for (const d of damages) {
            const at = d.at % (bytes.length + 1);
            if (d.kind === 'flip' && at < bytes.length) bytes[at] ^= d.bits;
            if (d.kind === 'cut') bytes = bytes.slice(0, at);
            if (d.kind === 'insert') bytes = Uint8Array.from([...bytes.slice(0, at), ...d.junk, ...bytes.slice(at)]);
          }
          try {
            const read = await readAll(bytes);
            for (const name of read.keys()) expect(unsafePathReason(name)).toBeUndefined();
          } catch (e) {
            if (!(e instanceof ZipRefusal) && !(e instanceof ZipEntryError)) throw e;
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses anything that is not a ZIP', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        await expect(openZip(bytesSource(bytes))).rejects.toBeInstanceOf(ZipRefusal);
      }),
      { numRuns: 200 },
    );
  });
});
