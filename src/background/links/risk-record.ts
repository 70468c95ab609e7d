/**
 * risk.json: the page's sale-offer risk at capture time, with its explanation (every signal, its
 * text, offsets and weight) for the page and for each scored block. Built from live detection's
 * per-tab results when the page was scanned, else by scoring the captured text itself. Pure.
 */
import { ARTEFACTS } from '../../engine/evidence/case-file-names';
import type { RiskScore, RiskSignal } from '../../engine/risk/types';
import type { BlockRiskView, TabDetection } from '../../messaging/routes/detection';

/**
 * The artefact name, ARTEFACTS.risk, under the name capture-hooks.ts imports. Not in
 * src/engine/evidence KNOWN_ARTEFACTS, so its media type is given explicitly.
 */
export const RISK_ARTEFACT = ARTEFACTS.risk;

/** One block's risk in risk.json: the same record the side panel shows. */
export type CaptureRiskBlock = BlockRiskView;

export interface CaptureRisk {
  format: 'wildtrace/risk';
  version: 1;
  /** Where the figures come from, in words (recorded as evidence of method). */
  method: string;
  /** Null when the page could not be scored (the reason is in `method`). */
  page: null | {
    score: number;
    saleOffer: boolean;
    threshold: number;
    /** The block the page score comes from (live detection), when any. */
    fromBlock?: { frameId: number; blockId: number };
    note?: string;
    /** The explanation of the page score. */
    signals: RiskSignal[];
  };
  /** Blocks with a score above 0, riskiest first (empty when the whole text was scored at once). */
  blocks: CaptureRiskBlock[];
}

const blockOf = (b: BlockRiskView): CaptureRiskBlock => ({
  frameId: b.frameId,
  blockId: b.blockId,
  score: b.score,
  saleOffer: b.saleOffer,
  snippet: b.snippet,
  signals: b.signals,
  ...(b.note ? { note: b.note } : {}),
});

/** risk.json from live detection's results for the tab (the page score is its riskiest block's). */
export function riskFromDetection(d: TabDetection): CaptureRisk {
  const best = d.page.best;
  return {
    format: 'wildtrace/risk',
    version: 1,
    method: `live detection results, revision ${d.revision}, updated ${d.updatedAt}: page score = riskiest block`,
    page: {
      score: d.page.score,
      saleOffer: d.page.saleOffer,
      threshold: d.page.threshold,
      ...(best ? { fromBlock: { frameId: best.frameId, blockId: best.blockId } } : {}),
      ...(best?.note ? { note: best.note } : {}),
      signals: best?.signals ?? [],
    },
    blocks: d.blocks.map(blockOf),
  };
}

/** risk.json from scoring the captured visible text as one piece (no live results for the tab). */
export function riskFromScore(risk: RiskScore, method = `scored from ${ARTEFACTS.text} at capture time`): CaptureRisk {
  return {
    format: 'wildtrace/risk',
    version: 1,
    method,
    page: {
      score: risk.score,
      saleOffer: risk.saleOffer,
      threshold: risk.threshold,
      ...(risk.note ? { note: risk.note } : {}),
      signals: risk.signals,
    },
    blocks: [],
  };
}

/** risk.json when no score could be computed (e.g. the lexicon failed to load): says so plainly. */
export function riskUnscored(reason: string): CaptureRisk {
  return { format: 'wildtrace/risk', version: 1, method: `not scored: ${reason}`, page: null, blocks: [] };
}
