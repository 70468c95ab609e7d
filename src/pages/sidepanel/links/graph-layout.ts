/**
 * A deterministic layout of the case graph for a small SVG: one column per node type (sellers,
 * captures, indicators, sites), nodes in the graph's own stable order, straight edges. The same
 * graph always gives the same picture, which keeps it testable and stable between refreshes.
 */
import type { CaseGraph, GraphEdge, GraphNodeType } from '../../../engine/links';

export const COLUMNS: readonly GraphNodeType[] = ['seller', 'capture', 'indicator', 'site'];

export interface LayoutOptions {
  columnWidth: number;
  rowHeight: number;
  margin: number;
  /** Longest label drawn; the full text stays in the list beside the graph and in <title>. */
  maxLabel: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = { columnWidth: 150, rowHeight: 30, margin: 14, maxLabel: 20 };

export interface PlacedNode {
  id: string;
  type: GraphNodeType;
  label: string;
  shortLabel: string;
  x: number;
  y: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  type: GraphEdge['type'];
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** Cuts a label to `max` characters with an ellipsis. */
export function shorten(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

/** Places every node; edges whose ends are unknown are dropped. */
export function layoutGraph(graph: CaseGraph, options: LayoutOptions = DEFAULT_LAYOUT): GraphLayout {
  const { columnWidth, rowHeight, margin, maxLabel } = options;
  const rows = new Map<GraphNodeType, number>();
  const nodes: PlacedNode[] = [];
  for (const n of graph.nodes) {
    const col = COLUMNS.indexOf(n.type);
    if (col < 0) continue;
    const row = rows.get(n.type) ?? 0;
    rows.set(n.type, row + 1);
    nodes.push({
      id: n.id,
      type: n.type,
      label: n.label,
      shortLabel: shorten(n.label, maxLabel),
      x: margin + col * columnWidth,
      y: margin + row * rowHeight + rowHeight / 2,
    });
  }
  const at = new Map(nodes.map((n) => [n.id, n]));
  const edges: PlacedEdge[] = [];
  for (const e of graph.edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (a && b) edges.push({ from: e.from, to: e.to, type: e.type, x1: a.x, y1: a.y, x2: b.x, y2: b.y });
  }
  const tallest = Math.max(1, ...rows.values());
  return {
    width: margin * 2 + (COLUMNS.length - 1) * columnWidth + columnWidth,
    height: margin * 2 + tallest * rowHeight,
    nodes,
    edges,
  };
}

/** Each node's neighbours (for the list beside the graph), in edge order. */
export function neighbours(graph: CaseGraph): Map<string, string[]> {
  const out = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    if (!out.has(e.from) || !out.has(e.to)) continue;
    if (!out.get(e.from)!.includes(e.to)) out.get(e.from)!.push(e.to);
    if (!out.get(e.to)!.includes(e.from)) out.get(e.to)!.push(e.from);
  }
  return out;
}
