/**
 * The compiled lexicon as the matcher uses it: the arrays the matcher reads, rebuilt in one pass
 * from the compact columns of the asset (format.ts), plus a hash table of the words. Everything a
 * hit needs (display spelling, taxon reference, trade term) is read from these arrays on demand;
 * the full Lexicon (details) is inflated only when asked for.
 */
import { gunzipSync } from 'fflate';
import { WORD_BITS_INTS, hashWord, mixHash } from '../text/word-hash';
import { bytesPer, readUnsigned, readZigzagGaps } from './columns';
import {
  EK_SCIENTIFIC,
  EK_TERM,
  NC_EXPLICIT,
  NODE_CHILDREN_MORE,
  NODE_ENTRIES_MORE,
  PATCH_BLOCK,
  type AssetHeader,
  type TaxonStrings,
  type TermRow,
} from './format';
import { applyNamePatch, spellWords } from './spelling';
import { TERM_KINDS } from './trade-terms';
import type { Lexicon, LexiconVersion, TaxonRef, TermKind } from './types';
import { buildWordTable, slotsFromOccupancy, wordSlotCount, type WordTable } from './word-table';

/** Nodes with at most this many children are scanned; longer lists are searched sorted. */
const SCAN_CHILDREN = 8;

export interface TermInfo {
  term: string;
  lang: string;
  kind: TermKind;
  refersTo: string;
  taxon?: TaxonRef;
}

/** Where the details (full Lexicon, gzipped JSON) come from when they are not inside the loaded bytes. */
export type DetailsSource = Uint8Array | (() => Uint8Array);

export class CompiledLexicon {
  readonly version: LexiconVersion;
  readonly contentHash: string;
  readonly langs: string[];
  readonly wordCount: number;
  readonly nodeCount: number;
  readonly maxCjkLength: number;
  /** Folded characters of every word, word w at [wordStart[w], wordStart[w + 1]). */
  readonly wordChars: Uint16Array;
  readonly wordStart: Uint32Array;
  readonly edgeWord: Int32Array;
  readonly nodeEntryStart: Uint32Array;
  /** 1 when a node (word or phrase prefix) continues into longer names. */
  readonly nodeHasChildren: Uint8Array;
  readonly entryKind: Uint8Array;
  readonly entryFlags: Uint8Array;
  readonly entryLang: Uint8Array;
  readonly entryRef: Int32Array;
  /** How entryText rebuilds each entry's spelling (format.ts NC_*). */
  readonly entryCase: Uint8Array;
  /** Bitmap of first characters of no-space-script names, for cheap substring probing. */
  readonly cjkFirst: Uint8Array;
  /**
   * One bit per hash bucket that holds a word (word-hash.ts hasWordBit): most page
   * words are rejected with one read. The tokenizer probes it while it hashes each word.
   */
  readonly wordBits: Int32Array;
  /** The same for the words that begin a name: exact matching probes only these (word-table.ts). */
  readonly startBits: Int32Array;
  private readonly wordSlots: Int32Array;
  private readonly wordMask: number;
  /**
   * Node v's child edges are edgeStart[v] .. edgeStart[v + 1] - 1 (edges are grouped by parent, in
   * the order the lexicon first uses them): with edgeWord, the children of every node, ready made.
   */
  readonly edgeStart: Uint32Array;
  private parents?: Int32Array;
  /** Edges of the nodes with many children, sorted by word (filled as nodes are asked). */
  private readonly sortedChildren = new Map<number, Int32Array>();
  private readonly bytes: Uint8Array;
  private readonly header: AssetHeader;
  private readonly base: number;
  private readonly details?: DetailsSource;
  private readonly taxonId: Int32Array;
  /** Index of the taxon's [rank, listing, kingdom] in strings.classes. */
  private readonly taxonClass: ArrayLike<number>;
  private readonly taxonAnnotation: ArrayLike<number>;
  private readonly taxonCoveredBy: ArrayLike<number>;
  private readonly strings: TaxonStrings;
  /** Each taxon's first scientific-name entry (-1 when the name is in strings.names). */
  private readonly taxonNameEntry: Int32Array;
  private patches?: { starts: Uint32Array; text: Uint8Array; blocks: ArrayLike<number>; decoder: TextDecoder };
  private taxonRefCache = new Map<number, TaxonRef>();
  private termsCache?: TermRow[];

