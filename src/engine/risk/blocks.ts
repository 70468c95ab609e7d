/**
 * `scoreBlocks`: scores each listing block of a page (a post, a card, a classified, as the content
 * script splits the page by its DOM) and the page as a whole. Scoring blocks separately keeps a
 * "for sale" in the site menu from joining a species name in an unrelated news article.
 */
import type { Hit } from '../matcher/hit';
import type { Indicator } from '../indicators/types';
import { articleMarks } from './model';
import { scoreText, type ScoreOptions } from './score';
import type { RiskScore } from './types';

export interface BlockInput {
  /** Caller's id for the block (e.g. its index or a DOM path). */
  id?: string;
  text: string;
  /** Where the block's text starts in the page text; added to every offset in the result. */
  offset: number;
  /** Hits and indicators with offsets into `text` (the block's own text). */
  hits: readonly Hit[];
  indicators: readonly Indicator[];
}

export interface BlockScore extends RiskScore {
  id?: string;
  offset: number;
  length: number;
}

export interface PageRisk {
  /** The page: the score of its riskiest block; a sale offer when any block is one. */
  page: RiskScore & { bestBlock: number };
  /** One result per block, in input order; signal offsets point into the page text. */
  blocks: BlockScore[];
}

/** Scores each block and the page. An empty block list gives a zero score. */
export function scoreBlocks(blocks: readonly BlockInput[], options: ScoreOptions = {}): PageRisk {
  // The page's article conventions (byline, dateline...) reach its prose blocks (model.ts).
  let pageArticleMarks = options.pageArticleMarks;
  if (pageArticleMarks === undefined && blocks.length > 1) {
    pageArticleMarks = articleMarks(blocks.map((b) => b.text).join('\n'));
  }
  const blockOptions = pageArticleMarks ? { ...options, pageArticleMarks } : options;
  const results: BlockScore[] = blocks.map((b) => {
    const r = scoreText(b.text, b.hits, b.indicators, blockOptions);
    return {
      ...r,
      ...(b.id !== undefined ? { id: b.id } : {}),
      offset: b.offset,
      length: b.text.length,
      signals: r.signals.map((s) => ({ ...s, start: s.start + b.offset, end: s.end + b.offset })),
    };
  });
  let best = -1;
  results.forEach((r, i) => {
    const better =
      best < 0 ||
      Number(r.saleOffer) > Number(results[best].saleOffer) ||
      (r.saleOffer === results[best].saleOffer && r.score > results[best].score);
    if (better) best = i;
  });
  const empty = scoreText('', [], [], options);
  const top = best >= 0 ? results[best] : { ...empty, offset: 0, length: 0 };
  return {
    page: {
      score: top.score,
      saleOffer: results.some((r) => r.saleOffer),
      threshold: top.threshold,
      hasSubject: results.some((r) => r.hasSubject),
      hasCommerce: results.some((r) => r.hasCommerce),
      ...(top.probability !== undefined ? { probability: top.probability } : {}),
      signals: top.signals,
      ...(top.context ? { context: top.context } : {}),
      bestBlock: best,
    },
    blocks: results,
  };
}
