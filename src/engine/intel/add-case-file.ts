/**
 * One case file into the report: verified first with the project's verifier; a file that fails
 * (or whose key is not the expected or a known one, when keys are given) is left out and said so;
 * a verified one has its captures read one at a time as facts and counted.
 */
import { verifyCaseFile, type VerifyOptions } from '../verify/verify-case';
import type { RandomAccessSource } from '../verify/zip-reader';
import type { IntelAggregator } from './aggregator';
import { type CaptureData, openVerifiedCaseFile } from './case-file-captures';
import type { ReportInput } from './report-inputs';

/** How many of the verifier's problems the report quotes for a failed file. */
const QUOTED_PROBLEMS = 3;

export async function addCaseFile(
  name: string,
  source: RandomAccessSource,
  aggregator: IntelAggregator,
  options: Pick<VerifyOptions, 'knownKeys' | 'trustedTsaCertificates' | 'signal'> & {
    /** Called with each capture counted (not with repeated ones), after the whole file was read. */
    onCapture?: (capture: CaptureData) => void | Promise<void>;
  } = {},
): Promise<ReportInput> {
  const { knownKeys, trustedTsaCertificates, signal } = options;
  const report = await verifyCaseFile(source, { knownKeys, trustedTsaCertificates, signal });
  const s = report.summary;
  const input: ReportInput = {
    name,
    status: 'included',
    caseId: s.caseId,
    caseTitle: s.caseTitle,
    captures: 0,
    fingerprint: report.key?.fingerprint,
    keyStatus: report.key?.status,
    keyHolder: report.key?.name,
  };
  if (!report.ok || !report.key) {
    const errors = report.problems.filter((p) => p.severity === 'error');
    // Where and what, without the hashes: the full problems are one `wildtrace verify` away.
    const quoted = errors.slice(0, QUOTED_PROBLEMS).map((p) => `${p.where}: ${p.message}`);
    if (errors.length > QUOTED_PROBLEMS) quoted.push(`and ${errors.length - QUOTED_PROBLEMS} more problem(s)`);
    return { ...input, status: 'failed', reason: quoted.join('; ') };
  }
  let opened;
  const read: CaptureData[] = [];
  try {
    opened = await openVerifiedCaseFile(source, report.key.fingerprint);
    // One case's facts are gathered before any is counted, so a file that turns bad midway counts for nothing.
    for await (const c of opened.captures()) read.push(c);
  } catch (e) {
    return { ...input, status: 'unreadable', reason: (e as Error).message };
  }
  input.caseReference = opened.case.reference;
  let repeated = 0;
  for (const c of read) {
    if (aggregator.add(c.facts)) {
      input.captures++;
      await options.onCapture?.(c);
    } else repeated++;
  }
  if (repeated && input.captures === 0) return { ...input, status: 'duplicate' };
  if (repeated) input.reason = `${repeated} capture(s) already counted from an earlier file`;
  return input;
}
