/**
 * The officer's offer labels: signed records beside the capture (the capture never changes), a
 * change or a clear is a new record naming the one it replaces, the latest wins; audited, checked
 * by the self-check, exported (manifest, labels.json, captures.csv, report) and verified.
 */
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableJson } from '../../../src/engine/evidence/canonical-json';
import { CAPTURE_SIDECARS, CASE_FILES } from '../../../src/engine/evidence/case-file-names';
import { labelsInForce, latestLabels, listingSubject } from '../../../src/engine/evidence/labels';
import { setLabel } from '../../../src/engine/evidence/operations';
import { checkStoredCase } from '../../../src/engine/evidence/self-check';
import { sha256Hex } from '../../../src/engine/bytes/sha256';
import type { Signer } from '../../../src/engine/evidence/signing';
import type { CaseManifest } from '../../../src/engine/export/manifest';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase, SAMPLE_LISTING, type SampleCase } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';

const enc = (s: string) => new TextEncoder().encode(s);

describe('label records', () => {
  let sc: SampleCase;
  beforeAll(async () => {
    sc = await buildSampleCase({ captures: 3, labels: true });
  });

  it('keeps every record and puts the latest of each subject in force', async () => {
    const [c0, c1, c2] = await sc.store.listCaptures(sc.info.caseId);
    const l0 = await sc.store.listLabels(c0.body.captureId);
    expect(l0.map((l) => l.body.label)).toEqual(['offer', 'not-offer', 'offer']);
    expect(l0[0].body.supersedes).toBeNull();
    expect(l0[1].body.supersedes).toBe(l0[0].hash);
    expect(l0[2].body.supersedes).toBe(l0[1].hash);
    expect(labelsInForce(l0).map((l) => l.hash)).toEqual([l0[2].hash]);

    const l1 = labelsInForce(await sc.store.listLabels(c1.body.captureId));
    expect(l1.map((l) => [l.body.subject.kind, l.body.label])).toEqual([
      ['page', 'not-offer'],
      ['listing', 'offer'],
    ]);
    expect(l1[1].body.subject).toEqual(await listingSubject(SAMPLE_LISTING));

    const l2 = await sc.store.listLabels(c2.body.captureId);
    expect(l2.map((l) => l.body.label)).toEqual(['offer', null]);
    expect(labelsInForce(l2)).toEqual([]);
  });

  it('never changes the signed capture record', async () => {
    const s = await buildSampleCase({ captures: 2 });
    const before = await s.store.listCaptures(s.info.caseId);
    for (const c of before) {
      const input = { captureId: c.body.captureId, subject: { kind: 'page' } as const, author: 'J' };
      await setLabel(s.store, s.signer, { ...input, label: 'offer' }, s.opts);
    }
    expect(await s.store.listCaptures(s.info.caseId)).toEqual(before);
  });

  it('audits every label write with the label hash', async () => {
    const audit = (await sc.store.listAudit()).filter((e) => e.body.action === 'label');
    expect(audit).toHaveLength(7);
    const [c0] = await sc.store.listCaptures(sc.info.caseId);
    const l0 = await sc.store.listLabels(c0.body.captureId);
    expect(audit[0].body.details).toEqual({
      captureId: c0.body.captureId,
      subject: 'page',
      label: 'offer',
      labelHash: l0[0].hash,
    });
  });

  it('writes nothing when the label is already in force, and refuses clearing nothing', async () => {
    const s = await buildSampleCase({ captures: 1 });
    const [c] = await s.store.listCaptures(s.info.caseId);
    const input = { captureId: c.body.captureId, subject: { kind: 'page' } as const, author: 'J' };
    const first = await setLabel(s.store, s.signer, { ...input, label: 'offer' }, s.opts);
    const again = await setLabel(s.store, s.signer, { ...input, label: 'offer' }, s.opts);
    expect(again.hash).toBe(first.hash);
    expect(await s.store.listLabels(c.body.captureId)).toHaveLength(1);
    const cleared = await setLabel(s.store, s.signer, { ...input, label: null }, s.opts);
    expect((await setLabel(s.store, s.signer, { ...input, label: null }, s.opts)).hash).toBe(cleared.hash);
    const listing = await listingSubject('Ivory bangle, 300 USD');
    await expect(setLabel(s.store, s.signer, { ...input, subject: listing, label: null }, s.opts)).rejects.toThrow(
      /no label to clear/,
    );
    await expect(setLabel(s.store, s.signer, { ...input, label: 'maybe' as 'offer' }, s.opts)).rejects.toThrow(
      /unknown label/,
    );
    await expect(setLabel(s.store, s.signer, { ...input, captureId: 'nope', label: 'offer' }, s.opts)).rejects.toThrow(
      /does not exist/,
    );
  });

  it('a clock set back cannot revive a replaced label', async () => {
    const records = await sc.store.listLabels((await sc.store.listCaptures(sc.info.caseId))[0].body.captureId);
    const shuffled = [records[2], records[0], records[1]];
    expect(latestLabels(shuffled).get('page')?.hash).toBe(records[2].hash);
  });

  it('refuses a listing label without text', async () => {
    await expect(listingSubject('  \n ')).rejects.toThrow(/listing text/);
  });

  it('the self-check finds a corrupted stored label', async () => {
    const s = await buildSampleCase({ captures: 2, labels: true });
    expect(await checkStoredCase(s.store, s.info.caseId)).toEqual([]);
    const [c0] = await s.store.listCaptures(s.info.caseId);
    const rec = (await s.store.listLabels(c0.body.captureId))[0];
    // Reach into the memory store's table as a corrupted database would.
    const tables = (s.store as unknown as { tables: { labels: Map<string, typeof rec> } }).tables;
    tables.labels.set(rec.body.labelId, { ...rec, body: { ...rec.body, label: 'not-offer' } });
    const problems = await checkStoredCase(s.store, s.info.caseId);
    expect(problems.map((p) => p.code)).toContain('record-hash-mismatch');
    expect(problems[0].where).toContain(`label ${rec.body.labelId}`);
  });
});

