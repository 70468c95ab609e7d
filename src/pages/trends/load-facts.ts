/** The Trends page's data: every local case and the facts of its captures, read from IndexedDB once. */
import { evidenceStore } from '../../browser/evidence-db/dexie-store';
import type { CaptureFacts } from '../../engine/intel/capture-facts';
import { storeCaptureFacts } from '../../engine/intel/store-facts';
import type { CaseInfo } from '../../engine/evidence/model';

export interface LocalTrends {
  cases: CaseInfo[];
  facts: CaptureFacts[];
}

export async function loadLocalTrends(): Promise<LocalTrends> {
  const store = evidenceStore();
  const cases = await store.listCases();
  const facts: CaptureFacts[] = [];
  for await (const f of storeCaptureFacts(
    store,
    cases.map((c) => c.caseId),
  ))
    facts.push(f);
  return { cases, facts };
}
