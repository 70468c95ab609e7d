/**
 * End to end: text -> matcher hits + indicators -> risk. What `wildtrace scan`, the content script
 * (per block) and the evaluation call.
 */
import { extractIndicators, type ExtractOptions } from '../indicators';
import type { Indicator } from '../indicators/types';
import type { Hit } from '../matcher/hit';
import { scoreBlocks, type PageRisk } from './blocks';
import { scoreText, type ScoreOptions } from './score';
import type { RiskScore } from './types';

/** Anything that finds hits in a text: the matcher, or a function (tests, other engines). */
export type HitSource = { match(text: string): readonly Hit[] } | ((text: string) => readonly Hit[]);

export interface AnalyzeOptions extends ScoreOptions, ExtractOptions {}

export interface Analysis {
  hits: Hit[];
  indicators: Indicator[];
  risk: RiskScore;
}

const findHits = (source: HitSource, text: string): Hit[] => [
  ...(typeof source === 'function' ? source(text) : source.match(text)),
];

/** Matches, extracts and scores one text. */
export function analyzeText(text: string, matcher: HitSource, options: AnalyzeOptions = {}): Analysis {
  const hits = findHits(matcher, text);
  const indicators = extractIndicators(text, options);
  return { hits, indicators, risk: scoreText(text, hits, indicators, options) };
}

export interface BlockAnalysis extends Analysis {
  id?: string;
  offset: number;
}

/**
 * Analyses a page split into blocks (as the content script does by DOM structure). Hits and
 * indicators are returned with offsets into the PAGE text (block offset added), like the signals.
 */
export function analyzeBlocks(
  blocks: readonly { id?: string; text: string; offset: number }[],
  matcher: HitSource,
  options: AnalyzeOptions = {},
): { blocks: BlockAnalysis[]; risk: PageRisk } {
  const found = blocks.map((b) => ({
    ...b,
    hits: findHits(matcher, b.text),
    indicators: extractIndicators(b.text, options),
  }));
  const risk = scoreBlocks(found, options);
  const shift = <T extends { start: number; end: number }>(items: T[], by: number) =>
    items.map((i) => ({ ...i, start: i.start + by, end: i.end + by }));
  return {
    blocks: found.map((b, i) => ({
      ...(b.id !== undefined ? { id: b.id } : {}),
      offset: b.offset,
      hits: shift(b.hits, b.offset),
      indicators: shift(b.indicators, b.offset) as Indicator[],
      risk: risk.blocks[i],
    })),
    risk,
  };
}
