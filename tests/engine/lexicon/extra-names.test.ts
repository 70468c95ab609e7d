/** Joining the SAPI 2013 common names onto checklist taxa (src/engine/lexicon/extra-names.ts). */
import { describe, expect, it } from 'vitest';
import { joinSapi2013CommonNames } from '../../../src/engine/lexicon/extra-names';
import type { Taxon } from '../../../src/engine/lexicon/types';

const taxon = (taxonId: number, name: string): Taxon => ({
  taxonId,
  name,
  rank: 'SPECIES',
  kingdom: 'Animalia',
  phylum: 'Chordata',
  class: 'Aves',
  order: 'Accipitriformes',
  family: 'Accipitridae',
  genus: name.split(' ')[0],
  author: '',
  listing: 'II',
  annotationSymbol: '',
  annotation: '',
  citesAccepted: true,
  synonyms: [],
  commonNames: [],
  excludes: [],
});

const TAXA_2013 = [
  'Scientific name,Rank,RecID,ParentRank,ParentRecID,Status,Species Author,notes,Designation',
  'AEGYPIUS,Genus,10,Family,1,A,,,"CITES_EU"',
  'monachus,Species,20,Genus,10,A,,,"CITES_EU"',
  'ACCIPITER,Genus,11,Family,1,A,,,"CITES_EU"',
  'gentilis,Species,21,Genus,11,A,,,"CITES_EU"',
].join('\n');

describe('joinSapi2013CommonNames', () => {
  it('decodes names that the export left HTML-escaped', () => {
    const names = [
      'ComName,LangShort,RecId,Rank,Designation,ReferenceID',
      'S&#281;p kasztanowaty,POL,20,Species,"CITES_EU",',
      'Jastrz&#261;b,POL,21,Species,"CITES_EU",',
      'Krogulec kr&oacute;tkonogi,POL,21,Species,"CITES_EU",',
      '&#1063;&#1105;&#1088;&#1085;&#1099;&#1081; &#1075;&#1088;&#1080;&#1092;,RUS,20,Species,"CITES_EU",',
      'Cinereous Vulture,EN,20,Species,"CITES_EU",',
    ].join('\n');
    const { names: joined, unjoined } = joinSapi2013CommonNames(names, TAXA_2013, [
      taxon(1, 'Aegypius monachus'),
      taxon(2, 'Accipiter gentilis'),
    ]);
    expect(unjoined).toBe(0);
    expect(joined.map((n) => [n.taxonId, n.name, n.lang])).toEqual([
      [1, 'Sęp kasztanowaty', 'pl'],
      [2, 'Jastrząb', 'pl'],
      [2, 'Krogulec krótkonogi', 'pl'],
      [1, 'Чёрный гриф', 'ru'],
      [1, 'Cinereous Vulture', 'en'],
    ]);
  });
});
