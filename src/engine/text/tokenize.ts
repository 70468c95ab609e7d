/**
 * One-pass Unicode-aware tokenizer (no Intl.Segmenter: it is quadratic on long strings in
 * Node 20). It folds each word (lower case, no accents), hashes it while scanning, and writes
 * everything into reusable typed arrays, so a page costs no per-word allocation. The lexicon
 * compiler splits names with it (nameWords) and the matcher splits pages with it: a name matches
 * only if both split and fold it the same way.
 */
import { CJK, IGNORE, LEET, SEP, WORD, charClass, foldChar, isLatinLetter } from './fold';
import { HASH_BASE, HASH_INVERSE, hashWord, setWordBit, WORD_BITS_INTS } from './word-hash';

export const F_DIGIT = 1;
export const F_LETTER = 2;
/** Zero-width characters inside the word ("iv\u200bory"). */
export const F_ZERO_WIDTH = 4;
/** "$" or "@" inside the word. */
export const F_LEET = 8;
export const F_UPPER_FIRST = 16;
/** Has letters outside basic/extended Latin (Cyrillic, Greek ...). */
export const F_NON_LATIN = 32;
export const F_LATIN = 64;
/** A run of a script without spaces (Han, kana, Thai ...): matched by substrings. */
export const F_CJK = 128;
/** A sentence or cell break (. , ; : ! ? newline, brackets, quotes) lies between this word and the one before. */
export const F_HARD_GAP = 256;
/** Written right after "#". */
export const F_HASHTAG = 512;
/** Has a combining accent ("e\u0301"). */
export const F_COMBINING = 1024;
/** Has an upper-case letter after the first ("BallPythons"). */
export const F_INNER_UPPER = 2048;

/** Token arrays, reused between calls; only the first `count` entries are valid. */
export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** Word hash (word-hash.ts) of the folded characters. */
  hash: Int32Array;
  /** Offset and length of the folded characters in `chars`. */
  charStart: Int32Array;
  len: Int32Array;
  chars: Uint16Array;
  flags: Uint16Array;
  /** Vocabulary id of the folded word, or -1 (filled by the matcher). */
  word: Int32Array;
  /** Tokens the lexicon may know, in text order (filled when tokenize is given the word bit-set). */
  probe: Int32Array;
  probeCount: number;
}

/** Allocates token arrays for about `capacity` words. */
export function createTokens(capacity = 1024): Tokens {
  return {
    count: 0,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    hash: new Int32Array(capacity),
    charStart: new Int32Array(capacity),
    len: new Int32Array(capacity),
    chars: new Uint16Array(capacity * 8),
    flags: new Uint16Array(capacity),
    word: new Int32Array(capacity),
    probe: new Int32Array(capacity),
    probeCount: 0,
  };
}

function grow(t: Tokens, tokens: number, chars: number): void {
  if (tokens > t.start.length) {
    const n = Math.max(tokens, t.start.length * 2);
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    t.start = g32(t.start);
    t.end = g32(t.end);
    t.hash = g32(t.hash);
    t.charStart = g32(t.charStart);
    t.len = g32(t.len);
    t.word = g32(t.word);
    t.probe = g32(t.probe);
    const f = new Uint16Array(n);
    f.set(t.flags);
    t.flags = f;
  }
  if (chars > t.chars.length) {
    const c = new Uint16Array(Math.max(chars, t.chars.length * 2));
    c.set(t.chars);
    t.chars = c;
  }
}

// Separators that break a name: a name never runs across them.
function isHardSeparator(c: number): boolean {
  if (c < 128) return ASCII_HARD[c] === 1;
  if (c === 0x2022 || c === 0x3002 || c === 0xff0c || c === 0x3001) return true;
  return c === 0xff01 || c === 0xff1f || c === 0x201c || c === 0x201d;
}

