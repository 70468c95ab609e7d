import type { RiskModel } from '../../engine/risk/model';
import type { Route, SenderRules } from '../route';

/** One text the officer labelled, as the options page sends it to be scored and fitted. */
export interface LabelledTextIn {
  text: string;
  positive: boolean;
  group: string;
}

/** The figures of a refit, shown before the officer decides to apply it. */
export interface RefitView {
  model: RiskModel;
  offers: number;
  notOffers: number;
  sites: number;
  /** Grouped cross-validation at the operating point, at the model's base rate. */
  crossValidation: { prAuc: number; precision: number; recall: number; f1: number; threshold: number };
}

/** The model the verdict uses. */
export interface RiskModelView {
  source: 'bundled' | 'refit';
  threshold: number;
  operatingPoint: string;
  appliedAt?: string;
  offers?: number;
  notOffers?: number;
  caseFiles?: string[];
}

/** The sale-offer model: refit on the officer's labels, apply, back to the bundled one. */
export interface RiskRoutes {
  'risk/model': Route<Record<string, never>, RiskModelView, 'extension-page'>;
  /** Scores the labelled texts with the lexicon in use and fits; applies nothing. */
  'risk/refit': Route<{ texts: LabelledTextIn[] }, RefitView, 'extension-page'>;
  /** Applies a refit model (audited as a settings change). */
  'risk/model-apply': Route<
    { model: RiskModel; offers: number; notOffers: number; caseFiles: string[] },
    RiskModelView,
    'extension-page'
  >;
  /** Back to the bundled model (audited). */
  'risk/model-reset': Route<Record<string, never>, RiskModelView, 'extension-page'>;
}

export const RISK_SENDERS: SenderRules<RiskRoutes> = {
  'risk/model': 'extension-page',
  'risk/refit': 'extension-page',
  'risk/model-apply': 'extension-page',
  'risk/model-reset': 'extension-page',
};
