/**
 * The compiled lexicon as the matcher uses it: typed-array views over the asset bytes plus two
 * hash tables (words, phrase edges) built at load in a few milliseconds. Text blocks are decoded
 * on first use; the full Lexicon is inflated only when asked for.
 */
import type { TaxonRef, TermKind } from '../matcher/hit';
import { gunzipSync } from 'fflate';
import { HASH_BASE } from '../matcher/tokenize';
import { EK_TERM, type AssetHeader, type TaxaSection, type TaxonRow, type TermRow } from './format';
import { TERM_KINDS } from './trade-terms';
import type { Lexicon, LexiconVersion } from './types';

/** Spreads a 32-bit hash over table slots. */
export function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

const pow2AtLeast = (n: number) => {
  let p = 16;
  while (p < n) p <<= 1;
  return p;
};

export interface TermInfo {
  term: string;
  lang: string;
  kind: TermKind;
  refersTo: string;
  taxon?: TaxonRef;
}

export class CompiledLexicon {
  readonly version: LexiconVersion;
  readonly contentHash: string;
  readonly langs: string[];
  readonly wordCount: number;
  readonly nodeCount: number;
  readonly maxCjkLength: number;
  readonly wordChars: Uint16Array;
  readonly wordStart: Uint32Array;
  readonly wordHash: Int32Array;
  readonly edgeParent: Int32Array;
  readonly edgeWord: Int32Array;
  readonly nodeEntryStart: Uint32Array;
  /** 1 when a node (word or phrase prefix) continues into longer names. */
  readonly nodeHasChildren: Uint8Array;
  readonly entryKind: Uint8Array;
  readonly entryFlags: Uint8Array;
  readonly entryLang: Uint8Array;
  readonly entryRef: Int32Array;
  readonly entryName: Int32Array;
  /** Bitmap of first characters of no-space-script names, for cheap substring probing. */
  readonly cjkFirst: Uint8Array;
  /**
   * One bit per hash bucket that holds a word (bit mix(h) & 31 of int mix(h) >>> 17): most page
   * words are rejected with one read. The tokenizer probes it while it hashes each word.
   */
  readonly wordBits: Int32Array;
  private readonly wordSlots: Int32Array;
  private readonly wordMask: number;
  private readonly edgeSlots: Int32Array;
  private readonly edgeMask: number;
  private readonly bytes: Uint8Array;
  private readonly header: AssetHeader;
  private readonly base: number;
  private namesCache?: { text: string; lineStart: Uint32Array };
  private taxaCache?: TaxaSection;
  private taxonRefCache = new Map<number, TaxonRef>();
  private termsCache?: TermRow[];

