import { CHECKLIST_COLUMNS } from '../../src/engine/lexicon/checklist-import';

/** A small checklist in the export's layout (extra columns included, as in a real download). */
export function checklistCsv(rows: Record<string, string>[]): string {
  const header = [...CHECKLIST_COLUMNS, 'AnnotationSpanish', 'All_DistributionISOCodes'];
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return [header.join(','), ...rows.map((r) => header.map((h) => q(r[h] ?? '')).join(','))].join('\n') + '\n';
}

const row = (id: number, name: string, rank: string, listing: string, extra: Record<string, string> = {}) => ({
  TaxonId: String(id),
  Kingdom: 'Animalia',
  Phylum: 'Chordata',
  Class: 'Reptilia',
  Order: 'Serpentes',
  Family: 'Pythonidae',
  Genus: name.split(' ')[0],
  FullName: name,
  AuthorYear: 'Daudin, 1803',
  RankName: rank,
  CurrentListing: listing,
  AnnotationEnglish: 'Appendix II: ',
  '#AnnotationSymbol': '',
  SynonymsWithAuthors: '',
  EnglishNames: '',
  SpanishNames: '',
  FrenchNames: '',
  CitesAccepted: 'true',
  ...extra,
});

export const SMALL_ROWS = [
  row(2425, 'Python', 'GENUS', 'I/II'),
  row(5959, 'Python reticulatus', 'SPECIES', 'II', {
    SynonymsWithAuthors:
      'Boa reticulata Schneider, 1801, Python schneideri Merrem, 1820, Broghammerus reticulatus (Schneider, 1801)',
    EnglishNames: 'Java Rock Python, Reticulated Python',
    SpanishNames: 'Pitón reticulada',
    AnnotationEnglish: 'Appendix II:Included in Pythonidae spp. ',
  }),
  row(5034, 'Manis javanica', 'SPECIES', 'I', {
    Order: 'Pholidota',
    Family: 'Manidae',
    EnglishNames: 'Malayan Pangolin, Sunda Pangolin',
    SpanishNames: 'Pangolín malayo',
  }),
  row(13461, 'Aloe', 'GENUS', 'I/II/NC', {
    Kingdom: 'Plantae',
    Order: 'Liliales',
    Family: 'Liliaceae',
    AnnotationEnglish:
      'Appendix II:Except the species included in Appendix I and <i>Aloe vera</i>, ' +
      'also referenced as <i>Aloe barbadensis</i>, which is not included in the Appendices. ',
    '#AnnotationSymbol': '#4',
  }),
];
