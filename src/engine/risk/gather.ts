/**
 * What the scorer reads from a text: the matcher hits it trusts, and the cues, which are the
 * matcher's cue and negation hits merged with the context vocabulary of cues.ts. Which written
 * words count as a cue at all (misspellings, words typed without their accents) is decided here.
 */
import type { Hit } from '../matcher/hit';
import { foldString } from '../text/fold';
import { isCommonEnglish } from '../matcher/common-english';
import { cueNegated, findContextCues, type Cue, type CueKind } from './cues';
import { anyOverlaps } from './signals';
import { isSubjectHit } from './subjects';
import type { RiskWeights } from './weights';

/** Hits the scorer reads (traps such as "Python" the language stay below minConfidence). */
export function usableHits(hits: readonly Hit[], w: RiskWeights): Hit[] {
  const out: Hit[] = [];
  for (const h of hits) if (h.confidence >= w.minConfidence) out.push(h);
  return out;
}

/** Whether `s` has a diacritic once decomposed. ASCII has none: no normalising needed for it. */
function hasAccents(s: string): boolean {
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) < 0x80;
  return !ascii && /\p{M}/u.test(s.normalize('NFD'));
}

/** `hasAccents` of lexicon terms, which recur on every page (bounded: cleared when full). */
const TERM_ACCENTS = new Map<string, boolean>();
const TERM_ACCENTS_MAX = 4096;

function termHasAccents(term: string): boolean {
  let known = TERM_ACCENTS.get(term);
  if (known === undefined) {
    known = hasAccents(term);
    if (TERM_ACCENTS.size >= TERM_ACCENTS_MAX) TERM_ACCENTS.clear();
    TERM_ACCENTS.set(term, known);
  }
  return known;
}

/**
 * "bans" read as Vietnamese "bán": the term has accents and the written word has none (an inflected
 * or plural form of an unaccented word is not the accented term).
 */
const accentFolded = (hit: Hit) => termHasAccents(hit.term) && !hasAccents(hit.text);

/**
 * The cue kind of a matcher hit. Cue words found through a misspelling are not taken: sellers do
 * not disguise "for sale", and a near miss of a common word ("telling" for "selling") is noise. Nor
 * is one word found by dropping its accents ("ban" for "bán"), unless it reads in its language
 * (readInItsLanguage: "Ban te te java", the pangolin named in Vietnamese). A phrase of several is
 * taken, since Vietnamese is often typed without accents ("ship toan quoc", "lien he") and such a
 * phrase is no English word.
 */
function cueKindOfHit(hit: Hit, usable: readonly Hit[], text: string): CueKind | null {
  const termKind = hit.termKind;
  // Only cue and negation terms make cues: the evasion checks below are for them alone.
  if (termKind !== 'sale-cue' && termKind !== 'buy-cue' && termKind !== 'contact-cue' && termKind !== 'negation') {
    return null;
  }
  const folded =
    (hit.tactics.includes('accents') || accentFolded(hit)) &&
    !/\s/.test(hit.term) &&
    !readInItsLanguage(hit, usable, text);
  if (termKind !== 'negation' && (hit.tactics.includes('misspelling') || folded)) return null;
  if (termKind === 'negation') return /figurine|plush|print|toy|stamp/i.test(hit.term) ? 'depiction' : 'imitation';
  return termKind;
}

/**
 * A word typed without its accents that is the cue of its language after all: written as the term
 * without accents (not "Bans"), right before another hit in the same language ("Ban cu li", the
 * slow loris named in Vietnamese), on a line that is not mostly English ("Vietnam to ban cu li
 * trade" is English).
 */
function readInItsLanguage(hit: Hit, usable: readonly Hit[], text: string): boolean {
  if (!hit.lang || foldString(hit.text) !== foldString(hit.term)) return false;
  const next = usable.some(
    (o) =>
      o.lang === hit.lang && o.start > hit.end && o.start <= hit.end + 3 && /^\s+$/.test(text.slice(hit.end, o.start)),
  );
  if (!next) return false;
  // Its own line (a post, a title), at most 300 characters either side.
  const from = Math.max(text.lastIndexOf('\n', hit.start) + 1, hit.start - 300);
  const lineEnd = text.indexOf('\n', hit.end);
  return !mostlyEnglish(text.slice(from, Math.min(lineEnd < 0 ? text.length : lineEnd, hit.end + 300)));
}

/** Whether at least half of the words of `text` are common English ones. */
function mostlyEnglish(text: string): boolean {
  let words = 0;
  let english = 0;
  for (const m of text.matchAll(/\p{L}+/gu)) {
    words++;
    if (isCommonEnglish(foldString(m[0]))) english++;
  }
  return english * 2 >= words;
}

/**
 * Cues: the matcher's cue and negation hits, then the scorer's own vocabulary where it does not
 * repeat a hit (a product hit "tusk" is not also a product-form cue): a context cue repeats a hit
 * when it overlaps a cue hit, or (object words) a subject hit.
 */
export function gatherCues(text: string, usable: readonly Hit[]): Cue[] {
  const cues: Cue[] = [];
  const cueHits: Hit[] = [];
  const subjectHits: Hit[] = [];
  for (const hit of usable) {
    const kind = cueKindOfHit(hit, usable, text);
    if (kind) {
      const term = hit.term.toLowerCase();
      const negated = cueNegated(kind, text, hit.start);
      cues.push({ kind, start: hit.start, end: hit.end, text: hit.text, term, negated });
      cueHits.push(hit);
    }
    if (isSubjectHit(hit)) subjectHits.push(hit);
  }
  const covers: Cue[] = [];
  for (const cue of findContextCues(text)) {
    if (anyOverlaps(cueHits, cue)) continue;
    if (cue.kind === 'product-form' && anyOverlaps(subjectHits, cue)) continue;
    if (cue.kind === 'cover') covers.push(cue);
    cues.push(cue);
  }
  // "pre-ban" claims a date before a ban: no discussion of one.
  if (covers.length) return cues.filter((c) => c.kind !== 'discussion' || !anyOverlaps(covers, c));
  return cues;
}
