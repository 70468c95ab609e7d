/**
 * checkStoredCases: the self-check of many cases verifies the install-wide audit log once, and
 * finds for each case exactly what checkStoredCase finds for it alone (real captures in a
 * MemoryEvidenceStore; one artefact and one audit entry altered as a corrupted store would be).
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/engine/evidence/model';
import { MemoryEvidenceStore } from '../../../src/engine/evidence/memory-store';
import { ensureSigningKey } from '../../../src/engine/evidence/operations';
import { checkStoredCase, checkStoredCases } from '../../../src/engine/evidence/self-check';
import type { Problem } from '../../../src/engine/evidence/problems';
import { addIntelCase, ind, intelOptions, species } from '../../support/intel-fixture';

const capture = (i: number) => ({
  url: `https://shop.example/item/${i}`,
  capturedAt: `2025-03-0${i + 1}T10:00:00.000Z`,
  hits: [species('Python regius', 'II')],
  indicators: [ind.phone(`+44770090000${i}`)],
});

async function threeCases() {
  const store = new MemoryEvidenceStore();
  const signer = await ensureSigningKey(store, 'Officer', intelOptions(0));
  const ids: string[] = [];
  for (let c = 1; c <= 3; c++)
    ids.push((await addIntelCase(store, signer, `Case ${c}`, [capture(0), capture(1)], c)).caseId);
  return { store, ids };
}

async function each(store: MemoryEvidenceStore, ids: string[]): Promise<[string, Problem[]][]> {
  const out: [string, Problem[]][] = [];
  for await (const r of checkStoredCases(store, ids)) out.push(r);
  return out;
}

describe('checking many stored cases', () => {
  it('finds nothing in an intact store, case by case in the order asked', async () => {
    const { store, ids } = await threeCases();
    const order = [ids[2], ids[0], ids[1]];
    expect(await each(store, order)).toEqual(order.map((id) => [id, []]));
  });

  it('finds for each case what the one-case check finds, the audit log once for all', async () => {
    const { store, ids } = await threeCases();
    const [first] = await store.listCaptures(ids[1]);
    const text = (await store.listArtefacts(first.body.captureId)).find((a) => a.name === 'text.txt')!;
    (text.body as Uint8Array)[0] ^= 1;
    const tables = (store as unknown as { tables: { audit: AuditEntry[] } }).tables;
    tables.audit[1] = { ...tables.audit[1], body: { ...tables.audit[1].body, actor: 'Mallory' } };

    const many = await each(store, ids);
    const alone = await Promise.all(ids.map(async (id) => [id, await checkStoredCase(store, id)]));
    expect(many).toEqual(alone);
    const codes = many.map(([, problems]) => problems.filter((p) => p.severity === 'error').map((p) => p.code));
    // The altered audit entry concerns every case; the altered artefact only the second.
    for (const c of codes) expect(c).toContain('record-hash-mismatch');
    expect(codes.map((c) => c.includes('artefact-hash-mismatch'))).toEqual([false, true, false]);
  });
});
