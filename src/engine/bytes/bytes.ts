/** Byte helpers shared by the evidence, export and verify code (no Node Buffer: runs in a worker). */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of some bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** Bytes of a hex string; throws on odd length or a non-hex digit. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) of some bytes. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    s += B64[n >> 18] + B64[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    s += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + '=';
  }
  return s;
}

const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Bytes of a standard base64 string (padding optional); throws on any other character. */
export function fromBase64(text: string): Uint8Array {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) throw new Error('not a base64 string');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of s) {
    const v = B64_INDEX.get(c);
    if (v === undefined) throw new Error('not a base64 string');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

const encoder = new TextEncoder();
/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

const decoder = new TextDecoder('utf-8', { fatal: true });
/** Text of UTF-8 bytes; throws on invalid UTF-8 (evidence files must not be silently repaired). */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** True when both byte arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A body of evidence bytes: a Blob in the browser (IndexedDB keeps Blobs on disk) or bytes in
 * memory (tests, CLI). Readers stream Blobs, so a large artefact is never copied whole.
 */
export type Body = Blob | Uint8Array;

/** Size of a body in bytes. */
export function bodySize(body: Body): number {
  return body instanceof Uint8Array ? body.length : body.size;
}

/**
 * Yields the bytes of a body in chunks of exactly `chunkSize` bytes (the last one shorter).
 * Fixed chunking keeps streamed compression deterministic whatever the source's own chunking.
 */
export async function* readChunks(body: Body, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    for (let i = 0; i < body.length; i += chunkSize) yield body.subarray(i, Math.min(i + chunkSize, body.length));
    return;
  }
  const reader = body.stream().getReader();
  let pending = new Uint8Array(chunkSize);
  let fill = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let off = 0;
      while (off < value.length) {
        const n = Math.min(chunkSize - fill, value.length - off);
        pending.set(value.subarray(off, off + n), fill);
        fill += n;
        off += n;
        if (fill === chunkSize) {
          yield pending;
          pending = new Uint8Array(chunkSize);
          fill = 0;
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (fill > 0) yield pending.subarray(0, fill);
}

/** All the bytes of a body (only for small bodies: JSON sidecars, hits). */
export async function bodyBytes(body: Body): Promise<Uint8Array> {
  return body instanceof Uint8Array ? body : new Uint8Array(await body.arrayBuffer());
}
