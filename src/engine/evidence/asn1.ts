/**
 * A minimal DER reader and writer, enough for RFC 3161 requests, responses and the CMS and
 * X.509 structures inside them. Strict: indefinite lengths and overruns are errors.
 */

/** One DER element with positions in the source bytes. */
export interface Der {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  /** Start of the element (its identifier octet). */
  start: number;
  /** Start of the contents. */
  contentStart: number;
  /** End of the element (exclusive). */
  end: number;
  bytes: Uint8Array;
}

export class DerError extends Error {}

/** Reads the element at `offset`. */
export function readDer(bytes: Uint8Array, offset = 0, limit = bytes.length): Der {
  if (offset + 2 > limit) throw new DerError('truncated DER element');
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let p = offset + 1;
  let len = bytes[p++];
  if (len === 0x80) throw new DerError('indefinite length is not DER');
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n > 4 || p + n > limit) throw new DerError('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p++];
  }
  const end = p + len;
  if (end > limit) throw new DerError('DER element overruns its container');
  return { tag, start: offset, contentStart: p, end, bytes };
}

/** The contents of an element. */
export function contents(d: Der): Uint8Array {
  return d.bytes.subarray(d.contentStart, d.end);
}

/** The whole encoding of an element (identifier, length, contents). */
export function encoding(d: Der): Uint8Array {
  return d.bytes.subarray(d.start, d.end);
}

/** The child elements of a constructed element. */
export function children(d: Der): Der[] {
  const out: Der[] = [];
  let p = d.contentStart;
  while (p < d.end) {
    const c = readDer(d.bytes, p, d.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

/** Reads a whole buffer as one element (no trailing bytes allowed). */
export function parseDer(bytes: Uint8Array): Der {
  const d = readDer(bytes, 0);
  if (d.end !== bytes.length) throw new DerError('trailing bytes after DER element');
  return d;
}

/** Expects a tag; throws a DerError naming what was expected. */
export function expectTag(d: Der | undefined, tag: number, what: string): Der {
  if (!d || d.tag !== tag)
    throw new DerError(
      `${what}: expected tag 0x${tag.toString(16)}, found ${d ? `0x${d.tag.toString(16)}` : 'nothing'}`,
    );
  return d;
}

/** Dotted text of an OBJECT IDENTIFIER element. */
export function oidOf(d: Der): string {
  expectTag(d, 0x06, 'object identifier');
  const b = contents(d);
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** Non-negative INTEGER contents as a bigint. */
export function integerOf(d: Der): bigint {
  expectTag(d, 0x02, 'integer');
  let v = 0n;
  for (const x of contents(d)) v = (v << 8n) | BigInt(x);
  return v;
}

/** Date of a GeneralizedTime ("YYYYMMDDHHMMSS[.f]Z") or UTCTime element. */
export function timeOf(d: Der): Date {
  const s = new TextDecoder().decode(contents(d));
  let m: RegExpMatchArray | null;
  if (d.tag === 0x18 && (m = s.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/))) {
    const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
    return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms));
  }
  if (d.tag === 0x17 && (m = s.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/))) {
    const y = +m[1] < 50 ? 2000 + +m[1] : 1900 + +m[1];
    return new Date(Date.UTC(y, +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  }
  throw new DerError(`bad time "${s}"`);
}

// ---- writer ----

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

/** Encodes an element from its tag and contents. */
export function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const head = [tag, ...lengthBytes(n)];
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  let o = head.length;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** OBJECT IDENTIFIER from dotted text. */
export function derOid(oid: string): Uint8Array {
  const n = oid.split('.').map(Number);
  const body: number[] = [40 * n[0] + n[1]];
  for (const v of n.slice(2)) {
    const sub: number[] = [v & 0x7f];
    let x = Math.floor(v / 128);
    while (x > 0) {
      sub.unshift(0x80 | (x & 0x7f));
      x = Math.floor(x / 128);
    }
    body.push(...sub);
  }
  return der(0x06, new Uint8Array(body));
}

/** INTEGER from non-negative big-endian bytes (adds a 0 byte when the top bit is set). */
export function derUnsigned(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const b = bytes.subarray(i);
  return b[0] & 0x80 ? der(0x02, new Uint8Array([0]), b) : der(0x02, b);
}

export const derNull = () => der(0x05);
export const derSeq = (...parts: Uint8Array[]) => der(0x30, ...parts);
