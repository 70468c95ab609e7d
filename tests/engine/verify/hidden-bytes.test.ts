/**
 * Every byte of a case file belongs to a listed entry or to the ZIP structure, or the file is
 * refused: data between entries, before the central directory, in a folder entry or after the
 * end of an entry's deflate stream would pass every hash check while carrying something else.
 * The archives are rebuilt here byte by byte from an exported case file, so each can hold exactly
 * one kind of hidden data.
 */
import { deflateSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource, Crc32 } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase } from '../../support/evidence-fixture';
import { exportToBytes, unzip } from '../../support/export-helpers';

interface Part {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  /** Bytes appended after the deflate stream, inside the entry's compressed data. */
  after?: Uint8Array;
}
interface Hide {
  beforeFirst?: Uint8Array;
  beforeDirectory?: Uint8Array;
  beforeEnd?: Uint8Array;
}

/** A plain ZIP (no data descriptors, no extra fields), with the hidden bytes asked for. */
function zipOf(parts: Part[], hide: Hide = {}): Uint8Array {
  const out: number[] = [];
  const push = (b: ArrayLike<number>) => {
    for (let i = 0; i < b.length; i++) out.push(b[i]);
  };
  const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  const central: number[] = [];
  if (hide.beforeFirst) push(hide.beforeFirst);
  for (const p of parts) {
    const name = new TextEncoder().encode(p.name);
    const crc = new Crc32();
    crc.update(p.data);
    const packed = p.deflate ? deflateSync(p.data) : p.data;
    const body = p.after ? Uint8Array.from([...packed, ...p.after]) : packed;
    const method = p.deflate ? 8 : 0;
    const common = [...u16(20), ...u16(0x0800), ...u16(method), ...u16(0), ...u16(0x21)];
    const sizes = [...u32(crc.value()), ...u32(body.length), ...u32(p.data.length), ...u16(name.length), ...u16(0)];
    const offset = out.length;
    push([...u32(0x04034b50), ...common, ...sizes]);
    push(name);
    push(body);
    central.push(...u32(0x02014b50), ...u16(20), ...common, ...sizes, ...u16(0), ...u16(0), ...u16(0));
    central.push(...u32(0), ...u32(offset), ...name);
  }
  if (hide.beforeDirectory) push(hide.beforeDirectory);
  const cdOffset = out.length;
  push(central);
  if (hide.beforeEnd) push(hide.beforeEnd);
  push([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(parts.length), ...u16(parts.length)]);
  push([...u32(central.length), ...u32(cdOffset), ...u16(0)]);
  return Uint8Array.from(out);
}

const junk = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);

let exported: Uint8Array;
let parts: Part[];
beforeAll(async () => {
  const sc = await buildSampleCase({ captures: 2 });
  exported = (await exportToBytes(sc)).zip;
  parts = Object.entries(unzip(exported)).map(([name, data]) => ({ name, data, deflate: !name.endsWith('.png') }));
});

const verify = (zip: Uint8Array) => verifyCaseFile(bytesSource(zip));

describe('bytes that belong to no entry', () => {
  it('accepts the case file as exported and as rebuilt without hidden bytes', async () => {
    expect((await verify(exported)).problems).toEqual([]);
    expect((await verify(zipOf(parts))).problems).toEqual([]);
  });

  it.each([
    ['200 KB between the last entry and the central directory', { beforeDirectory: junk(200_000) }],
    ['bytes before the first entry', { beforeFirst: junk(1000) }],
    ['bytes between the central directory and its end record', { beforeEnd: junk(64) }],
  ])('refuses %s', async (_, hide) => {
    const r = await verify(zipOf(parts, hide));
    expect(r.ok).toBe(false);
    expect(r.refused?.code).toBe('hidden-bytes');
    expect(r.refused?.message).toMatch(/belong to no entry/);
  });

  it('refuses a folder entry carrying 1 MB', async () => {
    const r = await verify(zipOf([...parts, { name: 'captures/extra/', data: junk(1_000_000) }]));
    expect(r.refused?.code).toBe('directory-with-data');
  });

  it('accepts an empty folder entry', async () => {
    const r = await verify(zipOf([...parts, { name: 'captures/empty/', data: new Uint8Array(0) }]));
    expect(r.refused).toBeUndefined();
  });

  it('finds 1 MB after the end of a deflate stream', async () => {
    const hidden = parts.map((p) => (p.name === 'report.html' ? { ...p, after: junk(1_000_000) } : p));
    const r = await verify(zipOf(hidden));
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        code: 'file-damaged',
        where: 'report.html',
        message: expect.stringMatching(/1000000 bytes after the end of its compressed data/),
      }),
    );
  });
});
