import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/engine/bytes/sha256';
import { appendCapture, logAudit } from '../../../src/engine/evidence/operations';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { listingOf, prepareNotices } from '../../../src/engine/removal/notices';
import { checkDraft, dueForRecheck, noticeDraft, removalRows } from '../../../src/engine/removal/records';
import { buildSampleCase, sampleMetadata } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';
import { zipSync } from 'fflate';

const enc = (s: string) => new TextEncoder().encode(s);

/** A case with a notice for captures #1 and #2, a follow-up capture #4, and a check that found #1 removed. */
async function caseWithRemoval() {
  const sc = await buildSampleCase({ captures: 3, otherCase: true });
  const { store, signer, info, opts } = sc;
  const [c1, c2] = await store.listCaptures(info.caseId);
  const listings = [await listingOf(store, c1), await listingOf(store, c2)];
  const [notice] = prepareNotices(listings, {
    kind: 'marketplace',
    language: 'en',
    agency: 'Border Force',
    officer: 'Jane Doe',
    contact: 'cites@agency.example',
    reference: 'EXH-17',
    legalBasis: 'Art. 8',
    date: '2025-03-01',
    templates: {},
  });
  const sent = {
    caseId: info.caseId,
    platform: notice.platform,
    kind: notice.kind,
    language: notice.language,
    channel: 'email' as const,
    subject: notice.subject,
    body: notice.body,
    listings: [c1, c2].map((c) => ({ captureId: c.body.captureId, recordHash: c.hash, url: c.body.metadata.finalUrl })),
  };
  const noticeEntry = await logAudit(
    store,
    signer,
    noticeDraft(sent, 'Jane Doe', await sha256Hex(notice.body), new Date(Date.UTC(2025, 2, 1, 12))),
    opts,
  );
  const followUp = await appendCapture(
    store,
    signer,
    {
      caseId: info.caseId,
      metadata: sampleMetadata(info, 40, c1.body.metadata.finalUrl),
      artefacts: [{ name: 'text.txt', body: enc('Page not found') }],
    },
    opts,
  );
  const checkEntry = await logAudit(
    store,
    signer,
    checkDraft(
      {
        caseId: info.caseId,
        noticeHash: noticeEntry.hash,
        originalCaptureId: c1.body.captureId,
        originalRecordHash: c1.hash,
        url: c1.body.metadata.finalUrl,
        followUp: {
          captureId: followUp.body.captureId,
          recordHash: followUp.hash,
          finalUrl: 'https://market.example/x',
        },
        httpStatus: 410,
        outcome: 'removed',
        reason: 'HTTP 410',
        removedWording: null,
        textSha256: followUp.body.artefacts[0].sha256,
        originalTextSha256: c1.body.artefacts.find((a) => a.name === 'text.txt')!.sha256,
        notifiedAt: noticeEntry.body.at,
        checkedAt: new Date(Date.parse(noticeEntry.body.at) + 3 * 86_400_000 + 2 * 3_600_000).toISOString(),
      },
      'Jane Doe',
    ),
    opts,
  );
  return { sc, notice, noticeEntry, checkEntry, c1, c2, followUp };
}

describe('removal requests in the audit log and the case file', async () => {
  const r = await caseWithRemoval();
  const { zip } = await exportToBytes(r.sc);
  const files = unzip(zip);

  it('records "notified <platform> on <date> via <channel>" with the notice text, signed', () => {
    const d = r.noticeEntry.body.details;
    expect(r.noticeEntry.body.action).toBe('removal-notice');
    expect(d.summary).toBe('notified market.example on 2025-03-01 via email');
    expect(d.noticeText).toBe(r.notice.body);
    expect(r.noticeEntry.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('exports the notice, removals.csv and the report section, and the file verifies', async () => {
    const path = Object.keys(files).find((p) => p.startsWith('removals/notice-001-'))!;
    expect(text(files[path])).toBe(r.notice.body);
    const csv = text(files['removals.csv'])
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]).toBe(
      'notice_number,platform,listing_url,capture_number,capture_id,notified_at_utc,channel,notice_sha256,checks,' +
        'last_checked_at_utc,last_outcome,last_http_status,follow_up_capture_number,removed_found_at_utc,' +
        'time_to_removal_hours,time_to_removal',
    );
    expect(csv[1]).toContain(',removed,410,4,');
    expect(csv[1]).toMatch(/,74,3 d 2 h$/);
    expect(csv[2]).toContain(',0,,not checked,,,,,');
    const report = text(files['report.html']);
    expect(report).toContain('Removal requests');
    expect(report).toContain('notified market.example on 2025-03-01 via email');
    expect(report).toContain('3 d 2 h');
    const v = await verifyCaseFile(bytesSource(zip));
    expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('a changed notice copy is reported', async () => {
    const path = Object.keys(files).find((p) => p.startsWith('removals/notice-001-'))!;
    const forged = { ...files, [path]: enc(r.notice.body.replace('Border Force', 'Someone else')) };
    const v = await verifyCaseFile(bytesSource(zipSync(forged)));
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.code)).toContain('removal-notice-file');
  });

  it('derives the removals table with the time to removal, and the re-checks due', () => {
    const rows = removalRows([r.noticeEntry, r.checkEntry], r.sc.info.caseId);
    expect(rows.map((x) => [x.captureId, x.lastCheck?.outcome ?? null, x.timeToRemovalMs])).toEqual([
      [r.c1.body.captureId, 'removed', 3 * 86_400_000 + 2 * 3_600_000],
      [r.c2.body.captureId, null, null],
    ]);
    const at = Date.parse(r.noticeEntry.body.at);
    expect(dueForRecheck(rows, new Date(at + 6 * 86_400_000), 7)).toEqual([]);
    expect(dueForRecheck(rows, new Date(at + 7 * 86_400_000), 7).map((x) => x.captureId)).toEqual([
      r.c2.body.captureId,
    ]);
  });
});
