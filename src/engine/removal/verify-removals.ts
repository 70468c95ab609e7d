/**
 * What `wildtrace verify` checks of removal requests, beyond the audit chain and signatures that
 * cover them like every entry: each notice's text hashes to the SHA-256 in its signed entry, its
 * copy in removals/ is that text byte for byte, the captures it names are the ones in the file
 * (by record hash), and each re-check points at an earlier notice of the case and at follow-up
 * captures the file holds. Captures left out of a partial export are not errors.
 */
import { sha256Hex } from '../bytes/sha256';
import type { ExportedAuditEntry } from '../evidence/chain';
import { error, type Problem } from '../evidence/problems';
import { noticePath } from './paths';
import { checksOf, noticesOf } from './records';

export interface RemovalCheckInput {
  audit: readonly ExportedAuditEntry[];
  caseId: string;
  partial: boolean;
  /** The captures of the file: id -> record hash. */
  captures: ReadonlyMap<string, string>;
  /** The SHA-256 of each file of the archive, by path. */
  fileSha256: (path: string) => string | undefined;
}

export async function verifyRemovals(input: RemovalCheckInput): Promise<Problem[]> {
  const problems: Problem[] = [];
  const notices = noticesOf(input.audit, input.caseId);
  const capture = (id: string, hash: string | null, where: string, what: string) => {
    const held = input.captures.get(id);
    if (held === undefined) {
      if (!input.partial) problems.push(error('removal-capture-missing', where, `${what} ${id} is not in the file`));
    } else if (hash !== null && held !== hash) {
      problems.push(error('removal-capture-mismatch', where, `${what} ${id} has another record hash`, hash, held));
    }
  };
  for (const [i, n] of notices.entries()) {
    const where = `removal notice #${i + 1} (audit seq ${n.sequence})`;
    const sha = await sha256Hex(n.text);
    if (sha !== n.sha256)
      problems.push(error('removal-notice-hash', where, 'notice text differs from its SHA-256', n.sha256, sha));
    const path = noticePath(n, i);
    const file = input.fileSha256(path);
    if (file === undefined) problems.push(error('removal-notice-file', path, 'the copy of the notice is missing'));
    else if (file !== n.sha256)
      problems.push(error('removal-notice-file', path, 'file differs from the signed notice', n.sha256, file));
    if (n.listings.length === 0) problems.push(error('removal-notice-malformed', where, 'the notice names no capture'));
    for (const l of n.listings) capture(l.captureId, l.recordHash, where, 'notified capture');
  }
  const noticeAt = new Map(notices.map((n) => [n.hash, n]));
  for (const c of checksOf(input.audit, input.caseId)) {
    const where = `removal check (audit seq ${c.sequence})`;
    const notice = noticeAt.get(c.noticeHash);
    if (!notice || notice.sequence > c.sequence) {
      problems.push(
        error('removal-check-notice', where, 'points at no earlier removal notice of this case', c.noticeHash),
      );
    } else if (!notice.listings.some((l) => l.captureId === c.originalCaptureId)) {
      problems.push(error('removal-check-notice', where, `capture ${c.originalCaptureId} is not named in its notice`));
    }
    if (c.followUpCaptureId) capture(c.followUpCaptureId, c.followUpRecordHash, where, 'follow-up capture');
  }
  return problems;
}
