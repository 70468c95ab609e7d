/**
 * Listing amendments (src/engine/lexicon/amendments.ts): each kind of change on a small checklist,
 * the rows in force after the export's date only, a newer export imported over the amended
 * lexicon (both orders), and spot checks of the real amendments in the committed asset.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withNewChecklist } from '../../../src/engine/lexicon/agency-import';
import {
  AMENDMENTS_SOURCE,
  applyListingAmendments,
  parseListingAmendments,
  type ListingAmendment,
} from '../../../src/engine/lexicon/amendments';
import { assembleLexicon } from '../../../src/engine/lexicon/build';
import { importChecklist } from '../../../src/engine/lexicon/checklist-import';
import { createCoverageResolver } from '../../../src/engine/lexicon/coverage';
import { appendicesDate, isStale, lastChecklistImport } from '../../../src/engine/lexicon/freshness';
import { loadLexiconFile } from '../../../src/engine/lexicon/node-load';
import { AMENDMENTS_FILE } from '../../../src/engine/lexicon/node-sources';
import { OWN_NAMES_SOURCE } from '../../../src/engine/lexicon/own-names';
import type { Lexicon, Taxon } from '../../../src/engine/lexicon/types';
import { checklistCsv } from '../../support/checklist-sample';

const HEADER =
  'cop\tproposal\ttaxon\trank\tchange\tappendix\tpopulation\tannotation\tin_force\tcovered_by\ttaxon_id\t' +
  'classification\tnames_en\tnames_es\tnames_fr\tsource\tnote';
const SHARK = 'Animalia|Chordata|Elasmobranchii|Carcharhiniformes';

/** One amendments-file row; unset columns are empty. */
function line(r: Partial<Record<string, string>>): string {
  return HEADER.split('\t')
    .map((c) => r[c] ?? (c === 'source' ? 'https://example.org/outcome' : ''))
    .join('\t');
}
const tsv = (...rows: Partial<Record<string, string>>[]) => [HEADER, ...rows.map(line)].join('\n') + '\n';

/** A checklist row in the export's layout. */
function taxonRow(id: number, name: string, rank: string, listing: string, extra: Record<string, string> = {}) {
  return {
    TaxonId: String(id),
    Kingdom: 'Animalia',
    Phylum: 'Chordata',
    Class: 'Elasmobranchii',
    Order: 'Carcharhiniformes',
    Family: 'Sphyrnidae',
    Genus: rank === 'FAMILY' ? '' : name.split(' ')[0],
    FullName: name,
    AuthorYear: '',
    RankName: rank,
    CurrentListing: listing,
    AnnotationEnglish: `Appendix ${listing}: `,
    '#AnnotationSymbol': '',
    SynonymsWithAuthors: '',
    EnglishNames: '',
    SpanishNames: '',
    FrenchNames: '',
    CitesAccepted: 'true',
    ...extra,
  };
}

const SAMPLE = [
  taxonRow(10, 'Sphyrna lewini', 'SPECIES', 'II', { EnglishNames: 'Scalloped hammerhead' }),
  taxonRow(20, 'Testudo elegans', 'SPECIES', 'II', { Class: 'Reptilia', Order: 'Testudines', Family: 'Testudinidae' }),
  taxonRow(21, 'Testudo elegans minor', 'SUBSPECIES', 'II', { Class: 'Reptilia', Family: 'Testudinidae' }),
  taxonRow(30, 'Antilope pygargus', 'SPECIES', 'II/NC', { Class: 'Mammalia', Family: 'Bovidae' }),
  taxonRow(31, 'Antilope pygargus pygargus', 'SUBSPECIES', 'II', { Class: 'Mammalia', Family: 'Bovidae' }),
  taxonRow(40, 'Lignum', 'GENUS', 'II', {
    Kingdom: 'Plantae',
    Family: 'Leguminosae',
    '#AnnotationSymbol': '#15',
    AnnotationEnglish: 'Appendix II: ',
  }),
  taxonRow(41, 'Lignum rubrum', 'SPECIES', 'II', {
    Kingdom: 'Plantae',
    Family: 'Leguminosae',
    '#AnnotationSymbol': '#15',
  }),
  taxonRow(50, 'Cedrus odorata', 'SPECIES', 'III', { Kingdom: 'Plantae', Family: 'Meliaceae' }),
  taxonRow(60, 'Manta birostris', 'SPECIES', 'II', { Family: 'Mobulidae' }),
  taxonRow(61, 'Manta', 'GENUS', 'II', { Family: 'Mobulidae' }),
];
const checklist = (file = 'Index_of_CITES_Species_2017-04-21.csv') =>
  importChecklist(checklistCsv(SAMPLE), { fileName: file });

