/**
 * "Export cyber-alert" over the extension's own store: the same files as `wildtrace report`
 * (HTML, CSV, STIX) in one ZIP. Each chosen case is re-checked first with the evidence self-check
 * (hashes, chain, signatures): a case that fails is left out and listed as failed, as the command
 * line does with a case file. Facts stream into the aggregator case by case; none are kept.
 */
import type { ExportSink } from '../export/zip-writer';
import { checkStoredCases } from '../evidence/self-check';
import type { EvidenceReader } from '../evidence/store';
import { IntelAggregator } from './aggregator';
import { writeAlertZip } from './alert-zip';
import type { CyberAlertOptions } from './cyber-alert-html';
import type { ReportInput } from './report-inputs';
import { storeCaptureFacts } from './store-facts';
import { inDayRange, type AlertRequest } from './trends-filter';

/** What was written. */
export interface StoreAlertResult {
  /** `cyber-alert-YYYY-MM-DD.zip`, the day of `generatedAt`. */
  fileName: string;
  /** Captures counted (of the cases that passed the self-check, in the day range). */
  captures: number;
  /** Cases counted, and the titles of those left out because the self-check failed. */
  cases: number;
  failed: string[];
  /** The cases with captures in the alert, and how many (for the audit log). */
  counted: { caseId: string; captures: number }[];
  bytesWritten: number;
}

/** Writes the cyber-alert ZIP of the chosen cases into `sink`. */
export async function writeStoreAlert(
  store: EvidenceReader,
  sink: ExportSink,
  request: AlertRequest,
  o: CyberAlertOptions & { producer: string },
): Promise<StoreAlertResult> {
  const chosen = new Set(request.caseIds);
  const cases = (await store.listCases()).filter((c) => chosen.has(c.caseId));
  if (cases.length < chosen.size) throw new Error('a chosen case no longer exists: open the Trends page again');
  const key = await store.getSigningKey('install');
  const aggregator = new IntelAggregator();
  const inputs: ReportInput[] = [];
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  for await (const [caseId, found] of checkStoredCases(
    store,
    cases.map((c) => c.caseId),
  )) {
    const c = byId.get(caseId)!;
    const problems = found.filter((p) => p.severity === 'error');
    const input: ReportInput = {
      name: c.title,
      status: problems.length ? 'failed' : 'included',
      caseId: c.caseId,
      caseTitle: c.title,
      caseReference: c.reference,
      captures: 0,
      fingerprint: key?.info.fingerprint,
      keyStatus: 'this browser',
      reason: problems
        .slice(0, 3)
        .map((p) => `${p.where}: ${p.message}`)
        .join('; '),
    };
    if (!problems.length)
      for await (const f of storeCaptureFacts(store, [c.caseId]))
        if (inDayRange(f.capturedAt, request) && aggregator.add(f)) input.captures++;
    inputs.push(input);
  }
  const summary = aggregator.summary();
  const bytesWritten = await writeAlertZip(sink, summary, inputs, o);
  return {
    fileName: `cyber-alert-${o.generatedAt.slice(0, 10)}.zip`,
    captures: summary.captures,
    cases: summary.cases,
    failed: inputs.filter((i) => i.status === 'failed').map((i) => i.name),
    counted: inputs.flatMap((i) => (i.captures > 0 && i.caseId ? [{ caseId: i.caseId, captures: i.captures }] : [])),
    bytesWritten,
  };
}
