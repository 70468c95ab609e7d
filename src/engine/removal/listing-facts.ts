/**
 * What a notice says about one capture, taken from its stored artefacts: the CITES taxa of its
 * hits (with their appendix) and the reasons of its sale-offer verdict. The artefacts come from
 * the store, not from the page, but are read defensively all the same.
 */
import type { NoticeTaxon } from './model';

/** The distinct taxa of a hits.json array (by name, in order of first mention). */
export function taxaOfHits(hits: readonly unknown[]): NoticeTaxon[] {
  const out = new Map<string, NoticeTaxon>();
  for (const h of hits) {
    const taxon = (h as { taxon?: { name?: unknown; listing?: unknown } } | null)?.taxon;
    if (!taxon || typeof taxon.name !== 'string' || typeof taxon.listing !== 'string') continue;
    if (!out.has(taxon.name)) out.set(taxon.name, { name: taxon.name, appendix: taxon.listing });
  }
  return [...out.values()];
}

/**
 * The reasons of the verdict: the signals that added points, strongest first, as
 * `label "text"`, at most `max` of them. None when the page was not scored.
 */
export function reasonsOfRisk(
  risk: { state: string; signals?: readonly { kind: string; label: string; text: string; weight: number }[] },
  max = 6,
): string[] {
  if (risk.state !== 'scored' || !risk.signals) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of [...risk.signals].filter((x) => x.weight > 0).sort((a, b) => b.weight - a.weight)) {
    const text = s.text.replace(/\s+/g, ' ').trim().slice(0, 80);
    const line = text ? `${s.label || s.kind} "${text}"` : s.label || s.kind;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(line);
    if (out.length === max) break;
  }
  return out;
}
