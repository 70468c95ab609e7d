/**
 * Refitting the sale-offer model on the officer's labels: enough labels of each kind, then
 * `fitModel` over the texts as the verdict scores them. Shared by `npm run fit -- --case-files`
 * and the options page (which scores the texts in the background, where the lexicon is).
 */
import type { RiskScore } from '../types';
import type { LabelledText } from './case-files';
import { exampleOf, fitModel, FitError, type FitOptions, type FitResult } from './index';

/**
 * Labels needed of each kind. Fewer cannot tell a threshold apart from chance: with 10 offers
 * one more or one fewer found moves recall by 0.1, and the grouped folds need offers on both sides.
 */
export const MIN_LABELS_EACH = 10;

/** How many labels of each kind there are. */
export function labelCounts(texts: readonly Pick<LabelledText, 'positive'>[]): { offers: number; notOffers: number } {
  const offers = texts.filter((t) => t.positive).length;
  return { offers, notOffers: texts.length - offers };
}

/** Throws FitError saying what is missing when the labels are too few to fit. */
export function checkEnoughLabels(texts: readonly Pick<LabelledText, 'positive' | 'group'>[]): void {
  const { offers, notOffers } = labelCounts(texts);
  if (offers === 0 && notOffers === 0) throw new FitError('the case files hold no labels: nothing to fit');
  if (offers < MIN_LABELS_EACH || notOffers < MIN_LABELS_EACH) {
    throw new FitError(
      `a refit needs at least ${MIN_LABELS_EACH} labels of each kind: ` +
        `${offers} "offer" and ${notOffers} "not an offer" found`,
    );
  }
  if (new Set(texts.map((t) => t.group)).size < 2) {
    throw new FitError('every label is of pages of one site: a refit needs labelled pages of at least two sites');
  }
}

/** A labelled text with the features the verdict found in it. */
export interface ScoredLabel {
  label: LabelledText;
  risk: RiskScore;
}

/** Fits the model to the officer's labels (checked first), each text scored by `risk`. */
export function fitFromLabels(scored: readonly ScoredLabel[], options: FitOptions = {}): FitResult {
  checkEnoughLabels(scored.map((s) => s.label));
  return fitModel(
    scored.map((s) => exampleOf(s.label.text, s.risk, s.label.positive, s.label.group)),
    options,
  );
}
