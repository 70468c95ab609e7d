/**
 * Looking words up in the compiled lexicon as the matcher needs them: a token's word id with its
 * plural undone ("pythons", "boxes"), the trie child a plural reaches ("ball pythons"), and whether
 * a trie node ends a name. Plain functions of the lexicon and the token arrays: the exact pass, the
 * evasion readers and the judge all ask them.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import type { Tokens } from '../text/tokenize';
import { hashWithoutLast } from '../text/word-hash';

/** Word id of token `token`, or of its singular ("pythons", "boxes"), or -1. */
export function wordOfToken(lexicon: CompiledLexicon, tokens: Tokens, token: number): number {
  const { chars, hash, len } = tokens;
  const charOffset = tokens.charStart[token];
  const length = len[token];
  let word = lexicon.lookupWord(hash[token], chars, charOffset, length);
  if (word < 0 && length >= 4 && chars[charOffset + length - 1] === 0x73) {
    // The hash without the final "s", undone with the inverse of the multiplier.
    const withoutS = hashWithoutLast(hash[token], 0x73);
    word = lexicon.lookupWord(withoutS, chars, charOffset, length - 1);
    if (word < 0 && length >= 5 && takesEs(chars, charOffset, length)) {
      word = lexicon.lookupWord(hashWithoutLast(withoutS, 0x65), chars, charOffset, length - 2);
    }
  }
  return word;
}

/** The child of trie node `node` reached by the singular of token `token` (ending in "s" or "es"), or -1. */
export function childBySingular(lexicon: CompiledLexicon, tokens: Tokens, node: number, token: number): number {
  const length = tokens.len[token];
  const charOffset = tokens.charStart[token];
  if (length < 4 || tokens.chars[charOffset + length - 1] !== 0x73) return -1;
  const withoutS = hashWithoutLast(tokens.hash[token], 0x73);
  let word = lexicon.lookupWord(withoutS, tokens.chars, charOffset, length - 1);
  if (word >= 0) {
    const child = lexicon.child(node, word);
    if (child >= 0) return child;
  }
  if (length < 5 || !takesEs(tokens.chars, charOffset, length)) return -1;
  word = lexicon.lookupWord(hashWithoutLast(withoutS, 0x65), tokens.chars, charOffset, length - 2);
  return word >= 0 ? lexicon.child(node, word) : -1;
}

/** True when trie node `node` ends at least one name (has entries). */
export function nodeHasEntries(lexicon: CompiledLexicon, node: number): boolean {
  return lexicon.nodeEntryStart[node + 1] > lexicon.nodeEntryStart[node];
}

/**
 * True when the word chars[off, off+l) ends in "es" after a stem whose plural takes "es" (s, x, z,
 * ch, sh, o: "foxes", "finches", "rhinoceroses", "buffaloes"). Other words ending in "es" are a
 * stem ending in "e" plus "s" ("files" is "file", not "fil", an Azerbaijani name of the elephant).
 */
function takesEs(chars: Uint16Array, off: number, l: number): boolean {
  if (chars[off + l - 2] !== 0x65) return false;
  const c = chars[off + l - 3];
  if (c === 0x73 || c === 0x78 || c === 0x7a || c === 0x6f) return true;
  return c === 0x68 && (chars[off + l - 4] === 0x63 || chars[off + l - 4] === 0x73);
}
