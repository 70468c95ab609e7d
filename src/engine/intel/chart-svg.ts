/**
 * A chart layout as an inline SVG string for the static cyber-alert report: no scripts, every
 * text escaped, colours from classes of the report's style sheet (so print and dark mode follow).
 */
import { escapeHtml } from '../export/report-html';
import type { ChartLayout } from './chart-layout';

/** The SVG of a chart, with its description as title for screen readers. */
export function chartSvg(layout: ChartLayout): string {
  const t = (n: number) => Math.round(n * 10) / 10;
  const parts: string[] = [
    `<svg class="chart chart-${layout.kind}" xmlns="http://www.w3.org/2000/svg" role="img" ` +
      `viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}">`,
    `<title>${escapeHtml(layout.description)}</title>`,
  ];
  for (const b of layout.bars) {
    const cls = b.tone ? `bar ${escapeHtml(b.tone)}` : 'bar';
    parts.push(
      `<rect class="${cls}" x="${t(b.x)}" y="${t(b.y)}" width="${t(b.width)}" height="${t(b.height)}">` +
        `<title>${escapeHtml(`${b.label}: ${b.value}`)}</title></rect>`,
    );
    if (layout.kind === 'bars') {
      parts.push(
        `<text class="label" x="${t(b.labelX)}" y="${t(b.labelY)}" text-anchor="end" dominant-baseline="middle">` +
          `${escapeHtml(b.label)}</text>`,
        `<text class="value" x="${t(b.valueX)}" y="${t(b.valueY)}" dominant-baseline="middle">${b.value}</text>`,
      );
    } else if (b.value > 0) {
      parts.push(`<text class="value" x="${t(b.valueX)}" y="${t(b.valueY)}" text-anchor="middle">${b.value}</text>`);
    }
  }
  for (const tick of layout.ticks) {
    parts.push(
      `<text class="tick" x="${t(tick.x)}" y="${t(tick.y)}" text-anchor="middle">${escapeHtml(tick.text)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
