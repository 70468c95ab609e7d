/**
 * Rebuilding a case file from capture bundles (one-capture case files, as Wildtrace saves them in
 * Tor Browser): the result verifies with the case's key on every record and names the one-off
 * key of its manifest; a missing bundle, an altered bundle, a bundle of another key and a
 * capture left out of the rebuilt file are each caught.
 */
import { describe, expect, it } from 'vitest';
import { exportCase } from '../../../src/engine/export/case-export';
import { readBundles, writeRebuiltCase, type BundleFile } from '../../../src/engine/rebuild/rebuild';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase, type SampleCase } from '../../support/evidence-fixture';
import { memorySink, TOOL, unzip, text } from '../../support/export-helpers';

/** One bundle per capture, as the background writes them. */
async function bundlesOf(sc: SampleCase): Promise<BundleFile[]> {
  const out: BundleFile[] = [];
  for (const c of await sc.store.listCaptures(sc.info.caseId)) {
    const sink = memorySink();
    await exportCase(sc.store, sc.signer, sc.info.caseId, sink, { tool: TOOL, captureIds: [c.body.captureId] });
    out.push({ file: `case/capture-${c.body.sequence + 1}.zip`, bytes: sink.bytes() });
  }
  return out;
}

async function rebuilt(files: BundleFile[]) {
  const { groups, refused } = await readBundles(files);
  expect(groups).toHaveLength(1);
  const sink = memorySink();
  await writeRebuiltCase(groups[0], sink, TOOL);
  return { bytes: sink.bytes(), report: await verifyCaseFile(bytesSource(sink.bytes())), refused, group: groups[0] };
}

describe('rebuild from capture bundles', () => {
  it('makes one case file that verifies, with every record signed by the case key', async () => {
    const sc = await buildSampleCase({ captures: 3, annotate: true, otherCase: true });
    const files = await bundlesOf(sc);
    for (const f of files) expect((await verifyCaseFile(bytesSource(f.bytes))).ok).toBe(true);
    const { bytes, report, refused } = await rebuilt([...files].reverse());
    expect(refused).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => `${p.severity} ${p.code}`)).toEqual(['warning rebuilt']);
    expect(report.summary).toMatchObject({
      captures: 3,
      selection: 'full',
      caseId: sc.info.caseId,
      publicKeyFingerprint: sc.signer.info.fingerprint,
    });
    expect(report.summary.rebuiltWithKey).toMatch(/^[0-9a-f]{64}$/);
    expect(report.summary.rebuiltWithKey).not.toBe(sc.signer.info.fingerprint);
    const manifest = JSON.parse(text(unzip(bytes)['manifest.json']));
    expect(manifest.rebuilt.bundles.map((b: { file: string }) => b.file).sort()).toEqual(files.map((f) => f.file));
    // The other case's entries stay redacted, the notes and tags of the captures stay signed.
    expect(manifest.auditLog.redactedEntries).toBeGreaterThan(0);
    expect(manifest.captures[0].notes).toHaveLength(1);
  });

  it('refuses a case with a capture that has no bundle, and names it', async () => {
    const sc = await buildSampleCase({ captures: 3 });
    const files = await bundlesOf(sc);
    const { groups } = await readBundles([files[0], files[2]]);
    expect(groups[0].missing).toEqual([2]);
    await expect(writeRebuiltCase(groups[0], memorySink(), TOOL)).rejects.toThrow('captures #2 have no bundle');
  });

  it('leaves out an altered bundle and one signed with another key', async () => {
    const sc = await buildSampleCase({ captures: 2 });
    const files = await bundlesOf(sc);
    const altered = files[1].bytes.slice();
    altered[altered.indexOf(0x50) + 200] ^= 0xff;
    const foreign = await buildSampleCase({ captures: 1 }); // same ids (fixed options), another key
    const [stranger] = await bundlesOf(foreign);
    const { refused, groups } = await readBundles([
      files[0],
      { file: 'altered.zip', bytes: altered },
      { file: 'stranger.zip', bytes: stranger.bytes },
    ]);
    expect(refused.map((r) => r.file)).toEqual(['altered.zip', 'stranger.zip']);
    expect(refused[0].reason).toMatch(/^does not verify: /);
    expect(refused[1].reason).toBe('is signed with another key than the other bundles of its case');
    expect(groups[0].captures.size).toBe(1);
  });

  it('a rebuilt file without a capture its signed audit log records does not verify', async () => {
    const sc = await buildSampleCase({ captures: 3 });
    const { groups } = await readBundles(await bundlesOf(sc));
    groups[0].captures.delete(2); // as if someone dropped the last capture and re-signed the manifest
    const sink = memorySink();
    await writeRebuiltCase(groups[0], sink, TOOL);
    const report = await verifyCaseFile(bytesSource(sink.bytes()));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain('rebuilt-capture-missing');
  });
});
