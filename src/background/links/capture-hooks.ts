/**
 * What the capture pipeline (src/background/capture/capture-tab.ts) calls for links and risk: the
 * risk.json artefact, and indexing a capture once it is stored. Kept here so the pipeline only
 * gains one line per hook.
 */
import { utf8 } from '../../engine/bytes/bytes';
import type { ArtefactInput } from '../../engine/evidence/operations';
import { analyzeLongText } from '../../engine/risk/windows';
import { loadRiskModel, modelOption } from '../detection/risk-model';
import { getMatcher } from '../detection/engine';
import { tabDetection } from '../detection/tab-results';
import { regionForPage } from '../detection/home-region';
import { RISK_ARTEFACT, riskFromDetection, riskFromScore, riskUnscored, type CaptureRisk } from './risk-record';

export { linkNewCapture } from './links-store';

/**
 * The page's risk and its explanation, as the artefact risk.json: live detection's, else scored
 * from the captured text (phone numbers read in the region of `url`, the page's address).
 */
export async function riskArtefact(tabId: number, capturedText: string, url: string): Promise<ArtefactInput> {
  const found = await tabDetection(tabId).catch(() => null);
  let risk: CaptureRisk;
  if (found) risk = riskFromDetection(found);
  else {
    try {
      const [{ matcher }, defaultRegion] = await Promise.all([getMatcher(), regionForPage(url), loadRiskModel()]);
      risk = riskFromScore(analyzeLongText(capturedText, matcher, { defaultRegion, ...modelOption() }).risk);
    } catch (e) {
      // The capture itself must not fail because scoring did: the record says why there is no score.
      risk = riskUnscored((e as Error).message);
    }
  }
  const body = new Blob([utf8(JSON.stringify(risk)) as Uint8Array<ArrayBuffer>], { type: 'application/json' });
  return { name: RISK_ARTEFACT, mediaType: 'application/json', body };
}