  constructor(bytes: Uint8Array, header: AssetHeader, base: number) {
    this.bytes = bytes;
    this.header = header;
    this.base = base;
    this.version = header.version;
    this.contentHash = header.contentHash;
    this.langs = header.langs;
    this.maxCjkLength = header.maxCjkLength;
    const buf = bytes.buffer;
    const at = (name: string) => bytes.byteOffset + base + header.sections[name].offset;
    const len = (name: string) => header.sections[name].length;
    this.wordChars = new Uint16Array(buf, at('wordChars'), len('wordChars') / 2);
    this.wordStart = new Uint32Array(buf, at('wordStart'), len('wordStart') / 4);
    this.edgeParent = new Int32Array(buf, at('edgeParent'), len('edgeParent') / 4);
    this.edgeWord = new Int32Array(buf, at('edgeWord'), len('edgeWord') / 4);
    this.nodeEntryStart = new Uint32Array(buf, at('nodeEntryStart'), len('nodeEntryStart') / 4);
    this.entryKind = new Uint8Array(buf, at('entryKind'), len('entryKind'));
    this.entryFlags = new Uint8Array(buf, at('entryFlags'), len('entryFlags'));
    this.entryLang = new Uint8Array(buf, at('entryLang'), len('entryLang'));
    this.entryRef = new Int32Array(buf, at('entryRef'), len('entryRef') / 4);
    this.entryName = new Int32Array(buf, at('entryName'), len('entryName') / 4);
    const nWords = header.words;
    this.wordCount = nWords;
    this.nodeCount = nWords + header.edges;

    // Word table: open addressing on the same polynomial hash the tokenizer computes.
    const wordHash = new Int32Array(nWords);
    const wsize = pow2AtLeast(nWords * 2);
    const wordSlots = new Int32Array(wsize);
    const wmask = wsize - 1;
    const chars = this.wordChars;
    const starts = this.wordStart;
    this.cjkFirst = new Uint8Array(8192);
    const wordBits = new Int32Array(1 << 15);
    for (let w = 0; w < nWords; w++) {
      let h = 0;
      const s = starts[w];
      const e = starts[w + 1];
      for (let k = s; k < e; k++) h = (Math.imul(h, HASH_BASE) + chars[k]) | 0;
      wordHash[w] = h;
      const m = mix(h);
      wordBits[m >>> 17] |= 1 << (m & 31);
      let slot = m & wmask;
      while (wordSlots[slot] !== 0) slot = (slot + 1) & wmask;
      wordSlots[slot] = w + 1;
      const c0 = chars[s];
      if (c0 >= 0x0e00) this.cjkFirst[c0 >> 3] |= 1 << (c0 & 7);
    }
    this.wordHash = wordHash;
    this.wordBits = wordBits;
    this.wordSlots = wordSlots;
    this.wordMask = wmask;

    const nEdges = header.edges;
    const esize = pow2AtLeast(nEdges * 2);
    const edgeSlots = new Int32Array(esize);
    const emask = esize - 1;
    const hasChildren = new Uint8Array(this.nodeCount);
    const parent = this.edgeParent;
    const word = this.edgeWord;
    for (let e = 0; e < nEdges; e++) {
      let slot = mix(Math.imul(parent[e], 0x9e3779b1) ^ word[e]) & emask;
      while (edgeSlots[slot] !== 0) slot = (slot + 1) & emask;
      edgeSlots[slot] = e + 1;
      hasChildren[parent[e]] = 1;
    }
    this.edgeSlots = edgeSlots;
    this.edgeMask = emask;
    this.nodeHasChildren = hasChildren;
  }

