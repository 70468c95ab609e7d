import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  eventually,
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  ok,
  openUntilIndicator,
  closeGuarded,
} from '../support/extension-harness';
import { readEvidenceDb, readTableKeys } from './evidence-helpers';
import { verifyAuditChain } from '../../src/engine/evidence/chain';
import { importPublicKey, verifyHashSignature } from '../../src/engine/evidence/signing';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let reader: Page;

const url = (name: string) => `${server.origin}/e2e/links-${name}.html`;
const HANDLE = 'messenger:telegram:shellhouse_trader';
/** Opens a fixture page and waits until live detection has the indicator. */
const openScanned = (name: string) => openUntilIndicator(ext, url(name), HANDLE);

beforeAll(async () => {
  server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  ext = await launchWithExtension([server.origin]);
  ok(await ext.sendAsExtension('settings/set', { officerName: 'Officer Delete', agency: 'Example Wildlife Unit' }));
  reader = await ext.openExtensionPage('welcome.html');
});

afterAll(() => closeGuarded(ext, server));

describe('deleting a case in Chromium', () => {
  it(
    'deletes a case with a reason through the side panel; ' + 'evidence gone, signed tombstone left, links forget it',
    async () => {
      const info = ok(await ext.sendAsExtension('evidence/case-create', { title: 'Op. Mistake', reference: 'EXH-9' }));
      const capture = ok(await ext.sendAsExtension('evidence/capture', { tabId: await openScanned('a') }));
      ok(await ext.sendAsExtension('evidence/note-add', { captureId: capture.captureId, text: 'wrong page' }));
      ok(await ext.sendAsExtension('evidence/tag-set', { captureId: capture.captureId, tag: 'review', action: 'add' }));
      const otherTab = await openScanned('c');
      const seen = ok(await ext.sendAsExtension('links/seen-before', { tabId: otherTab }));
      expect(seen.items.flatMap((i) => i.captures.map((c) => c.captureId))).toContain(capture.captureId);
      const before = await readEvidenceDb(reader);
      expect(before.artefacts.filter((a) => a.captureId === capture.captureId).length).toBeGreaterThan(5);

      const panel = await ext.openExtensionPage(`sidepanel.html?tab=${otherTab}`);
      await expect.poll(() => panel.getByTestId('case-select').inputValue(), { timeout: 10_000 }).toBe(info.caseId);
      await panel.getByTestId('case-delete').click();
      const form = panel.getByTestId('case-delete-form');
      expect(await form.getByRole('heading').textContent()).toBe('Delete case “Op. Mistake”?');
      // The reason box is labelled and takes the focus; Escape closes the step without deleting.
      const reason = form.getByLabel('Reason for deleting (required, kept in the audit log)');
      await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
      await panel.keyboard.press('Escape');
      await expect.poll(() => form.count()).toBe(0);
      await expect
        .poll(() => panel.getByTestId('case-delete').evaluate((el) => el === document.activeElement))
        .toBe(true);
      // A blank reason is refused in words.
      await panel.getByTestId('case-delete').click();
      await reason.fill('   ');
      await panel.getByTestId('case-delete-confirm').click();
      await expect
        .poll(() => panel.getByTestId('case-delete-error').textContent())
        .toBe('Give a reason for deleting the case.');
      expect(await readTableKeys(reader, 'cases')).toContain(info.caseId);

      await reason.fill('Opened for the wrong seller; nothing here is evidence.');
      await panel.getByTestId('case-delete-confirm').click();
      const status = await eventually(
        async () => (await panel.getByTestId('case-status').textContent()) ?? undefined,
        10_000,
        'the deletion status',
      );
      expect(status).toMatch(
        /^Case “Op\. Mistake” deleted with its 1 captures\. The deletion is recorded in the audit log \(entry #\d+, hash [0-9a-f]{12}\)\.$/,
      );
      await expect.poll(() => panel.getByTestId('case-select').inputValue()).toBe('');
      expect(await panel.getByTestId('case-select').locator('option').allTextContents()).not.toContain('Op. Mistake');
      await panel.close();

      // Gone from IndexedDB: the case, its capture, artefacts, notes and tags.
      const after = await readEvidenceDb(reader);
      expect(await readTableKeys(reader, 'cases')).not.toContain(info.caseId);
      expect(after.captures.filter((c) => c.caseId === info.caseId)).toEqual([]);
      expect(after.artefacts.filter((a) => a.captureId === capture.captureId)).toEqual([]);
      expect(await readTableKeys(reader, 'notes')).toEqual([]);
      expect(await readTableKeys(reader, 'tags')).toEqual([]);
      expect(ok(await ext.sendAsExtension('evidence/cases', {}))).toEqual({ cases: [], activeCaseId: null });

      // The tombstone: last audit entry, with the reason and the chain head, signed by the install key.
      expect(after.audit.length).toBe(before.audit.length + 1);
      const tomb = after.audit.at(-1)!;
      expect(tomb.body).toMatchObject({
        action: 'deletion',
        actor: 'Officer Delete',
        caseId: info.caseId,
        subjectId: info.caseId,
        details: {
          what: 'case',
          title: 'Op. Mistake',
          reference: 'EXH-9',
          reason: 'Opened for the wrong seller; nothing here is evidence.',
          captureCount: 1,
          chainHeadHash: capture.recordHash,
        },
      });
      expect(status).toContain(tomb.hash.slice(0, 12));
      const keyInfo = ok(await ext.sendAsExtension('evidence/public-key', {}));
      const key = await importPublicKey(keyInfo);
      expect(await verifyHashSignature(key, tomb.hash, tomb.signature)).toBe(true);
      expect(await verifyAuditChain(after.audit, key, keyInfo.fingerprint)).toEqual([]);

      // The links index drops the deleted capture when read.
      const seenAfter = ok(await ext.sendAsExtension('links/seen-before', { tabId: otherTab }));
      expect(seenAfter.items.flatMap((i) => i.captures.map((c) => c.captureId))).not.toContain(capture.captureId);
    },
  );

  it('does not let a web page delete a case by messaging the extension', async () => {
    const info = ok(await ext.sendAsExtension('evidence/case-create', { title: 'Op. Keep' }));
    const page = await ext.context.newPage();
    await page.goto(url('b'));
    const outcome = await page.evaluate(
      async ({ id, caseId }) => {
        const runtime = (
          globalThis as {
            chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<{ ok?: boolean } | undefined> } };
          }
        ).chrome?.runtime;
        if (!runtime?.sendMessage) return 'no runtime API for pages';
        try {
          const reply = await runtime.sendMessage(id, {
            channel: 'wildtrace/v1',
            type: 'evidence/case/delete',
            payload: { caseId, reason: 'forged' },
          });
          return reply?.ok ? 'deleted' : `refused: ${JSON.stringify(reply)}`;
        } catch (err) {
          return `refused: ${(err as Error).message}`;
        }
      },
      { id: ext.extensionId, caseId: info.caseId },
    );
    expect(outcome).not.toBe('deleted');
    await page.evaluate(
      (caseId) =>
        window.postMessage(
          { channel: 'wildtrace/v1', type: 'evidence/case/delete', payload: { caseId, reason: 'forged' } },
          '*',
        ),
      info.caseId,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await readTableKeys(reader, 'cases')).toContain(info.caseId);
    expect(
      (await readEvidenceDb(reader)).audit.some((e) => e.body.action === 'deletion' && e.body.caseId === info.caseId),
    ).toBe(false);
    await page.close();
  });
});
