/**
 * Character classes and folding for the tokenizer, computed lazily per UTF-16 code unit and
 * cached in typed arrays (no 65,536-entry table is built up front, so loading stays fast).
 * Folding is lower case without accents, traditional Chinese as simplified: the lexicon compiler
 * folds names with it and the tokenizer folds page words with it, so both must read this module.
 */
import hanVariants from '../../../assets/han/traditional-to-simplified.json';

/** Separator: space, punctuation, symbols, unpaired surrogates. */
export const SEP = 1;
/** Letter or digit of a script written with spaces between words. */
export const WORD = 2;
/** Letter of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar): found by substrings. */
export const CJK = 3;
/** Zero-width characters, soft hyphen and combining accents: skipped inside a word. */
export const IGNORE = 4;
/** "$" and "@": letters in disguise when inside a word ("$hark", "p@ngolin"). */
export const LEET = 5;

const classCache = new Uint8Array(65536);
const foldCache = new Uint16Array(65536);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
/** Scripts written without spaces between words. */
const NO_SPACE_SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Thai', 'Lao', 'Khmer', 'Myanmar'];
const NO_SPACE_SCRIPT = new RegExp(`[${NO_SPACE_SCRIPTS.map((name) => `\\p{Script=${name}}`).join('')}]`, 'u');
// The class is ranges of combining marks on purpose: it tests one code unit, never a combined character.
// eslint-disable-next-line no-misleading-character-class
const COMBINING_ACCENT = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;

function computeClass(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return SEP; // surrogates are handled by the tokenizer
  const zeroWidth = c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff;
  if (zeroWidth || c === 0x00ad || c === 0x180e) return IGNORE;
  if (c === 0x24 || c === 0x40) return LEET;
  const s = String.fromCharCode(c);
  if (COMBINING_ACCENT.test(s)) return IGNORE;
  if (NO_SPACE_SCRIPT.test(s)) return CJK;
  if (LETTER_OR_DIGIT.test(s)) return WORD;
  // Marks of other scripts (Devanagari vowel signs, Thai tone marks) belong to their word.
  if (MARK.test(s)) return c >= 0x0e00 && c <= 0x109f ? CJK : WORD;
  return SEP;
}

/** Class of one UTF-16 code unit. */
export function charClass(c: number): number {
  let k = classCache[c];
  if (k === 0) k = classCache[c] = computeClass(c);
  return k;
}

// Letters that Unicode does not decompose but that readers see as a plain Latin letter.
const EXTRA_FOLDS: Record<string, string> = { đ: 'd', ø: 'o', ł: 'l', ı: 'i', ŀ: 'l', ħ: 'h', ŧ: 't', ɨ: 'i' };

/** Traditional Chinese character -> simplified (OpenCC, see assets/README.md): 樂 -> 乐. */
const SIMPLIFIED = new Map<number, number>();
for (let i = 0; i + 1 < hanVariants.pairs.length; i += 2) {
  SIMPLIFIED.set(hanVariants.pairs.charCodeAt(i), hanVariants.pairs.charCodeAt(i + 1));
}

function computeFold(c: number): number {
  const simplified = SIMPLIFIED.get(c);
  if (simplified !== undefined) return simplified;
  let s = String.fromCharCode(c).toLowerCase();
  if (s.length !== 1) s = s.charAt(0);
  const extra = EXTRA_FOLDS[s];
  if (extra) return extra.charCodeAt(0);
  const d = s.normalize('NFD');
  if (d.length > 1 && COMBINING_ACCENT.test(d.slice(1))) return d.charCodeAt(0);
  return s.charCodeAt(0);
}

/**
 * Lower case without accents: "É" gives "e", "ñ" gives "n"; other scripts are only lower-cased,
 * except traditional Chinese characters, which become simplified ones.
 */
export function foldChar(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  let f = foldCache[c];
  if (f === 0) f = foldCache[c] = computeFold(c);
  return f;
}

/** Folds a whole string the way the tokenizer folds words (ignorable characters dropped). */
export function foldString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (charClass(c) === IGNORE) continue;
    out += String.fromCharCode(foldChar(c));
  }
  return out;
}

/**
 * Lower case with accents kept, to tell "accents added or removed" from an exact spelling.
 * Traditional Chinese is simplified here too: 鱗 for 鳞 is a variant, not an accent.
 */
export function lowerKeepAccents(s: string): string {
  let out = s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '');
  if (/[\u3400-\u9fff\uf900-\ufaff]/.test(out)) {
    const simplified = (c: string) => String.fromCharCode(SIMPLIFIED.get(c.charCodeAt(0)) ?? c.charCodeAt(0));
    out = out.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, simplified);
  }
  return out;
}

/** True for a folded code unit in the basic Latin letter range. */
export function isLatinLetter(f: number): boolean {
  return (f >= 97 && f <= 122) || (f >= 0xdf && f <= 0x24f);
}
