/**
 * Turns a judged mention into the Hit the rest of the extension reads (hit.ts): its kind, the
 * tactics undone (accents decided here, from the matched text and the term), and the entry's
 * term, language, taxon and reference.
 */
import { EK_TERM } from '../lexicon/format';
import { foldString, lowerKeepAccents } from '../text/fold';
import type { MentionTraits } from './confidence';
import { isAsciiRange, type EntryDetailsCache } from './entry-details';
import type { Hit, HitKind, Tactic } from './hit';
import { TACTIC_HASHTAG, TACTIC_HOMOGLYPH, TACTIC_LEETSPEAK, TACTIC_NAMES, type Mention } from './mention-and-reading';

export class HitBuilder {
  private readonly details: EntryDetailsCache;

  constructor(details: EntryDetailsCache) {
    this.details = details;
  }

  /** The hit of `mention` in `text`, with its entry's traits and its final confidence. */
  build(text: string, mention: Mention, traits: MentionTraits, confidence: number): Hit {
    const { entryKind, termKind, cue } = traits;
    const matched = text.slice(mention.start, mention.end);
    let kind: HitKind = entryKind < EK_TERM ? 'species' : cue ? 'cue' : 'trade-term';
    if (mention.hashtagText) kind = 'hashtag';
    const tactics: Tactic[] = [];
    if (mention.tactics !== 0) for (const [bit, name] of TACTIC_NAMES) if (mention.tactics & bit) tactics.push(name);
    if (termKind === 'code') tactics.push('code-word');
    const details = this.details.of(mention.entry);
    // Two ASCII spellings fold to their lower case in both readings: they cannot differ in accents
    // only; nor can two equal strings (a CJK hit is mostly its term as written).
    const lettersChanged = (mention.tactics & (TACTIC_LEETSPEAK | TACTIC_HOMOGLYPH | TACTIC_HASHTAG)) !== 0;
    const exactLetters = mention.editDistance === 0 && !lettersChanged;
    const bothAscii = details.ascii && isAsciiRange(text, mention.start, mention.end);
    if (exactLetters && !bothAscii && matched !== details.term && differsOnlyInAccents(matched, details.term)) {
      tactics.push('accents');
    }
    const hit: Hit = {
      start: mention.start,
      end: mention.end,
      text: matched,
      term: details.term,
      kind,
      tactics,
      editDistance: mention.editDistance,
      confidence,
    };
    if (termKind) hit.termKind = termKind;
    if (details.lang) hit.lang = details.lang;
    if (details.refersTo) hit.refersTo = details.refersTo;
    if (details.taxon) hit.taxon = details.taxon;
    return hit;
  }
}

/** True when two spellings have the same letters once accents are dropped, but not with them. */
function differsOnlyInAccents(a: string, b: string): boolean {
  const lowerA = lettersOf(lowerKeepAccents(a));
  const lowerB = lettersOf(lowerKeepAccents(b));
  return lowerA !== lowerB && lettersOf(foldString(a)) === lettersOf(foldString(b));
}

/** The letters and digits of s. */
function lettersOf(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '');
}
