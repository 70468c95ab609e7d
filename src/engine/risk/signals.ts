/**
 * Making signals, and the rules every group of them follows: a group adds at most its cap, and a
 * term repeated within a group counts once. Also the span arithmetic the rules measure with.
 */
import type { RiskSignal, SignalKind } from './types';

/** A stretch of the scored text, as UTF-16 offsets [start, end). */
export interface Span {
  start: number;
  end: number;
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Characters between two spans (0 when they overlap). */
export const distance = (a: Span, b: Span) =>
  overlaps(a, b) ? 0 : a.end <= b.start ? b.start - a.end : a.start - b.end;

/** Whether any of `spans` overlaps `span`. */
export function anyOverlaps(spans: readonly Span[], span: Span): boolean {
  for (const s of spans) if (overlaps(s, span)) return true;
  return false;
}

export const round = (n: number) => Math.round(n * 10) / 10;

/** One signal over `span` of `text`; `note` only when there is one (the key is absent otherwise). */
export function signalOf(
  text: string,
  kind: SignalKind,
  label: string,
  span: Span,
  weight: number,
  note?: string,
): RiskSignal {
  const made: RiskSignal = {
    kind,
    label,
    text: text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    weight: round(weight),
  };
  if (note) made.note = note;
  return made;
}

/**
 * A copy of `s` with another weight and note, keys in the same order (a literal, not a spread:
 * spreading these objects is a visible share of scoring a fresh page).
 */
export function withWeight(s: RiskSignal, weight: number, note: string | undefined): RiskSignal {
  const made: RiskSignal = { kind: s.kind, label: s.label, text: s.text, start: s.start, end: s.end, weight };
  if (note !== undefined) made.note = note;
  return made;
}

/** Adds signals of one group in order, each limited by what is left of the group's cap. */
export function capped(signals: RiskSignal[], cap: number): RiskSignal[] {
  // Most groups of most texts are empty: no copy for them (this runs a dozen times per block).
  if (signals.length === 0) return signals;
  let left = cap;
  const out: RiskSignal[] = [];
  for (const s of signals) {
    const weight = Math.max(0, Math.min(s.weight, left));
    left -= weight;
    if (weight === s.weight) {
      out.push(s);
      continue;
    }
    const note = s.note ?? (weight === 0 ? 'cap reached: not counted' : `capped from ${round(s.weight)}`);
    out.push(withWeight(s, weight, note));
  }
  return out;
}

/**
 * Keeps the first signal per distinct term (`terms[i]`, else the signal's text, lower-cased);
 * repeats are kept with weight 0. Signals of one group only (one kind).
 */
export function dedupeByTerm(signals: RiskSignal[], terms?: readonly string[]): RiskSignal[] {
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