  constructor(bytes: Uint8Array, header: AssetHeader, base: number, details?: DetailsSource) {
    this.bytes = bytes;
    this.header = header;
    this.base = base;
    this.details = details;
    this.version = header.version;
    this.contentHash = header.contentHash;
    this.langs = header.langs;
    this.maxCjkLength = header.maxCjkLength;
    const nWords = header.words;
    const nEdges = header.edges;
    const nEntries = header.entries;
    const nTaxa = header.taxa;
    this.wordCount = nWords;
    this.nodeCount = nWords + nEdges;
    const nNodes = this.nodeCount;
    for (const name of ['entryKind', 'entryFlags', 'entryLang', 'entryCase']) {
      const length = header.sections[name].length;
      if (length !== nEntries) {
        throw new RangeError(`section ${name} holds ${length} entries, the header says ${nEntries}`);
      }
    }
    // Each step is one pass over typed arrays: this runs cold, once per worker start (format.ts).
    const nodes = this.readNodes(nNodes, nEdges, nEntries);
    this.edgeWord = nodes.word;
    this.edgeStart = nodes.edgeStart;
    this.nodeHasChildren = nodes.hasChildren;
    this.nodeEntryStart = nodes.entryStart;
    const words = this.readWords(nWords, nodes);
    this.wordChars = words.chars;
    this.wordStart = words.starts;
    this.wordBits = words.bits;
    this.startBits = words.startBits;
    this.wordSlots = words.slots;
    this.wordMask = words.slots.length - 1;
    this.cjkFirst = words.cjkFirst;
    this.entryKind = this.section('entryKind');
    this.entryFlags = this.section('entryFlags');
    this.entryLang = this.section('entryLang');
    this.entryCase = this.section('entryCase');
    const refs = this.readEntryRefs(nEntries, nTaxa);
    this.entryRef = refs.ref;
    this.taxonNameEntry = refs.firstScientific;
    // Taxon columns: read in place, one taxon at a time when a hit needs it.
    this.taxonId = readZigzagGaps(this.section('taxonIdGap'), nTaxa);
    this.taxonClass = this.column('taxonClass', nTaxa);
    this.taxonAnnotation = this.column('taxonAnnotation', nTaxa);
    this.taxonCoveredBy = this.column('taxonCoveredBy', nTaxa);
    this.strings = JSON.parse(new TextDecoder().decode(this.section('strings'))) as TaxonStrings;
  }

  /**
   * The words: the low bytes of the UTF-16 units copied natively, the few high bytes put back, and
   * the word table (hash table and bit-sets) viewed as stored, or built when the asset has none
   * (an agency lexicon stored by an earlier version).
   */
  private readWords(nWords: number, nodes: { hasChildren: Uint8Array; entryStart: Uint32Array }) {
    const low = this.section('wordLow');
    const chars = new Uint16Array(low.length);
    chars.set(low);
    const high = this.section('wordHigh');
    let p = 0;
    let at = 0;
    for (let odd = 0; p < high.length; odd ^= 1) {
      // Varint pairs: distance from the previous unit above 0xFF, then its high byte.
      let b = high[p++];
      let v = b & 0x7f;
      for (let shift = 7; b & 0x80; shift += 7) {
        b = high[p++];
        v |= (b & 0x7f) << shift;
      }
      if (odd) chars[at] |= v << 8;
      else at += v;
    }
    if (p !== high.length || at >= Math.max(1, chars.length)) {
      throw new RangeError('word table is damaged (high bytes)');
    }
    const lengths = this.column('wordLength', nWords);
    const starts = new Uint32Array(nWords + 1);
    const cjkFirst = new Uint8Array(8192);
    let n = 0;
    for (let w = 0; w < nWords; w++) {
      const c0 = chars[n];
      if (c0 >= 0x0e00) cjkFirst[c0 >> 3] |= 1 << (c0 & 7);
      n += lengths[w];
      starts[w + 1] = n;
    }
    if (n !== chars.length) {
      throw new RangeError(`word table holds ${chars.length} characters, the word lengths say ${n}`);
    }
    const sections = this.header.sections;
    let table: WordTable;
    if (sections.wordSlotBits && sections.wordBits && sections.startBits) {
      const slots = slotsFromOccupancy(this.int32Column('wordSlotBits', wordSlotCount(nWords) >>> 5), nWords);
      const bits = this.int32Column('wordBits', WORD_BITS_INTS);
      table = { slots, bits, startBits: this.int32Column('startBits', WORD_BITS_INTS) };
    } else {
      const { hasChildren, entryStart } = nodes;
      table = buildWordTable(chars, starts, nWords, (w) => hasChildren[w] === 1 || entryStart[w + 1] > entryStart[w]);
    }
    return { chars, starts, cjkFirst, ...table };
  }

