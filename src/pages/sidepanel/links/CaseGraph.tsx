import { t } from '../../../browser/i18n';
import type { CaseGraph as Graph } from '../../../engine/links';
import { layoutGraph, neighbours } from './graph-layout';
import { nodeLabel, nodeTypeLabel } from './labels';

const RADIUS = 6;

/**
 * The case graph as a small SVG (drawn with Preact elements, page text only as text nodes) and,
 * beside it, the same graph as a list that a keyboard or screen-reader user can read.
 */
export function CaseGraph({ graph }: { graph: Graph }) {
  if (graph.nodes.length === 0) return <p class="muted">{t('lkGraphEmpty')}</p>;
  const readable = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, label: nodeLabel(n) })) };
  const layout = layoutGraph(readable);
  const near = neighbours(readable);
  const labelOf = new Map(readable.nodes.map((n) => [n.id, n.label]));
  return (
    <div class="case-graph" data-testid="case-graph">
      <svg
        class="graph"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        role="img"
        aria-labelledby="case-graph-title"
      >
        <title id="case-graph-title">{t('lkGraphTitle')}</title>
        {layout.edges.map((e) => (
          <line key={`${e.from}>${e.to}`} class={`edge ${e.type}`} x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} />
        ))}
        {layout.nodes.map((n) => (
          <g key={n.id} class={`node ${n.type}`} data-node-id={n.id}>
            <title>{`${nodeTypeLabel(n.type)}: ${n.label}`}</title>
            <circle cx={n.x} cy={n.y} r={RADIUS} />
            <text x={n.x + RADIUS + 3} y={n.y + 4}>
              {n.shortLabel}
            </text>
          </g>
        ))}
      </svg>
      <ul class="graph-list plain-list" aria-label={t('lkGraphList')} data-testid="graph-list">
        {readable.nodes.map((n) => (
          <li key={n.id} data-node-id={n.id} data-node-type={n.type}>
            <span class="pill">{nodeTypeLabel(n.type)}</span> {n.label}
            {near.get(n.id)!.length > 0 && (
              <span class="muted small">
                {' '}
                —{' '}
                {near
                  .get(n.id)!
                  .map((id) => labelOf.get(id))
                  .join(', ')}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
