/**
 * Deleting a case at the officer's request: checks the request, deletes through the engine
 * (which leaves the signed "deletion" tombstone in the audit log) and clears the active case
 * when it was the one deleted. Browser-free (its dependencies are passed in), so it is unit-tested
 * with the memory store; the background handler wires it to Dexie and storage.local.
 */
import { deleteCase, type EngineOptions } from '../../engine/evidence/operations';
import type { Signer } from '../../engine/evidence/signing';
import type { EvidenceStore } from '../../engine/evidence/store';
import type { CaseDeletionResult } from '../../messaging/routes/evidence';

/** Longest reason kept (it is stored in every later audit log and case file). */
export const MAX_DELETION_REASON = 2000;

/** What the UI sends. */
export interface CaseDeletionRequest {
  caseId: string;
  reason: string;
}

/** What deleting needs from its surroundings. */
export interface CaseDeletionDeps {
  store: EvidenceStore;
  signer: Signer;
  /** The officer named in the tombstone. */
  actor: string;
  getActiveCaseId(): Promise<string | undefined>;
  setActiveCaseId(caseId: string | undefined): Promise<void>;
  engine?: EngineOptions;
}

/** The problem with a deletion request, in plain words, or undefined when it is usable. */
export function deletionRequestProblem(req: unknown): string | undefined {
  const r = (req && typeof req === 'object' ? req : {}) as Record<string, unknown>;
  if (typeof r.caseId !== 'string' || !r.caseId) return 'say which case to delete';
  if (typeof r.reason !== 'string' || !r.reason.trim()) return 'say why the case is deleted';
  if (r.reason.trim().length > MAX_DELETION_REASON)
    return `the reason is too long (at most ${MAX_DELETION_REASON} characters)`;
  return undefined;
}

/**
 * Deletes the case with its captures, artefacts, notes and tags, leaving the signed tombstone.
 * Throws (deleting nothing) on a bad request or an unknown case.
 */
export async function deleteCaseForOfficer(
  deps: CaseDeletionDeps,
  req: CaseDeletionRequest,
): Promise<CaseDeletionResult> {
  const problem = deletionRequestProblem(req);
  if (problem) throw new Error(problem);
  const entry = await deleteCase(
    deps.store,
    deps.signer,
    req.caseId,
    { actor: deps.actor, reason: req.reason.trim() },
    deps.engine,
  );
  let active = (await deps.getActiveCaseId()) ?? null;
  if (active === req.caseId) {
    await deps.setActiveCaseId(undefined);
    active = null;
  }
  const d = entry.body.details;
  return {
    caseId: req.caseId,
    title: typeof d.title === 'string' ? d.title : '',
    captureCount: typeof d.captureCount === 'number' ? d.captureCount : 0,
    auditSequence: entry.body.sequence,
    auditHash: entry.hash,
    activeCaseId: active,
  };
}
