/**
 * Higher-taxon coverage: a name that the checklist does not list by itself can still be covered
 * by its listed genus, family or order ("any python under Pythonidae spp."), unless the
 * annotation names it as an exception ("Aloe vera ... which is not included").
 */
import type { Lexicon, Taxon } from './types';

export type Coverage =
  | { covered: true; taxon: Taxon; via: 'listed' | 'synonym' | 'higher-taxon'; coveredBy?: string }
  /** Not covered: a listing of "NC", or named as an exception by the annotation of `excludedBy`. */
  | { covered: false; reason: 'excluded'; excludedBy: Taxon }
  | { covered: false; reason: 'unknown' };

export interface CoverageResolver {
  /** Tells whether a scientific name is covered by the listing and through which taxon. */
  resolve(name: string): Coverage;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Builds a resolver over a lexicon's taxa (maps built once, lookups are O(1)). */
export function createCoverageResolver(lexicon: Lexicon): CoverageResolver {
  const byName = new Map<string, Taxon>();
  const bySynonym = new Map<string, Taxon>();
  // Genus name -> family and order, learnt from the species rows.
  const genusParents = new Map<string, { family: string; order: string }>();
  for (const t of lexicon.taxa) {
    byName.set(norm(t.name), t);
    if (t.genus && !genusParents.has(norm(t.genus)))
      genusParents.set(norm(t.genus), { family: t.family, order: t.order });
  }
  for (const t of lexicon.taxa)
    for (const s of t.synonyms) if (!byName.has(norm(s)) && !bySynonym.has(norm(s))) bySynonym.set(norm(s), t);
  for (const n of lexicon.extraNames) {
    if (n.kind !== 'synonym' || byName.has(norm(n.name)) || bySynonym.has(norm(n.name))) continue;
    const t = lexicon.taxa.find((x) => x.taxonId === n.taxonId);
    if (t) bySynonym.set(norm(n.name), t);
  }
  const excludedBy = (higher: Taxon, name: string, genus: string) =>
    higher.excludes.some((e) => norm(e) === name || norm(e) === genus);

  return {
    resolve(raw: string): Coverage {
      const name = norm(raw);
      const direct = byName.get(name) ?? bySynonym.get(name);
      // The export also lists taxa that are explicitly not covered (CurrentListing "NC", e.g. Aloe vera).
      if (direct && direct.listing === 'NC') return { covered: false, reason: 'excluded', excludedBy: direct };
      if (direct) return { covered: true, taxon: direct, via: byName.has(name) ? 'listed' : 'synonym' };
      const genus = name.split(' ')[0];
      const parents = genusParents.get(genus);
      const chain = [
        byName.get(genus),
        parents && byName.get(norm(parents.family)),
        parents && byName.get(norm(parents.order)),
      ];
      for (const higher of chain) {
        if (!higher || !['GENUS', 'FAMILY', 'SUBFAMILY', 'ORDER'].includes(higher.rank)) continue;
        if (excludedBy(higher, name, genus)) return { covered: false, reason: 'excluded', excludedBy: higher };
        return { covered: true, taxon: higher, via: 'higher-taxon', coveredBy: `${higher.name} spp.` };
      }
      return { covered: false, reason: 'unknown' };
    },
  };
}
