/**
 * The compiled lexicon's format (schema 2): compact columns, spellings rebuilt from words, the
 * hot file and the details file, and the upgrade of an asset stored by the first schema.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  assetFiles,
  inflate,
  joinAsset,
  packHotAsset,
  readLexiconDetails,
  splitAsset,
  upgradeAsset,
} from '../../../src/engine/lexicon/asset';
import { LEXICON_SCHEMA, assembleLexicon } from '../../../src/engine/lexicon/build';
import { compileLexicon } from '../../../src/engine/lexicon/compile';
import { readVarints, readZigzagGaps, varintBytes, widthFor, zigzagGaps } from '../../../src/engine/lexicon/columns';
import { MAGIC } from '../../../src/engine/lexicon/format';
import { CompiledLexicon } from '../../../src/engine/lexicon/compiled';
import { loadLexicon, readAssetHeader } from '../../../src/engine/lexicon/load';
import { slotsFromOccupancy } from '../../../src/engine/lexicon/word-table';
import { applyNamePatch, namePatch } from '../../../src/engine/lexicon/spelling';
import { LexiconImportError, type Lexicon, type Taxon, type TradeTerm } from '../../../src/engine/lexicon/types';
import { nameWords } from '../../../src/engine/text/tokenize';
import { hashWord, mixHash } from '../../../src/engine/text/word-hash';
import { expectFaithful } from '../../support/lexicon-helpers';

const taxon = (taxonId: number, name: string, extra: Partial<Taxon> = {}): Taxon => ({
  taxonId,
  name,
  rank: name.includes(' ') ? 'SPECIES' : 'GENUS',
  kingdom: 'Animalia',
  phylum: 'Chordata',
  class: 'Aves',
  order: 'Galliformes',
  family: 'Phasianidae',
  genus: name.split(' ')[0],
  author: '',
  listing: 'II',
  annotationSymbol: '',
  annotation: '',
  citesAccepted: true,
  synonyms: [],
  commonNames: [],
  excludes: [],
  ...extra,
});
const term = (t: string, lang: string, kind: TradeTerm['kind'], refersTo = ''): TradeTerm => ({
  term: t,
  lang,
  kind,
  refersTo,
  basis: 'vocabulary',
  note: '',
  source: 'test',
  weak: false,
  caseSensitive: false,
});

/**
 * A lexicon with what the format must carry: accents, hyphens, apostrophes, Greek and Han, a genus with
 * many species, an NC taxon.
 */
function trickyLexicon(): Lexicon {
  const many = Array.from({ length: 20 }, (_, i) => taxon(9000 + i, `Lophura species${String.fromCharCode(97 + i)}`));
  const taxa = [
    taxon(100, 'Lophura', { annotation: 'Included in Phasianidae spp. ', annotationSymbol: '#4' }),
    taxon(101, 'Lophura edwardsi', {
      commonNames: [
        { name: "Edwards's Pheasant", lang: 'en' },
        { name: 'Hvid ørefasan', lang: 'da' },
        { name: 'Faisán de Edwards', lang: 'es' },
      ],
      synonyms: ['Hierophasis edwardsi'],
    }),
    taxon(102, 'Dasyprocta punctata', {
      commonNames: [
        { name: 'Flecken-Aguti', lang: 'de' },
        { name: 'ΑΓΟΥΤΙ', lang: 'el' },
        { name: 'Central American Agouti', lang: 'en' },
      ],
    }),
    taxon(103, 'Aloe vera', { listing: 'NC', kingdom: 'Plantae', synonyms: ['Aloe barbadensis'] }),
    taxon(104, 'Manis pentadactyla', {
      commonNames: [
        { name: '穿山甲', lang: 'zh' },
        { name: 'Chinese Pangolin', lang: 'en' },
      ],
      listing: 'I',
    }),
    ...many,
  ].sort((a, b) => a.taxonId - b.taxonId);
  const terms = [
    term('ivory', 'en', 'product', 'Elephantidae'),
    term('象牙', 'zh', 'product', 'Elephantidae'),
    term('pangolin scales', 'en', 'product', 'Manis spp.'),
    term('PM me', 'en', 'contact-cue'),
  ];
  return assembleLexicon({
    checklist: { file: 'tricky.csv', date: '', rows: taxa.length, taxa },
    extraNames: [{ taxonId: 101, name: 'Faisan d’Edwards', kind: 'common', lang: 'fr', source: 'test' }],
    terms,
    sources: [{ name: 'test', entries: 1 }],
  });
}

