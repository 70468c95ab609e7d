/**
 * DexieEvidenceStore over fake-indexeddb: the engine's operations stored in IndexedDB, atomic
 * transactions, refusal of overwrites, quota failures inside a transaction, corruption reported.
 */
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { DBCore } from 'dexie';
import {
  DexieEvidenceStore,
  EvidenceDatabase,
  StorageFullError,
  isQuotaError,
} from '../../../src/browser/evidence-db/dexie-store';
import {
  addNote,
  addTag,
  appendCapture,
  attachTimestamp,
  createCase,
  deleteCase,
  ensureSigningKey,
  setLabel,
  updateCase,
  type ArtefactInput,
} from '../../../src/engine/evidence/operations';
import { checkStoredCase } from '../../../src/engine/evidence/self-check';
import { hashBody } from '../../../src/engine/bytes/sha256';
import { importPublicKey } from '../../../src/engine/evidence/signing';
import { verifyAuditChain, verifyCaptureChain } from '../../../src/engine/evidence/chain';
import { fixedOptions, noiseBytes, sampleMetadata } from '../../support/evidence-fixture';

let dbCounter = 0;
function freshDb(factory = new IDBFactory()) {
  return new EvidenceDatabase(`test-${++dbCounter}`, { indexedDB: factory, IDBKeyRange });
}

