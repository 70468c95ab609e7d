/**
 * `scoreText`: the sale-offer verdict for one text (a page or a listing block) from the matcher's
 * hits and the extracted indicators, with the explanation. The domain rules find the signals and
 * give each its points (weights.ts: the groups come from gather.ts, subjects.ts, commerce.ts,
 * cover.ts and discussion.ts, under the group rules of signals.ts); the fitted model (model.ts,
 * model.json by default, or an agency's refit passed as `model`) turns the points and the text's
 * own features into a calibrated probability of an offer to sell. The score is that probability
 * in percent; the verdict is the model's operating point, given a subject and commerce.
 *
 * Every part is written as small top-level functions with plain loops, no closures made per call:
 * a page is scored block by block, thousands of times, and V8 optimises small functions after a
 * few hundred calls, whereas one large function with closures, filter/map chains and spreads takes
 * 0.3-1.4 s to optimise in the background and is thrown away again on new object shapes, leaving
 * the first page an officer opens to the interpreter.
 */
import type { Hit } from '../matcher/hit';
import type { Indicator } from '../indicators/types';
import { commerceOf } from './commerce';
import { coverSignals } from './cover';
import { discussionSignals } from './discussion';
import { gatherCues, usableHits } from './gather';
import { capped } from './signals';
import {
  codeWordSignals,
  evasionSignals,
  findSubjects,
  productFormSignals,
  subjectSignals,
  type Subject,
} from './subjects';
import { explain, MODEL, type RiskModel } from './model';
import type { RiskScore, RiskSignal } from './types';
import { resolveWeights, type RiskWeights } from './weights';

export interface ScoreOptions {
  /** Agency overrides of the domain rules' points (the model's features). */
  weights?: Parameters<typeof resolveWeights>[0];
  /** The fitted model that decides (default: the bundled model.json); an agency's refit goes here. */
  model?: RiskModel;
  /**
   * Article conventions of the page a block belongs to (`articleMarks` of the page text): a
   * paragraph of a news page has no byline of its own, yet is discussion.
   */
  pageArticleMarks?: number;
}

/** The default weights, resolved once (most callers pass no overrides). */
const DEFAULTS: RiskWeights = resolveWeights();

/**
 * Scores one text. `hits` come from the matcher and `indicators` from `extractIndicators`, both
 * with offsets into `text`.
 */
export function scoreText(
  text: string,
  hits: readonly Hit[],
  indicators: readonly Indicator[],
  options: ScoreOptions = {},
): RiskScore {
  const w = options.weights ? resolveWeights(options.weights) : DEFAULTS;
  const usable = usableHits(hits, w);
  const signals: RiskSignal[] = [];
  const cues = gatherCues(text, usable);

  // 1. Subjects and their negations.
  const subjects = findSubjects(text, usable, cues, w, signals);
  subjectSignals(text, subjects, w, signals);
  const live: Subject[] = [];
  for (const s of subjects) if (s.base - s.removed > 0) live.push(s);
  const hasSubject = live.length > 0;

  // 2. Product form next to a subject, and evasions that found a subject.
  for (const s of productFormSignals(text, cues, live, w)) signals.push(s);
  for (const s of evasionSignals(text, live, w)) signals.push(s);

  // 3. Commerce.
  const commerce = commerceOf(text, cues, indicators, hasSubject, w);
  for (const s of capped(commerce.signals, w.caps.commerce)) signals.push(s);
  const hasCommerce = commerce.found;

  // 4. Code words, only beside a stronger signal.
  for (const s of codeWordSignals(text, usable, hasSubject || hasCommerce, w)) signals.push(s);

  // 5. A claim of a legal source beside a subject: a known cover, shown and counted.
  for (const s of coverSignals(text, cues, hasSubject, w)) signals.push(s);

  // 6. Discussion subtracts.
  for (const s of discussionSignals(text, usable, cues, w)) signals.push(s);

  // 7. The model: the points as features, the probability, each signal's share of the log-odds.
  const model = options.model ?? MODEL;
  const { probability, context } = explain(text, signals, model, options.pageArticleMarks);
  let score = Math.round(100 * probability);
  let note: string | undefined;
  if (!hasSubject && score > w.noSubjectCap) {
    score = w.noSubjectCap;
    note = `no wildlife subject: score capped at ${w.noSubjectCap}`;
  }
  signals.sort((a, b) => a.start - b.start || b.weight - a.weight);
  return {
    score,
    saleOffer: hasSubject && hasCommerce && score >= model.threshold,
    threshold: model.threshold,
    probability: Math.round(probability * 1000) / 1000,
    hasSubject,
    hasCommerce,
    ...(note ? { note } : {}),
    signals,
    context,
  };
}
