/**
 * What a text is about: its wildlife subjects (listed taxa, product words, agency keywords), each
 * weighed by appendix and confidence and cancelled by an imitation, depiction or fossil word beside it;
 * then what describes a live subject (object words, a disguised name) and the code words that
 * stand for one.
 */
import type { Hit, Tactic } from '../matcher/hit';
import { ADJACENT_ONLY, COLOUR_TERMS, ITEM_CUES, notTheMaterial, type Cue } from './cues';
import { capped, dedupeByTerm, distance, signalOf } from './signals';
import type { RiskSignal, SignalKind } from './types';
import type { RiskWeights } from './weights';

/** Tactics that show a deliberate disguise. Hashtags, accents and "P. regius" are ordinary writing. */
const EVASIVE_TACTICS: ReadonlySet<Tactic> = new Set(['misspelling', 'leetspeak', 'split-letters', 'homoglyph']);

export interface Subject {
  hit: Hit;
  base: number;
  label: string;
  /** Material products ("ivory") are not negated by depiction words: an ivory figurine is ivory. */
  material: boolean;
  key: string;
  /** The imitation, depiction or fossil cue next to it, and the weight it removes. */
  negation: Cue | undefined;
  removed: number;
}

/** Ivory product words in the languages of the seed list. */
const IVORY_TERMS = /ivory|ivoire|marfil|elfenbein|gading|ngà|象牙/i;

/**
 * Whether `cue` negates `subject`: imitation and fossil words always (a fossil shark tooth is no
 * specimen of a listed species), depiction words only for animals (not materials).
 */
function negates(cue: Cue, subject: Subject, text: string, w: RiskWeights): boolean {
  if (cue.kind !== 'imitation' && cue.kind !== 'fossil' && (cue.kind !== 'depiction' || subject.material)) return false;
  const hit = subject.hit;
  // "Fossil ivory" is mammoth ivory, a known cover for elephant ivory: the ivory keeps its weight.
  if (cue.kind === 'fossil' && IVORY_TERMS.test(hit.term)) return false;
  // A negation speaks of the item on its own line (a title, a listing row), not the next one.
  if (text.slice(Math.min(cue.end, hit.end), Math.max(cue.start, hit.start)).includes('\n')) return false;
  if (ITEM_CUES.has(cue.term)) return distance(cue, hit) <= w.itemChars;
  if (!ADJACENT_ONLY.has(cue.term)) return distance(cue, hit) <= w.nearChars;
  // "croc print", "ivory-look": at most one word between.
  const between = cue.start >= hit.end ? text.slice(hit.end, cue.start) : text.slice(cue.end, hit.start);
  return /^[\s\-]*(?:\p{L}+[\s\-]+)?$/u.test(between);
}

function listingWeight(listing: string, w: RiskWeights): { weight: number; appendix: string } {
  // "I/II", "II/NC": the highest appendix named counts.
  const parts = listing.split('/').map((p) => p.trim());
  if (parts.includes('I')) return { weight: w.taxon.I, appendix: 'I' };
  if (parts.includes('II')) return { weight: w.taxon.II, appendix: 'II' };
  if (parts.includes('III')) return { weight: w.taxon.III, appendix: 'III' };
  return { weight: w.taxon.other, appendix: listing || 'not listed' };
}

/** 1 at or above `fullConfidence`, proportional below. */
const confidenceFactor = (hit: Hit, w: RiskWeights) => Math.min(1, hit.confidence / w.fullConfidence);

/** A listed taxon, a product word or an agency keyword: what an offer is about. */
export const isSubjectHit = (hit: Hit) => Boolean(hit.taxon) || hit.termKind === 'product' || hit.termKind === 'agency';

function subjectOf(hit: Hit, w: RiskWeights): Subject | null {
  const product = hit.termKind === 'product' || hit.termKind === 'agency';
  if (!hit.taxon && !product) return null;
  let base = 0;
  let label = '';
  if (hit.taxon) {
    const { weight, appendix } = listingWeight(hit.taxon.listing, w);
    base = isOneWordCommonName(hit) ? weight * w.oneWordCommonName : weight;
    label = `Appendix ${appendix} taxon "${hit.taxon.name}"`;
  }
  if (product) {
    // A product word that resolves to a taxon ("ivory" -> Loxodonta africana) weighs as the higher of the two.
    base = Math.max(base, w.product);
    label = `product word "${hit.term}"${hit.taxon ? ` -> ${label}` : hit.refersTo ? ` (${hit.refersTo})` : ''}`;
  }
  const key = hit.taxon ? `taxon:${hit.taxon.taxonId}` : `term:${hit.term.toLowerCase()}`;
  return { hit, base: base * confidenceFactor(hit, w), removed: 0, label, material: product, key, negation: undefined };
}

/** A species named only by a one-word common name, not by its scientific name or a longer name. */
function isOneWordCommonName(hit: Hit): boolean {
  if (hit.kind !== 'species' || !hit.taxon || /\s/.test(hit.term.trim())) return false;
  return hit.term.toLowerCase() !== hit.taxon.name.toLowerCase();
}

/**
 * Subjects, each reduced by a negation next to it. The matcher already lowers the confidence of a
 * hit next to a negation word; that discount is undone here so that the scorer's own rule (which
 * knows that an ivory figurine is ivory) decides, and shows the negation in the signals. A product
 * word naming a colour or a place ("ivory silk") adds a 'colour' signal to `signals` instead.
 */