const ROWS = parseListingAmendments(
  tsv(
    // Inclusion of a family the export does not have, and two species it brings.
    {
      cop: 'CoP19',
      proposal: 'Prop. 38',
      taxon: 'Sphyrnidae',
      rank: 'FAMILY',
      change: 'inclusion',
      appendix: 'II',
      in_force: '2023-02-23',
      classification: `${SHARK}|Sphyrnidae|`,
      names_en: 'Hammerhead sharks',
      names_es: 'Tiburones martillo',
    },
    {
      cop: 'CoP19',
      taxon: 'Sphyrna tiburo',
      rank: 'SPECIES',
      change: 'member',
      appendix: 'II',
      in_force: '2023-02-23',
      covered_by: 'Sphyrnidae spp.',
      taxon_id: '100432',
      classification: `${SHARK}|Sphyrnidae|Sphyrna`,
      names_en: 'Bonnethead shark',
      names_fr: 'Requin-marteau tiburo',
    },
    // A transfer of a species (its subspecies go with it).
    {
      cop: 'CoP18',
      proposal: 'Prop. 36',
      taxon: 'Testudo elegans',
      rank: 'SPECIES',
      change: 'transfer',
      appendix: 'I',
      in_force: '2019-11-26',
    },
    // The deletion of the one listed subspecies of a species.
    {
      cop: 'CoP20',
      taxon: 'Antilope pygargus pygargus',
      rank: 'SUBSPECIES',
      change: 'deletion',
      appendix: 'II',
      in_force: '2026-03-05',
    },
    // An annotation change for every taxon under the numbered annotation.
    {
      cop: 'CoP18',
      proposal: 'Prop. 52',
      taxon: 'Lignum',
      rank: 'GENUS',
      change: 'annotation',
      appendix: 'II',
      annotation: '#15 revised: finished musical instruments are exempt',
      in_force: '2019-11-26',
    },
    // A genus listed with an annotation and a population, raising its Appendix III species.
    {
      cop: 'CoP18',
      taxon: 'Cedrus',
      rank: 'GENUS',
      change: 'inclusion',
      appendix: 'II',
      population: 'Neotropical populations',
      annotation: '#6 Logs, sawn wood, veneer sheets and plywood',
      in_force: '2020-08-28',
      classification: 'Plantae|||Sapindales|Meliaceae|Cedrus',
    },
    // A genus transfer moves every species under it.
    { cop: 'CoP20', taxon: 'Manta', rank: 'GENUS', change: 'transfer', appendix: 'I', in_force: '2026-03-05' },
    // A taxon the adopted listing leaves out.
    {
      cop: 'CoP19',
      taxon: 'Galeocerdo cuvier',
      rank: 'SPECIES',
      change: 'not-covered',
      appendix: 'NC',
      in_force: '2023-11-25',
      classification: `${SHARK}|Galeocerdonidae|Galeocerdo`,
      names_en: 'Tiger shark',
      annotation: 'Not included in Carcharhinidae spp.',
    },
  ),
);