describe('integer columns', () => {
  it.each([[[0, 1, 127, 128, 300, 16384, 2 ** 21, 2 ** 31 - 1]], [[]], [[5, 5, 5, 0]]])(
    'varints round-trip %j',
    (values) => expect([...readVarints(varintBytes(values), values.length)]).toEqual(values),
  );
  it.each([[[3, 1, 4, 1, 5, 9, 2, 6]], [[100, 50, -20, 0, 2 ** 29]], [[]]])('zig-zag gaps round-trip %j', (values) =>
    expect([...readZigzagGaps(varintBytes(zigzagGaps(values)), values.length)]).toEqual(values),
  );
  it.each([
    [[0, 255], 'u8'],
    [[256], 'u16'],
    [[65535, 3], 'u16'],
    [[65536], 'u32'],
  ])('widthFor(%j) is %s', (values, width) => expect(widthFor(values)).toBe(width));
  it.each([[[-1]], [[1.5]], [[2 ** 31]]])('refuses %j', (values) =>
    expect(() => varintBytes(values)).toThrow(/out of range/),
  );
  it('refuses a varint column cut short', () =>
    expect(() => readVarints(new Uint8Array([0x81]), 1)).toThrow(/cut short/));
});

describe('spellings rebuilt from folded words', () => {
  it.each([
    ['Python reticulatus', '1'],
    ['Reticulated Python', '2'],
    ['ivory', '0'],
    ['Hvid ørefasan', '1'],
    ['Flecken-Aguti', '2'],
    ["Edwards's Pheasant", '1'],
    ['Faisan d’Edwards', '1'],
    ['Faisán de Edwards', '1'],
    // Spelled out whole: every letter differs, or the length does.
    ['ΑΓΟΥΤΙ', '='],
    ["thomas' langoer", '='],
  ])('%s rebuilds exactly (patch starts with %s)', (text, start) => {
    const { words } = nameWords(text);
    const patch = namePatch(text, words);
    expect(patch[0]).toBe(start);
    expect(applyNamePatch(patch, words)).toBe(text);
  });
});

