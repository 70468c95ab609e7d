/**
 * The fitted sale-offer model: a logistic regression over the groups of signals that score.ts
 * finds (their points, set by the domain rules of weights.ts, are the features) plus a few
 * features of the text as a whole (article conventions, long prose). Its coefficients and the
 * verdict threshold are fitted by `npm run fit` (bench/fit.ts) with grouped cross-validation and
 * written to model.json, imported statically so the extension and Node would read the same numbers.
 *
 * Its probability is calibrated at the base rate stated in model.json (what a patrol meets: most
 * texts are not offers), and each feature's contribution in log-odds comes with it. scoreText
 * decides with it (`explain`); a model refit from an agency's labels (src/engine/risk/fit) is
 * passed to scoreText in place of the bundled one.
 */
import fitted from './model.json';
import type { ContextContribution, RiskSignal, SignalKind } from './types';

/** The features, in the order the fitter writes them. */
export const FEATURES = [
  'subject',
  'negation',
  'productForm',
  'evasion',
  'codeWord',
  'saleCue',
  'buyCue',
  'contactCue',
  'price',
  'contact',
  'payment',
  'shipping',
  'link',
  'discussion',
  'cover',
  'both',
  'article',
  'prose',
] as const;
export type Feature = (typeof FEATURES)[number];

export interface RiskModel {
  /** Log-odds at all features 0. */
  intercept: number;
  coefficients: Record<Feature, number>;
  /** Verdict threshold on the 0..100 score (the operating point chosen for patrols). */
  threshold: number;
  /** What the threshold was chosen for and how it measured, in words. */
  operatingPoint: string;
  /** Share of offers among the texts the probabilities are calibrated for. */
  baseRate: number;
}

export const MODEL: RiskModel = fitted as RiskModel;

/** Which feature a signal kind's points go to. */
const FEATURE_OF: Record<SignalKind, Feature | null> = {
  taxon: 'subject',
  product: 'subject',
  'product-form': 'productForm',
  evasion: 'evasion',
  'code-word': 'codeWord',
  'sale-cue': 'saleCue',
  'buy-cue': 'buyCue',
  'contact-cue': 'contactCue',
  price: 'price',
  contact: 'contact',
  payment: 'payment',
  shipping: 'shipping',
  link: 'link',
  imitation: 'negation',
  depiction: 'negation',
  colour: null,
  cover: 'cover',
  discussion: 'discussion',
};

const COMMERCE: ReadonlySet<Feature> = new Set([
  'saleCue',
  'buyCue',
  'contactCue',
  'price',
  'contact',
  'payment',
  'shipping',
  'link',
]);

/** Points are divided by this so coefficients are of a readable size (10 points -> 1). */
const SCALE = 10;

/**
 * Conventions of an article page (news, blog, encyclopedia) rather than a listing: a byline, a
 * dateline, a publication time, a copyright line, links to more stories, reported speech.
 * Counted by kind.
 */
const ARTICLE_MARKS: readonly RegExp[] = [
  /^\s*By \p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]+){1,3}\b/mu,
  /^\s*\p{Lu}[\p{Lu} .'-]{2,}(?:, \p{Lu}[\p{L} ]+)? \([^)\n]{2,40}\) ?[\u2014\u2013-]/mu,
  /\b(?:Published|Updated|Posted on)\b[^\n]{0,40}\b(?:19|20)\d\d\b/,
  /\bAll rights reserved\b|\u00a9 ?(?:19|20)\d\d/i,
  /\b(?:Read more|Related (?:stories|articles|coverage))\b/i,
  // Reported speech: "..., the report said.", "according to officials".
  /,\s(?:the\s)?[\p{L}\s]{2,40}\s(?:said|says|told\s[\p{L}\s]{2,30})\.(?:\s|$)|\baccording to\b/iu,
];

export function articleMarks(text: string): number {
  let n = 0;
  for (const re of ARTICLE_MARKS) if (re.test(text)) n++;
  return n;
}

/** Long prose reads as discussion: 0 up to 120 words, then log2 of the multiple. */
export function proseLength(text: string): number {
  const words = wordCount(text);
  return words <= 120 ? 0 : Math.log2(words / 120);
}

/**
 * Words from which a block reads as prose of its page: a paragraph of an article page takes the
 * page's article conventions, a listing card (shorter) does not.
 */
export const PROSE_BLOCK_WORDS = 12;

function wordCount(text: string): number {
  let words = 0;
  for (let i = 0, inWord = false; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/**
 * The features of a text from its signals (points) and the text itself. `pageArticleMarks`: the
 * article conventions of the page the text is a block of, taken when the block is prose.
 */
export function featuresOf(
  text: string,
  signals: readonly RiskSignal[],
  pageArticleMarks = 0,
): Record<Feature, number> {
  const x = {} as Record<Feature, number>;
  for (const f of FEATURES) x[f] = 0;
  for (const s of signals) {
    const f = FEATURE_OF[s.kind];
    if (f) x[f] += s.weight / SCALE;
  }
  let commerce = 0;
  for (const f of COMMERCE) commerce += x[f];
  // An offer needs both a subject and commerce: the weaker of the two.
  x.both = Math.max(0, Math.min(x.subject + x.negation, commerce));
  x.article = articleMarks(text);
  if (pageArticleMarks > x.article && wordCount(text) >= PROSE_BLOCK_WORDS) x.article = pageArticleMarks;
  x.prose = proseLength(text);
  return x;
}

export interface Contribution {
  feature: Feature;
  /** The feature's value (points / 10, or a count for the text features). */
  value: number;
  /** What it added to the log-odds (negative: removed). */
  logOdds: number;
}

/** The log-odds of `x` under `model`, and each non-zero feature's share of it. */
export function logOddsOf(
  x: Record<Feature, number>,
  model: RiskModel = MODEL,
): { logOdds: number; contributions: Contribution[] } {
  let logOdds = model.intercept;
  const contributions: Contribution[] = [];
  for (const f of FEATURES) {
    const value = x[f];
    if (value === 0) continue;
    const c = model.coefficients[f] * value;
    logOdds += c;
    contributions.push({ feature: f, value: Math.round(value * 100) / 100, logOdds: Math.round(c * 100) / 100 });
  }
  return { logOdds, contributions };
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

const round2 = (n: number) => Math.round(n * 100) / 100;
const CONTEXT: readonly ('both' | 'article' | 'prose')[] = ['both', 'article', 'prose'];

/**
 * The model's reading of a scored text: its probability of an offer, each signal's share of the
 * log-odds (written into the signal's `logOdds`), and the share of the text's own features and of
 * the base rate (`context`).
 */
export function explain(
  text: string,
  signals: RiskSignal[],
  model: RiskModel = MODEL,
  pageArticleMarks = 0,
): { probability: number; context: ContextContribution[] } {
  const x = featuresOf(text, signals, pageArticleMarks);
  const { logOdds } = logOddsOf(x, model);
  for (const s of signals) {
    const f = FEATURE_OF[s.kind];
    s.logOdds = f ? round2((model.coefficients[f] * s.weight) / SCALE) : 0;
  }
  const context: ContextContribution[] = [{ feature: 'base', value: 1, logOdds: round2(model.intercept) }];
  for (const f of CONTEXT) {
    if (x[f] === 0) continue;
    context.push({ feature: f, value: round2(x[f]), logOdds: round2(model.coefficients[f] * x[f]) });
  }
  return { probability: sigmoid(logOdds), context };
}
