/**
 * The judge's numbers and span tests: how sure a match of each kind of entry is before its
 * context is weighed, and how confident a lone one-word species name may stay. Pure functions.
 */
import {
  EF_SINGLE_WORD,
  EF_WEAK,
  EK_COMMON,
  EK_EXTRA_COMMON,
  EK_EXTRA_SYNONYM,
  EK_SCIENTIFIC,
  EK_SYNONYM,
  EK_TERM,
} from '../lexicon/format';
import type { TermKind } from './hit';
import type { Mention } from './mention-and-reading';

/**
 * Confidence of a one-word species name with no other mention or sale cue within reach: under the
 * detection line (0.5).
 */
export const ALONE_CONFIDENCE = 0.45;

/** How many tokens before a mention a negation still applies to it ("faux python skin"); after it, 2. */
export const NEGATION_REACH_TOKENS = 3;

/** What the judge knows of a mention's entry. */
export interface MentionTraits {
  entryKind: number;
  entryFlags: number;
  termKind: TermKind | undefined;
  /** A sale, buy or contact cue. */
  cue: boolean;
  negation: boolean;
  /** Counts only next to a stronger signal (weak terms, code words, lone misspellings, negations). */
  needsCompany: boolean;
  /** Neither a cue nor in need of company: itself company for others once confident enough. */
  strong: boolean;
  confidence: number;
}

/** Confidence before context: how often a match of this kind of entry is a real mention. */
export function baseConfidence(kind: number, flags: number, termKind: string | undefined): number {
  const single = (flags & EF_SINGLE_WORD) !== 0;
  switch (kind) {
    case EK_SCIENTIFIC:
      return single ? 0.8 : 0.95;
    case EK_SYNONYM:
    case EK_EXTRA_SYNONYM:
      return single ? 0.75 : 0.9;
    case EK_COMMON:
      return single ? 0.7 : 0.85;
    case EK_EXTRA_COMMON:
      return single ? 0.55 : 0.75;
  }
  switch (termKind) {
    case 'product':
      return flags & EF_WEAK ? 0.5 : 0.8;
    case 'code':
      return 0.45;
    case 'negation':
      return 0.5;
    case 'agency':
      return 0.75;
    default:
      return 0.6;
  }
}

/** A species mention on one word of the text, from a one-word name (genus, or a common name like "Tiger"). */
export function isOneWordSpecies(traits: MentionTraits, mention: Mention): boolean {
  const oneWordName = (traits.entryFlags & EF_SINGLE_WORD) !== 0;
  return traits.entryKind < EK_TERM && oneWordName && mention.firstToken === mention.lastToken && !mention.hashtagText;
}

/** True when a span of `spans` (flattened start, end pairs), not the mention's own, lies within `reach` of it. */
export function nearSpan(mention: Mention, spans: number[], reach: number): boolean {
  for (let i = 0; i < spans.length; i += 2) {
    if (spans[i] === mention.start && spans[i + 1] === mention.end) continue;
    if (spans[i] <= mention.end + reach && spans[i + 1] >= mention.start - reach) return true;
  }
  return false;
}
