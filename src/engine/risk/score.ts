/**
 * `scoreText`: a 0..100 sale-offer risk for one text (a page or a listing block) from the
 * matcher's hits and the extracted indicators, with the explanation. The rules are described in
 * weights.ts, next to the numbers they use.
 *
 * Written as small top-level functions with plain loops, no closures made per call: a page is
 * scored block by block, thousands of times, and V8 optimises small functions after a few hundred
 * calls. The one large function this was before (closures, filter/map chains, spreads) took
 * 0.3-1.4 s to optimise in the background and was thrown away again on new object shapes, so the
 * first page an officer opened was scored by the interpreter.
 */
import type { Hit, Tactic } from '../matcher/hit';
import type { Indicator } from '../indicators/types';
import { foldString } from '../matcher/chars';
import { isCommonEnglish } from '../matcher/common-english';
import { ADJACENT_ONLY, COLOUR_TERMS, ITEM_CUES, findContextCues, hashtagDiscussion, notTheMaterial, saleCueNegated, type Cue, type CueKind } from './cues';
import type { RiskScore, RiskSignal, SignalKind } from './types';
import { resolveWeights, type RiskWeights } from './weights';

export interface ScoreOptions {
  /** Agency overrides of the default weights. */
  weights?: Parameters<typeof resolveWeights>[0];
}

/** Tactics that show a deliberate disguise. Hashtags, accents and "P. regius" are ordinary writing. */
const EVASIVE_TACTICS: ReadonlySet<Tactic> = new Set(['misspelling', 'leetspeak', 'split-letters', 'homoglyph']);
const IDENTIFYING = new Set(['phone', 'email', 'messenger', 'social', 'crypto']);

interface Span {
  start: number;
  end: number;
}

interface Subject {
  hit: Hit;
  base: number;
  label: string;
  /** Material products ("ivory") are not negated by depiction words: an ivory figurine is ivory. */
  material: boolean;
  key: string;
  /** The imitation or depiction cue next to it, and the weight it removes. */
  negation: Cue | undefined;
  removed: number;
}

