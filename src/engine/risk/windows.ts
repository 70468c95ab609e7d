/**
 * Long texts analysed in windows: the scorer weighs every subject against every cue near it, which
 * grows with the square of a text's mentions, so a whole long document (a 2.5 MB text file in
 * `wildtrace scan`, a huge block of a page) is cut at line breaks into windows of about
 * WINDOW_CHARS, and its risk is the riskiest window's. The worker and the CLI both use it.
 */
import { analyzeText, type Analysis, type AnalyzeOptions, type HitSource } from './analyze';
import { articleMarks } from './model';

/** Texts longer than this are analysed in windows, so scoring stays linear on huge texts. */
export const WINDOW_CHARS = 20_000;

/** Cuts a long text at line breaks into windows of about `size`; returns their start offsets. */
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
 * Matches, extracts indicators and scores `text`, window by window when it is long (offsets
 * shifted back into the text); the risk is the riskiest window's.
 */
export function analyzeLongText(text: string, matcher: HitSource, options: AnalyzeOptions = {}): Analysis {
  if (text.length <= WINDOW_CHARS) return analyzeText(text, matcher, options);
  const starts = windowsOf(text);
  // Every window of a long article is the article's: its byline is in the first window only.
  const windowOptions =
    options.pageArticleMarks === undefined ? { ...options, pageArticleMarks: articleMarks(text) } : options;
  const parts = starts.map((s, i) => ({
    s,
    a: analyzeText(text.slice(s, starts[i + 1] ?? text.length), matcher, windowOptions),
  }));
  const shift = <T extends { start: number; end: number }>(items: readonly T[], by: number): T[] =>
    items.map((x) => ({ ...x, start: x.start + by, end: x.end + by }));
  let best = parts[0];
  for (const p of parts) if (p.a.risk.score > best.a.risk.score) best = p;
  return {
    hits: parts.flatMap((p) => shift(p.a.hits, p.s)),
    indicators: parts.flatMap((p) => shift(p.a.indicators, p.s)),
    risk: { ...best.a.risk, signals: shift(best.a.risk.signals, best.s) },
  };
}
