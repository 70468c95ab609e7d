/**
 * Layout of the compiled lexicon asset (shared by the compiler and the loader).
 *
 *   "WTLX" | u32 header length | header JSON (UTF-8) | sections, each 8-byte aligned
 *
 * Sections are typed arrays the loader views without copying, plus three UTF-8 text blocks
 * (display names, taxon refs, trade terms) decoded on first use and the full lexicon as gzipped
 * JSON, inflated only when someone asks for it (side panel details, agency merges).
 */
import type { LexiconVersion } from './types';

export const MAGIC = 0x584c5457; // "WTLX" little-endian

/** Entry kinds stored per matchable name. */
export const EK_SCIENTIFIC = 0;
export const EK_SYNONYM = 1;
export const EK_COMMON = 2;
export const EK_EXTRA_COMMON = 3;
export const EK_EXTRA_SYNONYM = 4;
/** A name an annotation says is not included ("Aloe vera"): found only to be suppressed. */
export const EK_EXCLUDED = 5;
/** Trade terms: EK_TERM + index in TERM_KINDS. */
export const EK_TERM = 10;

/** Counts only next to a stronger signal. */
export const EF_WEAK = 1;
/** Must match with the exact case ("FS", "CAG"). */
export const EF_CASE_SENSITIVE = 2;
/** A one-word scientific name (genus, family): must be written with a capital. */
export const EF_CAPITALIZED = 4;
/** The name is one word. */
export const EF_SINGLE_WORD = 8;

export type SectionType = 'u8' | 'u16' | 'i32' | 'u32';

export interface AssetHeader {
  schema: number;
  version: LexiconVersion;
  /** SHA-256 of the section bytes: equal for equal lexicons, whatever the build time. */
  contentHash: string;
  langs: string[];
  words: number;
  edges: number;
  entries: number;
  maxCjkLength: number;
  sections: Record<string, { offset: number; length: number; type: SectionType | 'utf8' | 'gzip' }>;
}

/** Taxon fields a hit carries: [taxonId, name, rank, listing, annotation index, coveredBy index, kingdom]. */
export type TaxonRow = [number, string, string, string, number, number, string];
/** The taxa section, decoded lazily: the text, the start of each line, and the shared strings (line 0). */
export interface TaxaSection {
  text: string;
  /** Start offset of row i's line (row i is line i + 1). */
  lineStart: Uint32Array;
  annotations: string[];
}
/** Trade-term fields a hit carries: [term, lang, kind, refersTo, taxon row index or -1, weak, caseSensitive]. */
export type TermRow = [string, string, string, string, number];
