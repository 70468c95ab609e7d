import type { Indicator } from '../../engine/indicators/types';
import type { Hit } from '../../engine/matcher/hit';
import type { Route, SenderRules } from '../route';

/** What Wildtrace finds in a practice text: the same analysis live detection runs on a block. */
export interface PracticeAnalysis {
  hits: Hit[];
  indicators: Indicator[];
  score: number;
  saleOffer: boolean;
}

/** Training kit: practice mode asks for the findings on a training page's text. */
export interface TrainingRoutes {
  'training/analyze': Route<{ text: string }, PracticeAnalysis, 'extension-page'>;
}

export const TRAINING_SENDERS: SenderRules<TrainingRoutes> = {
  'training/analyze': 'extension-page',
};
