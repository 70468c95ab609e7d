/**
 * What the matcher reports for one mention in a text. Shared by the risk scorer, the side
 * panel, captures and exports, so fields are only ever added, never renamed.
 */
import type { TaxonRef, TermKind } from '../lexicon/types';

/** The kinds of trade-term entries and the CITES record of a name: defined with the lexicon. */
export type { TaxonRef, TermKind };

/** What was matched: a CITES taxon name, a trade term, a hashtag, or a sale/buy/contact cue. */
export type HitKind = 'species' | 'trade-term' | 'hashtag' | 'cue';

/** An evasion the matcher undid to find the mention. An exact mention has none. */
export type Tactic =
  | 'misspelling'
  | 'abbreviated-genus'
  | 'leetspeak'
  | 'split-letters'
  | 'homoglyph'
  | 'accents'
  | 'hashtag'
  | 'code-word';

/** One mention found in a text. Offsets are UTF-16 indices into the original text, [start, end). */
export interface Hit {
  start: number;
  end: number;
  /** The original text at [start, end). */
  text: string;
  /** The lexicon term it matched, in its canonical spelling. */
  term: string;
  kind: HitKind;
  /** For trade terms and cues: which kind of term. */
  termKind?: TermKind;
  /** ISO 639-1 language of the matched term, when known. */
  lang?: string;
  taxon?: TaxonRef;
  /** For trade terms: the taxon or commodity the term refers to. */
  refersTo?: string;
  /** Evasions undone to find it; empty for an exact mention. */
  tactics: Tactic[];
  editDistance: number;
  /** 0..1: how sure the matcher is that this is a real mention of the term. */
  confidence: number;
}
