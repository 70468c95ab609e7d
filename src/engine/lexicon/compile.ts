/**
 * Compiles a Lexicon into the binary asset the matcher loads (format.ts). All the work that
 * does not depend on the page happens here: folding and splitting every name into words,
 * numbering the words, building the phrase trie and flagging weak or ambiguous names.
 */
import { gzipSync } from 'fflate';
import { nameWords } from '../text/tokenize';
import {
  EF_CAPITALIZED,
  EF_CASE_SENSITIVE,
  EF_DERIVED,
  EF_SINGLE_WORD,
  EF_WEAK,
  EK_COMMON,
  EK_EXCLUDED,
  EK_EXTRA_COMMON,
  EK_EXTRA_SYNONYM,
  EK_SCIENTIFIC,
  EK_SYNONYM,
  EK_TERM,
  MAGIC,
  NC_CAPITAL_FIRST,
  NC_CAPITAL_WORDS,
  NC_EXPLICIT,
  NC_LOWER,
  NODE_CHILDREN_MORE,
  NODE_ENTRIES_MORE,
  PATCH_BLOCK,
  type AssetHeader,
  type SectionType,
  type TaxonStrings,
  type TermRow,
} from './format';
import { fixedBytes, varintBytes, widthFor, zigzagGaps } from './columns';
import { applyNamePatch, namePatch, spellWords } from './spelling';
import { EVERYDAY_ENGLISH, EVERYDAY_NAMES } from './everyday-names';
import { singularOf } from './plurals';
import { TERM_KINDS } from './trade-terms';
import type { Lexicon, Taxon } from './types';
import { buildWordTable, idsInSlotOrder, slotOccupancy, slotsFromOccupancy, unreachableWord } from './word-table';
import { concatBytes } from '../bytes/bytes';
import { sha256Hex } from '../bytes/sha256';

const HIGHER_RANKS = new Set(['GENUS', 'SUBFAMILY', 'FAMILY', 'ORDER', 'CLASS', 'PHYLUM']);

interface PendingEntry {
  words: number[];
  kind: number;
  ref: number;
  /** The name as the source spells it. */
  text: string;
  lang: number;
  flags: number;
}

/**
 * The singular a group's English common name is also matched by: Species+ names genera, families
 * and orders in the plural ("Crocodiles", "Sea turtles"), listings name the animal in the singular.
 * None for names that are mostly an everyday word in the singular ("Cats": the domestic cat).
 */
export function groupSingular(t: Taxon, c: { name: string; lang: string }): string | null {
  if (c.lang !== 'en' || !HIGHER_RANKS.has(t.rank)) return null;
  const singular = singularOf(c.name);
  return singular && !EVERYDAY_NAMES.has(singular.toLowerCase()) ? singular : null;
}

/** "Included in Pythonidae spp." gives "Pythonidae spp.". */
export function coveredByOf(annotation: string): string {
  return /Included in ([A-Z][a-z]+(?: [a-z]+)?) spp\./.exec(annotation)?.[1]?.concat(' spp.') ?? '';
}

/** Annotation as a hit shows it: symbol first ("#14"), then the English text. */
export function hitAnnotation(t: Taxon): string {
  return [t.annotationSymbol, t.annotation].filter(Boolean).join(' ');
}

function entryFlags(
  kind: number,
  words: string[],
  taxon: Taxon | undefined,
  lang: string,
  cjk: boolean,
  caseSensitive: boolean,
): number {
  let flags = words.length === 1 ? EF_SINGLE_WORD : 0;
  const single = words.length === 1;
  const length = words.join('').length;
  // Two Chinese characters are a precise word, and so is "WTS" in capitals; two or three Latin letters are not.
  if (single && length <= 3 && !cjk && !caseSensitive) flags |= EF_WEAK;
  if ((kind === EK_SCIENTIFIC || kind === EK_SYNONYM || kind === EK_EXTRA_SYNONYM) && single) {
    flags |= EF_CAPITALIZED;
    if (length <= 4) flags |= EF_WEAK;
  }
  if ((kind === EK_COMMON || kind === EK_EXTRA_COMMON) && single && !cjk) {
    const higherTaxon = taxon !== undefined && HIGHER_RANKS.has(taxon.rank);
    if (higherTaxon || lang !== 'en' || length <= 4 || EVERYDAY_ENGLISH.has(words[0])) flags |= EF_WEAK;
  }
  return flags;
}

/**
 * First scientific name (or "X spp.") in a term's refers_to that the lexicon lists, looking only
 * before the first ";" (what follows is "also ..."), so "tusk" is not filed under the narwhal.
 */
