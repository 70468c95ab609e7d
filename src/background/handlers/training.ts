import type { HandlersOf } from '../../messaging/dispatch';
import type { TrainingRoutes } from '../../messaging/routes/training';
import { analyzeLongText } from '../../engine/risk/windows';
import { getMatcher } from '../detection/engine';
import { MIN_SHOWN_CONFIDENCE } from '../detection/tab-results';
import { homeRegion } from '../detection/home-region';

// Practice texts are training pages, a few KB; this bound keeps a bad caller from stalling the worker.
const MAX_PRACTICE_CHARS = 500_000;

/** Handlers for the training kit. */
export const trainingHandlers: HandlersOf<TrainingRoutes> = {
  'training/analyze': async ({ text }) => {
    if (typeof text !== 'string') throw new Error('practice text missing');
    if (text.length > MAX_PRACTICE_CHARS) throw new Error(`practice text too long (${text.length} characters)`);
    const [{ matcher }, home] = await Promise.all([getMatcher(), homeRegion()]);
    const analysis = analyzeLongText(text, matcher, { defaultRegion: home || undefined });
    return {
      // The same findings the side panel shows: hits below the shown confidence stay hidden.
      hits: analysis.hits.filter((h) => h.confidence >= MIN_SHOWN_CONFIDENCE),
      indicators: analysis.indicators,
      score: analysis.risk.score,
      saleOffer: analysis.risk.saleOffer,
    };
  },
};
