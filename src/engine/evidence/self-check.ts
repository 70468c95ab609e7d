/**
 * Re-checks what a store holds for a case: artefact bytes against their recorded hashes, the
 * capture chain, notes, tags, labels and the audit log. A corrupted stored record is reported, never
 * hidden or repaired.
 */
import { captureLabel, verifyAuditChain, verifyCaptureChain } from './chain';
import { clockWarnings } from './clock';
import { error, type Problem } from './problems';
import { checkSealed } from './seal';
import { hashBody } from '../bytes/sha256';
import type { AuditEntry, StoredCapture } from './model';
import type { EvidenceReader } from './store';
import { importPublicKey } from './signing';

/** Problems found in a stored case (empty when everything checks out). */
export async function checkStoredCase(store: EvidenceReader, caseId: string): Promise<Problem[]> {
  for await (const [, problems] of checkStoredCases(store, [caseId])) return problems;
  return [];
}

/**
 * Each case's problems, as checkStoredCase finds them, case by case. The audit log is the
 * install's, not the case's: it is verified once and its problems are reported with every case
 * (verifying it again for each case made checking many cases quadratic).
 */
export async function* checkStoredCases(
  store: EvidenceReader,
  caseIds: readonly string[],
): AsyncGenerator<[caseId: string, problems: Problem[]]> {
  const key = await store.getSigningKey('install');
  if (!key) {
    for (const caseId of caseIds) yield [caseId, [error('no-key', 'store', 'no signing key in the store')]];
    return;
  }
  const publicKey = await importPublicKey(key.info);
  const fingerprint = key.info.fingerprint;
  let log: { audit: AuditEntry[]; problems: Problem[] } | undefined;
  for (const caseId of caseIds) {
    const { captures, problems } = await checkStoredCaptures(store, caseId, publicKey, fingerprint);
    if (!log) {
      const audit = await store.listAudit();
      log = { audit, problems: await verifyAuditChain(audit, publicKey, fingerprint) };
    }
    yield [caseId, [...problems, ...log.problems, ...clockWarnings(captures, log.audit)]];
  }
}

/** The case's captures and the problems of their chain, artefacts, notes, tags and labels. */
async function checkStoredCaptures(
  store: EvidenceReader,
  caseId: string,
  publicKey: CryptoKey,
  fingerprint: string,
): Promise<{ captures: StoredCapture[]; problems: Problem[] }> {
  const captures = await store.listCaptures(caseId);
  const problems = await verifyCaptureChain(captures, publicKey, { caseId, fingerprint });
  for (const c of captures) {
    const where = captureLabel(c);
    const stored = await store.listArtefacts(c.body.captureId);
    const byName = new Map(stored.map((a) => [a.name, a]));
    for (const d of c.body.artefacts) {
      const a = byName.get(d.name);
      if (!a) {
        problems.push(error('artefact-missing', `${where} ${d.name}`, 'artefact is missing from the store'));
        continue;
      }
      const actual = await hashBody(a.body);
      if (actual.sha256 !== d.sha256)
        problems.push(
          error(
            'artefact-hash-mismatch',
            `${where} ${d.name}`,
            'stored bytes do not match the recorded hash',
            d.sha256,
            actual.sha256,
          ),
        );
      if (actual.size !== d.size)
        problems.push(
          error(
            'artefact-size-mismatch',
            `${where} ${d.name}`,
            'stored size differs from the record',
            d.size,
            actual.size,
          ),
        );
      byName.delete(d.name);
    }
    for (const extra of byName.keys())
      problems.push(error('artefact-unrecorded', `${where} ${extra}`, 'stored artefact is not in the record'));
    for (const n of await store.listNotes(c.body.captureId))
      problems.push(...(await checkSealed(n, publicKey, `note ${n.body.noteId}`)));
    for (const t of await store.listTags(c.body.captureId))
      problems.push(...(await checkSealed(t, publicKey, `tag ${t.body.tagId}`)));
    for (const l of await store.listLabels(c.body.captureId))
      problems.push(...(await checkSealed(l, publicKey, `label ${l.body.labelId}`)));
  }
  return { captures, problems };
}
