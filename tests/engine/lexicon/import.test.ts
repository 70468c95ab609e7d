import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importChecklist } from '../../../src/engine/lexicon/checklist-import';
import { cleanAnnotation, parseExclusions, splitSynonyms, stripAuthor } from '../../../src/engine/lexicon/names';
import { parseAgencyTerms, withAgencyTerms, withNewChecklist } from '../../../src/engine/lexicon/agency-import';
import { assembleLexicon } from '../../../src/engine/lexicon/build';
import { compileLexicon } from '../../../src/engine/lexicon/compile';
import { loadLexicon } from '../../../src/engine/lexicon/load';
import { parseTradeTermsTsv } from '../../../src/engine/lexicon/trade-terms';
import { LexiconImportError, type Lexicon } from '../../../src/engine/lexicon/types';
import { checklistCsv, SMALL_ROWS } from '../../support/checklist-sample';

describe('synonym and annotation helpers', () => {
  it.each([
    ['Boa reticulata Schneider, 1801, Python schneideri Merrem, 1820', false, ['Boa reticulata', 'Python schneideri']],
    ['Ornismya abeillei Lesson & DeLattre, 1839', false, ['Ornismya abeillei']],
    [
      'Pachidendron ferox (Mill) Haw, Aloe candelabrum A.Berger, Aloe horrida Haw.',
      false,
      ['Pachidendron ferox', 'Aloe candelabrum', 'Aloe horrida'],
    ],
    [
      'Aquilariella malaccense Lamk. (Tiegh), Aquilaria agallocha Roxb.',
      false,
      ['Aquilariella malaccense', 'Aquilaria agallocha'],
    ],
    ['Galanthus nivalis var. redoutei Rupr. ex Regel', false, ['Galanthus nivalis var. redoutei']],
    ['Alsophis leucomelas antiguae Parker, 1933', false, ['Alsophis leucomelas antiguae']],
    ['Xus yus de Candolle, Xus zus van Heurck, 1890', false, ['Xus yus', 'Xus zus']],
    ['Chenorchis Z.J.Liu, K.W.Liu & L.J.Chen', true, ['Chenorchis']],
    ['Frigidorchis Z.J.Liu & S.C.Chen, Otherorchis Smith', true, ['Frigidorchis', 'Otherorchis']],
    ['', false, []],
  ])('splitSynonyms(%j)', (field, genusRank, expected) => expect(splitSynonyms(field, genusRank)).toEqual(expected));

  it.each([
    ['Boa reticulata Schneider, 1801', 'Boa reticulata'],
    ['Python regius (Shaw, 1802)', 'Python regius'],
    ['Aloe', 'Aloe'],
  ])('stripAuthor(%j) = %j', (s, e) => expect(stripAuthor(s)).toBe(e));

  it('cleans annotation HTML and keeps population splits', () => {
    expect(
      cleanAnnotation(
        'Appendix I:All populations except those of BW, NA, ZA, and ZW. \nAppendix II:Populations of BW, NA, ZA, ZW ',
      ),
    ).toBe(
      'Appendix I: All populations except those of BW, NA, ZA, and ZW.\nAppendix II: Populations of BW, NA, ZA, ZW',
    );
    expect(cleanAnnotation('Appendix II: ')).toBe('');
    expect(cleanAnnotation('Appendix II:Excludes <i>Caracara lutosa</i>&nbsp;x')).toBe(
      'Appendix II: Excludes Caracara lutosa x',
    );
  });

  it.each([
    [
      'Appendix II:Except the species included in Appendix I and <i>Aloe vera</i>, ' +
        'also referenced as <i>Aloe barbadensis</i>, which is not included in the Appendices. ',
      ['Aloe vera', 'Aloe barbadensis'],
    ],
    ['Appendix II:Excludes <i>Caracara lutosa</i> and Cathartidae spp. ', ['Caracara lutosa', 'Cathartidae']],
    [
      'Appendix II:Except the species included in Appendix I. ' +
        'Zero export quota for wild specimens for <i>Abronia aurita, A. gaiophantasma</i>. ',
      [],
    ],
    [
      'Appendix II:Excludes <i>Agapornis roseicollis, Melopsittacus undulatus</i>. ',
      ['Agapornis roseicollis', 'Melopsittacus undulatus'],
    ],
  ])('parseExclusions(%j)', (html, expected) => expect(parseExclusions(html)).toEqual(expected));
});

