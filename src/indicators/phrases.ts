/**
 * A phrase dictionary matched on words: the text is split into words once and each word is looked
 * up in a map, instead of running one big RegExp alternation (with a word-boundary look-behind at
 * every position, which V8 cannot speed up) over the text.
 *
 * Phrase syntax: words separated by a space match any run of spaces or hyphens; other characters
 * between words ("j&t", "paypal.me") must be there as written; a trailing "*" makes the last word
 * a prefix ("sell*" = sell, sells, seller); a trailing "." must follow in the text ("est.").
 * Phrases in scripts written without spaces (Chinese, Japanese, Thai) are found as substrings.
 */

export interface PhraseEntry<T> {
  phrase: string;
  value: T;
  /** Match the letters' case exactly (acronyms: "UPS", "COD"). */
  caseSensitive?: boolean;
}

export interface PhraseMatch<T> {
  start: number;
  end: number;
  value: T;
  phrase: string;
}

interface Compiled<T> {
  entry: PhraseEntry<T>;
  words: string[];
  /** Required text between word i and i+1 ("" = spaces or hyphens). */
  gaps: string[];
  prefix: boolean;
  dot: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SPACE_GAP = /^[\s\-‐‑–]+$/u;

interface Token {
  start: number;
  end: number;
  raw: string;
  lower: string;
}

interface Tokenized {
  text: string;
  tokens: Token[];
  hasNoSpaceScript: boolean;
  /** Token indices by lower-case word and by its first three letters, built on first use. */
  byWord?: Map<string, number[]>;
  byStem?: Map<string, number[]>;
}

// The indicator finders and the cue vocabulary all read the same text one after the other:
// split it into words once and reuse that (a one-entry memo, so nothing outlives the next text).
let memo: Tokenized | undefined;

function tokenized(text: string): Tokenized {
  if (memo?.text === text) return memo;
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ start: m.index!, end: m.index! + m[0].length, raw: m[0], lower: m[0].toLowerCase() });
  memo = { text, tokens, hasNoSpaceScript: NO_SPACE_SCRIPT.test(text) };
  return memo;
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** The shared word index of a tokenised text: several dictionaries read it, each looking up only its own words. */
function indexOf(t: Tokenized): { byWord: Map<string, number[]>; byStem: Map<string, number[]> } {
  if (!t.byWord || !t.byStem) {
    const byWord = new Map<string, number[]>();
    const byStem = new Map<string, number[]>();
    t.tokens.forEach((tok, i) => {
      push(byWord, tok.lower, i);
      if (tok.lower.length >= 3) push(byStem, tok.lower.slice(0, 3), i);
    });
    t.byWord = byWord;
    t.byStem = byStem;
  }
  return { byWord: t.byWord, byStem: t.byStem };
}

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Compiled<T>[]>();
  private readonly prefixes = new Map<string, Compiled<T>[]>();
  private readonly substrings: { needle: string; entry: PhraseEntry<T> }[] = [];


  constructor(entries: readonly PhraseEntry<T>[]) {
    for (const entry of entries) {
      let phrase = entry.phrase;
      if (NO_SPACE_SCRIPT.test(phrase)) {
        this.substrings.push({ needle: entry.caseSensitive ? phrase : phrase.toLowerCase(), entry });
        continue;
      }
      const prefix = phrase.endsWith('*');
      if (prefix) phrase = phrase.slice(0, -1);
      const dot = phrase.endsWith('.');
      if (dot) phrase = phrase.slice(0, -1);
      const words = [...phrase.matchAll(WORD)];
      if (words.length === 0) continue;
      const gaps = words.slice(1).map((w, i) => {
        const between = phrase.slice(words[i].index! + words[i][0].length, w.index!);
        return /^\s+$/.test(between) ? '' : between.toLowerCase();
      });
      const compiled: Compiled<T> = { entry, words: words.map((w) => (entry.caseSensitive ? w[0] : w[0].toLowerCase())), gaps, prefix, dot };
      const first = compiled.words[0];
      const key = entry.caseSensitive ? first.toLowerCase() : first;
      if (prefix && words.length === 1) {
        const stem = key.slice(0, 3);
        this.prefixes.set(stem, [...(this.prefixes.get(stem) ?? []), compiled]);
      } else {
        this.byFirst.set(key, [...(this.byFirst.get(key) ?? []), compiled]);
      }
    }
    // Longest needles first so "微信支付" wins over "微信".
    this.substrings.sort((a, b) => b.needle.length - a.needle.length);
    // Longest phrase first, so the first that matches at a word is the one to keep.
    for (const list of [...this.byFirst.values(), ...this.prefixes.values()]) list.sort((a, b) => b.words.length - a.words.length || b.words.join(' ').length - a.words.join(' ').length);
  }

  /**
   * Token indices where a phrase may start, ascending: every token for a short text, else only the
   * tokens whose word (or first three letters) starts an entry, looked up in the shared index.
   */
  private startsIn(t: Tokenized): Iterable<number> | null {
    const keys = this.byFirst.size + this.prefixes.size;
    if (t.tokens.length <= keys * 2) return null;
    const { byWord, byStem } = indexOf(t);
    const found: number[] = [];
    for (const key of this.byFirst.keys()) {
      const at = byWord.get(key);
      if (at) for (const i of at) found.push(i);
    }
    for (const stem of this.prefixes.keys()) {
      const at = byStem.get(stem);
      if (at) for (const i of at) found.push(i);
    }
    found.sort((a, b) => a - b);
    return found;
  }

  /** All non-overlapping matches, leftmost-longest, sorted by start. */
  find(text: string): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const tok = tokenized(text);
    const { tokens, hasNoSpaceScript } = tok;
    let coveredUntil = 0;
    const starts = this.startsIn(tok);
    const n = starts ? (starts as number[]).length : tokens.length;
    for (let k = 0; k < n; k++) {
      const i = starts ? (starts as number[])[k] : k;
      const t = tokens[i];
      if (t.start < coveredUntil) continue;
      const found = this.matchAt(text, tokens, i);
      if (found) {
        out.push(found);
        coveredUntil = found.end;
      }
    }
    if (this.substrings.length && hasNoSpaceScript) {
      const lower = text.toLowerCase();
      // One flag per character: a substring may not take characters a longer match already has.
      const taken = new Uint8Array(text.length);
      for (const m of out) taken.fill(1, m.start, m.end);
      for (const { needle, entry } of this.substrings) {
        const hay = entry.caseSensitive ? text : lower;
        for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
          const end = at + needle.length;
          if (taken.subarray(at, end).includes(1)) continue;
          taken.fill(1, at, end);
          out.push({ start: at, end, value: entry.value, phrase: entry.phrase });
        }
      }
      out.sort((a, b) => a.start - b.start);
    }
    return out;
  }

  private matchAt(text: string, tokens: Token[], i: number): PhraseMatch<T> | null {
    const t = tokens[i];
    const exact = this.byFirst.get(t.lower);
    const prefixed = t.lower.length >= 3 ? this.prefixes.get(t.lower.slice(0, 3)) : undefined;
    if (!exact && !prefixed) return null;
    let best: PhraseMatch<T> | null = null;
    for (const c of exact && prefixed ? [...exact, ...prefixed] : (exact ?? prefixed)!) {
      const n = c.words.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const tok = tokens[i + k];
        const word = c.entry.caseSensitive ? tok.raw : tok.lower;
        const last = k === n - 1;
        ok = last && c.prefix ? word.startsWith(c.words[k]) : word === c.words[k];
        if (ok && k > 0) {
          const between = text.slice(tokens[i + k - 1].end, tok.start);
          ok = c.gaps[k - 1] === '' ? SPACE_GAP.test(between) : between.toLowerCase() === c.gaps[k - 1];
        }
      }
      if (!ok) continue;
      let end = tokens[i + n - 1].end;
      if (c.dot) {
        if (text[end] !== '.') continue;
        end++;
      }
      if (!best || end > best.end) best = { start: t.start, end, value: c.entry.value, phrase: c.entry.phrase };
    }
    return best;
  }
}