describe('compiled lexicon, schema 2', () => {
  const lex = trickyLexicon();

  it('keeps every spelling and taxon reference', async () => {
    expectFaithful(loadLexicon(await compileLexicon(lex)), lex);
  });

  it('finds children under a node with many (sorted index) and with few (scan)', async () => {
    const c = loadLexicon(await compileLexicon(lex));
    const genus = c.lookupString('lophura');
    for (let i = 0; i < 20; i++) {
      const node = c.child(genus, c.lookupString(`species${String.fromCharCode(97 + i)}`));
      expect(c.entryText(c.nodeEntryStart[node])).toBe(`Lophura species${String.fromCharCode(97 + i)}`);
    }
    expect(c.child(genus, c.lookupString('ivory'))).toBe(-1);
    const manis = c.lookupString('manis');
    expect(c.entryText(c.nodeEntryStart[c.child(manis, c.lookupString('pentadactyla'))])).toBe('Manis pentadactyla');
    expect(c.child(manis, c.lookupString('edwardsi'))).toBe(-1);
    expect(c.nodeHasChildren[genus]).toBe(1);
    expect(c.nodeHasChildren[c.lookupString('ivory')]).toBe(0);
  });

  it('reads words outside Latin-1 back (Greek, Han)', async () => {
    const c = loadLexicon(await compileLexicon(lex));
    const w = c.lookupString('象牙');
    expect(w).toBeGreaterThanOrEqual(0);
    expect(c.wordText(w)).toBe('象牙');
    expect(c.lookupString(nameWords('ΑΓΟΥΤΙ').words[0])).toBeGreaterThanOrEqual(0);
  });

  it('views the stored word table, and builds the same one for an asset stored without it', async () => {
    const bytes = await compileLexicon(lex);
    const stored = loadLexicon(bytes);
    const { header, base } = readAssetHeader(bytes);
    const older = structuredClone(header);
    for (const name of ['wordSlotBits', 'wordBits', 'startBits']) {
      expect(header.sections[name]).toBeDefined();
      delete older.sections[name];
    }
    const built = new CompiledLexicon(bytes, older, base);
    expect([...built.wordBits]).toEqual([...stored.wordBits]);
    expect([...built.startBits]).toEqual([...stored.startBits]);
    for (let w = 0; w < stored.wordCount; w++) {
      expect(stored.lookupString(stored.wordText(w))).toBe(w);
      expect(built.lookupString(stored.wordText(w))).toBe(w);
    }
    // Only words that begin a name have a start bit: 'edwardsi' continues 'lophura' and 'hierophasis'.
    const hasBit = (bits: Int32Array, w: string) => {
      const m = mixHash(hashWord(w));
      return (bits[m >>> 17] & (1 << (m & 31))) !== 0;
    };
    expect(hasBit(stored.startBits, 'lophura')).toBe(true);
    expect(hasBit(stored.wordBits, 'edwardsi')).toBe(true);
    expect(hasBit(stored.startBits, 'edwardsi')).toBe(false);
  });

  it('finds the parent of every edge without the parent array', async () => {
    const c = loadLexicon(await compileLexicon(lex));
    const parents = Array.from({ length: c.edgeWord.length }, (_, e) => c.parentOf(e));
    expect(parents).toEqual([...c.edgeParent]);
    for (let e = 0; e < parents.length; e++) {
      expect(c.edgeStart[parents[e]] <= e && e < c.edgeStart[parents[e] + 1]).toBe(true);
    }
  });

  it('numbers the words in slot order, and refuses a damaged word table', async () => {
    const bytes = await compileLexicon(lex);
    const c = loadLexicon(bytes);
    const { header, base } = readAssetHeader(bytes);
    // The taken slots, in order, hold the words 0, 1, 2 ... and each is found there.
    const at = base + header.sections.wordSlotBits.offset;
    const taken = new Int32Array(bytes.slice(at, at + header.sections.wordSlotBits.length).buffer);
    const ids = [...slotsFromOccupancy(taken, c.wordCount)].filter((v) => v !== 0).map((v) => v - 1);
    expect(ids).toEqual(Array.from({ length: c.wordCount }, (_, w) => w));
    for (let w = 0; w < c.wordCount; w++) expect(c.lookupString(c.wordText(w))).toBe(w);
    const short = structuredClone(header);
    short.sections.wordSlotBits.length -= 4;
    expect(() => new CompiledLexicon(bytes, short, base)).toThrow(/wordSlotBits/);
    // More slots taken than there are words.
    const damaged = bytes.slice();
    const s = header.sections.wordSlotBits;
    damaged.fill(0xff, base + s.offset, base + s.offset + s.length);
    expect(() => new CompiledLexicon(damaged, header, base)).toThrow(/more slots than/);
  });

  it('is deterministic, hot file included', async () => {
    const a = await compileLexicon(lex);
    const b = await compileLexicon(structuredClone(lex));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(assetFiles(a).hot).equals(Buffer.from(assetFiles(b).hot))).toBe(true);
  });
});

