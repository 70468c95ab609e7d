/**
 * The verify page's audit entry, written by the background into its own store (here the session
 * store, a MemoryEvidenceStore with a real case): checked request, signed and chained entry, the
 * case named only when this store holds it, writes through the one queue.
 */
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/engine/evidence/chain';
import { importPublicKey } from '../../../src/engine/evidence/signing';
import { logVerification, verificationFinding } from '../../../src/background/evidence/verification-log';
import { buildSampleCase } from '../../support/evidence-fixture';

const FINDING = {
  fileName: 'wildtrace-op-scales.zip',
  ok: false,
  problems: 2,
  publicKeyFingerprint: 'ab'.repeat(32),
  keyCheck: 'unchecked',
};

describe('verification findings', () => {
  it.each([
    ['no file name', { ...FINDING, fileName: '' }],
    ['no verdict', { ...FINDING, ok: 'yes' }],
    ['problems not a count', { ...FINDING, problems: -1 }],
    ['problems not a number', { ...FINDING, problems: '2' }],
    ['not an object', 'wildtrace.zip'],
  ])('%s is refused in words', (_name, raw) => {
    expect(() => verificationFinding(raw)).toThrow('a verification needs the file name');
  });

  it('keeps what it knows and drops the rest', () => {
    expect(
      verificationFinding({ ...FINDING, keyCheck: 'trusted', publicKeyFingerprint: 7, caseId: '', extra: 'x' }),
    ).toEqual({ ...FINDING, keyCheck: null, publicKeyFingerprint: null });
    expect(verificationFinding({ ...FINDING, fileName: 'x'.repeat(2000) }).fileName).toHaveLength(500);
  });
});

describe('logging a verification', () => {
  it('signs a chained audit entry, naming the case only when this store holds it', async () => {
    const sc = await buildSampleCase({ captures: 1 });
    const queued: string[] = [];
    const deps = {
      store: sc.store,
      signer: sc.signer,
      actor: 'Jane Doe',
      queue: <T>(write: () => Promise<T>) => (queued.push('write'), write()),
    };
    const ours = await logVerification(deps, verificationFinding({ ...FINDING, caseId: sc.info.caseId }));
    const foreign = await logVerification(deps, verificationFinding({ ...FINDING, ok: true, caseId: 'elsewhere' }));
    expect(queued).toEqual(['write', 'write']);
    expect(ours.body).toMatchObject({
      action: 'verification',
      actor: 'Jane Doe',
      caseId: sc.info.caseId,
      details: { what: 'case file', ...FINDING },
    });
    expect(foreign.body.caseId).toBeUndefined();
    expect(foreign.body.details.ok).toBe(true);
    const audit = await sc.store.listAudit();
    expect(audit.slice(-2).map((a) => a.hash)).toEqual([ours.hash, foreign.hash]);
    expect(await verifyAuditChain(audit, await importPublicKey(sc.signer.info), sc.signer.info.fingerprint)).toEqual(
      [],
    );
  });
});