describe('labels in the case file', () => {
  let sc: SampleCase;
  let files: Record<string, Uint8Array>;
  let manifest: CaseManifest;
  beforeAll(async () => {
    sc = await buildSampleCase({ captures: 4, labels: true, annotate: true });
    files = unzip((await exportToBytes(sc)).zip);
    manifest = JSON.parse(text(files[CASE_FILES.manifest])) as CaseManifest;
  });

  it('lists every label record in the manifest and in the capture folder', async () => {
    const [c0, c1, c2, c3] = manifest.captures;
    expect(c0.labels?.map((l) => l.body.label)).toEqual(['offer', 'not-offer', 'offer']);
    expect(c1.labels).toHaveLength(2);
    expect(c2.labels).toHaveLength(2);
    expect(c3.labels).toBeUndefined();
    const sidecar = JSON.parse(text(files[`${c0.folder}/${CAPTURE_SIDECARS.labels}`]));
    expect(sidecar).toEqual({ labels: c0.labels });
    expect(files[`${c3.folder}/${CAPTURE_SIDECARS.labels}`]).toBeUndefined();
    expect(manifest.files.find((f) => f.path === `${c0.folder}/${CAPTURE_SIDECARS.labels}`)?.role).toBe(
      'capture-labels',
    );
  });

  it('adds the label columns to captures.csv', () => {
    const [header, ...rows] = text(files[CASE_FILES.capturesCsv]).trim().split('\r\n');
    expect(header.endsWith(',officer_label,officer_listing_labels')).toBe(true);
    expect(rows[0].endsWith(',offer,')).toBe(true);
    expect(rows[1].endsWith(',not an offer,offer 1')).toBe(true);
    expect(rows[2].endsWith(',,')).toBe(true);
    expect(rows[3].endsWith(',,')).toBe(true);
  });

  it('shows the officer’s label beside the verdict in the report', () => {
    const html = text(files[CASE_FILES.report]);
    expect(html).toContain('Officer’s labels');
    expect(html).toContain('officer: not an offer');
    expect(html).toContain('Listing: <span class="snippet">“Baby ball python regius');
    expect(html).toContain('Every label was cleared.');
  });

  it('verifies', async () => {
    const r = await verifyCaseFile(bytesSource(zipSync(files)));
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('a tampered label is caught', () => {
  let sc: SampleCase;
  let files: Record<string, Uint8Array>;
  beforeAll(async () => {
    sc = await buildSampleCase({ captures: 3, labels: true });
    files = unzip((await exportToBytes(sc)).zip);
  });

  /**
   * Re-packs the case file after `edit` changed the manifest, rewriting labels.json, the file list,
   * SHA256SUMS and even the manifest signature with the officer's own key: only the label checks remain.
   */
  async function tampered(edit: (m: CaseManifest) => void, signer: Signer = sc.signer) {
    const f = { ...files };
    const m = JSON.parse(text(f[CASE_FILES.manifest])) as CaseManifest;
    edit(m);
    for (const c of m.captures) {
      const path = `${c.folder}/${CAPTURE_SIDECARS.labels}`;
      if (c.labels) f[path] = enc(stableJson({ labels: c.labels }));
      else delete f[path];
    }
    m.files = await Promise.all(
      m.files
        .filter((x) => f[x.path])
        .map(async (x) => ({ ...x, sha256: await sha256Hex(f[x.path]), size: f[x.path].length })),
    );
    f[CASE_FILES.manifest] = enc(stableJson(m));
    const sha = await sha256Hex(f[CASE_FILES.manifest]);
    f[CASE_FILES.manifestSignature] = enc(
      stableJson({
        path: CASE_FILES.manifest,
        sha256: sha,
        algorithm: 'ECDSA-P256-SHA256',
        publicKeyFingerprint: signer.info.fingerprint,
        signature: await signer.sign(sha),
      }),
    );
    const sums = [];
    for (const [p, b] of Object.entries(f)) if (p !== CASE_FILES.sums) sums.push(`${await sha256Hex(b)}  ${p}\n`);
    f[CASE_FILES.sums] = enc(sums.join(''));
    const r = await verifyCaseFile(bytesSource(zipSync(f)));
    return { ok: r.ok, codes: r.problems.map((p) => p.code) };
  }

  it('a label turned from "offer" into "not-offer"', async () => {
    const r = await tampered((m) => {
      m.captures[0].labels![2].body.label = 'not-offer';
    });
    expect(r.ok).toBe(false);
    expect(r.codes).toContain('record-hash-mismatch');
  });

  it('the latest label dropped, so an older one is in force', async () => {
    const r = await tampered((m) => {
      m.captures[0].labels!.pop();
    });
    expect(r.ok).toBe(false);
    expect(r.codes).toContain('label-missing');
  });

  it('a middle record dropped from the chain of changes', async () => {
    const r = await tampered((m) => {
      m.captures[0].labels!.splice(1, 1);
    });
    expect(r.codes).toEqual(expect.arrayContaining(['label-chain', 'label-missing']));
  });

  it('all labels of a capture dropped', async () => {
    const r = await tampered((m) => {
      delete m.captures[1].labels;
    });
    expect(r.codes).toContain('label-missing');
  });

  it('a label moved to another capture', async () => {
    const r = await tampered((m) => {
      m.captures[2].labels = [...(m.captures[2].labels ?? []), m.captures[1].labels![0]];
    });
    expect(r.codes).toContain('label-misplaced');
  });

  it('labels.json that says something else than the manifest', async () => {
    const f = { ...files };
    const m = JSON.parse(text(f[CASE_FILES.manifest])) as CaseManifest;
    const path = `${m.captures[0].folder}/${CAPTURE_SIDECARS.labels}`;
    f[path] = enc(text(f[path]).replace(/"label": ?"offer"/, '"label":"not-offer"'));
    const r = await verifyCaseFile(bytesSource(zipSync(f)));
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['file-hash-mismatch', 'sidecar-mismatch']));
  });
});
