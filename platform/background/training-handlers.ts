import type { HandlersOf } from '../../src/messaging/dispatch';
import type { TrainingRoutes } from '../../src/messaging/routes/training';
import { analyzeBlockText, getMatcher } from '../detection/background-engine';
import { MIN_SHOWN_CONFIDENCE } from '../detection/background-store';
import { homeRegion } from '../detection/home-region';

// Practice texts are training pages, a few KB; this bound keeps a bad caller from stalling the worker.
const MAX_PRACTICE_CHARS = 500_000;

/** Handlers for the training kit. */
export const trainingHandlers: HandlersOf<TrainingRoutes> = {
  'training/analyze': async ({ text }) => {
    if (typeof text !== 'string') throw new Error('practice text missing');
    if (text.length > MAX_PRACTICE_CHARS) throw new Error(`practice text too long (${text.length} characters)`);
    const [{ matcher }, home] = await Promise.all([getMatcher(), homeRegion()]);
    const analysis = analyzeBlockText(text, matcher, { defaultRegion: home || undefined });
    return {
      // The same findings the side panel shows: hits below the shown confidence stay hidden.
      hits: analysis.hits.filter((h) => h.confidence >= MIN_SHOWN_CONFIDENCE),
      indicators: analysis.indicators,
      score: analysis.risk.score,
      saleOffer: analysis.risk.saleOffer,
    };
  },
};
