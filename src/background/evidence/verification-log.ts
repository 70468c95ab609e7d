/**
 * "Verify a case file" on the verify page is recorded in this browser's audit log. The page sends
 * what it found and the background writes the entry into its own store, in its one write queue,
 * wherever it keeps evidence (IndexedDB, or the session store of permanent private browsing).
 */
import type { AuditEntry } from '../../engine/evidence/model';
import { logAudit } from '../../engine/evidence/operations';
import type { Signer } from '../../engine/evidence/signing';
import type { EvidenceStore } from '../../engine/evidence/store';
import type { VerificationFinding } from '../../messaging/routes/evidence';

export interface VerificationLogDeps {
  store: EvidenceStore;
  signer: Signer;
  actor: string;
  /** Runs an evidence write in the background's one queue. */
  queue: <T>(write: () => Promise<T>) => Promise<T>;
}

const KEY_CHECKS: readonly string[] = ['expected', 'unexpected', 'known', 'not-known', 'unchecked'];
const MAX_TEXT = 500;

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, MAX_TEXT) : undefined);

/** The finding checked (it arrives as a message): a clear error for anything else. */
export function verificationFinding(raw: unknown): VerificationFinding {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof VerificationFinding, unknown>>;
  const fileName = text(r.fileName);
  if (!fileName || typeof r.ok !== 'boolean' || !Number.isSafeInteger(r.problems) || (r.problems as number) < 0)
    throw new Error('a verification needs the file name, the verdict and the number of problems');
  const keyCheck = typeof r.keyCheck === 'string' && KEY_CHECKS.includes(r.keyCheck) ? r.keyCheck : null;
  return {
    fileName,
    ok: r.ok,
    problems: r.problems as number,
    publicKeyFingerprint: text(r.publicKeyFingerprint) ?? null,
    keyCheck: keyCheck as VerificationFinding['keyCheck'],
    ...(text(r.caseId) ? { caseId: text(r.caseId) } : {}),
  };
}

/** Writes the verification into the audit log; resolves with the signed entry. */
export async function logVerification(deps: VerificationLogDeps, f: VerificationFinding): Promise<AuditEntry> {
  const known = f.caseId !== undefined && (await deps.store.getCase(f.caseId)) !== undefined;
  return deps.queue(() =>
    logAudit(deps.store, deps.signer, {
      action: 'verification',
      actor: deps.actor,
      ...(known ? { caseId: f.caseId } : {}),
      details: {
        what: 'case file',
        fileName: f.fileName,
        ok: f.ok,
        problems: f.problems,
        publicKeyFingerprint: f.publicKeyFingerprint,
        keyCheck: f.keyCheck,
      },
    }),
  );
}
