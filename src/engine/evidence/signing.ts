/**
 * ECDSA P-256 / SHA-256 signing with WebCrypto. The private key is created non-extractable and
 * kept as a CryptoKey (IndexedDB stores CryptoKeys by structured clone), so no script can read it.
 *
 * What is signed: the UTF-8 bytes of the 64-digit lower-case hex hash (as WACZ signs its
 * "sha256:…" text), so anyone can check a signature with standard tools. Signatures are base64
 * of the IEEE P1363 form r‖s (64 bytes), which is what WebCrypto produces.
 */
import { fromBase64, toBase64, utf8 } from '../bytes/bytes';
import { sha256Hex } from '../bytes/sha256';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** The public half of the signing key, as exported in case files. */
export interface PublicKeyInfo {
  algorithm: 'ECDSA-P256-SHA256';
  /** Public JWK (kty EC, crv P-256, x, y). */
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  /** DER SubjectPublicKeyInfo, base64. */
  spki: string;
  /** SHA-256 of the SPKI DER, lower-case hex (64 digits). */
  fingerprint: string;
}

/** The install's key pair as the store keeps it. */
export interface StoredSigningKey {
  keyId: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  info: PublicKeyInfo;
  createdAt: string;
}

/** Something that signs hashes: the install key in the extension, a test key in tests. */
export interface Signer {
  readonly info: PublicKeyInfo;
  /** Signature (base64 P1363) over the hex hash. */
  sign(hashHex: string): Promise<string>;
}

/** Creates a new key pair with a non-extractable private key. */
export async function generateSigningKey(now: Date = new Date(), keyId = 'install'): Promise<StoredSigningKey> {
  const pair = await globalThis.crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  return {
    keyId,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    info: await describePublicKey(pair.publicKey),
    createdAt: now.toISOString(),
  };
}

/** Exports a public CryptoKey as JWK + SPKI with its fingerprint. */
export async function describePublicKey(publicKey: CryptoKey): Promise<PublicKeyInfo> {
  const subtle = globalThis.crypto.subtle;
  const spki = new Uint8Array(await subtle.exportKey('spki', publicKey));
  const jwk = await subtle.exportKey('jwk', publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('not a P-256 public key');
  return {
    algorithm: 'ECDSA-P256-SHA256',
    jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    spki: toBase64(spki),
    fingerprint: await sha256Hex(spki),
  };
}

/** A Signer over a stored key pair. */
export function signerFor(key: StoredSigningKey): Signer {
  return {
    info: key.info,
    async sign(hashHex: string): Promise<string> {
      const sig = await globalThis.crypto.subtle.sign(SIGN, key.privateKey, utf8(hashHex) as Uint8Array<ArrayBuffer>);
      return toBase64(new Uint8Array(sig));
    },
  };
}

/**
 * Imports the public key of a PublicKeyInfo for verification, checking that the JWK, the SPKI
 * and the fingerprint all describe the same key. Throws with a clear message otherwise.
 */
export async function importPublicKey(info: PublicKeyInfo): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const spki = fromBase64(info.spki);
  const fp = await sha256Hex(spki);
  if (fp !== info.fingerprint)
    throw new Error(`public key fingerprint ${info.fingerprint} does not match its SPKI (${fp})`);
  const key = await subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, ALGORITHM, true, ['verify']);
  const jwk = await subtle.exportKey('jwk', key);
  if (jwk.x !== info.jwk.x || jwk.y !== info.jwk.y) throw new Error('public key JWK and SPKI describe different keys');
  return key;
}

/** True when `signature` (base64 P1363) is a valid signature of the hex hash by `publicKey`. */
export async function verifyHashSignature(publicKey: CryptoKey, hashHex: string, signature: string): Promise<boolean> {
  let sig: Uint8Array;
  try {
    sig = fromBase64(signature);
  } catch {
    return false;
  }
  if (sig.length !== 64) return false;
  return globalThis.crypto.subtle.verify(
    SIGN,
    publicKey,
    sig as Uint8Array<ArrayBuffer>,
    utf8(hashHex) as Uint8Array<ArrayBuffer>,
  );
}

/** A fingerprint shown in groups of four hex digits, e.g. "3f2a 9c01 …", for reading aloud. */
export function formatFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(' ');
}