// ASCII fast path: most page text is ASCII, so its classes live in small tables.
const A_SEP = 0;
const A_LOWER = 1;
const A_UPPER = 2;
const A_DIGIT = 3;
const A_LEET = 4;
const ASCII_KIND = new Uint8Array(128);
const ASCII_HARD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 97 && c <= 122) ASCII_KIND[c] = A_LOWER;
  else if (c >= 65 && c <= 90) ASCII_KIND[c] = A_UPPER;
  else if (c >= 48 && c <= 57) ASCII_KIND[c] = A_DIGIT;
  else ASCII_KIND[c] = c === 0x24 || c === 0x40 ? A_LEET : A_SEP;
}
for (const ch of '.!?;:,\n\r\t()[]{}"|/<>') ASCII_HARD[ch.charCodeAt(0)] = 1;
/** Folded ASCII letter or digit, 0 for anything else. */
const A_FOLD = new Uint8Array(128);
/** Token flags an ASCII character adds after the first character of a word. */
const A_FLAGS = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const a = ASCII_KIND[c];
  A_FOLD[c] = a === A_LOWER || a === A_DIGIT ? c : a === A_UPPER ? c + 32 : 0;
  if (a === A_LOWER) A_FLAGS[c] = F_LETTER | F_LATIN;
  else if (a === A_UPPER) A_FLAGS[c] = F_LETTER | F_LATIN | F_INNER_UPPER;
  else A_FLAGS[c] = a === A_DIGIT ? F_DIGIT : a === A_LEET ? F_LEET : 0;
}
/** Folded ASCII letter or digit in the low 7 bits, its token flags (all above bit 7) on top; 0 for the rest. */
const A_WORD = new Int32Array(128);
for (let c = 0; c < 128; c++) A_WORD[c] = A_FOLD[c] === 0 ? 0 : A_FOLD[c] | (A_FLAGS[c] << 8);
const EMPTY_BITS = new Int32Array(1);

/** Code point of a supplementary-plane ideograph (CJK extensions B and later) at i, or 0. */
function astralIdeograph(text: string, i: number, c: number): number {
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 0;
  const lo = text.charCodeAt(i + 1);
  if (lo < 0xdc00 || lo > 0xdfff) return 0;
  const cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  return cp >= 0x20000 && cp <= 0x3134f ? cp : 0;
}

function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  const s = String.fromCharCode(c);
  return s !== s.toLowerCase();
}

/**
 * Splits `text` into words and runs of no-space scripts. Offsets are UTF-16 indices into
 * `text`; folded characters and their hash are stored per token.
 *
 * With `wordBits` (the lexicon's bit-set of word hashes, see CompiledLexicon.wordBits) the
 * tokenizer also lists, in `t.probe`, the tokens the lexicon may know: letter words whose hash
 * (or, for a plural, the hash of its singular) has its bit set, and every no-space-script run.
 * Every other token is certainly unknown, so the matcher looks up only the listed ones.
 *
 * The word hash's step, its inverse and the bit-set probe (word-hash.ts extendHash,
 * hashWithoutLast, hasWordBit) are written out in the loops below, with the multiplier and its
 * inverse read once into locals: V8 inlines no more calls into a function this large and reads an
 * imported constant anew at each use, and either, per character or word, made the whole matcher
 * 3 to 7 % slower.
 */
