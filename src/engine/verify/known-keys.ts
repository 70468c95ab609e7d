/**
 * An agency's known-keys file: the signing keys of its officers' browsers, so a verifier can say
 * whose key signed a case file instead of trusting the key the file carries (anyone can re-sign a
 * case file wholesale with a key of their own).
 *
 * Plain text, one key a line: the fingerprint (64 hex digits, SHA-256 of the public key, as the
 * options page shows it: spaces or colons between digits allowed), then the key's holder in words.
 * Blank lines and lines starting with # are skipped.
 *
 *   # Border Force wildlife unit
 *   61e9 3529 04f8 6ed7 b719 d745 b44f e39b a44a 581d c7d4 844c 3f7f ab65 6f10 eeb4  Jane Doe, laptop 2
 */

export interface KnownKey {
  /** 64 lower-case hex digits. */
  fingerprint: string;
  /** Who holds the key, as the file says. */
  name: string;
}

/** Parses a known-keys file; throws an Error naming the first bad line. */
export function parseKnownKeys(text: string): KnownKey[] {
  const keys: KnownKey[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line || line.startsWith('#')) return;
    // Hex digits up to 64, separators skipped; the rest of the line is the holder's name, which
    // may itself start with letters that are hex digits ("Dave").
    let hex = '';
    let at = 0;
    for (; at < line.length && hex.length < 64; at++) {
      const c = line[at];
      if (/[0-9a-fA-F]/.test(c)) hex += c.toLowerCase();
      else if (c !== ' ' && c !== ':' && c !== '\t') break;
    }
    if (hex.length !== 64 || (at < line.length && !/[\s:]/.test(line[at]))) {
      throw new Error(`known-keys line ${i + 1}: a key fingerprint is 64 hex digits ("${line.slice(0, 40)}")`);
    }
    keys.push({
      fingerprint: hex,
      name: line
        .slice(at)
        .replace(/^[\s:]+/, '')
        .trim(),
    });
  });
  return keys;
}
