/** Sale-offer risk: public API. */
export { scoreText, type ScoreOptions } from './score';
export { scoreBlocks, type BlockInput, type BlockScore, type PageRisk } from './blocks';
export { DEFAULT_WEIGHTS, resolveWeights, type RiskWeights } from './weights';
export type { RiskScore, RiskSignal, SignalKind } from './types';
export { findContextCues, notTheMaterial, type Cue, type CueKind } from './cues';
export {
  analyzeBlocks,
  analyzeText,
  type Analysis,
  type AnalyzeOptions,
  type BlockAnalysis,
  type HitSource,
} from './analyze';
export { analyzeLongText, windowsOf, WINDOW_CHARS } from './windows';