export function tokenize(
  text: string,
  t: Tokens = createTokens(Math.max(16, text.length >> 3)),
  wordBits?: Int32Array,
): Tokens {
  const n = text.length;
  const base = HASH_BASE;
  const inverse = HASH_INVERSE;
  // Folded characters never outnumber the text's code units.
  if (t.chars.length < n) grow(t, 0, n);
  const chars = t.chars;
  const bits = wordBits ?? EMPTY_BITS;
  const probing = wordBits !== undefined;
  let probe = t.probe;
  let probeCount = 0;
  let count = 0;
  let cpos = 0;
  let i = 0;
  let hard = true;
  let hashtag = false;
  let tStart = t.start;
  let tEnd = t.end;
  let tHash = t.hash;
  let tCharStart = t.charStart;
  let tLen = t.len;
  let tFlags = t.flags;
  let tWord = t.word;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k: number;
    if (c < 128) {
      const a = ASCII_KIND[c];
      if (a === A_SEP || (a === A_LEET && !(c === 0x24 && i + 1 < n && isWordStart(text.charCodeAt(i + 1))))) {
        if (ASCII_HARD[c] === 1) hard = true;
        hashtag = c === 0x23;
        i++;
        continue;
      }
      k = WORD;
    } else {
      k = charClass(c);
      if (k === SEP && astralIdeograph(text, i, c)) k = CJK;
      if (k === SEP || k === IGNORE || k === LEET) {
        if (isHardSeparator(c)) hard = true;
        hashtag = false;
        // A surrogate pair is one character; an unpaired surrogate is skipped alone.
        const lo = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0;
        i += lo >= 0xdc00 && lo <= 0xdfff ? 2 : 1;
        continue;
      }
    }
    if (count >= tStart.length) {
      grow(t, count + 1, 0);
      tStart = t.start;
      tEnd = t.end;
      tHash = t.hash;
      tCharStart = t.charStart;
      tLen = t.len;
      tFlags = t.flags;
      tWord = t.word;
      probe = t.probe;
    }
    const start = i;
    const charStart = cpos;
    let h = 0;
    let flags = (hard ? F_HARD_GAP : 0) | (hashtag ? F_HASHTAG : 0);
    hard = false;
    hashtag = false;
    if (k === CJK) {
      flags |= F_CJK | F_LETTER;
      while (i < n) {
        c = text.charCodeAt(i);
        const kk = charClass(c);
        if (kk === CJK) {
          // Traditional Chinese folds to simplified; other no-space scripts stay as written.
          c = foldChar(c);
          chars[cpos++] = c;
          h = (Math.imul(h, base) + c) | 0;
          i++;
        } else if (kk === IGNORE) {
          i++;
        } else if (astralIdeograph(text, i, c)) {
          const lo = text.charCodeAt(i + 1);
          chars[cpos++] = c;
          chars[cpos++] = lo;
          h = (Math.imul(Math.imul(h, base) + c, base) + lo) | 0;
          i += 2;
        } else break;
      }
      if (probing) probe[probeCount++] = count;
    } else {
      // The first character: an ASCII letter or digit, "$" before a word character, or a letter
      // or digit of another script (the separator loop above let nothing else through).
      if (c < 128) {
        const a = ASCII_KIND[c];
        if (a === A_UPPER) {
          flags |= F_LETTER | F_LATIN | F_UPPER_FIRST;
          c += 32;
        } else flags |= A_FLAGS[c];
      } else {
        const f = foldChar(c);
        if (f !== c && isUpper(c)) flags |= F_UPPER_FIRST;
        if (f >= 48 && f <= 57) flags |= F_DIGIT;
        else flags |= F_LETTER | (isLatinLetter(f) ? F_LATIN : F_NON_LATIN);
        c = f;
      }
      chars[cpos++] = c;
      h = c;
      i++;
      // Flags of the ASCII hot path, shifted left by 8 (see A_WORD), merged after the loop.
      let word = 0;
      while (i < n) {
        c = text.charCodeAt(i);
        if (c < 128) {
          // Hot path: ASCII letters and digits, folded and flagged by one table read.
          const v = A_WORD[c];
          if (v !== 0) {
            const f = v & 0x7f;
            chars[cpos++] = f;
            h = (Math.imul(h, base) + f) | 0;
            word |= v;
            i++;
            continue;
          }
          if ((c === 0x24 || c === 0x40) && i + 1 < n && isWordStart(text.charCodeAt(i + 1))) {
            // "$hark", "p@ngolin": the symbol is kept; the leetspeak pass decodes it.
            flags |= F_LEET;
            chars[cpos++] = c;
            h = (Math.imul(h, base) + c) | 0;
            i++;
            continue;
          }
          break;
        }
        const kk = charClass(c);
        if (kk === WORD) {
          const f = foldChar(c);
          if (f >= 48 && f <= 57) flags |= F_DIGIT;
          else flags |= F_LETTER | (isLatinLetter(f) ? F_LATIN : F_NON_LATIN);
          chars[cpos++] = f;
          h = (Math.imul(h, base) + f) | 0;
          i++;
        } else if (kk === IGNORE) {
          flags |= c >= 0x300 && c <= 0x36f ? F_COMBINING : c === 0x00ad ? 0 : F_ZERO_WIDTH;
          i++;
        } else break;
      }
      flags |= word >>> 8;
      if (probing && (flags & (F_LETTER | F_LEET)) === F_LETTER) {
        // The lexicon's word bit-set (hasWordBit, written out): most words stop here.
        let m = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
        m = (m ^ (m >>> 13)) >>> 0;
        let maybe = (bits[m >>> 17] & (1 << (m & 31))) !== 0;
        const l = cpos - charStart;
        if (!maybe && l >= 4 && chars[cpos - 1] === 0x73) {
          // A plural: the singular's hash, the final "s" (and "es") undone (hashWithoutLast).
          const h1 = Math.imul(h - 0x73, inverse);
          m = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
          m = (m ^ (m >>> 13)) >>> 0;
          maybe = (bits[m >>> 17] & (1 << (m & 31))) !== 0;
          if (!maybe && l >= 5 && chars[cpos - 2] === 0x65) {
            const h2 = Math.imul(h1 - 0x65, inverse);
            m = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b);
            m = (m ^ (m >>> 13)) >>> 0;
            maybe = (bits[m >>> 17] & (1 << (m & 31))) !== 0;
          }
        }
        if (maybe) probe[probeCount++] = count;
      }
    }
    tStart[count] = start;
    tEnd[count] = i;
    tHash[count] = h;
    tCharStart[count] = charStart;
    tLen[count] = cpos - charStart;
    tFlags[count] = flags;
    tWord[count] = -1;
    count++;
  }
  t.count = count;
  t.probeCount = probeCount;
  return t;
}

