/**
 * A capture timed before the one before it (the collector's clock set back) is kept, in the order
 * it was taken, and the self-check, the verifier and the report each warn with the size of the step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/engine/evidence/clock';
import { MemoryEvidenceStore } from '../../../src/engine/evidence/memory-store';
import { appendCapture, createCase, ensureSigningKey } from '../../../src/engine/evidence/operations';
import { checkStoredCase } from '../../../src/engine/evidence/self-check';
import type { Signer } from '../../../src/engine/evidence/signing';
import { CASE_FILES } from '../../../src/engine/evidence/case-file-names';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { fixedOptions, sampleMetadata, type SampleCase } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';

// Capture #2 at 10:01:00, then capture #3 at 09:57:48: the clock set back, 3 min 12 s earlier.
const TIMES = ['2025-03-01T10:00:00.000Z', '2025-03-01T10:01:00.000Z', '2025-03-01T09:57:48.000Z'];

/** A case whose captures were taken at `taken` and stored (audited) at `stored`, by the same clock. */
async function caseTakenAt(taken: string[], stored: string[]): Promise<SampleCase> {
  let clock = Date.parse(taken[0]) - 60_000;
  const opts = { ...fixedOptions(), now: () => new Date((clock += 1)) };
  const store = new MemoryEvidenceStore();
  const signer: Signer = await ensureSigningKey(store, 'Jane Doe', opts);
  const info = await createCase(store, signer, { title: 'Op. Clock', officer: 'Jane Doe', agency: 'BF' }, opts);
  for (const [i, capturedAt] of taken.entries()) {
    clock = Date.parse(stored[i]);
    const metadata = { ...sampleMetadata(info, i, `https://market.example/${i}`), capturedAt };
    const body = new TextEncoder().encode(`offer ${i}`);
    await appendCapture(
      store,
      signer,
      { caseId: info.caseId, metadata, artefacts: [{ name: 'text.txt', body }] },
      opts,
    );
  }
  return { store, signer, info, opts };
}

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

let sc: SampleCase;
beforeAll(async () => {
  sc = await caseTakenAt(
    TIMES,
    TIMES.map((t) => later(t, 2000)),
  );
});

const stepBack = {
  severity: 'warning',
  code: 'clock-backwards',
  message: expect.stringMatching(/^timed 3 min 12 s before capture #2: the collector's clock went back/),
  expected: `after ${TIMES[1]}`,
  found: TIMES[2],
};

describe('the clock going backwards', () => {
  it('keeps the capture, and the self-check warns with the size of the step', async () => {
    expect((await sc.store.listCaptures(sc.info.caseId)).map((c) => c.body.sequence)).toEqual([0, 1, 2]);
    const problems = await checkStoredCase(sc.store, sc.info.caseId);
    expect(problems).toEqual([expect.objectContaining({ ...stepBack, where: expect.stringMatching(/^capture #3 /) })]);
  });

  it('lets the case file verify, with the same warning', async () => {
    const { zip } = await exportToBytes(sc);
    const r = await verifyCaseFile(bytesSource(zip));
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([expect.objectContaining(stepBack)]);
  });

  it('says so in the report, at the case and at the capture', async () => {
    const { zip } = await exportToBytes(sc);
    const html = text(unzip(zip)[CASE_FILES.report]);
    expect(html).toMatch(/went back 1 time between captures, by up to 3 min 12 s/);
    expect(html).toMatch(/The clock went back: this capture is timed 3 min 12 s before capture #2/);
    expect(html.match(/class="warn clock-back"/g)).toHaveLength(1);
  });

  it('does not take captures made at the same time for a clock set back', async () => {
    // Capture #3's screenshot 2 s before #2's, yet stored after it: two tabs captured together.
    const overlap = await caseTakenAt(
      ['2025-03-01T10:00:00.000Z', '2025-03-01T10:01:02.000Z', '2025-03-01T10:01:00.000Z'],
      ['2025-03-01T10:00:02.000Z', '2025-03-01T10:01:04.000Z', '2025-03-01T10:01:06.000Z'],
    );
    expect(await checkStoredCase(overlap.store, overlap.info.caseId)).toEqual([]);
    const { zip } = await exportToBytes(overlap);
    expect((await verifyCaseFile(bytesSource(zip))).problems).toEqual([]);
    expect(text(unzip(zip)[CASE_FILES.report])).not.toContain('clock went back');
  });

  it.each([
    [850, '850 ms'],
    [3200, '3.2 s'],
    [42_000, '42 s'],
    [192_000, '3 min 12 s'],
    [7_500_000, '2 h 5 min'],
    [86_400_000 + 3_600_000, '1 day 1 h'],
    [3 * 86_400_000, '3 days 0 h'],
  ])('writes %i ms as %s', (ms, words) => expect(formatDuration(ms)).toBe(words));
});