  /** An integer column as Int32Array: viewed in place when stored as u32, copied from narrower widths. */
  private int32Column(name: string, count: number): Int32Array {
    const section = this.header.sections[name];
    if (section.length !== count * bytesPer(section.type)) {
      throw new RangeError(`section ${name} does not hold ${count} values`);
    }
    const values = this.column(name, count);
    if (values instanceof Uint32Array) return new Int32Array(values.buffer, values.byteOffset, count);
    return new Int32Array(values);
  }

  /** The node edge e leaves: edges are grouped by parent, so a binary search of edgeStart finds it. */
  parentOf(e: number): number {
    return this.parents ? this.parents[e] : lastAtOrBefore(this.edgeStart, this.nodeCount, e);
  }

  /** The node each edge leaves, for the evasion index (built on first use: a hit needs only parentOf). */
  get edgeParent(): Int32Array {
    if (!this.parents) {
      const parents = new Int32Array(this.edgeWord.length);
      const starts = this.edgeStart;
      for (let v = 0; v < this.nodeCount; v++) if (starts[v + 1] > starts[v]) parents.fill(v, starts[v], starts[v + 1]);
      this.parents = parents;
    }
    return this.parents;
  }

  /**
   * Per trie node: its entries (counts to starts) and its child edges. Edges are grouped by parent
   * (format.ts), so a child count per node gives each edge's parent and each node's edge range.
   */
  private readNodes(nNodes: number, nEdges: number, nEntries: number) {
    const shapes = this.section('nodeShape');
    const extra = this.section('nodeExtra');
    if (shapes.length !== nNodes) {
      throw new RangeError(`section nodeShape holds ${shapes.length} nodes, the header says ${nNodes}`);
    }
    const word = new Int32Array(nEdges);
    word.set(this.column('edgeWord', nEdges));
    const edgeStart = new Uint32Array(nNodes + 1);
    const entryStart = new Uint32Array(nNodes + 1);
    const hasChildren = new Uint8Array(nNodes);
    let p = 0;
    let e = 0;
    let entries = 0;
    for (let v = 0; v < nNodes; v++) {
      const shape = shapes[v];
      if (shape !== 0) {
        let count = shape & 3;
        if (count === NODE_ENTRIES_MORE) {
          let b = extra[p++];
          let more = b & 0x7f;
          for (let shift = 7; b & 0x80; shift += 7) {
            b = extra[p++];
            more |= (b & 0x7f) << shift;
          }
          count += more;
        }
        entries += count;
        let children = shape >>> 2;
        if (children === NODE_CHILDREN_MORE) {
          let b = extra[p++];
          let more = b & 0x7f;
          for (let shift = 7; b & 0x80; shift += 7) {
            b = extra[p++];
            more |= (b & 0x7f) << shift;
          }
          children += more;
        }
        if (children !== 0) {
          const end = e + children;
          if (end > nEdges) throw new RangeError(`trie nodes have more child edges than the ${nEdges} the header says`);
          hasChildren[v] = 1;
          e = end;
        }
      }
      edgeStart[v + 1] = e;
      entryStart[v + 1] = entries;
    }
    if (e !== nEdges || p !== extra.length) {
      throw new RangeError(`trie nodes have ${e} child edges, the header says ${nEdges}`);
    }
    if (entries !== nEntries) throw new RangeError(`trie nodes hold ${entries} entries, the header says ${nEntries}`);
    return { word, edgeStart, hasChildren, entryStart };
  }

  /**
   * Entry refs (zig-zag varint gaps), and on the same pass each taxon's first scientific-name
   * entry, whose text is the taxon's name (taxonName).
   */
  private readEntryRefs(nEntries: number, nTaxa: number) {
    const bytes = this.section('entryRefGap');
    const kind = this.entryKind;
    const ref = new Int32Array(nEntries);
    const firstScientific = new Int32Array(nTaxa).fill(-1);
    let p = 0;
    let value = 0;
    for (let e = 0; e < nEntries; e++) {
      let b = bytes[p++];
      let v = b & 0x7f;
      for (let shift = 7; b & 0x80; shift += 7) {
        b = bytes[p++];
        v |= (b & 0x7f) << shift;
      }
      value = (value + ((v >>> 1) ^ -(v & 1))) | 0;
      ref[e] = value;
      if (kind[e] === EK_SCIENTIFIC && value < nTaxa && firstScientific[value] < 0) firstScientific[value] = e;
    }
    if (p > bytes.length) throw new RangeError('entry refs are cut short');
    return { ref, firstScientific };
  }

