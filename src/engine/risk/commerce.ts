/**
 * Commerce: what makes a text an offer rather than a mention. Sale, buy and contact cues (a sale or
 * buy cue negated by the words before it counts nothing), prices, identifying contacts, payment
 * channels, shipping companies, and links beside a subject; each group capped.
 */
import type { Indicator } from '../indicators/types';
import type { Cue } from './cues';
import { capped, dedupeByTerm, signalOf } from './signals';
import type { RiskSignal } from './types';
import type { RiskWeights } from './weights';

const IDENTIFYING = new Set(['phone', 'email', 'messenger', 'social', 'crypto']);

/** How a cue kind reads in a signal's label. */
const CUE_WORDS = { 'sale-cue': 'sale cue', 'buy-cue': 'buy cue', 'contact-cue': 'contact cue' } as const;

/** Sale, buy or contact cues, each counted once; a negated sale or buy cue counts nothing. */
function cueSignals(
  text: string,
  cues: readonly Cue[],
  kind: 'sale-cue' | 'buy-cue' | 'contact-cue',
  weight: number,
  cap: number,
): RiskSignal[] {
  const made: RiskSignal[] = [];
  for (const c of cues) {
    if (c.kind !== kind) continue;
    made.push(
      c.negated
        ? signalOf(text, kind, `${CUE_WORDS[kind]} "${c.text}", negated`, c, 0, 'negated by the words before it')
        : signalOf(text, kind, `${CUE_WORDS[kind]} "${c.text}"`, c, weight),
    );
  }
  return capped(dedupeByTerm(made), cap);
}

/** Which indicators a commerce group takes. */
type IndicatorGroup = 'price' | 'contact' | 'payment' | 'shipping';

const inGroup = (i: Indicator, group: IndicatorGroup) =>
  group === 'contact' ? IDENTIFYING.has(i.type) : i.type === group;

/** One group of indicators as signals, each normalised value counted once. */
function indicatorSignals(
  text: string,
  indicators: readonly Indicator[],
  group: IndicatorGroup,
  weight: number,
  cap: number,
): RiskSignal[] {
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
  for (const c of cues) {
    if (c.kind === 'link') made.push(signalOf(text, 'link', 'link next to a wildlife mention', c, w.link));
  }
  return capped(made, w.caps.link);
}

/** A text's commerce: its signals, and whether there is any. */
export interface Commerce {
  /** Every commerce signal, in text order (before the commerce cap). */
  signals: RiskSignal[];
  /** Whether any of the signals is commerce: all are but those of negated cues ("would never sell"). */
  found: boolean;
}

/** A sale, buy or contact cue that is not negated. */
const isCommerceCue = (c: Cue) =>
  (c.kind === 'sale-cue' || c.kind === 'buy-cue' || c.kind === 'contact-cue') && !c.negated;

/** The commerce signals of a text, and whether it has commerce. */
export function commerceOf(
  text: string,
  cues: readonly Cue[],
  indicators: readonly Indicator[],
  hasSubject: boolean,
  w: RiskWeights,
): Commerce {
  const cueGroups = [
    cueSignals(text, cues, 'sale-cue', w.saleCue, w.caps.saleCue),
    cueSignals(text, cues, 'buy-cue', w.buyCue, w.caps.buyCue),
    cueSignals(text, cues, 'contact-cue', w.contactCue, w.caps.contactCue),
  ];
  const otherGroups = [
    indicatorSignals(text, indicators, 'price', w.price, w.caps.price),
    indicatorSignals(text, indicators, 'contact', w.contact, w.caps.contact),
    indicatorSignals(text, indicators, 'payment', w.payment, w.caps.payment),
    indicatorSignals(text, indicators, 'shipping', w.shipping, w.caps.shipping),
    linkSignals(text, cues, hasSubject, w),
  ];
  // Each cue of the cue groups made one signal; indicators and links are never negated.
  let found = false;
  for (const c of cues) if (isCommerceCue(c)) found = true;
  for (const g of otherGroups) if (g.length > 0) found = true;
  const signals: RiskSignal[] = [];
  for (const g of cueGroups) for (const s of g) signals.push(s);
  for (const g of otherGroups) for (const s of g) signals.push(s);
  // A stable sort: signals at the same start keep the group order above.
  signals.sort((a, b) => a.start - b.start);
  return { signals, found };
}