  /** Word id of folded characters chars[off, off+len) with hash h, or -1. */
  lookupWord(h: number, chars: Uint16Array, off: number, len: number): number {
    const m = mix(h);
    if ((this.wordBits[m >>> 17] & (1 << (m & 31))) === 0) return -1;
    const slots = this.wordSlots;
    const mask = this.wordMask;
    const starts = this.wordStart;
    const wchars = this.wordChars;
    let slot = m & mask;
    for (;;) {
      const v = slots[slot];
      if (v === 0) return -1;
      const w = v - 1;
      if (this.wordHash[w] === h) {
        const s = starts[w];
        if (starts[w + 1] - s === len) {
          let k = 0;
          while (k < len && wchars[s + k] === chars[off + k]) k++;
          if (k === len) return w;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Word id of a folded string, or -1. */
  lookupString(s: string): number {
    const codes = new Uint16Array(s.length);
    let h = 0;
    for (let k = 0; k < s.length; k++) {
      codes[k] = s.charCodeAt(k);
      h = (Math.imul(h, HASH_BASE) + codes[k]) | 0;
    }
    return this.lookupWord(h, codes, 0, s.length);
  }

  /** The node reached from `node` by word `word`, or -1. */
  child(node: number, word: number): number {
    const slots = this.edgeSlots;
    const mask = this.edgeMask;
    let slot = mix(Math.imul(node, 0x9e3779b1) ^ word) & mask;
    for (;;) {
      const v = slots[slot];
      if (v === 0) return -1;
      const e = v - 1;
      if (this.edgeParent[e] === node && this.edgeWord[e] === word) return this.wordCount + e;
      slot = (slot + 1) & mask;
    }
  }

  /** The folded text of a word id. */
  wordText(w: number): string {
    return String.fromCharCode(...this.wordChars.subarray(this.wordStart[w], this.wordStart[w + 1]));
  }

  private text(name: string): string {
    const s = this.header.sections[name];
    const start = this.bytes.byteOffset + this.base + s.offset;
    return new TextDecoder().decode(new Uint8Array(this.bytes.buffer, start, s.length));
  }

  /** The canonical spelling of an entry (sliced from the decoded names block, no array of 100k strings). */
  entryText(e: number): string {
    if (!this.namesCache) {
      const text = this.text('names');
      let lines = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
      const lineStart = new Uint32Array(lines + 1);
      let n = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStart[n++] = i + 1;
      lineStart[lines] = text.length + 1;
      this.namesCache = { text, lineStart };
    }
    const k = this.entryName[e];
    return this.namesCache.text.slice(this.namesCache.lineStart[k], this.namesCache.lineStart[k + 1] - 1);
  }

  private taxa(): TaxaSection {
    if (!this.taxaCache) {
      const text = this.text('taxa');
      let lines = 0;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
      const lineStart = new Uint32Array(lines + 1);
      let n = 0;
      lineStart[n++] = 0;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStart[n++] = i + 1;
      this.taxaCache = { text, lineStart, annotations: JSON.parse(text.slice(0, lineStart[1] - 1)) as string[] };
    }
    return this.taxaCache;
  }

  private taxonRow(i: number): TaxonRow {
    const t = this.taxa();
    const a = t.lineStart[i + 1];
    const b = i + 2 < t.lineStart.length ? t.lineStart[i + 2] - 1 : t.text.length;
    return JSON.parse(t.text.slice(a, b)) as TaxonRow;
  }

  /** Number of taxa. */
  get taxonCount(): number {
    return this.taxa().lineStart.length - 1;
  }

  /** The taxon reference of taxon row `i`, as a hit carries it. */
  taxonRef(i: number): TaxonRef {
    let ref = this.taxonRefCache.get(i);
    if (!ref) {
      const [taxonId, name, rank, listing, a, c] = this.taxonRow(i);
      const annotation = this.taxa().annotations[a];
      const coveredBy = this.taxa().annotations[c];
      ref = { taxonId, name, rank, listing };
      if (annotation) ref.annotation = annotation;
      if (coveredBy) ref.coveredBy = coveredBy;
      this.taxonRefCache.set(i, ref);
    }
    return ref;
  }

  /** Kingdom of taxon row `i` ("Animalia", "Plantae"). */
  taxonKingdom(i: number): string {
    return this.taxonRow(i)[6];
  }

  /** The trade term of an entry of kind EK_TERM + k. */
  termInfo(i: number): TermInfo {
    this.termsCache ??= JSON.parse(this.text('terms')) as TermRow[];
    const [term, lang, kind, refersTo, taxonRow] = this.termsCache[i];
    const info: TermInfo = { term, lang, kind: kind as TermKind, refersTo };
    if (taxonRow >= 0) info.taxon = this.taxonRef(taxonRow);
    return info;
  }

  /** Term kind of an entry kind code, or undefined for names. */
  termKindOf(entryKind: number): TermKind | undefined {
    return entryKind >= EK_TERM ? TERM_KINDS[entryKind - EK_TERM] : undefined;
  }

  /** The full lexicon (taxa with all names, terms, version), inflated from the asset. */
  toLexicon(): Lexicon {
    const s = this.header.sections.lexicon;
    const start = this.bytes.byteOffset + this.base + s.offset;
    const json = new TextDecoder().decode(gunzipSync(new Uint8Array(this.bytes.buffer, start, s.length)));
    return JSON.parse(json) as Lexicon;
  }
}
