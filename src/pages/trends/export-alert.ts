/**
 * "Export cyber-alert": the same files as `wildtrace report` (HTML, CSV, STIX) in one ZIP. Each
 * case is re-checked first with the evidence self-check (hashes, chain, signatures): a case that
 * fails is left out and listed as failed, as the command line does with a case file.
 */
import browser from 'webextension-polyfill';
import { BlobPartsSink } from '../../browser/evidence-db/blob-parts-sink';
import { evidenceStore } from '../../browser/evidence-db/dexie-store';
import { checkStoredCase } from '../../engine/evidence/self-check';
import type { CaseInfo } from '../../engine/evidence/model';
import { IntelAggregator } from '../../engine/intel/aggregator';
import type { CaptureFacts } from '../../engine/intel/capture-facts';
import { writeAlertZip } from '../../engine/intel/alert-zip';
import type { ReportInput } from '../../engine/intel/report-inputs';
import { waitForDownload } from '../../browser/evidence-db/case-download';

export async function exportCyberAlert(
  cases: readonly CaseInfo[],
  facts: readonly CaptureFacts[],
  scope: string,
  producer: string,
): Promise<string> {
  const store = evidenceStore();
  const key = await store.getSigningKey('install');
  const aggregator = new IntelAggregator();
  const inputs: ReportInput[] = [];
  for (const c of cases) {
    const problems = (await checkStoredCase(store, c.caseId)).filter((p) => p.severity === 'error');
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
    if (!problems.length) for (const f of facts) if (f.caseId === c.caseId && aggregator.add(f)) input.captures++;
    inputs.push(input);
  }
  const generatedAt = new Date().toISOString();
  const sink = new BlobPartsSink();
  await writeAlertZip(sink, aggregator.summary(), inputs, {
    generatedAt,
    tool: { name: 'Wildtrace', version: browser.runtime.getManifest().version },
    scope,
    producer,
  });
  sink.close();
  const fileName = `cyber-alert-${generatedAt.slice(0, 10)}.zip`;
  const url = URL.createObjectURL(sink.blob());
  try {
    const id = await browser.downloads.download({ url, filename: fileName, saveAs: false, conflictAction: 'uniquify' });
    await waitForDownload(id);
  } finally {
    URL.revokeObjectURL(url);
  }
  return fileName;
}
