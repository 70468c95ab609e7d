/**
 * Typo-tolerant species lookup over the lexicon's names (scientific names, synonyms, common names
 * in every language) with fuse.js. Answers whole CITES records, one per taxon.
 */
import Fuse from 'fuse.js';
import type { Lexicon, Taxon } from '../../../engine/lexicon/types';

export interface NameEntry {
  name: string;
  taxon: number;
  kind: 'scientific' | 'synonym' | 'common';
  lang: string;
}

export interface SpeciesMatch {
  taxon: Taxon;
  /** The name that matched (may be a synonym or a common name). */
  matchedName: string;
  matchedKind: NameEntry['kind'];
  score: number;
}

export interface SpeciesIndex {
  search(query: string, limit?: number): SpeciesMatch[];
  readonly names: number;
}

/** All names of the lexicon, each pointing at its taxon's index in `lexicon.taxa`. */
export function nameEntries(lexicon: Lexicon): NameEntry[] {
  const byId = new Map(lexicon.taxa.map((t, i) => [t.taxonId, i]));
  const out: NameEntry[] = [];
  lexicon.taxa.forEach((t, i) => {
    out.push({ name: t.name, taxon: i, kind: 'scientific', lang: '' });
    for (const s of t.synonyms) out.push({ name: s, taxon: i, kind: 'synonym', lang: '' });
    for (const c of t.commonNames) out.push({ name: c.name, taxon: i, kind: 'common', lang: c.lang });
  });
  for (const x of lexicon.extraNames) {
    const i = byId.get(x.taxonId);
    if (i !== undefined) out.push({ name: x.name, taxon: i, kind: x.kind, lang: x.lang });
  }
  return out;
}

/** Builds the lookup index. */
export function buildSpeciesIndex(lexicon: Lexicon): SpeciesIndex {
  const entries = nameEntries(lexicon);
  const fuse = new Fuse(entries, {
    keys: ['name'],
    includeScore: true,
    threshold: 0.3,
    ignoreLocation: true,
    minMatchCharLength: 2,
  });
  return {
    names: entries.length,
    search(query, limit = 10) {
      const q = query.trim();
      if (q.length < 2) return [];
      const seen = new Set<number>();
      const out: SpeciesMatch[] = [];
      for (const r of fuse.search(q, { limit: limit * 5 })) {
        if (seen.has(r.item.taxon)) continue;
        seen.add(r.item.taxon);
        out.push({
          taxon: lexicon.taxa[r.item.taxon],
          matchedName: r.item.name,
          matchedKind: r.item.kind,
          score: r.score ?? 0,
        });
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}

/** Common names grouped by language, languages sorted, for the record view. */
export function commonNamesByLang(
  taxon: Taxon,
  extra: readonly { name: string; lang: string }[] = [],
): [string, string[]][] {
  const map = new Map<string, string[]>();
  for (const c of [...taxon.commonNames, ...extra]) {
    const list = map.get(c.lang || '?') ?? [];
    if (!list.includes(c.name)) list.push(c.name);
    map.set(c.lang || '?', list);
  }
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
}