/** Whether `cue` negates `subject`: imitation always, depiction only for animals (not materials). */
function negates(cue: Cue, subject: Subject, text: string, w: RiskWeights): boolean {
  if (cue.kind !== 'imitation' && (cue.kind !== 'depiction' || subject.material)) return false;
  const hit = subject.hit;
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
const isSubjectHit = (hit: Hit) => Boolean(hit.taxon) || hit.termKind === 'product' || hit.termKind === 'agency';

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
  if (termKind !== 'sale-cue' && termKind !== 'buy-cue' && termKind !== 'contact-cue' && termKind !== 'negation') return null;
  const folded = (hit.tactics.includes('accents') || accentFolded(hit)) && !/\s/.test(hit.term) && !readInItsLanguage(hit, usable, text);
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
  const next = usable.some((o) => o.lang === hit.lang && o.start > hit.end && o.start <= hit.end + 3 && /^\s+$/.test(text.slice(hit.end, o.start)));
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

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const distance = (a: Span, b: Span) => (overlaps(a, b) ? 0 : a.end <= b.start ? b.start - a.end : a.start - b.end);

/** Whether any of `spans` overlaps `span`. */
function anyOverlaps(spans: readonly Span[], span: Span): boolean {
  for (const s of spans) if (overlaps(s, span)) return true;
  return false;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** One signal over `span` of `text`; `note` only when there is one (the key is absent otherwise). */
function signalOf(text: string, kind: SignalKind, label: string, span: Span, weight: number, note?: string): RiskSignal {
  const made: RiskSignal = { kind, label, text: text.slice(span.start, span.end), start: span.start, end: span.end, weight: round(weight) };
  if (note) made.note = note;
  return made;
}

/**
 * A copy of `s` with another weight and note, keys in the same order (a literal, not a spread:
 * spreads of these objects were a visible share of scoring on a fresh page).
 */
function withWeight(s: RiskSignal, weight: number, note: string | undefined): RiskSignal {
  const made: RiskSignal = { kind: s.kind, label: s.label, text: s.text, start: s.start, end: s.end, weight };
  if (note !== undefined) made.note = note;
  return made;
}

/** Adds signals of one group in order, each limited by what is left of the group's cap. */
function capped(signals: RiskSignal[], cap: number): RiskSignal[] {
  // Most groups of most texts are empty: no copy for them (this runs a dozen times per block).
  if (signals.length === 0) return signals;
  let left = cap;
  const out: RiskSignal[] = [];
  for (const s of signals) {
    const weight = Math.max(0, Math.min(s.weight, left));
    left -= weight;
    out.push(weight === s.weight ? s : withWeight(s, weight, s.note ?? (weight === 0 ? 'cap reached: not counted' : `capped from ${round(s.weight)}`)));
  }
  return out;
}

/**
 * Keeps the first signal per distinct term (`terms[i]`, else the signal's text, lower-cased);
 * repeats are kept with weight 0. Signals of one group only (one kind).
 */
function dedupeByTerm(signals: RiskSignal[], terms?: readonly string[]): RiskSignal[] {
  // One signal cannot repeat anything: most groups hold one or none.
  if (signals.length < 2) return signals;
  const seen = new Set<string>();
  const out: RiskSignal[] = [];
  for (let i = 0; i < signals.length; i++) {
    const s = signals[i];
    if (s.weight === 0) {
      out.push(s);
      continue;
    }
    const key = (terms ? terms[i] : s.text).toLowerCase();
    if (seen.has(key)) {
      out.push(withWeight(s, 0, 'repeated: counted once'));
      continue;
    }
    seen.add(key);
    out.push(s);
  }
  return out;
}

/** The default weights, resolved once (most callers pass no overrides). */
const DEFAULTS: RiskWeights = resolveWeights();

/** Hits the scorer reads (traps such as "Python" the language stay below minConfidence). */
function usableHits(hits: readonly Hit[], w: RiskWeights): Hit[] {
  const out: Hit[] = [];
  for (const h of hits) if (h.confidence >= w.minConfidence) out.push(h);
  return out;
}

/**
 * Cues: the matcher's cue and negation hits, then the scorer's own vocabulary where it does not
 * repeat a hit (a product hit "tusk" is not also a product-form cue): a context cue repeats a hit
 * when it overlaps a cue hit, or (object words) a subject hit.
 */
function gatherCues(text: string, usable: readonly Hit[]): Cue[] {
  const cues: Cue[] = [];
  const cueHits: Hit[] = [];
  const subjectHits: Hit[] = [];
  for (const hit of usable) {
    const kind = cueKindOfHit(hit, usable, text);
    if (kind) {
      cues.push({ kind, start: hit.start, end: hit.end, text: hit.text, term: hit.term.toLowerCase() });
      cueHits.push(hit);
    }
    if (isSubjectHit(hit)) subjectHits.push(hit);
  }
  for (const cue of findContextCues(text)) {
    if (anyOverlaps(cueHits, cue)) continue;
    if (cue.kind === 'product-form' && anyOverlaps(subjectHits, cue)) continue;
    cues.push(cue);
  }
  return cues;
}

/**
 * Subjects, each reduced by a negation next to it. The matcher already lowers the confidence of a
 * hit next to a negation word; that discount is undone here so that the scorer's own rule (which
 * knows that an ivory figurine is ivory) decides, and shows the negation in the signals. A product
 * word naming a colour or a place ("ivory silk") adds a 'colour' signal to `signals` instead.
 */
function findSubjects(text: string, usable: readonly Hit[], cues: readonly Cue[], w: RiskWeights, signals: RiskSignal[]): Subject[] {
  const negationHits: Hit[] = [];
  for (const h of usable) if (h.termKind === 'negation') negationHits.push(h);
  const subjects: Subject[] = [];
  for (const found of usable) {
    if (!isSubjectHit(found)) continue;
    let nearNegation = false;
    for (const n of negationHits) if (distance(n, found) <= w.nearChars) nearNegation = true;
    const hit = nearNegation && (found.taxon || found.termKind === 'product') ? { ...found, confidence: Math.max(found.confidence, w.fullConfidence) } : found;
    const subject = subjectOf(hit, w)!;
    if (COLOUR_TERMS.has(hit.term.toLowerCase())) {
      const reason = notTheMaterial(text, hit.start, hit.end);
      if (reason) {
        signals.push(signalOf(text, 'colour', `"${hit.text}" names a ${reason}, not the material`, hit, 0, 'not counted as a subject'));
        continue;
      }
    }
    for (const c of cues) {
      if (!negates(c, subject, text, w)) continue;
      subject.negation = c;
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
function subjectSignals(text: string, subjects: Subject[], w: RiskWeights, signals: RiskSignal[]): void {
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
    signals.push(signalOf(text, kind, s.label, s.hit, weight + (s.removed > 0 ? Math.min(s.removed, s.base) : 0), note));
    if (s.negation) {
      const n = s.negation;
      negations.push(signalOf(text, n.kind as SignalKind, `"${n.text}" next to "${s.hit.text}": ${n.kind}`, n, -Math.min(s.removed, s.base)));
    }
  }
  for (const n of negations) signals.push(n);
}

/** Product-form words next to a live subject, each counted once. */
function productFormSignals(text: string, cues: readonly Cue[], live: readonly Subject[], w: RiskWeights): RiskSignal[] {
  const made: RiskSignal[] = [];
  for (const c of cues) {
    if (c.kind !== 'product-form') continue;
    let near = false;
    for (const s of live) if (distance(c, s.hit) <= w.nearChars) near = true;
    if (near) made.push(signalOf(text, 'product-form', `object word "${c.text}" next to the subject`, c, w.productForm));
  }
  return capped(dedupeByTerm(made), w.caps.productForm);
}

/** Live subjects found through an evasion tactic. */
function evasionSignals(text: string, live: readonly Subject[], w: RiskWeights): RiskSignal[] {
  const made: RiskSignal[] = [];
  for (const s of live) {
    const hit = s.hit;
    if (!hit.tactics.some((t) => EVASIVE_TACTICS.has(t))) continue;
    made.push(signalOf(text, 'evasion', `"${hit.text}" disguises "${hit.term}" (${hit.tactics.join(', ')})`, hit, w.evasion * confidenceFactor(hit, w)));
  }
  return capped(made, w.caps.evasion);
}

/** How a cue kind reads in a signal's label. */
const CUE_WORDS = { 'sale-cue': 'sale cue', 'buy-cue': 'buy cue', 'contact-cue': 'contact cue' } as const;

/** Sale, buy or contact cues, each counted once; sale and buy cues count nothing when negated. */
function cueSignals(text: string, cues: readonly Cue[], kind: 'sale-cue' | 'buy-cue' | 'contact-cue', weight: number, cap: number): RiskSignal[] {
  const made: RiskSignal[] = [];
  for (const c of cues) {
    if (c.kind !== kind) continue;
    made.push(
      kind !== 'contact-cue' && saleCueNegated(text, c.start)
        ? signalOf(text, kind, `${CUE_WORDS[kind]} "${c.text}", negated`, c, 0, 'negated by the words before it')
        : signalOf(text, kind, `${CUE_WORDS[kind]} "${c.text}"`, c, weight),
    );
  }
  return capped(dedupeByTerm(made), cap);
}

/** Which indicators a commerce group takes. */
type IndicatorGroup = 'price' | 'contact' | 'payment' | 'shipping';

const inGroup = (i: Indicator, group: IndicatorGroup) => (group === 'contact' ? IDENTIFYING.has(i.type) : i.type === group);

/** One group of indicators as signals, each normalised value counted once. */
function indicatorSignals(text: string, indicators: readonly Indicator[], group: IndicatorGroup, weight: number, cap: number): RiskSignal[] {
  const made: RiskSignal[] = [];
  const terms: string[] = [];
  for (const i of indicators) {
    if (!inGroup(i, group)) continue;
    made.push(signalOf(text, group, `${i.type} ${i.normalized}`, i, weight));
    terms.push(i.normalized);
  }
  return made.length === 0 ? made : capped(dedupeByTerm(made, terms), cap);
}

/** Links, counted only in a text with a wildlife subject. */
function linkSignals(text: string, cues: readonly Cue[], hasSubject: boolean, w: RiskWeights): RiskSignal[] {
  if (!hasSubject) return [];
  const made: RiskSignal[] = [];
  for (const c of cues) if (c.kind === 'link') made.push(signalOf(text, 'link', 'link next to a wildlife mention', c, w.link));
  return capped(made, w.caps.link);
}

/** Every commerce signal, in text order (before the commerce cap). */
function commerceSignals(text: string, cues: readonly Cue[], indicators: readonly Indicator[], hasSubject: boolean, w: RiskWeights): RiskSignal[] {
  const groups = [
    cueSignals(text, cues, 'sale-cue', w.saleCue, w.caps.saleCue),
    cueSignals(text, cues, 'buy-cue', w.buyCue, w.caps.buyCue),
    cueSignals(text, cues, 'contact-cue', w.contactCue, w.caps.contactCue),
    indicatorSignals(text, indicators, 'price', w.price, w.caps.price),
    indicatorSignals(text, indicators, 'contact', w.contact, w.caps.contact),
    indicatorSignals(text, indicators, 'payment', w.payment, w.caps.payment),
    indicatorSignals(text, indicators, 'shipping', w.shipping, w.caps.shipping),
    linkSignals(text, cues, hasSubject, w),
  ];
  const all: RiskSignal[] = [];
  for (const g of groups) for (const s of g) all.push(s);
  // A stable sort: signals at the same start keep the group order above.
  return all.sort((a, b) => a.start - b.start);
}

/** Code words: counted only beside a stronger signal (a subject or commerce), else listed at 0. */
function codeWordSignals(text: string, usable: readonly Hit[], strong: boolean, w: RiskWeights): RiskSignal[] {
  const made: RiskSignal[] = [];
  for (const h of usable) {
    if (h.termKind !== 'code') continue;
    made.push(
      strong
        ? signalOf(text, 'code-word', `code word "${h.text}"${h.refersTo ? ` (${h.refersTo})` : ''}`, h, w.codeWord * confidenceFactor(h, w))
        : signalOf(text, 'code-word', `code word "${h.text}" alone`, h, 0, 'no stronger signal: not counted'),
    );
  }
  return capped(made, w.caps.codeWord);
}

/**
 * Discussion of the trade (news, advocacy, enforcement) subtracts; also in hashtags (#ivoryban),
 * which are added to `cues` as discussion cues.
 */
function discussionSignals(text: string, usable: readonly Hit[], cues: Cue[], w: RiskWeights): RiskSignal[] {
  for (const hit of usable) {
    const stem = hit.kind === 'hashtag' ? hashtagDiscussion(hit.text) : null;
    if (!stem) continue;
    let known = false;
    for (const c of cues) if (c.kind === 'discussion' && overlaps(c, hit)) known = true;
    if (!known) cues.push({ kind: 'discussion', start: hit.start, end: hit.end, text: hit.text, term: `#…${stem}` });
  }
  const made: RiskSignal[] = [];
  for (const c of cues) if (c.kind === 'discussion') made.push(signalOf(text, 'discussion', `discussion word "${c.text}"`, c, w.discussion));
  const counted = capped(dedupeByTerm(made), w.caps.discussion);
  const out: RiskSignal[] = [];
  for (const s of counted) out.push(withWeight(s, -s.weight, s.note));
  return out;
}

/**
 * Scores one text. `hits` come from the matcher and `indicators` from `extractIndicators`, both
 * with offsets into `text`.
 */
export function scoreText(text: string, hits: readonly Hit[], indicators: readonly Indicator[], options: ScoreOptions = {}): RiskScore {
  const w = options.weights ? resolveWeights(options.weights) : DEFAULTS;
  const usable = usableHits(hits, w);
  const signals: RiskSignal[] = [];
  const cues = gatherCues(text, usable);

  // 1. Subjects and their negations.
  const subjects = findSubjects(text, usable, cues, w, signals);
  subjectSignals(text, subjects, w, signals);
  const live: Subject[] = [];
  for (const s of subjects) if (s.base - s.removed > 0) live.push(s);
  const hasSubject = live.length > 0;

  // 2. Product form next to a subject, and evasions that found a subject.
  for (const s of productFormSignals(text, cues, live, w)) signals.push(s);
  for (const s of evasionSignals(text, live, w)) signals.push(s);

  // 3. Commerce.
  const commerce = commerceSignals(text, cues, indicators, hasSubject, w);
  for (const s of capped(commerce, w.caps.commerce)) signals.push(s);
  let hasCommerce = false;
  for (const s of commerce) if (!s.note?.startsWith('negated')) hasCommerce = true;

  // 4. Code words, only beside a stronger signal.
  for (const s of codeWordSignals(text, usable, hasSubject || hasCommerce, w)) signals.push(s);

  // 5. Discussion subtracts.
  for (const s of discussionSignals(text, usable, cues, w)) signals.push(s);

  let total = 0;
  for (const s of signals) total += s.weight;
  let score = Math.max(0, Math.min(100, total));
  let note: string | undefined;
  if (!hasSubject && score > w.noSubjectCap) {
    score = w.noSubjectCap;
    note = `no wildlife subject: score capped at ${w.noSubjectCap}`;
  }
  score = Math.round(score);
  signals.sort((a, b) => a.start - b.start || b.weight - a.weight);
  return {
    score,
    saleOffer: hasSubject && hasCommerce && score >= w.threshold,
    threshold: w.threshold,
    hasSubject,
    hasCommerce,
    ...(note ? { note } : {}),
    signals,
  };
}
