/** Name-based UUIDs (RFC 9562 v5, SHA-1) so exported identifiers are the same on every export. */
import { fromHex, toHex, utf8, concatBytes } from '../bytes/bytes';

/** UUID v5 of a name in a namespace UUID. */
export async function uuidV5(namespace: string, name: string): Promise<string> {
  const ns = fromHex(namespace.replace(/-/g, ''));
  const digest = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-1', concatBytes([ns, utf8(name)]) as Uint8Array<ArrayBuffer>),
  );
  const b = digest.slice(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Namespace for Wildtrace's own deterministic ids (a fixed random UUID). */
export const WILDTRACE_NAMESPACE = '6f1e2a7c-3b9d-4c51-9a0e-2d7f5b8c1e44';
/** The STIX 2.1 namespace for deterministic SCO ids (STIX 2.1 §2.9). */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
