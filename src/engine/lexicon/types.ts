/**
 * The lexicon: every CITES-listed taxon with its names, plus trade terms, as one plain data model.
 * The importers build it, the compiler turns it into the shipped asset, the loader gives it back.
 */

import type { AmendmentRecord, ListingAmendment } from './amendments';

/**
 * The kinds of trade-term entries (trade-terms/README.md), plus agency-added keywords. Hits carry
 * it too (matcher/hit.ts re-exports it): the lexicon defines it so that it needs nothing from the
 * matcher.
 */
export type TermKind = 'product' | 'code' | 'sale-cue' | 'buy-cue' | 'contact-cue' | 'negation' | 'agency';

/** The CITES record a name resolves to, as a hit carries it (re-exported by matcher/hit.ts). */
export interface TaxonRef {
  taxonId: number;
  name: string;
  rank: string;
  /** Current listing, e.g. "I", "II", "I/II", "III", "II/NC". */
  listing: string;
  /** Annotation symbol and English text, population splits included. */
  annotation?: string;
  /** Set when the name is covered through a listed higher taxon, e.g. "Pythonidae spp.". */
  coveredBy?: string;
}

/** A common name of a taxon in one language (ISO 639-1 where one exists, else ISO 639-3). */
export interface CommonName {
  name: string;
  lang: string;
}

/** One listed taxon from the CITES Checklist / Species+ export. */
export interface Taxon {
  taxonId: number;
  /** Full scientific name, e.g. "Loxodonta africana". */
  name: string;
  /** SPECIES, GENUS, FAMILY, ORDER, SUBSPECIES, VARIETY, SUBFAMILY. */
  rank: string;
  kingdom: string;
  phylum: string;
  class: string;
  order: string;
  family: string;
  genus: string;
  author: string;
  /** CurrentListing as exported: I, II, III, I/II, II/NC, NC ... ("" when the export leaves it empty). */
  listing: string;
  /** Annotation symbol such as "#4" or "#14" ("" when none). */
  annotationSymbol: string;
  /** English annotation as plain text (population splits, "Included in X spp.", exclusions). */
  annotation: string;
  citesAccepted: boolean;
  /** Synonyms with authors stripped. */
  synonyms: string[];
  commonNames: CommonName[];
  /** For higher taxa: names the annotation says are not included ("Aloe vera"). */
  excludes: string[];
}

/** A name joined from another source (names/ folder, agency lists), with where it came from. */
export interface ExtraName {
  taxonId: number;
  name: string;
  kind: 'synonym' | 'common';
  /** Language of a common name; "" for scientific synonyms. */
  lang: string;
  /** Provenance, e.g. "sapi-2013-common-names" or "sapi-2026-synonyms". */
  source: string;
  /**
   * The scientific name the name was joined on, kept for the project's own names: a newer
   * checklist can give that taxon another TaxonId (a family the amendments created), and the name
   * follows it there.
   */
  taxonName?: string;
}

/** Trade-term basis (trade-terms/README.md) plus "agency" for an agency's own keyword lists. */
export type TermBasis = 'documented' | 'reported' | 'vocabulary' | 'agency';

/** A trade term: product word, code word, sale/buy/contact cue, negation, or agency keyword. */
export interface TradeTerm {
  term: string;
  lang: string;
  kind: TermKind;
  /** The taxon or commodity the term points at ("" for cues). */
  refersTo: string;
  basis: TermBasis;
  note: string;
  /** Where the entry comes from: "seed-terms.tsv", "wildtrace-terms.tsv", "agency:<list name>". */
  source: string;
  /** Everyday words that count only next to a stronger signal (code words, "needs context"). */
  weak: boolean;
  /** Matched with exact case only (forum abbreviations such as "FS", "CAG"). */
  caseSensitive: boolean;
}

/** Where and when the lexicon's data came from, and what it holds. */
export interface LexiconVersion {
  /** Format version of the model and of the compiled asset. */
  schema: number;
  /** The checklist file the taxa came from and its date (from the file name when it has one). */
  checklist: { file: string; date: string; rows: number };
  /** Every other source that went in, with the number of entries taken from it. */
  sources: { name: string; entries: number }[];
  /**
   * The listing amendments applied on top of the checklist (amendments.ts): "Appendices as
   * amended to" a date, and the rows applied by meeting. Absent when the checklist is newer than
   * every amendment.
   */
  amendments?: AmendmentRecord;
  counts: {
    taxa: number;
    taxaByRank: Record<string, number>;
    /** Matchable names by kind: scientific, synonym, common, trade-term kinds. */
    namesByKind: Record<string, number>;
    /** Common names and trade terms by language. */
    namesByLang: Record<string, number>;
  };
}

/** The whole lexicon. Taxa are sorted by TaxonId, extra names and terms in a stable order. */
export interface Lexicon {
  version: LexiconVersion;
  taxa: Taxon[];
  extraNames: ExtraName[];
  terms: TradeTerm[];
  /**
   * Every row of the amendments file, applied or not: kept so that a checklist imported later has
   * the amendments newer than itself applied to it (agency-import.ts).
   */
  amendments?: ListingAmendment[];
}

/** Progress of a long import: a phase name and the fraction done (0..1). */
export type ProgressCallback = (progress: { phase: string; done: number }) => void;

/** Bad input to an importer: says exactly what is wrong; the current lexicon stays in use. */
export class LexiconImportError extends Error {
  constructor(
    /** Machine-readable reason. */
    readonly code: 'empty' | 'not-utf8' | 'truncated' | 'wrong-columns' | 'bad-row' | 'bad-format' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'LexiconImportError';
  }
}
