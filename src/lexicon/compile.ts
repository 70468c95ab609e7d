/**
 * Compiles a Lexicon into the binary asset the matcher loads (format.ts). All the work that
 * does not depend on the page happens here: folding and splitting every name into words,
 * numbering the words, building the phrase trie and flagging weak or ambiguous names.
 */
import { gzipSync } from 'fflate';
import { nameWords } from '../matcher/tokenize';
import {
  EF_CAPITALIZED, EF_CASE_SENSITIVE, EF_SINGLE_WORD, EF_WEAK, EK_COMMON, EK_EXCLUDED, EK_EXTRA_COMMON,
  EK_EXTRA_SYNONYM, EK_SCIENTIFIC, EK_SYNONYM, EK_TERM, MAGIC, type AssetHeader, type SectionType, type TaxonRow, type TermRow,
} from './format';
import { TERM_KINDS } from './trade-terms';
import type { Lexicon, Taxon } from './types';
import { concatBytes } from '../evidence/bytes';
import { sha256Hex } from '../evidence/sha256';

const HIGHER_RANKS = new Set(['GENUS', 'SUBFAMILY', 'FAMILY', 'ORDER', 'CLASS', 'PHYLUM']);
/**
 * One-word common names that are also everyday words ("Ship", "Hobby", "Merlin", "Vera") only count
 * next to a stronger signal. Spanish and French one-word names are treated alike because they
 * collide with words of other languages ("Once" is the snow leopard in French, eleven in Spanish;
 * "Canal", "Diana", "Tuna", "Chagrin", "Sauvegarde").
 */
const EVERYDAY_ENGLISH = new Set(['apollo', 'bunch', 'cedar', 'crane', 'drill', 'hobby', 'merlin', 'ship', 'vera', 'pine', 'cactus', 'vanilla', 'agar', 'aloe', 'aloes', 'mahogany', 'ginseng', 'panther', 'arrau', 'kokomo', 'costus', 'tagua', 'munning', 'orong', 'wolf', 'lion', 'gora', 'sang', 'marl', 'ajo']);

interface PendingEntry {
  words: number[];
  kind: number;
  ref: number;
  name: number;
  lang: number;
  flags: number;
}

/** "Included in Pythonidae spp." gives "Pythonidae spp.". */
export function coveredByOf(annotation: string): string {
  return /Included in ([A-Z][a-z]+(?: [a-z]+)?) spp\./.exec(annotation)?.[1]?.concat(' spp.') ?? '';
}

/** Annotation as a hit shows it: symbol first ("#14"), then the English text. */
export function hitAnnotation(t: Taxon): string {
  return [t.annotationSymbol, t.annotation].filter(Boolean).join(' ');
}

