/**
 * What the parts of the matcher hand each other: a Mention (a name found in the text, before the
 * judge weighs it and turns it into a Hit), a Reading (an evasive reading of a token span, before
 * the reading walk follows names through it) and the tactic bits both carry.
 */
import type { Tactic } from './hit';

// Tactic bits, in the order of the Tactic union (hit.ts). 32 would be "accents", which no reader
// sets: the judge decides it from the matched text and the term.
export const TACTIC_MISSPELLING = 1;
export const TACTIC_ABBREVIATED_GENUS = 2;
export const TACTIC_LEETSPEAK = 4;
export const TACTIC_SPLIT_LETTERS = 8;
export const TACTIC_HOMOGLYPH = 16;
export const TACTIC_HASHTAG = 64;

/** Each tactic bit with the name a hit reports, in the order hits list them. */
export const TACTIC_NAMES: readonly (readonly [number, Tactic])[] = [
  [TACTIC_MISSPELLING, 'misspelling'],
  [TACTIC_ABBREVIATED_GENUS, 'abbreviated-genus'],
  [TACTIC_LEETSPEAK, 'leetspeak'],
  [TACTIC_SPLIT_LETTERS, 'split-letters'],
  [TACTIC_HOMOGLYPH, 'homoglyph'],
  [TACTIC_HASHTAG, 'hashtag'],
];

/** A name found in the text, before it becomes a Hit. */
export interface Mention {
  /** UTF-16 offsets into the text, [start, end). */
  start: number;
  end: number;
  /** The tokens it spans, first to last. */
  firstToken: number;
  lastToken: number;
  /** The lexicon entry it stands for; -1 once a longer evasive name has replaced it. */
  entry: number;
  /** Tactic bits of the evasions undone to find it; 0 for an exact mention. */
  tactics: number;
  editDistance: number;
  /** A name found only through misspellings (one word, or every word misspelled): needs company. */
  weakMisspelling: boolean;
  /** The whole hashtag as written, for the mention that stands for a hashtag. */
  hashtagText?: string;
  /** An abbreviated genus chosen among several without the text naming it. */
  guessedGenus?: boolean;
}

/** A word reading of a token span that is not its plain lookup: a decoded, repaired or joined word. */
export interface Reading {
  firstToken: number;
  lastToken: number;
  /** The lexicon word it reads as. */
  word: number;
  /** Tactic bits of the evasion that gives this reading. */
  tactics: number;
  editDistance: number;
}

/** Text order; the longer of two mentions at the same start first. */
export function byPosition(a: Mention, b: Mention): number {
  return a.start - b.start || b.end - a.end;
}

/** True when mentions are already sorted byPosition (sorting a sorted array still compares every pair). */
export function inTextOrder(mentions: Mention[]): boolean {
  for (let i = 1; i < mentions.length; i++) if (byPosition(mentions[i - 1], mentions[i]) > 0) return false;
  return true;
}
