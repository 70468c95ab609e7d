import { describe, expect, it } from 'vitest';
import { verifyAuditChain, isRedacted } from '../../../src/engine/evidence/chain';
import { createCase } from '../../../src/engine/evidence/operations';
import { importPublicKey } from '../../../src/engine/evidence/signing';
import type { AuditEntry } from '../../../src/engine/evidence/model';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import {
  deleteCaseForOfficer,
  deletionRequestProblem,
  MAX_DELETION_REASON,
  type CaseDeletionDeps,
} from '../../../src/background/evidence/case-deletion';
import { buildSampleCase, type SampleCase } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';

/** Deletion deps over a sample case, with the active case kept in a variable. */
function depsOf(sc: SampleCase, active: string | undefined) {
  const state = { active };
  const deps: CaseDeletionDeps = {
    store: sc.store,
    signer: sc.signer,
    actor: 'Jane Doe',
    engine: sc.opts,
    getActiveCaseId: async () => state.active,
    setActiveCaseId: async (id) => {
      state.active = id;
    },
  };
  return { deps, state };
}

describe('deletion requests', () => {
  it.each([
    ['no case id', { reason: 'duplicate' }, 'say which case to delete'],
    ['empty case id', { caseId: '', reason: 'duplicate' }, 'say which case to delete'],
    ['no reason', { caseId: 'c' }, 'say why the case is deleted'],
    ['blank reason', { caseId: 'c', reason: ' \n\t ' }, 'say why the case is deleted'],
    ['reason not text', { caseId: 'c', reason: 42 }, 'say why the case is deleted'],
    [
      'reason too long',
      { caseId: 'c', reason: 'x'.repeat(MAX_DELETION_REASON + 1) },
      `the reason is too long (at most ${MAX_DELETION_REASON} characters)`,
    ],
    ['not an object', 'c', 'say which case to delete'],
    ['usable', { caseId: 'c', reason: 'opened by mistake' }, undefined],
  ])('%s', (_name, req, problem) => {
    expect(deletionRequestProblem(req)).toBe(problem);
  });
});

describe('deleting a case for the officer', () => {
  it(
    'deletes the case and its evidence, signs a tombstone with the reason and chain head, ' + 'clears the active case',
    async () => {
      const sc = await buildSampleCase({ captures: 2, annotate: true });
      const captures = await sc.store.listCaptures(sc.info.caseId);
      const { deps, state } = depsOf(sc, sc.info.caseId);
      const r = await deleteCaseForOfficer(deps, { caseId: sc.info.caseId, reason: '  opened by mistake  ' });

      expect(await sc.store.getCase(sc.info.caseId)).toBeUndefined();
      expect(await sc.store.listCaptures(sc.info.caseId)).toEqual([]);
      for (const c of captures) {
        expect(await sc.store.listArtefacts(c.body.captureId)).toEqual([]);
        expect(await sc.store.listNotes(c.body.captureId)).toEqual([]);
        expect(await sc.store.listTags(c.body.captureId)).toEqual([]);
      }
      const audit = await sc.store.listAudit();
      const tomb = audit.at(-1)!;
      expect(tomb.body).toMatchObject({
        action: 'deletion',
        actor: 'Jane Doe',
        caseId: sc.info.caseId,
        subjectId: sc.info.caseId,
        details: {
          what: 'case',
          title: sc.info.title,
          reference: 'EXH-17',
          reason: 'opened by mistake',
          captureCount: 2,
          chainHeadHash: captures.at(-1)!.hash,
        },
      });
      expect(r).toEqual({
        caseId: sc.info.caseId,
        title: sc.info.title,
        captureCount: 2,
        auditSequence: tomb.body.sequence,
        auditHash: tomb.hash,
        activeCaseId: null,
      });
      expect(state.active).toBeUndefined();
      expect(await verifyAuditChain(audit, await importPublicKey(sc.signer.info), sc.signer.info.fingerprint)).toEqual(
        [],
      );
    },
  );

  it('keeps another active case selected', async () => {
    const sc = await buildSampleCase({ captures: 1 });
    const other = await createCase(sc.store, sc.signer, { title: 'Other', officer: 'Jane Doe', agency: 'BF' }, sc.opts);
    const { deps, state } = depsOf(sc, other.caseId);
    expect((await deleteCaseForOfficer(deps, { caseId: sc.info.caseId, reason: 'duplicate' })).activeCaseId).toBe(
      other.caseId,
    );
    expect(state.active).toBe(other.caseId);
  });

  it.each([
    ['a blank reason', (id: string) => ({ caseId: id, reason: '   ' }), 'say why the case is deleted'],
    ['an unknown case', () => ({ caseId: 'no-such-case', reason: 'duplicate' }), 'case no-such-case does not exist'],
  ])('refuses %s and deletes nothing', async (_name, req, message) => {
    const sc = await buildSampleCase({ captures: 1 });
    const before = await sc.store.listAudit();
    const { deps, state } = depsOf(sc, sc.info.caseId);
    await expect(deleteCaseForOfficer(deps, req(sc.info.caseId))).rejects.toThrow(message);
    expect(await sc.store.getCase(sc.info.caseId)).toBeDefined();
    expect(await sc.store.listCaptures(sc.info.caseId)).toHaveLength(1);
    expect(await sc.store.listAudit()).toEqual(before);
    expect(state.active).toBe(sc.info.caseId);
  });

  it('discloses a deletion to a later export of another case by count and hash, never its details', async () => {
    const sc = await buildSampleCase({ captures: 1, otherCase: true });
    const doomed = (await sc.store.listCases()).find((c) => c.caseId !== sc.info.caseId)!;
    const { deps } = depsOf(sc, undefined);
    const r = await deleteCaseForOfficer(deps, { caseId: doomed.caseId, reason: 'test case, <no evidence>' });
    const { zip, result } = await exportToBytes(sc);
    expect(result.problems).toEqual([]);
    const files = unzip(zip);
    const lines = text(files['audit-log.jsonl'])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry | { redacted: true; hash: string });
    // Nothing about the deleted case is in the clear: its entries, tombstone included, are withheld.
    const full = lines.filter((l): l is AuditEntry => !isRedacted(l as never));
    expect(full.filter((e) => e.body.caseId === doomed.caseId)).toEqual([]);
    expect(lines).toContainEqual({ redacted: true, hash: r.auditHash, signature: expect.any(String) });
    for (const name of Object.keys(files)) {
      expect(text(files[name]), name).not.toContain('Secret other case');
      expect(text(files[name]), name).not.toContain('no evidence');
    }
    // The count and the hash, in the signed manifest, the report and the verifier's summary.
    const manifest = JSON.parse(text(files['manifest.json']));
    expect(manifest.auditLog.deletionsElsewhere).toEqual([r.auditHash]);
    const report = text(files['report.html']);
    expect(report).toMatch(/Other cases deleted<\/th><td>1 on this install before this export/);
    expect(report).toContain(r.auditHash);
    const verified = await verifyCaseFile(bytesSource(zip));
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(verified.summary.deletionsElsewhere).toBe(1);
  });
});
