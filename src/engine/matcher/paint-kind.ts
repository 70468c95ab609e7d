import type { Hit } from './hit';

/** The colour classes of trainer mode, in legend order. */
export const PAINT_KINDS = ['app1', 'app2', 'app3', 'product', 'evasion', 'code', 'hashtag', 'cue'] as const;
export type PaintKind = (typeof PAINT_KINDS)[number];

/** The strictest appendix of a listing such as "I/II" or "II/NC": 1, 2, 3, or 0 when none. */
export function strictestAppendix(listing: string | undefined): 0 | 1 | 2 | 3 {
  const parts = (listing ?? '').split('/').map((p) => p.trim());
  if (parts.includes('I')) return 1;
  if (parts.includes('II')) return 2;
  if (parts.includes('III')) return 3;
  return 0;
}

/**
 * The colour a hit is painted with: cues and hashtags by kind, code words and other evasions by
 * tactic (the disguise is what a trainee should notice), else the taxon's strictest appendix.
 */
export function paintKindOf(hit: Pick<Hit, 'kind' | 'tactics' | 'taxon' | 'termKind'>): PaintKind {
  if (hit.kind === 'cue') return 'cue';
  if (hit.kind === 'hashtag') return 'hashtag';
  if (hit.tactics.includes('code-word') || hit.termKind === 'code') return 'code';
  if (hit.tactics.length > 0) return 'evasion';
  const appendix = strictestAppendix(hit.taxon?.listing);
  return appendix === 1 ? 'app1' : appendix === 2 ? 'app2' : appendix === 3 ? 'app3' : 'product';
}