function termTaxon(refersTo: string, byName: Map<string, number>): number {
  for (const m of refersTo.split(';')[0].matchAll(/([A-Z][a-z]+)(?: ([a-z]+))?/g)) {
    const full = m[2] && m[2] !== 'spp' ? `${m[1]} ${m[2]}` : m[1];
    const idx = byName.get(full) ?? byName.get(m[1]);
    if (idx !== undefined) return idx;
  }
  return -1;
}

/**
 * Compiles a lexicon into one container (format.ts): the hot part followed by the details
 * section. Deterministic: the same lexicon always gives the same bytes (sorted inputs, fixed gzip
 * header). `splitAsset` (asset.ts) cuts it into the two shipped files.
 */
export async function compileLexicon(lexicon: Lexicon): Promise<Uint8Array> {
  const wordIds = new Map<string, number>();
  const words: string[] = [];
  const wordId = (w: string) => {
    let id = wordIds.get(w);
    if (id === undefined) {
      id = words.length;
      wordIds.set(w, id);
      words.push(w);
    }
    return id;
  };
  const langs: string[] = [''];
  const langId = (l: string) => {
    let i = langs.indexOf(l);
    if (i < 0) i = langs.push(l) - 1;
    return i;
  };
  let maxCjkLength = 0;
  const pending: PendingEntry[] = [];
  const seen = new Set<string>();
  const scientificKeys = new Set<string>();
  const add = (text: string, kind: number, ref: number, lang: string, taxon: Taxon | undefined, extraFlags = 0) => {
    const { words: ws, cjk } = nameWords(text);
    if (ws.length === 0 || ws.length > 12) return;
    const key = ws.join(' ');
    if (key.replace(/ /g, '').length < (cjk || extraFlags & EF_CASE_SENSITIVE ? 1 : 3)) return;
    if (kind === EK_EXCLUDED && scientificKeys.has(key)) return;
    if (kind === EK_SCIENTIFIC) scientificKeys.add(key);
    const dedupe = `${key}|${kind}|${ref}|${lang}`;
    if (seen.has(dedupe)) return;
    seen.add(dedupe);
    if (cjk) for (const w of ws) maxCjkLength = Math.max(maxCjkLength, w.length);
    pending.push({
      words: ws.map(wordId),
      kind,
      ref,
      text,
      lang: langId(lang),
      flags: entryFlags(kind, ws, taxon, lang, cjk, (extraFlags & EF_CASE_SENSITIVE) !== 0) | extraFlags,
    });
  };

  const taxa = lexicon.taxa;
  const taxonIndex = new Map(taxa.map((t, i) => [t.taxonId, i] as const));
  const byName = new Map(taxa.map((t, i) => [t.name, i] as const));
  // Taxa the export marks "NC" (not covered, e.g. Aloe vera, the budgerigar) are matched only to be suppressed.
  const nc = (t: Taxon, kind: number) => (t.listing === 'NC' ? EK_EXCLUDED : kind);
  taxa.forEach((t, i) => {
    add(t.name, nc(t, EK_SCIENTIFIC), i, '', t);
    for (const s of t.synonyms) add(s, nc(t, EK_SYNONYM), i, '', t);
  });
  taxa.forEach((t, i) => {
    for (const c of t.commonNames) {
      add(c.name, nc(t, EK_COMMON), i, c.lang, t);
      const singular = groupSingular(t, c);
      if (singular) add(singular, nc(t, EK_COMMON), i, c.lang, t, EF_DERIVED);
    }
  });
  for (const n of lexicon.extraNames) {
    const i = taxonIndex.get(n.taxonId);
    if (i === undefined) continue;
    add(n.name, nc(taxa[i], n.kind === 'common' ? EK_EXTRA_COMMON : EK_EXTRA_SYNONYM), i, n.lang, taxa[i]);
  }
  taxa.forEach((t, i) => {
    for (const ex of t.excludes) add(ex, EK_EXCLUDED, i, '', t);
  });
  const termRows: TermRow[] = lexicon.terms.map((t) => [
    t.term,
    t.lang,
    t.kind,
    t.refersTo,
    termTaxon(t.refersTo, byName),
  ]);
  lexicon.terms.forEach((t, i) => {
    const flags = (t.weak ? EF_WEAK : 0) | (t.caseSensitive ? EF_CASE_SENSITIVE : 0);
    add(t.term, EK_TERM + TERM_KINDS.indexOf(t.kind), i, t.lang, undefined, flags);
  });

  numberWordsBySlot(words, pending);
  const trie = buildTrie(words, pending);
  const { nodeOf, edgeParent, edgeWord } = trie;
  const nWords = words.length;
  const withNode = pending.map((p, order) => ({ p, node: nodeOf[order], order }));
  // Per node, the strongest reading first: scientific name, synonym, common name, then terms.
  // An exclusion ("Aloe vera", listed NC) outranks another taxon's synonym of the same spelling.
  const rank = (kind: number) => (kind === EK_EXCLUDED ? 0.5 : kind === EK_EXTRA_SYNONYM ? 1.5 : kind);
  withNode.sort((a, b) => a.node - b.node || rank(a.p.kind) - rank(b.p.kind) || a.order - b.order);
  const nNodes = nWords + edgeParent.length;
  const nodeEntries = new Uint32Array(nNodes);
  for (const x of withNode) nodeEntries[x.node]++;
  const nEntries = withNode.length;
  const entryKind = new Uint8Array(nEntries);
  const entryFlagsArr = new Uint8Array(nEntries);
  const entryLang = new Uint8Array(nEntries);
  const entryRef = new Uint32Array(nEntries);
  const entryCase = new Uint8Array(nEntries);
  const namePatches: string[] = [];
  withNode.forEach((x, e) => {
    entryKind[e] = x.p.kind;
    entryFlagsArr[e] = x.p.flags;
    entryLang[e] = x.p.lang;
    entryRef[e] = x.p.ref;
    const folded = trie.pathOf(x.node).map((w) => words[w]);
    entryCase[e] = nameCaseOf(x.p.text, folded);
    if (entryCase[e] === NC_EXPLICIT) {
      const patch = namePatch(x.p.text, folded);
      // A patch may split a surrogate pair, which UTF-8 cannot carry: then the whole text goes.
      const survivesUtf8 = new TextDecoder().decode(new TextEncoder().encode(patch)) === patch;
      const exact = applyNamePatch(patch, folded) === x.p.text && survivesUtf8;
      namePatches.push(exact ? patch : '=' + x.p.text);
    }
  });

  // Annotations repeat across whole genera and families: stored once, referenced by index.
  const strings: TaxonStrings = { classes: [], annotations: [''], covers: [''], names: {} };
  const indexer = (list: string[]) => {
    const ids = new Map(list.map((s, i) => [s, i] as const));
    return (s: string) => {
      let id = ids.get(s);
      if (id === undefined) {
        id = list.push(s) - 1;
        ids.set(s, id);
      }
      return id;
    };
  };
  const classKeyId = indexer([]);
  const classId = (t: Taxon) => {
    const id = classKeyId(JSON.stringify([t.rank, t.listing, t.kingdom]));
    if (id === strings.classes.length) strings.classes.push([t.rank, t.listing, t.kingdom]);
    return id;
  };
  const annotationId = indexer(strings.annotations);
  const coverId = indexer(strings.covers);
  // A taxon's name is the text of its first scientific-name entry, the way the loader finds it.
  const firstScientific = new Int32Array(taxa.length).fill(-1);
  for (let e = 0; e < nEntries; e++) {
    if (entryKind[e] === EK_SCIENTIFIC && firstScientific[entryRef[e]] < 0) firstScientific[entryRef[e]] = e;
  }
  taxa.forEach((t, i) => {
    const e = firstScientific[i];
    if (e < 0 || withNode[e].p.text !== t.name) strings.names[i] = t.name;
  });

  const enc = new TextEncoder();
  const { codes: wordCodes, starts: wordStarts } = wordCodesOf(words);
  // The low byte of every UTF-16 unit, then the few units above 0xFF (Greek, Cyrillic, Han ...) as
  // (distance from the previous one, high byte): the loader copies the low bytes natively.
  const wordLow = new Uint8Array(wordCodes.length);
  const wordHigh: number[] = [];
  let lastHigh = 0;
  for (let k = 0; k < wordCodes.length; k++) {
    const c = wordCodes[k];
    wordLow[k] = c & 0xff;
    if (c > 0xff) {
      wordHigh.push(k - lastHigh, c >> 8);
      lastHigh = k;
    }
  }
  const nodeChildren = new Uint32Array(nNodes);
  for (const p of edgeParent) nodeChildren[p]++;
  const { shape: nodeShape, extra: nodeExtra } = nodeShapes(nodeEntries, nodeChildren);
  const table = buildWordTable(wordCodes, wordStarts, nWords, (w) => nodeEntries[w] > 0 || nodeChildren[w] > 0);
  // The taken slots do not depend on the order the words went in; numbered by slot
  // (numberWordsBySlot), every word is found in the table the loader rebuilds from them alone.
  const wordSlotBits = slotOccupancy(table.slots);
  const lost = unreachableWord(slotsFromOccupancy(wordSlotBits, nWords), wordCodes, wordStarts, nWords);
  if (lost >= 0) throw new Error(`word table: "${words[lost]}" is not reachable from its slot`);
  const sections: Section[] = [
    ['wordLow', 'u8', wordLow],
    ['wordHigh', 'varint', varintBytes(wordHigh)],
    fixed(
      'wordLength',
      words.map((w) => w.length),
    ),
    // The word table, ready made (word-table.ts): hashing 48,000 words was most of a cold load.
    fixed('wordSlotBits', new Uint32Array(wordSlotBits.buffer)),
    fixed('wordBits', new Uint32Array(table.bits.buffer)),
    fixed('startBits', new Uint32Array(table.startBits.buffer)),
    // Per node, its entries and child edges; edges are grouped by parent (buildTrie), so the child
    // counts say which node each edge leaves.
    ['nodeShape', 'u8', nodeShape],
    ['nodeExtra', 'varint', varintBytes(nodeExtra)],
    fixed('edgeWord', edgeWord),
    ['entryKind', 'u8', entryKind],
    ['entryFlags', 'u8', entryFlagsArr],
    ['entryLang', 'u8', entryLang],
    // Neighbouring entries often name the same or a nearby taxon: zig-zag gaps beat fixed width under gzip.
    ['entryRefGap', 'varint', varintBytes(zigzagGaps(entryRef))],
    ['entryCase', 'u8', entryCase],
    // Patches one after the other with their UTF-8 lengths, and per block of entries the number of
    // patched entries before it: the loader decodes only the patches hits need.
    ['namePatchText', 'utf8', enc.encode(namePatches.join(''))],
    fixed(
      'namePatchLength',
      namePatches.map((p) => enc.encode(p).length),
    ),
    fixed('namePatchBlock', patchBlocks(entryCase)),
    // Taxa come sorted by TaxonId (zig-zag all the same: a hand-made lexicon may not be).
    ['taxonIdGap', 'varint', varintBytes(zigzagGaps(taxa.map((t) => t.taxonId)))],
    fixed('taxonClass', taxa.map(classId)),
    fixed(
      'taxonAnnotation',
      taxa.map((t) => annotationId(hitAnnotation(t))),
    ),
    fixed(
      'taxonCoveredBy',
      taxa.map((t) => coverId(coveredByOf(t.annotation))),
    ),
    ['strings', 'json', enc.encode(JSON.stringify(strings))],
    ['terms', 'json', enc.encode(JSON.stringify(termRows))],
    // Last, so that everything before it is the hot part (format.ts).
    ['details', 'gzip', gzipSync(enc.encode(JSON.stringify(lexicon)), { level: 9, mtime: 0 })],
  ];
  const contentHash = await sha256Hex(concatBytes(sections.map((s) => s[2])));
  const detailsHash = await sha256Hex(sections[sections.length - 1][2]);
  const layout: AssetHeader['sections'] = {};
  let offset = 0;
  for (const [name, type, bytes] of sections) {
    offset = (offset + 7) & ~7;
    layout[name] = { offset, length: bytes.length, type };
    offset += bytes.length;
  }
  const header: AssetHeader = {
    schema: lexicon.version.schema,
    version: lexicon.version,
    contentHash,
    detailsHash,
    langs,
    words: nWords,
    edges: edgeParent.length,
    entries: nEntries,
    taxa: taxa.length,
    maxCjkLength,
    sections: layout,
  };
  const headerBytes = enc.encode(JSON.stringify(header));
  const base = (8 + headerBytes.length + 7) & ~7;
  const out = new Uint8Array(base + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  for (const [name, , bytes] of sections) out.set(bytes, base + layout[name].offset);
  return out;
}

type Section = [string, SectionType, Uint8Array];

/** For each block of PATCH_BLOCK entries, how many patched entries come before it. */
function patchBlocks(entryCase: Uint8Array): number[] {
  const blocks: number[] = [];
  let before = 0;
  for (let e = 0; e < entryCase.length; e++) {
    if (e % PATCH_BLOCK === 0) blocks.push(before);
    if (entryCase[e] === NC_EXPLICIT) before++;
  }
  return blocks;
}

/**
 * One byte per trie node (format.ts NODE_*): its entry count in the low two bits and its child
 * count in the other six, the rare larger counts continued in `extra` (varints, in node order).
 */
function nodeShapes(entries: Uint32Array, children: Uint32Array): { shape: Uint8Array; extra: number[] } {
  const shape = new Uint8Array(entries.length);
  const extra: number[] = [];
  for (let v = 0; v < entries.length; v++) {
    const e = Math.min(entries[v], NODE_ENTRIES_MORE);
    const c = Math.min(children[v], NODE_CHILDREN_MORE);
    shape[v] = e | (c << 2);
    if (e === NODE_ENTRIES_MORE) extra.push(entries[v] - NODE_ENTRIES_MORE);
    if (c === NODE_CHILDREN_MORE) extra.push(children[v] - NODE_CHILDREN_MORE);
  }
  return { shape, extra };
}

/** An integer column in the narrowest fixed width that holds it. */
function fixed(name: string, values: ArrayLike<number>): Section {
  const type = widthFor(values);
  return [name, type, fixedBytes(values, type)];
}

/**
 * How a display spelling is rebuilt from its folded words (format.ts NC_*, spelling.ts): only an
 * exact rebuild counts, anything else is patched.
 */
export function nameCaseOf(text: string, folded: string[]): number {
  for (const how of [NC_CAPITAL_FIRST, NC_CAPITAL_WORDS, NC_LOWER]) if (spellWords(folded, how) === text) return how;
  return NC_EXPLICIT;
}

/**
 * The words' UTF-16 units run together, and where each word starts (one more start at the end),
 * as the word table reads them.
 */
function wordCodesOf(words: readonly string[]): { codes: Uint16Array; starts: number[] } {
  const codes = Uint16Array.from(words.join(''), (c) => c.charCodeAt(0));
  const starts = [0];
  for (const w of words) starts.push(starts[starts.length - 1] + w.length);
  return { codes, starts };
}

/**
 * Renumbers the words (in place, in `words` and every entry) in the order of their slots in the
 * word table, so that the asset stores only which slots are taken (word-table.ts).
 */
function numberWordsBySlot(words: string[], pending: PendingEntry[]): void {
  const { codes, starts } = wordCodesOf(words);
  const order = idsInSlotOrder(buildWordTable(codes, starts, words.length, () => false).slots);
  const newId = new Int32Array(words.length);
  order.forEach((old, id) => (newId[old] = id));
  const renumbered = Array.from(order, (old) => words[old]);
  renumbered.forEach((w, id) => (words[id] = w));
  for (const p of pending) p.words = p.words.map((w) => newId[w]);
}

/**
 * The phrase trie over words, numbered level by level so that parents never decrease and are
 * stored as small gaps: the word ids (in slot order, numberWordsBySlot), then every two-word
 * prefix, then every three-word prefix, and so on, each level sorted by parent node and, under one
 * parent, in the order the lexicon first uses the edge. Keeping first use as the order under a
 * parent keeps the matcher's choice between equally close misspellings what it was with the
 * unsorted trie (renumbering the words changed none of 19,000 hits on 4,500 misspelled names).
 * A one-word node is the word id; a deeper node is W + its edge.
 */
function buildTrie(words: string[], pending: PendingEntry[]) {
  const paths = pending.map((p) => p.words);
  const nWords = words.length;
  const nodeOf = paths.map((ws) => ws[0]);
  const edgeParent: number[] = [];
  const edgeWord: number[] = [];
  const maxLength = paths.reduce((m, ws) => Math.max(m, ws.length), 0);
  for (let level = 1; level < maxLength; level++) {
    // Edges of this level: (node of the prefix, next word), in first-use order, then stably sorted by parent.
    const keys = new Map<number, Map<number, number>>();
    const order: [number, number][] = [];
    paths.forEach((ws, i) => {
      if (ws.length <= level) return;
      const parent = nodeOf[i];
      let byWord = keys.get(parent);
      if (!byWord) keys.set(parent, (byWord = new Map()));
      if (!byWord.has(ws[level])) {
        byWord.set(ws[level], -1);
        order.push([parent, ws[level]]);
      }
    });
    order.sort((a, b) => a[0] - b[0]);
    for (const [parent, word] of order) {
      keys.get(parent)!.set(word, nWords + edgeParent.length);
      edgeParent.push(parent);
      edgeWord.push(word);
    }
    paths.forEach((ws, i) => {
      if (ws.length > level) nodeOf[i] = keys.get(nodeOf[i])!.get(ws[level])!;
    });
  }
  /** Word ids along the path from the root to `node`. */
  const pathOf = (node: number): number[] => {
    const out: number[] = [];
    while (node >= nWords) {
      out.push(edgeWord[node - nWords]);
      node = edgeParent[node - nWords];
    }
    out.push(node);
    return out.reverse();
  };
  return { nodeOf, edgeParent, edgeWord, pathOf };
}
