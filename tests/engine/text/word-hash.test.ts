/**
 * The word hash has one definition (src/engine/text/word-hash.ts), but the tokenizer writes its
 * step, its inverse and the bit-set probe out for speed: these tests hold the copies to the
 * definition, so that the compiler's words and the page's words keep meeting in the same slots.
 */
import { describe, expect, it } from 'vitest';
import { createTokens, tokenString, tokenize } from '../../../src/engine/text/tokenize';
import {
  WORD_BITS_INTS,
  extendHash,
  hasWordBit,
  hashCodes,
  hashPowers,
  hashWithoutLast,
  hashWord,
  rangeHash,
  setWordBit,
} from '../../../src/engine/text/word-hash';

const codesOf = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));

describe('word hash', () => {
  it('hashes a string, its code units and its units one by one alike', () => {
    for (const word of ['', 'a', 'python', 'pangolin', 'nhộng', '穿山甲', 'ivоry']) {
      const codes = codesOf(word);
      let stepped = 0;
      for (const c of codes) stepped = extendHash(stepped, c);
      expect(hashCodes(codes, 0, codes.length)).toBe(hashWord(word));
      expect(stepped).toBe(hashWord(word));
    }
  });

  it('undoes a last character, and takes any piece from prefix hashes', () => {
    expect(hashWithoutLast(hashWord('pythons'), 0x73)).toBe(hashWord('python'));
    expect(hashWithoutLast(hashWithoutLast(hashWord('boxes'), 0x73), 0x65)).toBe(hashWord('box'));
    const codes = codesOf('ballpythonsforsale');
    const prefix = new Int32Array(codes.length + 1);
    for (let i = 0; i < codes.length; i++) prefix[i + 1] = extendHash(prefix[i], codes[i]);
    const powers = hashPowers(codes.length + 1);
    expect(rangeHash(prefix, powers, 4, 10)).toBe(hashWord('python'));
    expect(rangeHash(prefix, powers, 0, codes.length)).toBe(hashWord('ballpythonsforsale'));
  });

  it('is the hash the tokenizer stores for each folded word', () => {
    const t = tokenize('Ball PYTHONS, Pangolín scales; 穿山甲 and p4ngolin', createTokens(4));
    for (let k = 0; k < t.count; k++) expect(t.hash[k]).toBe(hashWord(tokenString(t, k)));
  });

  it("lists the words whose bit (or whose singular's bit) is set, as hasWordBit reads the bit-set", () => {
    const bits = new Int32Array(WORD_BITS_INTS);
    for (const word of ['python', 'box', 'ivory']) setWordBit(bits, hashWord(word));
    expect(hasWordBit(bits, hashWord('python'))).toBe(true);
    const t = tokenize('A python, two pythons, boxes, a box, ivory, tusks', createTokens(4), bits);
    const listed = Array.from(t.probe.subarray(0, t.probeCount), (k) => tokenString(t, k));
    expect(listed).toEqual(['python', 'pythons', 'boxes', 'box', 'ivory']);
  });
});