  /** An unsigned integer column: a view for fixed widths, decoded for varints. */
  private column(name: string, count: number): Uint8Array | Uint16Array | Uint32Array {
    return readUnsigned(this.section(name), this.header.sections[name].type, count);
  }

  /** The bytes of a section (a view, no copy). */
  private section(name: string): Uint8Array {
    const s = this.header.sections[name];
    if (!s) throw new RangeError(`compiled lexicon has no section ${name}`);
    return this.bytes.subarray(this.base + s.offset, this.base + s.offset + s.length);
  }

  /** Word id of folded characters chars[off, off+len) with hash h, or -1. */
  lookupWord(h: number, chars: Uint16Array, off: number, len: number): number {
    // hasWordBit (word-hash.ts) written out: the mixed hash m also gives the first slot.
    const m = mixHash(h);
    if ((this.wordBits[m >>> 17] & (1 << (m & 31))) === 0) return -1;
    const slots = this.wordSlots;
    const mask = this.wordMask;
    const starts = this.wordStart;
    const wchars = this.wordChars;
    let slot = m & mask;
    // The table is at most half full (the loader checks the count of taken slots): an empty slot ends every probe.
    for (;;) {
      const v = slots[slot];
      if (v === 0) return -1;
      const w = v - 1;
      const s = starts[w];
      if (starts[w + 1] - s === len) {
        let k = 0;
        while (k < len && wchars[s + k] === chars[off + k]) k++;
        if (k === len) return w;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Word id of a folded string, or -1. */
  lookupString(s: string): number {
    const codes = new Uint16Array(s.length);
    for (let k = 0; k < s.length; k++) codes[k] = s.charCodeAt(k);
    return this.lookupWord(hashWord(s), codes, 0, s.length);
  }

  /**
   * The node reached from `node` by word `word`, or -1. A node's child edges are contiguous:
   * a few are scanned, a genus with hundreds of species is searched in an index sorted by word,
   * built the first time that node is asked.
   */
  child(node: number, word: number): number {
    const a = this.edgeStart[node];
    const b = this.edgeStart[node + 1];
    const words = this.edgeWord;
    if (b - a <= SCAN_CHILDREN) {
      for (let e = a; e < b; e++) if (words[e] === word) return this.wordCount + e;
      return -1;
    }
    let sorted = this.sortedChildren.get(node);
    if (!sorted) {
      sorted = new Int32Array(b - a);
      for (let e = a; e < b; e++) sorted[e - a] = e;
      sorted.sort((x, y) => words[x] - words[y]);
      this.sortedChildren.set(node, sorted);
    }
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const w = words[sorted[mid]];
      if (w === word) return this.wordCount + sorted[mid];
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The folded text of a word id. */
  wordText(w: number): string {
    return String.fromCharCode(...this.wordChars.subarray(this.wordStart[w], this.wordStart[w + 1]));
  }

  /** The trie node an entry belongs to (the last node whose first entry is at or before it). */
  nodeOfEntry(e: number): number {
    return lastAtOrBefore(this.nodeEntryStart, this.nodeCount, e);
  }

  /** The folded words of a trie node, first to last. */
  nodeWords(node: number): string[] {
    const out: string[] = [];
    while (node >= this.wordCount) {
      out.push(this.wordText(this.edgeWord[node - this.wordCount]));
      node = this.parentOf(node - this.wordCount);
    }
    out.push(this.wordText(node));
    return out.reverse();
  }

  /** The canonical spelling of an entry, rebuilt from its words (spelling.ts). */
  entryText(e: number): string {
    const how = this.entryCase[e];
    const words = this.nodeWords(this.nodeOfEntry(e));
    if (how !== NC_EXPLICIT) return spellWords(words, how);
    return applyNamePatch(this.namePatch(e), words);
  }

  /** The patch of a patched entry: its rank among patched entries (block count + a short scan), then its bytes. */
  private namePatch(e: number): string {
    if (!this.patches) {
      const lengthSection = this.header.sections.namePatchLength;
      const lengths = this.column('namePatchLength', lengthSection.length / bytesPer(lengthSection.type));
      const starts = new Uint32Array(lengths.length + 1);
      for (let k = 0; k < lengths.length; k++) starts[k + 1] = starts[k] + lengths[k];
      const text = this.section('namePatchText');
      if (starts[lengths.length] !== text.length) throw new RangeError('name patches are damaged');
      const blocks = this.column('namePatchBlock', Math.ceil(this.entryCase.length / PATCH_BLOCK));
      this.patches = { starts, text, blocks, decoder: new TextDecoder() };
    }
    const { starts, text, blocks, decoder } = this.patches;
    const cases = this.entryCase;
    let rank = blocks[Math.floor(e / PATCH_BLOCK)];
    for (let k = e - (e % PATCH_BLOCK); k < e; k++) if (cases[k] === NC_EXPLICIT) rank++;
    if (rank + 1 >= starts.length) throw new RangeError(`no name patch for entry ${e}`);
    return decoder.decode(text.subarray(starts[rank], starts[rank + 1]));
  }

  /** Number of taxa. */
  get taxonCount(): number {
    return this.header.taxa;
  }

  /** The name of taxon row `i`: its first scientific-name entry, unless the asset spells it out. */
  private taxonName(i: number): string {
    const named = this.strings.names[i];
    if (named !== undefined) return named;
    const e = this.taxonNameEntry[i];
    if (e < 0) throw new RangeError(`compiled lexicon has no name for taxon row ${i}`);
    return this.entryText(e);
  }

  /** The taxon reference of taxon row `i`, as a hit carries it. */
  taxonRef(i: number): TaxonRef {
    let ref = this.taxonRefCache.get(i);
    if (!ref) {
      if (!(i >= 0 && i < this.header.taxa)) throw new RangeError(`no taxon row ${i}`);
      const s = this.strings;
      const [rank, listing] = s.classes[this.taxonClass[i]];
      ref = { taxonId: this.taxonId[i], name: this.taxonName(i), rank, listing };
      const annotation = s.annotations[this.taxonAnnotation[i]];
      const coveredBy = s.covers[this.taxonCoveredBy[i]];
      if (annotation) ref.annotation = annotation;
      if (coveredBy) ref.coveredBy = coveredBy;
      this.taxonRefCache.set(i, ref);
    }
    return ref;
  }

  /** Kingdom of taxon row `i` ("Animalia", "Plantae"). */
  taxonKingdom(i: number): string {
    return this.strings.classes[this.taxonClass[i]][2];
  }

  /** The trade term of an entry of kind EK_TERM + k. */
  termInfo(i: number): TermInfo {
    this.termsCache ??= JSON.parse(new TextDecoder().decode(this.section('terms'))) as TermRow[];
    const [term, lang, kind, refersTo, taxonRow] = this.termsCache[i];
    const info: TermInfo = { term, lang, kind: kind as TermKind, refersTo };
    if (taxonRow >= 0) info.taxon = this.taxonRef(taxonRow);
    return info;
  }

  /** Term kind of an entry kind code, or undefined for names. */
  termKindOf(entryKind: number): TermKind | undefined {
    return entryKind >= EK_TERM ? TERM_KINDS[entryKind - EK_TERM] : undefined;
  }

  /** True when the details (full Lexicon) are inside the loaded bytes or were given to the loader. */
  get hasDetails(): boolean {
    return this.details !== undefined || this.detailsInBytes() !== undefined;
  }

  /** The details section when the loaded bytes hold the whole container, else undefined. */
  private detailsInBytes(): Uint8Array | undefined {
    const s = this.header.sections.details;
    return this.base + s.offset + s.length <= this.bytes.length ? this.section('details') : undefined;
  }

  /** The gzipped details (full Lexicon as JSON) that belong to this lexicon; throws when they were not loaded. */
  detailsBytes(): Uint8Array {
    const bytes = this.detailsInBytes() ?? (typeof this.details === 'function' ? this.details() : this.details);
    if (!bytes) {
      throw new Error(
        'the lexicon details (lexicon-details.json.gz) were not loaded with this lexicon: ' +
          'pass them to loadLexicon, or read them with readLexiconDetails',
      );
    }
    if (bytes.length !== this.header.sections.details.length) {
      const expected = this.header.sections.details.length;
      throw new Error(
        `the lexicon details do not belong to this lexicon (${bytes.length} bytes where ${expected} were expected)`,
      );
    }
    return bytes;
  }

  /**
   * The full lexicon (taxa with all names, terms, version), inflated from the details. Slow (half
   * a second): for the side-panel lookup and agency merges, never for matching.
   */
  toLexicon(): Lexicon {
    const lexicon = JSON.parse(new TextDecoder().decode(gunzipSync(this.detailsBytes()))) as Lexicon;
    if (JSON.stringify(lexicon.version) !== JSON.stringify(this.version)) {
      throw new Error('the lexicon details do not belong to this lexicon (other version record)');
    }
    return lexicon;
  }
}

/** The last index i < count with starts[i] <= x (starts never decrease): the node whose range holds x. */
function lastAtOrBefore(starts: Uint32Array, count: number, x: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
