/**
 * The Trends page's data: every case and the facts of its captures, asked once of the background,
 * which reads its own store wherever it keeps evidence (IndexedDB, or the session store of
 * permanent private browsing, which a page cannot see).
 */
import type { CaptureFacts } from '../../engine/intel/capture-facts';
import { factsFromWire } from '../../engine/intel/facts-wire';
import type { CaseInfo } from '../../engine/evidence/model';
import { sendToBackground } from '../../messaging/send';

export interface LocalTrends {
  cases: CaseInfo[];
  facts: CaptureFacts[];
}

export async function loadLocalTrends(): Promise<LocalTrends> {
  const { cases, facts } = await sendToBackground('intel/trends', {});
  return { cases, facts: facts.map(factsFromWire) };
}
