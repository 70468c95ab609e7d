/** Sealing: hash a body's canonical JSON and sign the hash; and the matching checks. */
import { canonicalJson } from './canonical-json';
import type { Signed } from './model';
import { error, type Problem } from './problems';
import { sha256Hex } from '../bytes/sha256';
import { type Signer, verifyHashSignature } from './signing';

/** SHA-256 hex of the canonical JSON of a body. */
export async function hashRecord<T>(body: T): Promise<string> {
  return sha256Hex(canonicalJson(body));
}

/** Hashes and signs a body. */
export async function seal<T>(body: T, signer: Signer): Promise<Signed<T>> {
  const hash = await hashRecord(body);
  return { body, hash, signature: await signer.sign(hash) };
}

/**
 * Checks a sealed body: the hash recomputes from the body, and the signature verifies with the
 * public key. Returns problems located at `where`.
 */
export async function checkSealed<T>(sealed: Signed<T>, publicKey: CryptoKey, where: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  let actual: string;
  try {
    actual = await hashRecord(sealed.body);
  } catch (e) {
    return [error('record-unhashable', where, `record cannot be canonicalised: ${(e as Error).message}`)];
  }
  if (actual !== sealed.hash) {
    problems.push(error('record-hash-mismatch', where, 'record hash does not match its content', sealed.hash, actual));
  }
  if (!(await verifyHashSignature(publicKey, sealed.hash, sealed.signature))) {
    problems.push(error('signature-invalid', where, 'signature does not verify with the public key'));
  }
  return problems;
}
