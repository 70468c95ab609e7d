/**
 * SHA-256. WebCrypto (`crypto.subtle.digest`) has no incremental API, so large artefacts are
 * hashed while they stream (export, verification) with the small incremental implementation
 * below (FIPS 180-4; checked against the NIST vectors and node:crypto in the tests). Whole small
 * values (canonical JSON of a record) go through WebCrypto. A platform with its own incremental
 * SHA-256 can lend it (useNativeSha256): the command-line tool uses node:crypto's, about 15 times
 * faster than this code, so verifying and reporting on large case files is bound by the disk.
 */
import { type Body, readChunks, toHex, utf8 } from './bytes';

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** A platform's incremental SHA-256 (node:crypto's Hash has this shape). */
export interface NativeSha256 {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

let makeNative: (() => NativeSha256) | undefined;

/** Every Sha256 made from now on hashes with `make()`'s hash (undefined: this module's code again). */
export function useNativeSha256(make: (() => NativeSha256) | undefined): void {
  makeNative = make;
}

/** Incremental SHA-256: `update()` any number of times, then `digest()` once. */
export class Sha256 {
  private readonly native = makeNative?.();
  private readonly h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  private readonly w = new Uint32Array(64);
  private readonly block = new Uint8Array(64);
  private blockLen = 0;
  private total = 0;
  private done = false;

  /** Adds bytes to the hash. */
  update(data: Uint8Array): this {
    if (this.done) throw new Error('Sha256: update after digest');
    if (this.native) {
      this.native.update(data);
      return this;
    }
    this.total += data.length;
    let off = 0;
    if (this.blockLen > 0) {
      const n = Math.min(64 - this.blockLen, data.length);
      this.block.set(data.subarray(0, n), this.blockLen);
      this.blockLen += n;
      off = n;
      if (this.blockLen < 64) return this;
      this.compress(this.block, 0);
      this.blockLen = 0;
    }
    for (; off + 64 <= data.length; off += 64) this.compress(data, off);
    if (off < data.length) {
      this.block.set(data.subarray(off), 0);
      this.blockLen = data.length - off;
    }
    return this;
  }

  /** Finishes and returns the 32-byte digest. */
  digest(): Uint8Array {
    if (this.done) throw new Error('Sha256: digest called twice');
    this.done = true;
    if (this.native) return new Uint8Array(this.native.digest());
    const bitLen = this.total * 8;
    const b = this.block;
    b[this.blockLen++] = 0x80;
    if (this.blockLen > 56) {
      b.fill(0, this.blockLen);
      this.compress(b, 0);
      this.blockLen = 0;
    }
    b.fill(0, this.blockLen, 56);
    const hi = Math.floor(bitLen / 0x100000000);
    const lo = bitLen >>> 0;
    b[56] = hi >>> 24;
    b[57] = hi >>> 16;
    b[58] = hi >>> 8;
    b[59] = hi;
    b[60] = lo >>> 24;
    b[61] = lo >>> 16;
    b[62] = lo >>> 8;
    b[63] = lo;
    this.compress(b, 0);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      out[4 * i] = this.h[i] >>> 24;
      out[4 * i + 1] = this.h[i] >>> 16;
      out[4 * i + 2] = this.h[i] >>> 8;
      out[4 * i + 3] = this.h[i];
    }
    return out;
  }

  /** Finishes and returns the digest as lower-case hex. */
  hex(): string {
    return toHex(this.digest());
  }

  private compress(d: Uint8Array, off: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = off + 4 * i;
      w[i] = (d[j] << 24) | (d[j + 1] << 16) | (d[j + 2] << 8) | d[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    const h = this.h;
    let A = h[0],
      B = h[1],
      C = h[2],
      D = h[3],
      E = h[4],
      F = h[5],
      G = h[6],
      H = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
      const ch = (E & F) ^ (~E & G);
      const t1 = (H + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
      const maj = (A & B) ^ (A & C) ^ (B & C);
      const t2 = (S0 + maj) | 0;
      H = G;
      G = F;
      F = E;
      E = (D + t1) | 0;
      D = C;
      C = B;
      B = A;
      A = (t1 + t2) | 0;
    }
    h[0] += A;
    h[1] += B;
    h[2] += C;
    h[3] += D;
    h[4] += E;
    h[5] += F;
    h[6] += G;
    h[7] += H;
  }
}

/** SHA-256 hex of bytes or a string (UTF-8), via WebCrypto. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

/** SHA-256 hex and size of a body, streamed in chunks (never holds a Blob whole in memory). */
export async function hashBody(body: Body): Promise<{ sha256: string; size: number }> {
  const h = new Sha256();
  let size = 0;
  for await (const chunk of readChunks(body)) {
    h.update(chunk);
    size += chunk.length;
  }
  return { sha256: h.hex(), size };
}

/** True for a 64-digit lower-case hex SHA-256 value. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