function entryFlags(kind: number, words: string[], taxon: Taxon | undefined, lang: string, cjk: boolean, caseSensitive: boolean): number {
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
    if ((taxon && HIGHER_RANKS.has(taxon.rank)) || lang !== 'en' || length <= 4 || EVERYDAY_ENGLISH.has(words[0])) flags |= EF_WEAK;
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
 * Compiles a lexicon into asset bytes. Deterministic: the same lexicon always gives the same
 * bytes (sorted inputs, fixed gzip header).
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
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const nameId = (s: string) => {
    let id = nameIds.get(s);
    if (id === undefined) {
      id = names.push(s) - 1;
      nameIds.set(s, id);
    }
    return id;
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
      name: nameId(text),
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
    for (const c of t.commonNames) add(c.name, nc(t, EK_COMMON), i, c.lang, t);
  });
  for (const n of lexicon.extraNames) {
    const i = taxonIndex.get(n.taxonId);
    if (i === undefined) continue;
    add(n.name, nc(taxa[i], n.kind === 'common' ? EK_EXTRA_COMMON : EK_EXTRA_SYNONYM), i, n.lang, taxa[i]);
  }
  taxa.forEach((t, i) => {
    for (const ex of t.excludes) add(ex, EK_EXCLUDED, i, '', t);
  });
  const termRows: TermRow[] = lexicon.terms.map((t) => [t.term, t.lang, t.kind, t.refersTo, termTaxon(t.refersTo, byName)]);
  lexicon.terms.forEach((t, i) => {
    const flags = (t.weak ? EF_WEAK : 0) | (t.caseSensitive ? EF_CASE_SENSITIVE : 0);
    add(t.term, EK_TERM + TERM_KINDS.indexOf(t.kind), i, t.lang, undefined, flags);
  });

  // Phrase trie over word ids: a one-word node is the word id itself; each deeper node is an edge.
  const nWords = words.length;
  const edgeIds = new Map<string, number>();
  const edgeParent: number[] = [];
  const edgeWord: number[] = [];
  const nodeOf = (ws: number[]) => {
    let node = ws[0];
    for (let k = 1; k < ws.length; k++) {
      const key = `${node},${ws[k]}`;
      let e = edgeIds.get(key);
      if (e === undefined) {
        e = edgeParent.length;
        edgeIds.set(key, e);
        edgeParent.push(node);
        edgeWord.push(ws[k]);
      }
      node = nWords + e;
    }
    return node;
  };
  const withNode = pending.map((p, order) => ({ p, node: nodeOf(p.words), order }));
  // Per node, the strongest reading first: scientific name, synonym, common name, then terms.
  // An exclusion ("Aloe vera", listed NC) outranks another taxon's synonym of the same spelling.
  const rank = (kind: number) => (kind === EK_EXCLUDED ? 0.5 : kind === EK_EXTRA_SYNONYM ? 1.5 : kind);
  withNode.sort((a, b) => a.node - b.node || rank(a.p.kind) - rank(b.p.kind) || a.order - b.order);
  const nNodes = nWords + edgeParent.length;
  const nodeEntryStart = new Uint32Array(nNodes + 1);
  for (const x of withNode) nodeEntryStart[x.node + 1]++;
  for (let v = 0; v < nNodes; v++) nodeEntryStart[v + 1] += nodeEntryStart[v];
  const nEntries = withNode.length;
  const entryKind = new Uint8Array(nEntries);
  const entryFlagsArr = new Uint8Array(nEntries);
  const entryLang = new Uint8Array(nEntries);
  const entryRef = new Int32Array(nEntries);
  const entryName = new Int32Array(nEntries);
  withNode.forEach((x, e) => {
    entryKind[e] = x.p.kind;
    entryFlagsArr[e] = x.p.flags;
    entryLang[e] = x.p.lang;
    entryRef[e] = x.p.ref;
    entryName[e] = x.p.name;
  });

  const wordStart = new Uint32Array(nWords + 1);
  for (let w = 0; w < nWords; w++) wordStart[w + 1] = wordStart[w] + words[w].length;
  const wordChars = new Uint16Array(wordStart[nWords]);
  for (let w = 0; w < nWords; w++) for (let k = 0; k < words[w].length; k++) wordChars[wordStart[w] + k] = words[w].charCodeAt(k);

  // Annotations repeat across whole genera and families: stored once, referenced by index.
  const annotations: string[] = [''];
  const annotationIds = new Map<string, number>([['', 0]]);
  const annotationId = (a: string) => {
    let id = annotationIds.get(a);
    if (id === undefined) {
      id = annotations.push(a) - 1;
      annotationIds.set(a, id);
    }
    return id;
  };
  const taxonRows: TaxonRow[] = taxa.map((t) => [t.taxonId, t.name, t.rank, t.listing, annotationId(hitAnnotation(t)), annotationId(coveredByOf(t.annotation)), t.kingdom]);
  const enc = new TextEncoder();
  const sections: [string, SectionType | 'utf8' | 'gzip', Uint8Array][] = [
    ['wordChars', 'u16', new Uint8Array(wordChars.buffer)],
    ['wordStart', 'u32', new Uint8Array(wordStart.buffer)],
    ['edgeParent', 'i32', new Uint8Array(Int32Array.from(edgeParent).buffer)],
    ['edgeWord', 'i32', new Uint8Array(Int32Array.from(edgeWord).buffer)],
    ['nodeEntryStart', 'u32', new Uint8Array(nodeEntryStart.buffer)],
    ['entryKind', 'u8', entryKind],
    ['entryFlags', 'u8', entryFlagsArr],
    ['entryLang', 'u8', entryLang],
    ['entryRef', 'i32', new Uint8Array(entryRef.buffer)],
    ['entryName', 'i32', new Uint8Array(entryName.buffer)],
    ['names', 'utf8', enc.encode(names.join('\n'))],
    // One JSON line of shared strings, then one line per taxon: a row is parsed only when a hit needs it.
    ['taxa', 'utf8', enc.encode([JSON.stringify(annotations), ...taxonRows.map((r) => JSON.stringify(r))].join('\n'))],
    ['terms', 'utf8', enc.encode(JSON.stringify(termRows))],
    ['lexicon', 'gzip', gzipSync(enc.encode(JSON.stringify(lexicon)), { level: 9, mtime: 0 })],
  ];
  const contentHash = await sha256Hex(concatBytes(sections.map((s) => s[2])));
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
    langs,
    words: nWords,
    edges: edgeParent.length,
    entries: nEntries,
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