const blobArtefacts = (i: number): ArtefactInput[] => [
  {
    name: 'screenshot.png',
    body: new Blob([noiseBytes(1024, i + 1) as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
  },
  { name: 'page.html', body: new Blob([`<html><body>Python regius ${i}</body></html>`], { type: 'text/html' }) },
  { name: 'text.txt', body: new Blob([`Python regius ${i}`]) },
  { name: 'hits.json', body: new Blob(['[]']) },
];

async function setup(db = freshDb()) {
  const store = new DexieEvidenceStore(db);
  const opts = fixedOptions();
  const signer = await ensureSigningKey(store, 'Jane Doe', opts);
  const info = await createCase(
    store,
    signer,
    { title: 'Op. Scales', officer: 'Jane Doe', agency: 'Border Force' },
    opts,
  );
  const capture = (i: number) =>
    appendCapture(
      store,
      signer,
      {
        caseId: info.caseId,
        metadata: sampleMetadata(info, i, `https://market.example/${i}`),
        artefacts: blobArtefacts(i),
      },
      opts,
    );
  return { store, signer, info, opts, capture, db };
}

describe('DexieEvidenceStore with the evidence engine', () => {
  it('stores a capture with its artefacts as Blobs whose hashes recompute', async () => {
    const { store, info, capture } = await setup();
    const c = await capture(0);
    const stored = await store.listArtefacts(c.body.captureId);
    expect(stored.map((a) => a.name)).toEqual(['hits.json', 'page.html', 'screenshot.png', 'text.txt']);
    for (const a of stored) {
      expect(a.body).toBeInstanceOf(Blob);
      const digest = c.body.artefacts.find((d) => d.name === a.name)!;
      expect(await hashBody(a.body)).toEqual({ sha256: digest.sha256, size: digest.size });
    }
    expect(await store.getCapture(c.body.captureId)).toEqual(c);
    expect(await checkStoredCase(store, info.caseId)).toEqual([]);
  });

  it('chains captures, lists them in order and finds the head', async () => {
    const { store, info, capture, signer } = await setup();
    for (let i = 0; i < 3; i++) await capture(i);
    const list = await store.listCaptures(info.caseId);
    expect(list.map((c) => c.body.sequence)).toEqual([0, 1, 2]);
    expect(list[1].body.previousRecordHash).toBe(list[0].hash);
    expect((await store.lastCapture(info.caseId))?.hash).toBe(list[2].hash);
    const key = await importPublicKey(signer.info);
    expect(await verifyCaptureChain(list, key, { caseId: info.caseId, fingerprint: signer.info.fingerprint })).toEqual(
      [],
    );
    const audit = await store.listAudit();
    expect(audit.map((e) => e.body.action)).toEqual(['install', 'case-created', 'capture', 'capture', 'capture']);
    expect(await verifyAuditChain(audit, key, signer.info.fingerprint)).toEqual([]);
  });

  it('keeps the chain intact under concurrent captures (optimistic retries)', async () => {
    const { store, info, capture } = await setup();
    await Promise.all([0, 1, 2, 3, 4].map((i) => capture(i)));
    expect((await store.listCaptures(info.caseId)).map((c) => c.body.sequence)).toEqual([0, 1, 2, 3, 4]);
    expect(await checkStoredCase(store, info.caseId)).toEqual([]);
  });

  it('stores notes, tags, case updates and timestamps, and survives reopening the database', async () => {
    const factory = new IDBFactory();
    const { store, signer, info, opts, capture } = await setup(freshDb(factory));
    const c = await capture(0);
    await addNote(
      store,
      signer,
      { captureId: c.body.captureId, text: 'Seller asks for cash', author: 'Jane Doe' },
      opts,
    );
    await addTag(store, signer, { captureId: c.body.captureId, tag: 'priority', author: 'Jane Doe' }, opts);
    await updateCase(store, signer, info.caseId, { title: 'Op. Scales II', status: 'closed' }, 'Jane Doe', opts);
    await attachTimestamp(
      store,
      signer,
      c.body.captureId,
      { tsaUrl: 'http://tsa.invalid', token: 'AA==', genTime: '2025-03-01T10:00:00Z', hash: c.hash },
      'Jane Doe',
      opts,
    );
    store.db.close();
    const again = new DexieEvidenceStore(new EvidenceDatabase(store.db.name, { indexedDB: factory, IDBKeyRange }));
    expect((await again.listNotes(c.body.captureId)).map((n) => n.body.text)).toEqual(['Seller asks for cash']);
    expect((await again.listTags(c.body.captureId)).map((n) => n.body.tag)).toEqual(['priority']);
    expect(await again.getCase(info.caseId)).toMatchObject({ title: 'Op. Scales II', status: 'closed' });
    expect((await again.getCapture(c.body.captureId))?.timestamp?.tsaUrl).toBe('http://tsa.invalid');
    expect((await again.getSigningKey('install'))?.info.fingerprint).toBe(signer.info.fingerprint);
    expect((await again.listCases()).length).toBe(1);
  });

  it('writes nothing when the transaction body throws', async () => {
    const { store } = await setup();
    const before = await store.counts();
    await expect(
      store.transaction(async (tx) => {
        await tx.putCase({
          caseId: 'x',
          title: 'x',
          officer: '',
          agency: '',
          createdAt: '2025-01-01T00:00:00.000Z',
          status: 'open',
        });
        await tx.addArtefact({
          captureId: 'c',
          name: 'text.txt',
          mediaType: 'text/plain',
          size: 1,
          sha256: '0'.repeat(64),
          body: new Blob(['x']),
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.counts()).toEqual(before);
  });

  it.each([
    [
      'capture',
      async (
        tx: import('../../../src/engine/evidence/store').EvidenceTx,
        c: import('../../../src/engine/evidence/model').StoredCapture,
      ) => tx.addCapture(c),
    ],
    [
      'capture at the same chain position',
      async (
        tx: import('../../../src/engine/evidence/store').EvidenceTx,
        c: import('../../../src/engine/evidence/model').StoredCapture,
      ) => tx.addCapture({ ...c, body: { ...c.body, captureId: 'another-id' } }),
    ],
    [
      'artefact',
      async (
        tx: import('../../../src/engine/evidence/store').EvidenceTx,
        c: import('../../../src/engine/evidence/model').StoredCapture,
      ) => tx.addArtefact({ ...c.body.artefacts[0], captureId: c.body.captureId, body: new Blob(['forged']) }),
    ],
    [
      'audit entry',
      async (tx: import('../../../src/engine/evidence/store').EvidenceTx) => tx.addAudit((await tx.lastAudit())!),
    ],
  ])('refuses to overwrite an existing %s', async (_what, write) => {
    const { store, capture } = await setup();
    const c = await capture(0);
    const before = await store.counts();
    await expect(store.transaction((tx) => write(tx, c))).rejects.toThrow();
    expect(await store.counts()).toEqual(before);
    expect(await checkStoredCase(store, c.body.caseId)).toEqual([]);
  });

  it('says plainly when storage is full inside a capture, and keeps everything stored before', async () => {
    const { store, info, capture, db } = await setup();
    const first = await capture(0);
    const before = await store.counts();
    // Quota is enforced by IndexedDB on the write: make the artefact writes fail as Chrome does
    // (a Dexie middleware applies from the next open).
    db.close();
    db.use({
      stack: 'dbcore',
      name: 'quota',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return name !== 'artefacts'
            ? t
            : {
                ...t,
                mutate: (req) =>
                  req.type === 'add'
                    ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
                    : t.mutate(req),
              };
        },
      }),
    });
    await db.open();
    const err = await capture(1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as Error).message).toMatch(
      /storage for evidence is full.*Nothing was stored.*everything stored before is kept/,
    );
    expect(await store.counts()).toEqual(before);
    expect((await store.lastCapture(info.caseId))?.hash).toBe(first.hash);
    expect(await checkStoredCase(store, info.caseId)).toEqual([]);
  });

  it.each([
    [{ name: 'QuotaExceededError' }, true],
    [{ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, true],
    [{ name: 'ConstraintError' }, false],
    [undefined, false],
  ])('isQuotaError(%o) is %s', (e, expected) => expect(isQuotaError(e)).toBe(expected));

  it.each([
    [
      'a changed record field',
      async (db: EvidenceDatabase, id: string) =>
        db.captures.update(id, (row) => {
          row.capture.body.metadata.title = 'edited';
        }),
      'record-hash-mismatch',
    ],
    [
      'a changed artefact',
      async (db: EvidenceDatabase, id: string) =>
        db.artefacts.update([id, 'text.txt'], { body: new Blob(['Python regius 9']) }),
      'artefact-hash-mismatch',
    ],
    [
      'a removed artefact',
      async (db: EvidenceDatabase, id: string) => db.artefacts.delete([id, 'page.html']),
      'artefact-missing',
    ],
    ['a removed audit entry', async (db: EvidenceDatabase) => db.audit.delete(1), undefined],
  ])('reports %s in the stored case, never hides it', async (_what, corrupt, code) => {
    const { store, info, capture, db } = await setup();
    await capture(0);
    const c = await capture(1);
    await corrupt(db, c.body.captureId);
    const problems = await checkStoredCase(store, info.caseId);
    expect(problems.length).toBeGreaterThan(0);
    if (code) expect(problems.map((p) => p.code)).toContain(code);
  });

  it('stores the officer’s labels and deletes them with their case', async () => {
    const factory = new IDBFactory();
    const { store, signer, info, opts, capture } = await setup(freshDb(factory));
    const c = await capture(0);
    const input = { captureId: c.body.captureId, subject: { kind: 'page' } as const, author: 'Jane Doe' };
    const first = await setLabel(store, signer, { ...input, label: 'offer' }, opts);
    const second = await setLabel(store, signer, { ...input, label: 'not-offer' }, opts);
    expect(second.body.supersedes).toBe(first.hash);
    store.db.close();
    const again = new DexieEvidenceStore(new EvidenceDatabase(store.db.name, { indexedDB: factory, IDBKeyRange }));
    expect((await again.listLabels(c.body.captureId)).map((l) => l.body.label)).toEqual(['offer', 'not-offer']);
    expect(await checkStoredCase(again, info.caseId)).toEqual([]);
    await deleteCase(again, signer, info.caseId, { actor: 'Jane Doe', reason: 'test' }, opts);
    expect((await again.counts()).labels).toBe(0);
  });

  it('opens a database of schema version 1 and keeps its evidence', async () => {
    const factory = new IDBFactory();
    const name = `test-v1-${++dbCounter}`;
    // The schema of the first release, as an install made before labels has it on disk.
    const v1 = new Dexie(name, { indexedDB: factory, IDBKeyRange });
    v1.version(1).stores({
      keys: 'keyId',
      cases: 'caseId, createdAt',
      captures: 'captureId, &[caseId+sequence]',
      artefacts: '[captureId+name], captureId',
      notes: 'noteId, captureId, caseId',
      tags: 'tagId, captureId, caseId',
      audit: 'sequence',
    });
    const info = { caseId: 'c1', title: 'Old', officer: 'J', agency: 'A', createdAt: '2025-01-01T00:00:00.000Z' };
    await v1.table('cases').put({ ...info, status: 'open' });
    v1.close();
    const store = new DexieEvidenceStore(new EvidenceDatabase(name, { indexedDB: factory, IDBKeyRange }));
    expect(await store.getCase('c1')).toMatchObject(info);
    expect(store.db.verno).toBe(2);
    expect((await store.counts()).labels).toBe(0);
  });

  it('deletes a case with its evidence and leaves a signed tombstone', async () => {
    const { store, signer, info, opts, capture } = await setup();
    const c = await capture(0);
    await addNote(store, signer, { captureId: c.body.captureId, text: 'n', author: 'Jane Doe' }, opts);
    await deleteCase(store, signer, info.caseId, { actor: 'Jane Doe', reason: 'opened by mistake' }, opts);
    const counts = await store.counts();
    expect(counts).toMatchObject({ cases: 0, captures: 0, artefacts: 0, notes: 0, tags: 0 });
    const tomb = (await store.lastAudit())!;
    expect(tomb.body).toMatchObject({
      action: 'deletion',
      caseId: info.caseId,
      details: { captureCount: 1, chainHeadHash: c.hash },
    });
    expect(
      await verifyAuditChain(await store.listAudit(), await importPublicKey(signer.info), signer.info.fingerprint),
    ).toEqual([]);
  });
});
