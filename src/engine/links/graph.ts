/**
 * The case graph: captures, the identifying indicators they show, the sites they came from, and
 * sellers, i.e. groups of captures joined by shared indicators (the same phone, handle, wallet or
 * e-mail), for the case view to draw. Pure data: nodes and edges with stable ids.
 */
import type { Indicator } from '../indicators/types';
import { linkKeys, parseKey } from './keys';

export interface GraphCapture {
  captureId: string;
  /** Page URL; its host becomes the site node. */
  url?: string;
  /** Seller name or account shown on the page, when the officer or the page gave one. */
  seller?: string;
  indicators: readonly Indicator[];
}

export type GraphNodeType = 'seller' | 'capture' | 'indicator' | 'site';

export interface GraphNode {
  /** "capture:<id>", "indicator:<key>", "site:<host>", "seller:<n>". */
  id: string;
  type: GraphNodeType;
  label: string;
  /** For indicator nodes: the indicator type (phone, email, ...). */
  indicatorType?: string;
  /** How many captures the node touches. */
  weight: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  type: 'posted' | 'shows' | 'on-site' | 'uses';
}

export interface CaseGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphOptions {
  /** Keep only indicators seen in two captures or more (default false: all identifying ones). */
  sharedOnly?: boolean;
}

/** Host without "www.", or null for a missing or unparsable URL. */
export function siteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** Builds the case graph. Sellers are the connected groups of captures sharing indicators. */
export function buildCaseGraph(captures: readonly GraphCapture[], options: GraphOptions = {}): CaseGraph {
  const keysOf = new Map(captures.map((c) => [c.captureId, [...new Set(c.indicators.flatMap((i) => linkKeys(i)))]]));
  const capturesOfKey = new Map<string, string[]>();
  for (const [id, keys] of keysOf)
    for (const key of keys) capturesOfKey.set(key, [...(capturesOfKey.get(key) ?? []), id]);
  const keptKeys = [...capturesOfKey.keys()]
    .filter((k) => !options.sharedOnly || capturesOfKey.get(k)!.length > 1)
    .sort();

  // Union-find over captures joined by a shared key.
  const parent = new Map(captures.map((c) => [c.captureId, c.captureId]));
  const find = (id: string): string => (parent.get(id) === id ? id : find(parent.get(id)!));
  for (const ids of capturesOfKey.values()) for (const id of ids.slice(1)) parent.set(find(id), find(ids[0]));

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const groups = new Map<string, string[]>();
  for (const c of captures) groups.set(find(c.captureId), [...(groups.get(find(c.captureId)) ?? []), c.captureId]);

  let n = 0;
  const byId = new Map(captures.map((c) => [c.captureId, c]));
  for (const members of [...groups.values()].sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]))) {
    const hasKeys = members.some((id) => keysOf.get(id)!.length > 0);
    const named = members.map((id) => byId.get(id)!.seller).filter((s): s is string => !!s);
    if (!hasKeys && named.length === 0) continue;
    const sellerId = `seller:${++n}`;
    nodes.push({
      id: sellerId,
      type: 'seller',
      label: [...new Set(named)].join(' / ') || `Seller ${n}`,
      weight: members.length,
    });
    for (const id of members) edges.push({ from: sellerId, to: `capture:${id}`, type: 'posted' });
    const used = new Set(members.flatMap((id) => keysOf.get(id)!).filter((k) => keptKeys.includes(k)));
    for (const key of [...used].sort()) edges.push({ from: sellerId, to: `indicator:${key}`, type: 'uses' });
  }

  const sites = new Map<string, number>();
  for (const c of captures) {
    nodes.push({ id: `capture:${c.captureId}`, type: 'capture', label: c.url ?? c.captureId, weight: 1 });
    const site = siteOf(c.url);
    if (site) {
      sites.set(site, (sites.get(site) ?? 0) + 1);
      edges.push({ from: `capture:${c.captureId}`, to: `site:${site}`, type: 'on-site' });
    }
    for (const key of keysOf.get(c.captureId)!) {
      if (keptKeys.includes(key)) edges.push({ from: `capture:${c.captureId}`, to: `indicator:${key}`, type: 'shows' });
    }
  }
  for (const key of keptKeys) {
    const { type, value } = parseKey(key);
    nodes.push({
      id: `indicator:${key}`,
      type: 'indicator',
      label: value,
      indicatorType: type,
      weight: capturesOfKey.get(key)!.length,
    });
  }
  for (const [site, count] of [...sites].sort())
    nodes.push({ id: `site:${site}`, type: 'site', label: site, weight: count });
  return { nodes, edges };
}
