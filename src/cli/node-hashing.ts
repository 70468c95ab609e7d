/** The command-line tool hashes with node:crypto (see useNativeSha256 in the engine). */
import { createHash } from 'node:crypto';
import { useNativeSha256 } from '../engine/bytes/sha256';

export function useNodeHashing(): void {
  useNativeSha256(() => createHash('sha256'));
}