/** True when c can start or continue a word (after "$" or "@"). */
function isWordStart(c: number): boolean {
  if (c < 128) return ASCII_KIND[c] === A_LOWER || ASCII_KIND[c] === A_UPPER || ASCII_KIND[c] === A_DIGIT;
  return charClass(c) === WORD;
}

/** Turns UTF-16 code units into a string without blowing the stack on long runs. */
export function codesToString(codes: Uint16Array): string {
  let s = '';
  for (let i = 0; i < codes.length; i += 8192) {
    s += String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]);
  }
  return s;
}

/** The folded characters of token `k` as a string (for rare paths: hits, evasions). */
export function tokenString(t: Tokens, k: number): string {
  return codesToString(t.chars.subarray(t.charStart[k], t.charStart[k] + t.len[k]));
}

/** Folded words of a name, for the compiler: the same splitting the matcher applies to text. */
export function nameWords(name: string): { words: string[]; cjk: boolean } {
  const t = tokenize(name, createTokens(16));
  const words: string[] = [];
  let cjk = false;
  for (let k = 0; k < t.count; k++) {
    if (t.flags[k] & F_CJK) cjk = true;
    words.push(tokenString(t, k));
  }
  return { words, cjk };
}

// Type feedback for every path of the tokenizer, gathered once at load (1-3 ms, mostly compiling
// the Unicode classes of fold.ts): every branch of every comparison chain, the inlined helpers'
// included (isHardSeparator, astralIdeograph, isWordStart, and the class and fold of a character
// met for the first time, with marks of other scripts), plurals whose singular is known, and the
// buffer growth. A path first met on a later page (a no-break space, an emoji) deoptimized the
// optimized tokenizer ('Insufficient type feedback'), which was then often recompiled for its loop
// only (on-stack replacement) and ran 15-200 % slower for the rest of the worker's life.
{
  const sample =
    'Ab $hark $Hark $5 $ $é p@ngolin x@Y me@1 a@ #tag #Tag 1v0ry p4ngolin 12 x. ' +
    'a,b;c:d!e?f\ng(h)i[j]k{l}m"n|o/p<q>r\'s-t_u~v*w+x=y%z&a^b`c\\d\te\rf ' +
    'Pythons boxes kisses Élan café naïve Öl İstanbul ß æ œ ı ł đ ø ＡＢＣ ཀི ᬅᬀ e\u0301 ' +
    'iv\u200bory iv\u200dory so\u00adft ivоry Πύθων हाथी ช้าง 천산갑 عاج ٣ ' +
    '«Jual» a\u00a0b — “tê tê” • … € 穿山甲鱗片。象\u200b牙、犀角，！？ 𠀀 😀 ' +
    '\ud800x \ud800\ue000 \udb40\udc01 \udc00 end$ x';
  const bits = new Int32Array(WORD_BITS_INTS);
  for (const w of ['python', 'box', 'pangolin', 'cafe']) setWordBit(bits, hashWord(w));
  tokenize(sample, createTokens(1), bits);
  tokenize(sample, createTokens(1));
}
