import type { HitKind } from '../../../engine/matcher/hit';
import type { HitView } from '../../../messaging/routes/detection';
import { strictestAppendix } from '../../../engine/matcher/paint-kind';

/** The side panel's filters. '' means any. */
export interface HitFilter {
  kind: HitKind | '';
  /** '1', '2', '3', 'none' (not a listed taxon), or '' for any. */
  appendix: '' | '1' | '2' | '3' | 'none';
}

/** Hits about one taxon (or one term when no taxon is known). */
export interface HitGroup {
  key: string;
  name: string;
  listing: string;
  annotation?: string;
  kind: HitKind;
  hits: HitView[];
  tactics: string[];
}

/** True when a hit passes the filters. */
export function passes(hit: HitView, filter: HitFilter): boolean {
  if (filter.kind && hit.kind !== filter.kind) return false;
  if (filter.appendix) {
    const a = strictestAppendix(hit.taxon?.listing);
    if (filter.appendix === 'none' ? a !== 0 : String(a) !== filter.appendix) return false;
  }
  return true;
}

/**
 * Groups hits by taxon (else by term), strictest appendix first, then by count; each group keeps
 * its hits in page order and the union of their tactics.
 */
export function groupHits(hits: readonly HitView[], filter: HitFilter = { kind: '', appendix: '' }): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    if (!passes(hit, filter)) continue;
    const key = hit.taxon ? `taxon:${hit.taxon.taxonId}` : `${hit.kind}:${hit.term.toLowerCase()}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        name: hit.taxon?.name ?? hit.term,
        listing: hit.taxon?.listing ?? '',
        kind: hit.kind,
        hits: [],
        tactics: [],
      };
      if (hit.taxon?.annotation) g.annotation = hit.taxon.annotation;
      groups.set(key, g);
    }
    g.hits.push(hit);
    for (const tactic of hit.tactics) if (!g.tactics.includes(tactic)) g.tactics.push(tactic);
  }
  const rank = (g: HitGroup) => strictestAppendix(g.listing) || 9;
  return [...groups.values()].sort(
    (a, b) => rank(a) - rank(b) || b.hits.length - a.hits.length || a.name.localeCompare(b.name),
  );
}
