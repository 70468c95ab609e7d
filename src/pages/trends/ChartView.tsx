import { t } from '../../browser/i18n';
import type { ChartLayout } from '../../engine/intel/chart-layout';

/**
 * A chart layout (the cyber-alert's, src/engine/intel/chart-layout.ts) drawn as SVG elements;
 * with nothing to draw it says so, as the tables do, rather than leaving a blank.
 */
export function ChartView({ layout }: { layout: ChartLayout }) {
  if (!layout.bars.length) return <p class="muted">{t('trendsNone')}</p>;
  return (
    <svg
      class={`chart chart-${layout.kind}`}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label={layout.description}
    >
      {layout.bars.map((b, i) => (
        <g key={i}>
          <rect class={b.tone ? `bar ${b.tone}` : 'bar'} x={b.x} y={b.y} width={b.width} height={b.height}>
            <title>{`${b.label}: ${b.value}`}</title>
          </rect>
          {layout.kind === 'bars' ? (
            <>
              <text class="label" x={b.labelX} y={b.labelY} text-anchor="end" dominant-baseline="middle">
                {b.label}
              </text>
              <text class="value" x={b.valueX} y={b.valueY} dominant-baseline="middle">
                {b.value}
              </text>
            </>
          ) : b.value > 0 ? (
            <text class="value" x={b.valueX} y={b.valueY} text-anchor="middle">
              {b.value}
            </text>
          ) : null}
        </g>
      ))}
      {layout.ticks.map((tick, i) => (
        <text key={`t${i}`} class="tick" x={tick.x} y={tick.y} text-anchor="middle">
          {tick.text}
        </text>
      ))}
    </svg>
  );
}
