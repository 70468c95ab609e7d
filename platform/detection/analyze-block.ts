/**
 * One block's analysis (matcher hits, indicators, risk), browser-free so Node benchmarks and tests
 * run exactly what the background worker runs.
 */
import type { Matcher } from '../../src/matcher/matcher';
import { analyzeText, type Analysis, type AnalyzeOptions } from '../../src/risk';

/** Texts longer than this are analysed in windows, so scoring stays linear on huge blocks. */
export const WINDOW_CHARS = 20_000;

/** Cuts a long text at line breaks into windows of about WINDOW_CHARS; returns their start offsets. */
export function windowsOf(text: string, size = WINDOW_CHARS): number[] {
  const starts = [0];
  let at = 0;
  while (text.length - at > size) {
    const cut = text.lastIndexOf('\n', at + size);
    at = cut > at + size / 2 ? cut + 1 : at + size;
    starts.push(at);
  }
  return starts;
}

/**
 * Matches, extracts indicators and scores one block. Long blocks are analysed window by window
 * (offsets shifted back into the block); their risk is the riskiest window's. `options` carries
 * the region national phone numbers are read in (see phoneRegionFor).
 */
export function analyzeBlockText(text: string, matcher: Matcher, options: AnalyzeOptions = {}): Analysis {
  if (text.length <= WINDOW_CHARS) return analyzeText(text, matcher, options);
  const starts = windowsOf(text);
  const parts = starts.map((s, i) => ({ s, a: analyzeText(text.slice(s, starts[i + 1] ?? text.length), matcher, options) }));
  const shift = <T extends { start: number; end: number }>(items: readonly T[], by: number): T[] => items.map((x) => ({ ...x, start: x.start + by, end: x.end + by }));
  let best = parts[0];
  for (const p of parts) if (p.a.risk.score > best.a.risk.score) best = p;
  return {
    hits: parts.flatMap((p) => shift(p.a.hits, p.s)),
    indicators: parts.flatMap((p) => shift(p.a.indicators, p.s)),
    risk: { ...best.a.risk, signals: shift(best.a.risk.signals, best.s) },
  };
}