describe('listing amendments applied to a checklist', () => {
  let taxa: Map<string, Taxon>;
  let record: ReturnType<typeof applyListingAmendments>['record'];
  beforeAll(() => {
    const result = applyListingAmendments(checklist(), ROWS);
    taxa = new Map(result.checklist.taxa.map((t) => [t.name, t]));
    record = result.record;
  });

  it('inclusion: a new family with its species, names in three languages, "included in" for the species', () => {
    const family = taxa.get('Sphyrnidae')!;
    expect(family).toMatchObject({ rank: 'FAMILY', listing: 'II', family: 'Sphyrnidae', genus: '' });
    expect(family.commonNames).toEqual([
      { name: 'Hammerhead sharks', lang: 'en' },
      { name: 'Tiburones martillo', lang: 'es' },
    ]);
    expect(family.annotation).toBe('Appendix II: Included at CoP19 (Prop. 38), in force 2023-02-23.');
    const bonnethead = taxa.get('Sphyrna tiburo')!;
    expect(bonnethead).toMatchObject({ taxonId: 100432, listing: 'II', family: 'Sphyrnidae', genus: 'Sphyrna' });
    expect(bonnethead.annotation).toMatch(/^Appendix II: Included in Sphyrnidae spp\. \(CoP19/);
    // A species the export already lists keeps its own listing and text.
    expect(taxa.get('Sphyrna lewini')!.annotation).toBe('');
  });

  it('transfer: a species and its subspecies move to Appendix I, and the text says from where and when', () => {
    expect(taxa.get('Testudo elegans')).toMatchObject({
      listing: 'I',
      annotation: 'Appendix I: Transferred from Appendix II at CoP18 (Prop. 36), in force 2019-11-26.',
    });
    expect(taxa.get('Testudo elegans minor')!.listing).toBe('I');
    // A genus transfer takes its species along.
    expect(taxa.get('Manta')!.listing).toBe('I');
    expect(taxa.get('Manta birostris')).toMatchObject({ listing: 'I' });
    expect(taxa.get('Manta birostris')!.annotation).toMatch(/Transferred from Appendix II with Manta spp\./);
  });

  it('deletion: the subspecies is no longer covered, nor the species listed only through it', () => {
    expect(taxa.get('Antilope pygargus pygargus')).toMatchObject({
      listing: 'NC',
      annotation: 'Deleted from Appendix II at CoP20, in force 2026-03-05.',
    });
    expect(taxa.get('Antilope pygargus')!.listing).toBe('NC');
  });

  it('annotation change: every taxon under #15 gets the revision, symbol kept', () => {
    for (const name of ['Lignum', 'Lignum rubrum']) {
      const t = taxa.get(name)!;
      expect(t.annotationSymbol).toBe('#15');
      expect(t.annotation).toMatch(/CoP18 \(Prop\. 52\), in force 2019-11-26: #15 revised: finished musical/);
    }
  });

  it('inclusion of a genus with a population and an annotation raises its Appendix III species', () => {
    expect(taxa.get('Cedrus')).toMatchObject({ listing: 'II', annotationSymbol: '#6' });
    expect(taxa.get('Cedrus odorata')).toMatchObject({ listing: 'II', annotationSymbol: '#6' });
    expect(taxa.get('Cedrus odorata')!.annotation).toMatch(/^Appendix II: Neotropical populations: Included in Cedrus/);
  });

  it('not-covered: the taxon is recorded as NC with the reason, so its names are suppressed', () => {
    expect(taxa.get('Galeocerdo cuvier')).toMatchObject({
      listing: 'NC',
      annotation: 'Not included in Carcharhinidae spp.',
    });
  });

  it('records "as amended to" and the rows by meeting', () => {
    expect(record).toEqual({
      file: AMENDMENTS_SOURCE,
      asAmendedTo: '2026-03-05',
      meetings: [
        { meeting: 'CoP18', rows: 3, inForce: ['2019-11-26', '2020-08-28'] },
        { meeting: 'CoP19', rows: 3, inForce: ['2023-02-23', '2023-11-25'] },
        { meeting: 'CoP20', rows: 2, inForce: ['2026-03-05'] },
      ],
    });
  });

  it('applies only the rows in force after the export, and leaves the input untouched', () => {
    const base = checklist('Index_of_CITES_Species_2021-06-01.csv');
    const { checklist: after, record: rec } = applyListingAmendments(base, ROWS);
    const names = new Map(after.taxa.map((t) => [t.name, t]));
    expect(names.get('Testudo elegans')!.listing).toBe('II'); // CoP18: already in the export
    expect(names.get('Sphyrnidae')!.listing).toBe('II'); // CoP19: newer
    expect(rec!.meetings.map((m) => m.meeting)).toEqual(['CoP19', 'CoP20']);
    expect(base.taxa.find((t) => t.name === 'Manta')!.listing).toBe('II');
    expect(applyListingAmendments(checklist('Index_of_CITES_Species_2027-01-01.csv'), ROWS).record).toBeUndefined();
  });

  it('gives created taxa without a Species+ id the same id on every run', () => {
    const again = applyListingAmendments(checklist(), ROWS).checklist.taxa.find((t) => t.name === 'Sphyrnidae')!;
    expect(again.taxonId).toBe(taxa.get('Sphyrnidae')!.taxonId);
    expect(again.taxonId).toBeGreaterThanOrEqual(90_000_000);
  });

  it.each([
    ['an unknown change', { change: 'uplisting' }, /unknown change "uplisting"/],
    ['an unknown appendix', { appendix: 'IV' }, /unknown appendix "IV"/],
    ['no date', { in_force: '2019' }, /no date of entry into force/],
    ['no source', { source: ' ' }, /names no source/],
    ['a member without its listing', { change: 'member' }, /member without covered_by/],
    ['a short classification', { classification: 'Animalia|Chordata' }, /6 classification levels/],
  ])('refuses a row with %s', (_what, bad, message) => {
    const ok = {
      cop: 'CoP18',
      taxon: 'Gekko gecko',
      rank: 'SPECIES',
      change: 'inclusion',
      appendix: 'II',
      in_force: '2019-11-26',
    };
    expect(() => parseListingAmendments(tsv({ ...ok, ...bad }))).toThrow(message);
  });

  it('refuses to create a taxon it cannot classify, or to delete one the export lacks', () => {
    const rows = (r: Partial<Record<string, string>>) =>
      parseListingAmendments(tsv({ cop: 'CoP18', rank: 'SPECIES', appendix: 'II', in_force: '2019-11-26', ...r }));
    expect(() => applyListingAmendments(checklist(), rows({ taxon: 'Nova species', change: 'inclusion' }))).toThrow(
      /not in the checklist and has no classification/,
    );
    expect(() => applyListingAmendments(checklist(), rows({ taxon: 'Nova species', change: 'deletion' }))).toThrow(
      /cannot delete/,
    );
  });
});

describe('a newer checklist imported over the amended lexicon', () => {
  /** The bundled lexicon in small: the 2017 export, amended, with an own name on the added family. */
  function bundled(): Lexicon {
    const exported = checklist();
    const { checklist: amended, record } = applyListingAmendments(exported, ROWS);
    const family = amended.taxa.find((t) => t.name === 'Sphyrnidae')!;
    return assembleLexicon({
      checklist: amended,
      extraNames: [
        {
          taxonId: family.taxonId,
          name: 'hammerheads',
          kind: 'common',
          lang: 'en',
          source: OWN_NAMES_SOURCE,
          taxonName: 'Sphyrnidae',
        },
      ],
      terms: [],
      sources: [{ name: AMENDMENTS_SOURCE, entries: 8 }],
      amendments: { rows: ROWS, record },
    });
  }

  it('bundled + amendments, then an export newer than every amendment: the export wins', () => {
    const lex = bundled();
    expect(lex.version.amendments?.asAmendedTo).toBe('2026-03-05');
    // The export of 2026-06-01 has the family under its own Species+ id, and Manta still in II (say a later change).
    const rows = [
      ...SAMPLE.filter((r) => r.FullName !== 'Manta'),
      taxonRow(61, 'Manta', 'GENUS', 'II', { Family: 'Mobulidae' }),
      taxonRow(4242, 'Sphyrnidae', 'FAMILY', 'II'),
    ];
    const next = withNewChecklist(lex, checklistCsv(rows), {
      fileName: 'Index_of_CITES_Species_2026-06-01.csv',
      allowShrink: true,
    });
    const by = new Map(next.taxa.map((t) => [t.name, t]));
    expect(next.version.amendments).toBeUndefined();
    expect(next.version.sources.map((s) => s.name)).not.toContain(AMENDMENTS_SOURCE);
    expect(by.get('Manta')!.listing).toBe('II');
    expect(by.get('Testudo elegans')!.listing).toBe('II'); // what the export says
    expect(by.has('Galeocerdo cuvier')).toBe(false);
    // The own name followed its family to the export's TaxonId.
    expect(next.extraNames).toContainEqual(expect.objectContaining({ name: 'hammerheads', taxonId: 4242 }));
    // The rows are kept for a later, older import.
    expect(next.amendments).toHaveLength(ROWS.length);
    expect(appendicesDate(next.version)).toBe('2026-06-01');
  });

  it('bundled + amendments, then an export older than some amendments: the later ones apply again', () => {
    const next = withNewChecklist(bundled(), checklistCsv(SAMPLE), {
      fileName: 'Index_of_CITES_Species_2021-06-01.csv',
      allowShrink: true,
    });
    const by = new Map(next.taxa.map((t) => [t.name, t]));
    expect(by.get('Testudo elegans')!.listing).toBe('II'); // CoP18, in the export already: not re-applied
    expect(by.get('Manta')!.listing).toBe('I'); // CoP20, after the export
    expect(by.get('Sphyrnidae')!.listing).toBe('II');
    expect(next.version.amendments?.meetings.map((m) => m.meeting)).toEqual(['CoP19', 'CoP20']);
    expect(next.version.sources[0]).toEqual({ name: AMENDMENTS_SOURCE, entries: 5 });
    expect(next.extraNames).toContainEqual(expect.objectContaining({ name: 'hammerheads' }));
  });

  it('an export whose file name has no date is taken as current', () => {
    const next = withNewChecklist(bundled(), checklistCsv(SAMPLE), { fileName: 'checklist.csv', allowShrink: true });
    expect(next.version.amendments).toBeUndefined();
    expect(next.taxa.find((t) => t.name === 'Manta')!.listing).toBe('II');
  });
});

describe('how current the data is', () => {
  const version = (date: string, amended?: string) => ({
    checklist: { file: 'x.csv', date, rows: 1 },
    ...(amended ? { amendments: { file: AMENDMENTS_SOURCE, asAmendedTo: amended, meetings: [] } } : {}),
  });

  it('dates the Appendices by the latest amendment applied, else by the export', () => {
    expect(appendicesDate(version('2017-04-21', '2026-03-05'))).toBe('2026-03-05');
    expect(appendicesDate(version('2017-04-21'))).toBe('2017-04-21');
  });

  it('is stale more than a year after that date', () => {
    expect(isStale(version('2017-04-21', '2026-03-05'), '2026-12-07')).toBe(false);
    expect(isStale(version('2017-04-21', '2026-03-05'), '2027-03-05')).toBe(false);
    expect(isStale(version('2017-04-21', '2026-03-05'), '2027-03-06')).toBe(true);
    expect(isStale(version('2017-04-21'), new Date('2026-12-07T10:00:00Z'))).toBe(true);
    expect(isStale(version(''), '2026-12-07')).toBe(true);
  });

  it('dates an export whose file name has no date by the day it was imported', () => {
    const imports = [
      { kind: 'checklist', at: '2025-01-10T08:00:00.000Z' },
      { kind: 'keywords', at: '2026-11-30T08:00:00.000Z' },
      { kind: 'checklist', at: '2026-02-01T08:00:00.000Z' },
    ];
    expect(lastChecklistImport(imports)).toBe('2026-02-01');
    expect(lastChecklistImport([])).toBe('');
    expect(appendicesDate(version(''), lastChecklistImport(imports))).toBe('2026-02-01');
    expect(isStale(version(''), '2026-12-07', '2026-02-01')).toBe(false);
    expect(isStale(version('2017-04-21'), '2026-12-07', '2026-02-01')).toBe(true);
  });
});

describe('the amendments file and the committed asset', () => {
  let lex: Lexicon;
  let by: Map<string, Taxon>;
  beforeAll(() => {
    lex = loadLexiconFile().toLexicon();
    by = new Map(lex.taxa.map((t) => [t.name, t]));
  }, 60_000);

  it('every row parses, names a source and falls in CoP18, CoP19 or CoP20', () => {
    const rows: ListingAmendment[] = parseListingAmendments(readFileSync(AMENDMENTS_FILE));
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.cop))).toEqual(new Set(['CoP18', 'CoP19', 'CoP20']));
    expect(lex.amendments).toEqual(rows);
  });

  it('the version record says how current the Appendices are and lists the meetings', () => {
    expect(lex.version.amendments).toMatchObject({ file: AMENDMENTS_SOURCE, asAmendedTo: '2026-03-05' });
    expect(lex.version.amendments!.meetings.map((m) => m.meeting)).toEqual(['CoP18', 'CoP19', 'CoP20']);
    expect(lex.version.sources[0].name).toBe(AMENDMENTS_SOURCE);
  });

  it.each([
    // One spot check per kind of amendment.
    ['inclusion', 'Gekko gecko', 'II', /Included at CoP18 \(Prop\. 28\), in force 2019-11-26/],
    ['transfer', 'Geochelone elegans', 'I', /Transferred from Appendix II at CoP18 \(Prop\. 36\)/],
    ['deletion', 'Damaliscus pygargus pygargus', 'NC', /Deleted from Appendix II at CoP20, in force 2026-03-05/],
    [
      'annotation change',
      'Dalbergia',
      'I/II',
      /CoP18 \(Prop\. 52\), in force 2019-11-26: #15 revised: finished musical/,
    ],
    ['inclusion of a family', 'Carcharhinidae', 'II', /Included at CoP19 \(Prop\. 37\), in force 2023-11-25/],
    ['member of an added family', 'Carcharhinus leucas', 'II', /Included in Carcharhinidae spp\./],
    ['transfer at CoP20', 'Carcharhinus longimanus', 'I', /Transferred from Appendix II at CoP20/],
    ['annotation change at CoP20', 'Rhynchobatus djiddensis', 'II', /CoP20, in force 2026-03-05: Zero export quota/],
  ])('%s: %s is %s', (_kind, name, listing, text) => {
    const t = by.get(name)!;
    expect(t.listing).toBe(listing);
    expect(t.annotation).toMatch(text);
  });

  it('the coverage resolver places an added species under its added family, and not the tiger shark', () => {
    const resolver = createCoverageResolver(lex);
    expect(resolver.resolve('Carcharhinus leucas')).toMatchObject({ covered: true, via: 'listed' });
    expect(resolver.resolve('Galeocerdo cuvier')).toMatchObject({ covered: false, reason: 'excluded' });
    expect(resolver.resolve('Sphyrna gilberti')).toMatchObject({ covered: true, coveredBy: 'Sphyrnidae spp.' });
  });
});
