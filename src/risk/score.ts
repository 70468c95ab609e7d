/**
 * `scoreText`: a 0..100 sale-offer risk for one text (a page or a listing block) from the
 * matcher's hits and the extracted indicators, with the explanation. The rules are described in
 * weights.ts, next to the numbers they use.
 */
import type { Hit, Tactic } from '../matcher/hit';
import type { Indicator } from '../indicators/types';
import { ADJACENT_ONLY, COLOUR_TERMS, findContextCues, hashtagDiscussion, notTheMaterial, saleCueNegated, type Cue, type CueKind } from './cues';
import type { RiskScore, RiskSignal, SignalKind } from './types';
import { resolveWeights, type RiskWeights } from './weights';

export interface ScoreOptions {
  /** Agency overrides of the default weights. */
  weights?: Parameters<typeof resolveWeights>[0];
}

/** Tactics that show a deliberate disguise. Hashtags, accents and "P. regius" are ordinary writing. */
const EVASIVE_TACTICS: ReadonlySet<Tactic> = new Set(['misspelling', 'leetspeak', 'split-letters', 'homoglyph']);
const IDENTIFYING = new Set(['phone', 'email', 'messenger', 'social', 'crypto']);

interface Subject {
  hit: Hit;
  base: number;
  label: string;
  /** Material products ("ivory") are not negated by depiction words: an ivory figurine is ivory. */
  material: boolean;
  key: string;
  /** The imitation or depiction cue next to it, and the weight it removes. */
  negation?: Cue;
  removed: number;
}

/** Whether `cue` negates `subject`: imitation always, depiction only for animals (not materials). */
function negates(cue: Cue, subject: Subject, text: string, w: RiskWeights): boolean {
  if (cue.kind !== 'imitation' && (cue.kind !== 'depiction' || subject.material)) return false;
  const hit = subject.hit;
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
  return { hit, base: base * confidenceFactor(hit, w), removed: 0, label, material: product, key: hit.taxon ? `taxon:${hit.taxon.taxonId}` : `term:${hit.term.toLowerCase()}` };
}

/** A species named only by a one-word common name, not by its scientific name or a longer name. */
function isOneWordCommonName(hit: Hit): boolean {
  if (hit.kind !== 'species' || !hit.taxon || /\s/.test(hit.term.trim())) return false;
  return hit.term.toLowerCase() !== hit.taxon.name.toLowerCase();
}

const hasAccents = (s: string) => /\p{M}/u.test(s.normalize('NFD'));

/**
 * "bans" read as Vietnamese "bán": the term has accents and the written word has none (an inflected
 * or plural form of an unaccented word is not the accented term).
 */
const accentFolded = (hit: Hit) => hasAccents(hit.term) && !hasAccents(hit.text);

/**
 * The cue kind of a matcher hit. Cue words found through a misspelling or by dropping accents are
 * not taken: sellers do not disguise "for sale", and a near miss of a common word ("telling" for
 * "selling", "ban" for "bán") is noise.
 */
