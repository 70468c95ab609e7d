/** Base58Check (Bitcoin and Tron addresses): decode and verify the 4-byte double-SHA-256 checksum. */
import { Sha256 } from '../bytes/sha256';

// Base58Check sums are double SHA-256, computed synchronously with the evidence engine's SHA-256.
const sha256 = (data: Uint8Array): Uint8Array => new Sha256().update(data).digest();

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Decodes Base58 text to bytes; null when a character is outside the alphabet. */
export function base58Decode(text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const ch of text) {
    const digit = INDEX.get(ch);
    if (digit === undefined) return null;
    let carry = digit;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i] * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  // Each leading '1' stands for one leading zero byte.
  for (let i = 0; i < text.length && text[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

/** Encodes bytes as Base58 text. */
export function base58Encode(data: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of data) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i] << 8;
      digits[i] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = '';
  for (let i = 0; i < data.length && data[i] === 0; i++) out += '1';
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]];
  return out;
}

/** Payload + checksum, Base58-encoded. */
export function base58CheckEncode(payload: Uint8Array): string {
  const sum = sha256(sha256(payload)).subarray(0, 4);
  const all = new Uint8Array(payload.length + 4);
  all.set(payload);
  all.set(sum, payload.length);
  return base58Encode(all);
}

/** Decodes Base58Check text; returns the payload (version byte included) or null on a bad checksum. */
export function base58CheckDecode(text: string): Uint8Array | null {
  const all = base58Decode(text);
  if (!all || all.length < 5) return null;
  const payload = all.subarray(0, all.length - 4);
  const sum = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) if (sum[i] !== all[payload.length + i]) return null;
  return payload;
}