export function findSubjects(
  text: string,
  usable: readonly Hit[],
  cues: readonly Cue[],
  w: RiskWeights,
  signals: RiskSignal[],
): Subject[] {
  const negationHits: Hit[] = [];
  for (const h of usable) if (h.termKind === 'negation') negationHits.push(h);
  const subjects: Subject[] = [];
  for (const found of usable) {
    if (!isSubjectHit(found)) continue;
    let nearNegation = false;
    for (const n of negationHits) if (distance(n, found) <= w.nearChars) nearNegation = true;
    const undo = nearNegation && (found.taxon || found.termKind === 'product');
    const hit = undo ? { ...found, confidence: Math.max(found.confidence, w.fullConfidence) } : found;
    const subject = subjectOf(hit, w)!;
    if (COLOUR_TERMS.has(hit.term.toLowerCase())) {
      const reason = notTheMaterial(text, hit.start, hit.end);
      if (reason) {
        const label = `"${hit.text}" names a ${reason}, not the material`;
        signals.push(signalOf(text, 'colour', label, hit, 0, 'not counted as a subject'));
        continue;
      }
    }
    for (const c of cues) {
      if (!negates(c, subject, text, w)) continue;
      subject.negation = c;
      // A fossil weighs like a depiction: it is not the animal.
      subject.removed = subject.base * Math.min(1, c.kind === 'imitation' ? w.imitation : w.depiction);
      break;
    }
    subjects.push(subject);
  }
  return subjects;
}

/**
 * The subject signals: the strongest remaining subject counts in full, each further distinct one
 * adds a little; then the negations. Sorts `subjects` strongest first.
 */
export function subjectSignals(text: string, subjects: Subject[], w: RiskWeights, signals: RiskSignal[]): void {
  subjects.sort((a, b) => b.base - b.removed - (a.base - a.removed));
  const seenKeys = new Set<string>();
  const negations: RiskSignal[] = [];
  let counted = 0;
  for (const s of subjects) {
    const net = s.base - s.removed;
    const kind = s.material ? 'product' : 'taxon';
    if (seenKeys.has(s.key)) {
      signals.push(signalOf(text, kind, `${s.label}, again`, s.hit, 0, 'same subject already counted'));
      continue;
    }
    seenKeys.add(s.key);
    const first = counted === 0 && net > 0;
    const wanted = first ? net : Math.min(net, w.extraSubject);
    const weight = Math.max(0, Math.min(wanted, w.caps.subject - counted));
    counted += weight;
    const note = weight < wanted ? 'cap reached' : first || net <= 0 ? undefined : 'further subject';
    // The subject shows what it would add; the negation shows what it took away.
    const removed = s.removed > 0 ? Math.min(s.removed, s.base) : 0;
    signals.push(signalOf(text, kind, s.label, s.hit, weight + removed, note));
    if (s.negation) {
      const n = s.negation;
      const what = n.kind === 'fossil' ? 'a fossil, not a specimen of a listed species' : n.kind;
      const label = `"${n.text}" next to "${s.hit.text}": ${what}`;
      // A fossil is shown as a depiction: a likeness of the animal, not a specimen of it.
      const kind: SignalKind = n.kind === 'fossil' ? 'depiction' : (n.kind as SignalKind);
      negations.push(signalOf(text, kind, label, n, -Math.min(s.removed, s.base)));
    }
  }
  for (const n of negations) signals.push(n);
}

/** Product-form words next to a live subject, each counted once. */
export function productFormSignals(
  text: string,
  cues: readonly Cue[],
  live: readonly Subject[],
  w: RiskWeights,
): RiskSignal[] {
  const made: RiskSignal[] = [];
  for (const c of cues) {
    if (c.kind !== 'product-form') continue;
    let near = false;
    for (const s of live) if (distance(c, s.hit) <= w.nearChars) near = true;
    if (!near) continue;
    made.push(signalOf(text, 'product-form', `object word "${c.text}" next to the subject`, c, w.productForm));
  }
  return capped(dedupeByTerm(made), w.caps.productForm);
}

/** Live subjects found through an evasion tactic. */
export function evasionSignals(text: string, live: readonly Subject[], w: RiskWeights): RiskSignal[] {
  const made: RiskSignal[] = [];
  for (const s of live) {
    const hit = s.hit;
    if (!hit.tactics.some((t) => EVASIVE_TACTICS.has(t))) continue;
    const label = `"${hit.text}" disguises "${hit.term}" (${hit.tactics.join(', ')})`;
    made.push(signalOf(text, 'evasion', label, hit, w.evasion * confidenceFactor(hit, w)));
  }
  return capped(made, w.caps.evasion);
}

/** Code words: counted only beside a stronger signal (a subject or commerce), else listed at 0. */
export function codeWordSignals(text: string, usable: readonly Hit[], strong: boolean, w: RiskWeights): RiskSignal[] {
  const made: RiskSignal[] = [];
  for (const h of usable) {
    if (h.termKind !== 'code') continue;
    if (strong) {
      const label = `code word "${h.text}"${h.refersTo ? ` (${h.refersTo})` : ''}`;
      made.push(signalOf(text, 'code-word', label, h, w.codeWord * confidenceFactor(h, w)));
    } else {
      made.push(signalOf(text, 'code-word', `code word "${h.text}" alone`, h, 0, 'no stronger signal: not counted'));
    }
  }
  return capped(made, w.caps.codeWord);
}
