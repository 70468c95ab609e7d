import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexiconFile } from '../../../src/engine/lexicon/node-load';
import { OWN_NAMES_FILE } from '../../../src/engine/lexicon/node-sources';
import { OWN_NAMES_SOURCE, joinOwnNames } from '../../../src/engine/lexicon/own-names';
import type { Taxon } from '../../../src/engine/lexicon/types';
import { createMatcher, type Matcher } from '../../../src/engine/matcher/matcher';

const taxon = (taxonId: number, name: string, synonyms: string[] = []): Taxon => ({
  taxonId,
  name,
  rank: 'SPECIES',
  kingdom: 'Animalia',
  phylum: 'Chordata',
  class: 'Aves',
  order: 'Psittaciformes',
  family: 'Psittacidae',
  genus: name.split(' ')[0],
  author: '',
  listing: 'II',
  annotationSymbol: '',
  annotation: '',
  citesAccepted: true,
  synonyms,
  commonNames: [],
  excludes: [],
});

describe("the project's own common names", () => {
  const taxa = [taxon(1, 'Amazona aestiva'), taxon(2, 'Guarouba guarouba', ['Guaruba guarouba'])];

  it('joins each row on the accepted name or a synonym, and lists the names it cannot place', () => {
    const tsv =
      'name\tlang\tscientific_name\tnote\n' +
      'papagaio-verdadeiro\tpt\tAmazona aestiva\t\n' +
      'ararajuba\tpor\tGuaruba guarouba\t\n' +
      'fantasma\tpt\tNullus nullus\t\n';
    const { names, unjoined } = joinOwnNames(new TextEncoder().encode(tsv), taxa);
    expect(names).toEqual([
      {
        taxonId: 1,
        name: 'papagaio-verdadeiro',
        kind: 'common',
        lang: 'pt',
        source: OWN_NAMES_SOURCE,
        taxonName: 'Amazona aestiva',
      },
      {
        taxonId: 2,
        name: 'ararajuba',
        kind: 'common',
        lang: 'pt',
        source: OWN_NAMES_SOURCE,
        taxonName: 'Guaruba guarouba',
      },
    ]);
    expect(unjoined).toEqual(['Nullus nullus']);
  });

  it.each([
    ['a row without a scientific name', 'name\tlang\tscientific_name\nx\tpt\t\n', /row 2 needs/],
    ['a file without the columns', 'term\tlang\nx\tpt\n', /scientific_name/],
  ])('refuses %s', (_label, tsv, message) => {
    expect(() => joinOwnNames(new TextEncoder().encode(tsv), taxa)).toThrow(message);
  });

  it('are all in the compiled lexicon, so listings written with them are found', () => {
    const file = readFileSync(OWN_NAMES_FILE, 'utf8');
    expect(file.split('\n').filter((l) => l.trim()).length).toBeGreaterThan(40);
    const version = loadLexiconFile().version;
    expect(version.sources.find((s) => s.name === OWN_NAMES_SOURCE)?.entries).toBe(file.trim().split('\n').length - 1);
  });

  describe('in listings', () => {
    let matcher: Matcher;
    beforeAll(() => {
      matcher = createMatcher(loadLexiconFile());
    }, 60_000);
    it.each([
      ['Vendo filhote de papagaio verdadeiro, R$ 3500', 'Amazona aestiva'],
      ['Vendo arara-canindé mansa', 'Ara ararauna'],
      ['Verkaufe Königspython 0.1 Pastel, 120 €', 'Python regius'],
      ['Strahlenschildkröte abzugeben', 'Astrochelys radiata'],
      ['Jual kakatua jambul kuning jinak, harga nego', 'Cacatua sulphurea'],
      ['Bán cu li nhỏ, giá rẻ', 'Nycticebus pygmaeus'],
      ['Ban te te java gia re', 'Manis javanica'],
    ])('%s', (text, taxonName) => {
      expect(
        matcher
          .match(text)
          .filter((h) => h.confidence >= 0.5)
          .map((h) => h.taxon?.name),
      ).toContain(taxonName);
    });
  });
});
