/**
 * Layout of the compiled lexicon (shared by the compiler and the loader), schema 2.
 *
 * The compiler produces one container:
 *
 *   "WTLX" | u32 header length | header JSON (UTF-8) | sections, each 8-byte aligned
 *
 * whose last section, `details`, is the full Lexicon as gzipped JSON (side-panel lookup, agency
 * merges). Everything before it is the "hot" part the matcher needs: it ships gzipped as
 * `lexicon.wtlx` and is all a worker fetches to start matching; the details ship apart as
 * `lexicon-details.json.gz` and are read only when someone asks for them (asset.ts splits and joins).
 *
 * Hot sections are integer columns (u8/u16/u32 chosen per column at compile time, or LEB128
 * varints) and two small JSON blocks; the loader views the fixed-width ones without copying and
 * rebuilds the arrays the matcher reads (word characters, trie edges, entry starts) in one pass.
 * Node ids follow the trie level by level: words 0..W-1 in the order of their slots in the word
 * table (word-table.ts), then edges grouped by parent, so the child counts per node give each
 * edge's parent.
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
/**
 * A form the compiler derived rather than a name of the sources (the singular of a plural group
 * name, "Bear" from "Bears"): everyday products carry it ("teddy bear", "monkey bars"), so a sale
 * cue alone is no company for it (see the matcher's finish).
 */
export const EF_DERIVED = 16;

/**
 * How an entry's display spelling is rebuilt from its folded words (entryCase section, see
 * spelling.ts), so the asset need not store 98,000 spellings: joined by spaces as they are, with a
 * capital first letter ("Python reticulatus"), with a capital on every word ("Reticulated
 * Python"), or through a patch in the namePatchText block (accents, hyphens, apostrophes:
 * "Hvid ørefasan", "Flecken-Aguti").
 */
export const NC_LOWER = 0;
export const NC_CAPITAL_FIRST = 1;
export const NC_CAPITAL_WORDS = 2;
export const NC_EXPLICIT = 3;

/** Entries per block of the namePatchBlock column (patched entries counted before each block). */
export const PATCH_BLOCK = 256;

/**
 * A trie node's shape byte: entries in bits 0-1 and child edges in bits 2-7; the largest value of
 * each (3, 63) means "this many or more", the rest following in the nodeExtra varints.
 */
export const NODE_ENTRIES_MORE = 3;
export const NODE_CHILDREN_MORE = 63;

/** Fixed-width integer columns, LEB128 varints, text and JSON blocks, and the gzipped details. */
export type SectionType = 'u8' | 'u16' | 'u32' | 'varint' | 'utf8' | 'json' | 'gzip';

export interface AssetHeader {
  schema: number;
  version: LexiconVersion;
  /** SHA-256 of all section bytes, details included: equal for equal lexicons, whatever the build time. */
  contentHash: string;
  /** SHA-256 of the details section alone, to check a details file belongs to this asset. */
  detailsHash: string;
  langs: string[];
  words: number;
  edges: number;
  entries: number;
  taxa: number;
  maxCjkLength: number;
  sections: Record<string, { offset: number; length: number; type: SectionType }>;
}

/** Shared strings of the taxon columns (the `strings` JSON section). */
export interface TaxonStrings {
  /** The [rank, listing, kingdom] combinations the taxa have (a few dozen), by taxonClass. */
  classes: [string, string, string][];
  /** Annotations as hits show them; index 0 is "". */
  annotations: string[];
  /** "X spp." cover texts; index 0 is "". */
  covers: string[];
  /**
   * Taxa whose name is not the text of their first scientific-name entry (not-covered taxa, odd
   * names): row -> name.
   */
  names: Record<string, string>;
}

/** Trade-term fields a hit carries: [term, lang, kind, refersTo, taxon row index or -1]. */
export type TermRow = [string, string, string, string, number];
