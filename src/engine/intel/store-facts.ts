/**
 * The facts of the captures an evidence store holds (the extension's own cases), for the Trends
 * page and its cyber-alert export, read by the background in either storage mode: the same
 * capture-facts.ts reading as for case files, from each capture's stored hits.json and
 * indicators.json.
 */
import { bodyBytes, fromUtf8 } from '../bytes/bytes';
import { ARTEFACTS } from '../evidence/case-file-names';
import type { CaseInfo } from '../evidence/model';
import type { EvidenceReader } from '../evidence/store';
import { captureFacts, type CaptureFacts } from './capture-facts';
import { factsToWire, type CaptureFactsWire } from './facts-wire';

async function jsonArtefact(store: EvidenceReader, captureId: string, name: string): Promise<unknown[]> {
  const a = (await store.listArtefacts(captureId)).find((x) => x.name === name);
  if (!a) return [];
  try {
    const v: unknown = JSON.parse(fromUtf8(await bodyBytes(a.body)));
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

/** Every capture of the given cases as facts, case by case in chain order. */
export async function* storeCaptureFacts(
  store: EvidenceReader,
  caseIds: readonly string[],
): AsyncGenerator<CaptureFacts> {
  for (const caseId of caseIds) {
    const info = await store.getCase(caseId);
    if (!info) continue;
    for (const c of await store.listCaptures(caseId)) {
      const b = c.body;
      yield captureFacts(
        info,
        { captureId: b.captureId, sequence: b.sequence, metadata: b.metadata },
        await jsonArtefact(store, b.captureId, ARTEFACTS.hits),
        await jsonArtefact(store, b.captureId, ARTEFACTS.indicators),
      );
    }
  }
}

/** Every case in the store and the facts of all its captures, as the Trends page receives them. */
export async function storeTrends(store: EvidenceReader): Promise<{ cases: CaseInfo[]; facts: CaptureFactsWire[] }> {
  const cases = await store.listCases();
  const facts: CaptureFactsWire[] = [];
  for await (const f of storeCaptureFacts(
    store,
    cases.map((c) => c.caseId),
  ))
    facts.push(factsToWire(f));
  return { cases, facts };
}