function cueKindOfHit(hit: Hit): CueKind | null {
  if (hit.termKind !== 'negation' && (hit.tactics.includes('misspelling') || hit.tactics.includes('accents') || accentFolded(hit))) return null;
  switch (hit.termKind) {
    case 'sale-cue':
    case 'buy-cue':
    case 'contact-cue':
      return hit.termKind;
    case 'negation':
      return /figurine|plush|print|toy|stamp/i.test(hit.term) ? 'depiction' : 'imitation';
    default:
      return null;
  }
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const distance = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  overlaps(a, b) ? 0 : a.end <= b.start ? b.start - a.end : a.start - b.end;

/** Adds signals of one group in order, each limited by what is left of the group's cap. */
function capped(signals: RiskSignal[], cap: number): RiskSignal[] {
  // Most groups of most texts are empty: no copy for them (this runs a dozen times per block).
  if (signals.length === 0) return signals;
  let left = cap;
  return signals.map((s) => {
    const weight = Math.max(0, Math.min(s.weight, left));
    left -= weight;
    return weight === s.weight ? s : { ...s, weight, note: s.note ?? (weight === 0 ? 'cap reached: not counted' : `capped from ${round(s.weight)}`) };
  });
}

const round = (n: number) => Math.round(n * 10) / 10;
/** The default weights, resolved once (most callers pass no overrides). */
const DEFAULTS: RiskWeights = resolveWeights();
const sum = (signals: RiskSignal[]) => signals.reduce((t, s) => t + s.weight, 0);

/**
 * Scores one text. `hits` come from the matcher and `indicators` from `extractIndicators`, both
 * with offsets into `text`.
 */
export function scoreText(text: string, hits: readonly Hit[], indicators: readonly Indicator[], options: ScoreOptions = {}): RiskScore {
  const w = options.weights ? resolveWeights(options.weights) : DEFAULTS;
  const usable = hits.filter((h) => h.confidence >= w.minConfidence);
  const signals: RiskSignal[] = [];
  const signal = (kind: SignalKind, label: string, span: { start: number; end: number }, weight: number, note?: string): RiskSignal => {
    const made: RiskSignal = { kind, label, text: text.slice(span.start, span.end), start: span.start, end: span.end, weight: round(weight) };
    if (note) made.note = note;
    return made;
  };

  // Cues: the matcher's cue and negation hits, then the scorer's own vocabulary where it does not
  // repeat a hit (a product hit "tusk" is not also a product-form cue).
  const cues: Cue[] = [];
  for (const hit of usable) {
    const kind = cueKindOfHit(hit);
    if (kind) cues.push({ kind, start: hit.start, end: hit.end, text: hit.text, term: hit.term.toLowerCase() });
  }
  // A context cue repeats a hit when it overlaps a cue hit, or (object words) a subject hit.
  const cueHits = usable.filter((h) => cueKindOfHit(h));
  const subjectHits = usable.filter((h) => h.taxon || h.termKind === 'product' || h.termKind === 'agency');
  for (const cue of findContextCues(text)) {
    if (cueHits.some((h) => overlaps(h, cue))) continue;
    if (cue.kind === 'product-form' && subjectHits.some((h) => overlaps(h, cue))) continue;
    cues.push(cue);
  }

  // 1. Subjects, each reduced by a negation next to it. The matcher already lowers the confidence
  // of a hit next to a negation word; that discount is undone here so that the scorer's own rule
  // (which knows that an ivory figurine is ivory) decides, and shows the negation in the signals.
  // Traps (Python the language) stay below minConfidence and are never revived.
  const negationHits = usable.filter((h) => h.termKind === 'negation');
  const subjects: Subject[] = [];
  for (const found of usable) {
    const nearNegation = negationHits.some((n) => distance(n, found) <= w.nearChars);
    const hit = nearNegation && (found.taxon || found.termKind === 'product') ? { ...found, confidence: Math.max(found.confidence, w.fullConfidence) } : found;
    const subject = subjectOf(hit, w);
    if (!subject) continue;
    if (COLOUR_TERMS.has(hit.term.toLowerCase())) {
      const reason = notTheMaterial(text, hit.start, hit.end);
      if (reason) {
        signals.push(signal('colour', `"${hit.text}" names a ${reason}, not the material`, hit, 0, 'not counted as a subject'));
        continue;
      }
    }
    subject.negation = cues.find((c) => negates(c, subject, text, w));
    if (subject.negation) subject.removed = subject.base * Math.min(1, subject.negation.kind === 'imitation' ? w.imitation : w.depiction);
    subjects.push(subject);
  }
  // The strongest remaining subject counts in full, each further distinct one adds a little.
  subjects.sort((a, b) => b.base - b.removed - (a.base - a.removed));
  const seenKeys = new Set<string>();
  const subjectSignals: RiskSignal[] = [];
  const negationSignals: RiskSignal[] = [];
  let counted = 0;
  for (const s of subjects) {
    const net = s.base - s.removed;
    const kind = s.material ? 'product' : 'taxon';
    if (seenKeys.has(s.key)) {
      subjectSignals.push(signal(kind, `${s.label}, again`, s.hit, 0, 'same subject already counted'));
      continue;
    }
    seenKeys.add(s.key);
    const first = counted === 0 && net > 0;
    const wanted = first ? net : Math.min(net, w.extraSubject);
    const weight = Math.max(0, Math.min(wanted, w.caps.subject - counted));
    counted += weight;
    const note = weight < wanted ? 'cap reached' : first || net <= 0 ? undefined : 'further subject';
    // The subject shows what it would add; the negation shows what it took away.
    subjectSignals.push(signal(kind, s.label, s.hit, weight + (s.removed > 0 ? Math.min(s.removed, s.base) : 0), note));
    if (s.negation) {
      const n = s.negation;
      negationSignals.push(signal(n.kind as SignalKind, `"${n.text}" next to "${s.hit.text}": ${n.kind}`, n, -Math.min(s.removed, s.base)));
    }
  }
  signals.push(...subjectSignals, ...negationSignals);
  const live = subjects.filter((s) => s.base - s.removed > 0);
  const hasSubject = live.length > 0;

  // 2. Product form next to a subject, and evasions that found a subject.
  const formSignals = cues
    .filter((c) => c.kind === 'product-form' && live.some((s) => distance(c, s.hit) <= w.nearChars))
    .map((c) => signal('product-form', `object word "${c.text}" next to the subject`, c, w.productForm));
  signals.push(...capped(dedupeByTerm(formSignals), w.caps.productForm));
  const evasionSignals = live
    .filter((s) => s.hit.tactics.some((t) => EVASIVE_TACTICS.has(t)))
    .map((s) => signal('evasion', `"${s.hit.text}" disguises "${s.hit.term}" (${s.hit.tactics.join(', ')})`, s.hit, w.evasion * confidenceFactor(s.hit, w)));
  signals.push(...capped(evasionSignals, w.caps.evasion));

  // 3. Commerce.
  const cueSignals = (kind: 'sale-cue' | 'buy-cue' | 'contact-cue', weight: number, cap: number) =>
    capped(
      dedupeByTerm(
        cues
          .filter((c) => c.kind === kind)
          .map((c) =>
            kind !== 'contact-cue' && saleCueNegated(text, c.start)
              ? signal(kind, `${kind.replace('-', ' ')} "${c.text}", negated`, c, 0, 'negated by the words before it')
              : signal(kind, `${kind.replace('-', ' ')} "${c.text}"`, c, weight),
          ),
      ),
      cap,
    );
  const linkSignals = hasSubject
    ? capped(cues.filter((c) => c.kind === 'link').map((c) => signal('link', 'link next to a wildlife mention', c, w.link)), w.caps.link)
    : [];
  const indicatorSignals = (pred: (i: Indicator) => boolean, kind: SignalKind, weight: number, cap: number) => {
    const found = indicators.filter(pred);
    if (found.length === 0) return found as never[];
    // The term (the normalised value) goes last: stripTerm takes it off again at the end.
    const made = found.map((i) => {
      const s: RiskSignal & { term?: string } = signal(kind, `${i.type} ${i.normalized}`, i, weight);
      s.term = i.normalized;
      return s;
    });
    return capped(dedupeByTerm(made), cap);
  };
  const commerce = [
    ...cueSignals('sale-cue', w.saleCue, w.caps.saleCue),
    ...cueSignals('buy-cue', w.buyCue, w.caps.buyCue),
    ...cueSignals('contact-cue', w.contactCue, w.caps.contactCue),
    ...indicatorSignals((i) => i.type === 'price', 'price', w.price, w.caps.price),
    ...indicatorSignals((i) => IDENTIFYING.has(i.type), 'contact', w.contact, w.caps.contact),
    ...indicatorSignals((i) => i.type === 'payment', 'payment', w.payment, w.caps.payment),
    ...indicatorSignals((i) => i.type === 'shipping', 'shipping', w.shipping, w.caps.shipping),
    ...linkSignals,
  ].sort((a, b) => a.start - b.start);
  const commerceCapped = capped(commerce, w.caps.commerce);
  signals.push(...commerceCapped);
  const hasCommerce = commerce.some((s) => !s.note?.startsWith('negated'));

  // 4. Code words, only beside a stronger signal.
  const strong = hasSubject || hasCommerce;
  const codeSignals = usable
    .filter((h) => h.termKind === 'code')
    .map((h) =>
      strong
        ? signal('code-word', `code word "${h.text}"${h.refersTo ? ` (${h.refersTo})` : ''}`, h, w.codeWord * confidenceFactor(h, w))
        : signal('code-word', `code word "${h.text}" alone`, h, 0, 'no stronger signal: not counted'),
    );
  signals.push(...capped(codeSignals, w.caps.codeWord));

  // 5. Discussion of the trade (news, advocacy, enforcement) subtracts; also in hashtags (#ivoryban).
  for (const hit of usable) {
    const stem = hit.kind === 'hashtag' ? hashtagDiscussion(hit.text) : null;
    if (stem && !cues.some((c) => c.kind === 'discussion' && overlaps(c, hit))) cues.push({ kind: 'discussion', start: hit.start, end: hit.end, text: hit.text, term: `#…${stem}` });
  }
  const discussion = capped(
    dedupeByTerm(cues.filter((c) => c.kind === 'discussion').map((c) => signal('discussion', `discussion word "${c.text}"`, c, w.discussion))),
    w.caps.discussion,
  ).map((s) => ({ ...s, weight: -s.weight }));
  signals.push(...discussion);

  let score = Math.max(0, Math.min(100, sum(signals)));
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
    signals: signals.map(stripTerm),
  };
}

/** Keeps the first signal per distinct term (lower-cased text); repeats are kept with weight 0. */
function dedupeByTerm<T extends RiskSignal & { term?: string }>(signals: T[]): T[] {
  if (signals.length === 0) return signals;
  const seen = new Set<string>();
  return signals.map((s) => {
    if (s.weight === 0) return s;
    const key = `${s.kind}:${(s.term ?? s.text).toLowerCase()}`;
    if (seen.has(key)) return { ...s, weight: 0, note: 'repeated: counted once' };
    seen.add(key);
    return s;
  });
}

function stripTerm(s: RiskSignal & { term?: string }): RiskSignal {
  if (!('term' in s)) return s;
  const { term: _term, ...rest } = s;
  return rest;
}
