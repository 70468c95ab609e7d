/**
 * How hits are marked on the annotated screenshot and named in the report's legend: one colour
 * per kind, the kinds and fill colours of trainer mode (src/engine/matcher/paint-kind.ts decides
 * the kind, src/content/trainer.ts paints the page with the same fills; a unit test keeps the two
 * in step), so an officer who trained with the painted page reads the boxes the same way.
 *
 * A box is the fill laid over the text like a highlighter (multiplied, so text stays legible)
 * with an outline in a darker shade of the same hue: pastel fills alone vanish on white pages.
 * Outlines have at least 3:1 contrast with white (WCAG non-text contrast), checked in the tests.
 */
import type { Hit } from '../matcher/hit';
import { PAINT_KINDS, paintKindOf, type PaintKind } from '../matcher/paint-kind';

export type AnnotationKind = PaintKind;
/** Legend order. */
export const ANNOTATION_KINDS: readonly AnnotationKind[] = PAINT_KINDS;

export interface AnnotationStyle {
  /** The legend's words (the English of trainer mode's legend). */
  label: string;
  /** Trainer mode's highlight colour. */
  fill: string;
  /** The box outline: a darker shade of the fill's hue. */
  line: string;
}

export const ANNOTATION_STYLES: Readonly<Record<AnnotationKind, AnnotationStyle>> = {
  app1: { label: 'Appendix I species', fill: '#ff8a80', line: '#c62828' },
  app2: { label: 'Appendix II species', fill: '#ffd180', line: '#b45309' },
  app3: { label: 'Appendix III species', fill: '#fff59d', line: '#857400' },
  product: { label: 'Product word', fill: '#b0bec5', line: '#546e7a' },
  evasion: { label: 'Misspelling or other disguise', fill: '#ea80fc', line: '#8e24aa' },
  code: { label: 'Code word', fill: '#80d8ff', line: '#0277bd' },
  hashtag: { label: 'Hashtag', fill: '#b9f6ca', line: '#2e7d32' },
  cue: { label: 'Sale or contact cue', fill: '#cfd8dc', line: '#616161' },
};

/**
 * The kind of a stored hit (hits.json is untrusted JSON: missing fields read as none), as trainer
 * mode would paint it.
 */
export function annotationKindOf(raw: unknown): AnnotationKind {
  const h = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof Hit, unknown>>;
  const taxon = h.taxon && typeof h.taxon === 'object' ? (h.taxon as Hit['taxon']) : undefined;
  const tactics = Array.isArray(h.tactics)
    ? h.tactics.filter((t): t is Hit['tactics'][number] => typeof t === 'string')
    : [];
  return paintKindOf({
    kind: (typeof h.kind === 'string' ? h.kind : 'trade-term') as Hit['kind'],
    tactics,
    taxon: taxon && typeof taxon.listing === 'string' ? taxon : undefined,
    termKind: typeof h.termKind === 'string' ? (h.termKind as Hit['termKind']) : undefined,
  });
}

/**
 * What the capture pipeline writes into `metadata.methods` under BOX_COLOURS_METHOD when it drew
 * the boxes by kind. Annotated screenshots taken before had every box in one magenta; the report
 * shows the colour legend only for screenshots that carry this.
 */
export const BOX_COLOURS_METHOD = 'boxColours';
export const BOX_COLOURS_BY_KIND = 'one colour per kind, as in trainer mode (fill and darker outline)';
