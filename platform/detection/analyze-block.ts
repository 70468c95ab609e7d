/**
 * One block's analysis (matcher hits, indicators, risk), browser-free so Node benchmarks and tests
 * run exactly what the background worker runs. Long blocks are analysed in windows (src/risk/windows.ts).
 */
import type { Matcher } from '../../src/matcher/matcher';
import type { Analysis, AnalyzeOptions } from '../../src/risk';
import { analyzeLongText } from '../../src/risk/windows';

export { WINDOW_CHARS, windowsOf } from '../../src/risk/windows';

/**
 * Matches, extracts indicators and scores one block; `options` carries the region national phone
 * numbers are read in (see phoneRegionFor).
 */
export function analyzeBlockText(text: string, matcher: Matcher, options: AnalyzeOptions = {}): Analysis {
  return analyzeLongText(text, matcher, options);
}
