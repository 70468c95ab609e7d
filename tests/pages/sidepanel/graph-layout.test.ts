import { describe, expect, it } from 'vitest';
import { buildCaseGraph, type CaseGraph } from '../../../src/engine/links';
import type { Indicator } from '../../../src/engine/indicators/types';
import {
  COLUMNS,
  DEFAULT_LAYOUT,
  layoutGraph,
  neighbours,
  shorten,
} from '../../../src/pages/sidepanel/links/graph-layout';

const phone: Indicator = {
  type: 'phone',
  value: '+447700900123',
  normalized: '+447700900123',
  start: 0,
  end: 13,
  details: { e164: true },
};
const graph = buildCaseGraph([
  { captureId: 'a', url: 'https://one.example/a', indicators: [phone] },
  { captureId: 'b', url: 'https://two.example/b', indicators: [phone] },
  { captureId: 'c', url: 'https://one.example/c', indicators: [] },
]);

describe('layoutGraph', () => {
  it('puts each node type in its own column, rows in graph order', () => {
    const l = layoutGraph(graph);
    for (const n of l.nodes)
      expect(n.x).toBe(DEFAULT_LAYOUT.margin + COLUMNS.indexOf(n.type) * DEFAULT_LAYOUT.columnWidth);
    const captures = l.nodes.filter((n) => n.type === 'capture');
    expect(captures.map((n) => n.id)).toEqual(['capture:a', 'capture:b', 'capture:c']);
    expect(captures.map((n) => n.y)).toEqual(
      [0, 1, 2].map((r) => DEFAULT_LAYOUT.margin + r * DEFAULT_LAYOUT.rowHeight + DEFAULT_LAYOUT.rowHeight / 2),
    );
  });

  it('is deterministic and fits every node inside the picture', () => {
    const l = layoutGraph(graph);
    expect(layoutGraph(graph)).toEqual(l);
    for (const n of l.nodes) {
      expect(n.x).toBeLessThan(l.width);
      expect(n.y).toBeLessThan(l.height);
    }
  });

  it('draws an edge between the placed ends and drops edges to unknown nodes', () => {
    const broken: CaseGraph = {
      nodes: graph.nodes,
      edges: [...graph.edges, { from: 'capture:a', to: 'site:nowhere', type: 'on-site' }],
    };
    const l = layoutGraph(broken);
    expect(l.edges).toHaveLength(graph.edges.length);
    const e = l.edges.find((x) => x.from === 'capture:a' && x.to === 'indicator:phone:+447700900123')!;
    const a = l.nodes.find((n) => n.id === 'capture:a')!;
    const p = l.nodes.find((n) => n.id === 'indicator:phone:+447700900123')!;
    expect([e.x1, e.y1, e.x2, e.y2]).toEqual([a.x, a.y, p.x, p.y]);
  });

  it('an empty graph is a small empty picture', () => {
    expect(layoutGraph({ nodes: [], edges: [] })).toMatchObject({ nodes: [], edges: [] });
  });
});

describe('shorten and neighbours', () => {
  it.each([
    ['short', 5, 'short'],
    ['exactly-20-characters', 21, 'exactly-20-characters'],
    ['https://very.long.example/path', 10, 'https://v…'],
  ])('shorten(%s, %i)', (label, max, out) => {
    expect(shorten(label, max)).toBe(out);
    expect(shorten(label, max).length).toBeLessThanOrEqual(max);
  });

  it("lists each node's neighbours once, both ways", () => {
    const near = neighbours(graph);
    expect(near.get('indicator:phone:+447700900123')).toEqual(
      expect.arrayContaining(['capture:a', 'capture:b', 'seller:1']),
    );
    expect(near.get('capture:c')).toEqual(['site:one.example']);
    expect(near.get('site:one.example')).toEqual(['capture:a', 'capture:c']);
  });
});
