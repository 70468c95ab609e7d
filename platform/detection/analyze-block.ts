/**
 * One block's analysis (matcher hits, indicators, risk), browser-free so Node benchmarks and tests
 * run exactly what the background worker runs: the shared long-text analysis of src/risk/windows.ts,
 * whose options carry the region national phone numbers are read in (see phoneRegionFor).
 */
export { analyzeLongText as analyzeBlockText, WINDOW_CHARS, windowsOf } from '../../src/risk/windows';
