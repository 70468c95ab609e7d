/**
 * Chart geometry for the cyber-alert report and the Trends page: plain numbers (bars with their
 * position, size and labels), so the report renders them to an SVG string (chart-svg.ts) and the
 * extension page renders the same layout as elements, without HTML strings.
 */

export interface ChartDatum {
  label: string;
  value: number;
  /** A CSS class for the bar (e.g. "app-I" to colour a taxon by its appendix). */
  tone?: string;
}

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  value: number;
  tone?: string;
  /** Where the label and value texts sit. */
  labelX: number;
  labelY: number;
  valueX: number;
  valueY: number;
}

export interface ChartLayout {
  kind: 'bars' | 'columns';
  width: number;
  height: number;
  bars: ChartBar[];
  /** Axis texts under columns (every few columns, so they never overlap). */
  ticks: { x: number; y: number; text: string }[];
  /** Read by screen readers and shown when a chart has nothing to draw. */
  description: string;
}

const WIDTH = 640;
const ROW = 22;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 56;
/** Characters of a bar label kept (the tables beside the chart carry the whole text). */
export const MAX_LABEL = 34;

const clip = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/** Horizontal bars, one row per datum, longest bar = the largest value. */
export function barLayout(data: readonly ChartDatum[], description: string): ChartLayout {
  const max = Math.max(1, ...data.map((d) => d.value));
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const bars = data.map((d, i) => {
    const width = Math.max(d.value > 0 ? 1 : 0, Math.round((d.value / max) * span));
    const y = i * ROW + 3;
    return {
      x: LABEL_WIDTH,
      y,
      width,
      height: ROW - 6,
      label: clip(d.label),
      value: d.value,
      tone: d.tone,
      labelX: LABEL_WIDTH - 6,
      labelY: y + ROW / 2 + 1,
      valueX: LABEL_WIDTH + width + 4,
      valueY: y + ROW / 2 + 1,
    };
  });
  return { kind: 'bars', width: WIDTH, height: Math.max(ROW, data.length * ROW), bars, ticks: [], description };
}

/** Vertical columns in order (a time series), with a tick text every few columns. */
export function columnLayout(data: readonly ChartDatum[], description: string): ChartLayout {
  const height = 180;
  const plot = height - 34;
  const max = Math.max(1, ...data.map((d) => d.value));
  // A margin each side keeps the first and last tick texts inside; columns at most 48 px wide,
  // so three weeks do not look like a wall.
  const margin = 32;
  const step = data.length ? Math.min(48, (WIDTH - 2 * margin) / data.length) : WIDTH;
  const gap = step > 6 ? Math.min(4, step / 4) : 0;
  const every = Math.max(1, Math.ceil(64 / step));
  const bars = data.map((d, i) => {
    const h = Math.max(d.value > 0 ? 1 : 0, Math.round((d.value / max) * (plot - 14)));
    const x = margin + i * step + gap / 2;
    return {
      x,
      y: plot - h,
      width: Math.max(1, step - gap),
      height: h,
      label: d.label,
      value: d.value,
      tone: d.tone,
      labelX: x + (step - gap) / 2,
      labelY: plot + 14,
      valueX: x + (step - gap) / 2,
      valueY: plot - h - 3,
    };
  });
  const ticks = bars.filter((_, i) => i % every === 0).map((b) => ({ x: b.labelX, y: b.labelY, text: b.label }));
  return { kind: 'columns', width: WIDTH, height, bars, ticks, description };
}
