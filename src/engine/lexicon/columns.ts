/**
 * Compact integer columns of the compiled lexicon: fixed-width unsigned arrays whose width the
 * compiler picks from the largest value (u8, u16 or u32), and LEB128 varints for runs of small
 * numbers (counts, gaps). The whole asset is gzipped on top, so these only remove the bytes gzip
 * is poor at squeezing out (the high zero bytes of wide numbers), while staying cheap to decode.
 */
import type { SectionType } from './format';

/** The narrowest unsigned fixed-width type holding every value. */
export function widthFor(values: ArrayLike<number>): 'u8' | 'u16' | 'u32' {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || !Number.isInteger(values[i]))
      throw new RangeError(`column value ${values[i]} is not a non-negative integer`);
    if (values[i] > max) max = values[i];
  }
  return max < 0x100 ? 'u8' : max < 0x10000 ? 'u16' : 'u32';
}

/** Little-endian bytes of `values` as the given fixed-width type. */
export function fixedBytes(values: ArrayLike<number>, type: 'u8' | 'u16' | 'u32'): Uint8Array {
  const arr =
    type === 'u8' ? Uint8Array.from(values) : type === 'u16' ? Uint16Array.from(values) : Uint32Array.from(values);
  // Typed arrays use the platform's byte order; every engine we target is little-endian.
  return new Uint8Array(arr.buffer);
}

/** LEB128 bytes of non-negative integers (7 bits a byte, high bit = more). */
export function varintBytes(values: ArrayLike<number>): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v < 0 || !Number.isInteger(v) || v > 0x7fffffff) throw new RangeError(`varint value ${v} is out of range`);
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
  return Uint8Array.from(out);
}

/**
 * Differences from the previous value (the first from 0), zig-zag folded to non-negative:
 * 0, -1, 1, -2 ... give 0, 1, 2, 3 ...
 */
export function zigzagGaps(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    const gap = values[i] - last;
    out.push(gap >= 0 ? gap * 2 : -gap * 2 - 1);
    last = values[i];
  }
  return out;
}

/**
 * Decodes `count` LEB128 varints (each below 2^31). The decoders below are written out one by
 * one, each with one array type, because they run cold at every worker start and V8 keeps them
 * fast only while every access stays monomorphic.
 */
export function readVarints(bytes: Uint8Array, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let p = 0;
  for (let i = 0; i < count; i++) {
    let b = bytes[p++];
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[p++];
      v |= (b & 0x7f) << shift;
    }
    out[i] = v;
  }
  if (p > bytes.length) throw new RangeError('varint column is cut short');
  return out;
}

/** Decodes varints written by zigzagGaps back into the values. */
export function readZigzagGaps(bytes: Uint8Array, count: number): Int32Array {
  const out = new Int32Array(count);
  let p = 0;
  let value = 0;
  for (let i = 0; i < count; i++) {
    let b = bytes[p++];
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[p++];
      v |= (b & 0x7f) << shift;
    }
    value = (value + ((v >>> 1) ^ -(v & 1))) | 0;
    out[i] = value;
  }
  if (p > bytes.length) throw new RangeError('varint column is cut short');
  return out;
}

/** A view (u8, u16, u32: no copy when aligned) or a decoded copy (varint) of a section as 32-bit ints. */
export function readUnsigned(
  bytes: Uint8Array,
  type: SectionType,
  count: number,
): Uint8Array | Uint16Array | Uint32Array {
  switch (type) {
    case 'u8':
      return bytes.subarray(0, count);
    case 'u16':
      return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
    case 'u32':
      return new Uint32Array(bytes.buffer, bytes.byteOffset, count);
    case 'varint':
      return readVarints(bytes, count);
    default:
      throw new RangeError(`section type ${type} is not an integer column`);
  }
}

/** Bytes per value of a fixed-width type (0 for varint, whose length varies). */
export function bytesPer(type: SectionType): number {
  return type === 'u8' ? 1 : type === 'u16' ? 2 : type === 'u32' ? 4 : 0;
}