describe('hot file and details file', () => {
  const lex = trickyLexicon();

  it('loads the hot file alone for matching, and the details only when given', async () => {
    const container = await compileLexicon(lex);
    const { hot, details } = assetFiles(container);
    expect(hot[0]).toBe(0x1f);
    const alone = loadLexicon(hot);
    expect(alone.hasDetails).toBe(false);
    expect(alone.taxonRef(0).name).toBe(lex.taxa[0].name);
    expect(() => alone.toLexicon()).toThrow(/details .* were not loaded/);
    expect(loadLexicon(hot, { details }).toLexicon()).toEqual(lex);
    expect(loadLexicon(hot, { details: () => details }).toLexicon()).toEqual(lex);
    expect(await readLexiconDetails(details)).toEqual(lex);
  });

  it('splits and joins back to the same container', async () => {
    const container = await compileLexicon(lex);
    const { hot, details } = splitAsset(container);
    expect(Buffer.from(joinAsset(await inflate(packHotAsset(hot)), details)).equals(Buffer.from(container))).toBe(true);
    expect(Buffer.from(await inflate(packHotAsset(hot))).equals(Buffer.from(gunzipSync(packHotAsset(hot))))).toBe(true);
  });

  it('refuses a cut file when inflating it natively too', async () => {
    const { hot } = assetFiles(await compileLexicon(lex));
    await expect(inflate(hot.subarray(0, hot.length - 100))).rejects.toThrow(LexiconImportError);
  });

  it('refuses details that belong to another lexicon', async () => {
    const other = { ...lex, terms: lex.terms.slice(1) };
    const { hot } = assetFiles(await compileLexicon(lex));
    const { details: otherDetails } = assetFiles(await compileLexicon(other));
    expect(() => loadLexicon(hot, { details: otherDetails }).toLexicon()).toThrow(/do not belong/);
    expect(() => joinAsset(gunzipSync(hot), otherDetails)).toThrow(/do not belong/);
  });

  it.each([
    ['a hot file cut short', (hot: Uint8Array) => hot.subarray(0, hot.length - 100), 'truncated'],
    ['an inflated hot part cut short', (hot: Uint8Array) => gunzipSync(hot).subarray(0, 1000), 'truncated'],
    ['bytes that are not a lexicon', () => gzipSync(Buffer.from('hello world, this is not a lexicon')), 'bad-format'],
  ])('refuses %s', async (_label, cut, code) => {
    const { hot } = assetFiles(await compileLexicon(lex));
    let error: unknown;
    try {
      loadLexicon(cut(hot));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LexiconImportError);
    expect((error as LexiconImportError).code).toBe(code);
  });
});

describe('an asset stored by the first schema (agency lexicon in IndexedDB)', () => {
  /** The first schema's container: header, then the full lexicon as a gzip section named "lexicon". */
  function schemaOneAsset(lex: Lexicon): Uint8Array {
    const json = gzipSync(Buffer.from(JSON.stringify({ ...lex, version: { ...lex.version, schema: 1 } })));
    const sections = { lexicon: { offset: 0, length: json.length, type: 'gzip' } };
    const header = Buffer.from(JSON.stringify({ schema: 1, sections }));
    const base = (8 + header.length + 7) & ~7;
    const out = new Uint8Array(base + json.length);
    new DataView(out.buffer).setUint32(0, MAGIC, true);
    new DataView(out.buffer).setUint32(4, header.length, true);
    out.set(header, 8);
    out.set(json, base);
    return out;
  }

  it('is compiled again into this schema, with the same lexicon', async () => {
    const lex = trickyLexicon();
    const upgraded = await upgradeAsset(schemaOneAsset(lex));
    expect(upgraded).toBeDefined();
    const loaded = loadLexicon(upgraded!);
    expect(loaded.version.schema).toBe(LEXICON_SCHEMA);
    expect(loaded.toLexicon()).toEqual(lex);
  });

  it('leaves an asset of this schema alone', async () => {
    expect(await upgradeAsset(await compileLexicon(trickyLexicon()))).toBeUndefined();
  });

  it('refuses an unknown schema', async () => {
    const bytes = schemaOneAsset(trickyLexicon());
    const text = Buffer.from(bytes).toString('latin1').replace('"schema":1', '"schema":7');
    await expect(upgradeAsset(Buffer.from(text, 'latin1'))).rejects.toThrow(/schema 7/);
  });
});
