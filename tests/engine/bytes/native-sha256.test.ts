/**
 * A platform's SHA-256 lent to the engine (the command-line tool lends node:crypto's): the same
 * digests as the portable code for any input split any way, and the same misuse errors.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Sha256, useNativeSha256 } from '../../../src/engine/bytes/sha256';
import { useNodeHashing } from '../../../src/cli/node-hashing';

afterEach(() => useNativeSha256(undefined));

function digestOf(pieces: Uint8Array[]): string {
  const h = new Sha256();
  for (const p of pieces) h.update(p);
  return h.hex();
}

describe('useNativeSha256', () => {
  it('gives the digests of the portable code, whatever the pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (pieces) => {
        useNativeSha256(undefined);
        const portable = digestOf(pieces);
        useNodeHashing();
        expect(digestOf(pieces)).toBe(portable);
      }),
      { numRuns: 300 },
    );
  });

  it('hashes with the lent hash once lent', () => {
    let made = 0;
    useNativeSha256(() => {
      made++;
      return createHash('sha256');
    });
    expect(new Sha256().update(new Uint8Array([1, 2, 3])).hex()).toBe(
      createHash('sha256')
        .update(new Uint8Array([1, 2, 3]))
        .digest('hex'),
    );
    expect(made).toBe(1);
  });

  it('still refuses an update or a second digest after the digest', () => {
    useNodeHashing();
    const h = new Sha256();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow('update after digest');
    expect(() => h.digest()).toThrow('digest called twice');
  });
});