describe('importChecklist on a small export', () => {
  const csv = checklistCsv(SMALL_ROWS);
  it('reads taxa sorted by TaxonId with names split', () => {
    const r = importChecklist(csv, { fileName: 'Index_of_CITES_Species_2024-01-02.csv' });
    expect(r.taxa.map((t) => t.taxonId)).toEqual([2425, 5034, 5959, 13461]);
    expect(r.date).toBe('2024-01-02');
    const py = r.taxa.find((t) => t.taxonId === 5959)!;
    expect(py.synonyms).toEqual(['Boa reticulata', 'Python schneideri', 'Broghammerus reticulatus']);
    expect(py.commonNames).toContainEqual({ name: 'Pitón reticulada', lang: 'es' });
    expect(r.taxa.find((t) => t.name === 'Aloe')!.excludes).toEqual(['Aloe vera', 'Aloe barbadensis']);
  });
  it('reads gzip the same as plain text', () => {
    expect(importChecklist(gzipSync(csv)).taxa).toEqual(importChecklist(csv).taxa);
  });
  it('reports progress up to 1', () => {
    const seen: number[] = [];
    importChecklist(csv, { onProgress: (p) => seen.push(p.done) });
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

describe('importer errors: precise, nothing returned', () => {
  const csv = checklistCsv(SMALL_ROWS);
  const bytes = new TextEncoder().encode(csv);
  const cutInQuotes = bytes.subarray(0, csv.indexOf('Reticulated') + 3);
  const lines = csv.trimEnd().split('\n');
  const cutMidRow = lines.slice(0, -1).join('\n') + '\n' + lines.at(-1)!.split(',').slice(0, 5).join(',') + '\n';
  const latin1 = Uint8Array.from([...new TextEncoder().encode(csv.slice(0, 300))].concat([0xe9, 0x0a]));
  it.each([
    ['empty', new Uint8Array(0), 'empty', /is empty/],
    ['blank', '  \n\n ', 'empty', /no data/],
    ['not UTF-8', latin1, 'not-utf8', /not UTF-8: invalid byte 0xe9 at byte 300/],
    ['cut inside a character', bytes.subarray(0, csv.indexOf('ó') + 1), 'truncated', /middle of a character/],
    ['cut inside a quoted field', cutInQuotes, 'truncated', /truncated/],
    ['cut in the middle of a row', cutMidRow, 'truncated', /last row .* has 5 of 20 fields/],
    ['truncated gzip', gzipSync(csv).subarray(0, 200), 'truncated', /truncated gzip/],
    ['wrong columns', 'name,listing\nPython,II\n', 'wrong-columns', /lacks the columns "TaxonId"/],
    ['header only', checklistCsv([]), 'empty', /no taxa/],
    ['duplicate TaxonId', checklistCsv([SMALL_ROWS[0], SMALL_ROWS[0]]), 'bad-row', /TaxonId 2425 appears twice/],
  ])('%s', (_label, input, code, message) => {
    let error: unknown;
    try {
      importChecklist(input as string | Uint8Array);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LexiconImportError);
    expect((error as LexiconImportError).code).toBe(code);
    expect((error as Error).message).toMatch(message);
  });
});

function smallLexicon(): Lexicon {
  const checklist = importChecklist(checklistCsv(SMALL_ROWS), { fileName: 'small.csv' });
  const terms = parseTradeTermsTsv(
    'term\tlang\tkind\trefers_to\tbasis\tnote\n' +
      'ivory\ten\tproduct\tElephantidae\tvocabulary\t\n' +
      'white\ten\tcode\tivory\tdocumented\tTRAFFIC 2015\n' +
      'FS\ten\tsale-cue\t\treported\tforum abbreviation; case-sensitive\n',
    'seed.tsv',
  );
  return assembleLexicon({
    checklist,
    extraNames: [{ taxonId: 5034, name: 'Javaans schubdier', kind: 'common', lang: 'nl', source: 'test' }],
    terms,
    sources: [],
  });
}

describe('agency data', () => {
  const base = smallLexicon();
  it('adds a CSV keyword list as a new lexicon and leaves the current one untouched', () => {
    const before = JSON.stringify(base);
    const next = withAgencyTerms(
      base,
      parseAgencyTerms('term,kind,language,note\nsnow flakes,code,en,ivory in our cases\nmarfil blanco,product,ES,\n', {
        listName: 'ops',
      }),
      'ops',
    );
    expect(JSON.stringify(base)).toBe(before);
    expect(next.terms.filter((t) => t.source === 'agency:ops').map((t) => [t.term, t.kind, t.lang, t.weak])).toEqual([
      ['snow flakes', 'code', 'en', true],
      ['marfil blanco', 'product', 'es', false],
    ]);
    expect(next.version.counts.namesByKind.code).toBe(2);
  });
  it('takes JSON too and replaces a list of the same name', () => {
    const once = withAgencyTerms(
      base,
      parseAgencyTerms('[{"term":"a1","kind":"code","language":"en"}]', { listName: 'x' }),
      'x',
    );
    const twice = withAgencyTerms(
      once,
      parseAgencyTerms('[{"term":"b2","kind":"keyword","language":"en","note":"n"}]', { listName: 'x' }),
      'x',
    );
    expect(twice.terms.filter((t) => t.source === 'agency:x').map((t) => [t.term, t.kind])).toEqual([['b2', 'agency']]);
  });
  it.each([
    ['empty', '', 'empty', /empty/],
    ['no language column', 'term,kind\nx,code\n', 'wrong-columns', /"language"/],
    ['no term column', 'word,kind,language\nx,code,en\n', 'wrong-columns', /"term"/],
    ['unknown kind', 'term,kind,language\nx,animal,en\n', 'bad-row', /row 2 has the unknown kind "animal"/],
    ['bad language', 'term,kind,language\nx,code,english\n', 'bad-row', /invalid language "english"/],
    ['truncated JSON', '[{"term":"x","kind":"code","lang', 'truncated', /truncated/],
    ['JSON not a list', '{"a":1}', 'bad-format', /expected a JSON array/],
    ['JSON item without term', '[{"kind":"code"}]', 'bad-row', /item 1 has no term/],
    ['header only', 'term,kind,language\n', 'empty', /no terms/],
    ['not UTF-8', Uint8Array.from([0x74, 0x65, 0x72, 0x6d, 0x0a, 0xff, 0xfe]), 'not-utf8', /not UTF-8/],
  ])('rejects %s', (_l, input, code, message) => {
    let error: unknown;
    try {
      parseAgencyTerms(input as string, { listName: 'ops' });
    } catch (e) {
      error = e;
    }
    expect((error as LexiconImportError).code).toBe(code);
    expect((error as Error).message).toMatch(message);
  });
  it('refuses a newer checklist that holds less than half the taxa', () => {
    expect(() => withNewChecklist(base, checklistCsv(SMALL_ROWS.slice(0, 1)))).toThrow(
      /only 1 taxa where the current lexicon has 4/,
    );
    const next = withNewChecklist(base, checklistCsv(SMALL_ROWS.slice(0, 3)), { fileName: 'new.csv' });
    expect(next.taxa).toHaveLength(3);
    expect(next.extraNames).toEqual(base.extraNames);
    expect(next.terms).toEqual(base.terms);
  });
});

describe('compile and load', () => {
  it('gives back the same lexicon, deterministically', async () => {
    const lex = smallLexicon();
    const a = await compileLexicon(lex);
    const b = await compileLexicon(structuredClone(lex));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const loaded = loadLexicon(a);
    expect(loaded.toLexicon()).toEqual(lex);
    expect(loaded.version).toEqual(lex.version);
    expect(loaded.lookupString('reticulatus')).toBeGreaterThanOrEqual(0);
    expect(loaded.lookupString('nothing')).toBe(-1);
  });
  it('loads from an ArrayBuffer and from an unaligned view', async () => {
    const bytes = await compileLexicon(smallLexicon());
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(loadLexicon(padded.subarray(3)).contentHash).toBe(loadLexicon(bytes.slice().buffer).contentHash);
  });
  it.each([
    ['too short', new Uint8Array(3), /too short/],
    ['bad magic', new Uint8Array(64), /bad magic/],
  ])('rejects %s', (_l, bytes, message) => expect(() => loadLexicon(bytes)).toThrow(message));
  it('rejects a truncated asset', async () => {
    const bytes = await compileLexicon(smallLexicon());
    expect(() => loadLexicon(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
  });
});
