/**
 * Capture faults in Chromium: the worker stopped in the middle of captures, and a corrupted
 * stored record, which the self-check must report rather than hide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  ok,
  closeGuarded,
} from '../support/extension-harness';
import { readEvidenceDb } from './evidence-helpers';
import { verifyAuditChain, verifyCaptureChain } from '../../src/engine/evidence/chain';
import { importPublicKey } from '../../src/engine/evidence/signing';
import type { Page } from 'playwright-core';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let reader: Page;
let caseId: string;

const offer = (i: number) => `${server.origin}/e2e/capture-offer-${i}.html`;
beforeAll(async () => {
  server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  ext = await launchWithExtension([server.origin]);
  ok(await ext.sendAsExtension('settings/set', { officerName: 'Officer Test', agency: 'Example Wildlife Unit' }));
  caseId = ok(await ext.sendAsExtension('evidence/case-create', { title: 'Faults' })).caseId;
  reader = await ext.openExtensionPage('welcome.html');
});

afterAll(() => closeGuarded(ext, server));

/** Every stored capture has exactly the artefacts its record names; chain and audit verify. */
async function expectConsistent() {
  const db = await readEvidenceDb(reader);
  for (const row of db.captures) {
    const names = db.artefacts
      .filter((a) => a.captureId === row.captureId)
      .map((a) => a.name)
      .sort();
    expect(names).toEqual(row.capture.body.artefacts.map((a) => a.name).sort());
  }
  const ids = new Set(db.captures.map((r) => r.captureId));
  expect(db.artefacts.every((a) => ids.has(a.captureId))).toBe(true);
  const info = ok(await ext.sendAsExtension('evidence/public-key', {}));
  const key = await importPublicKey(info);
  const chain = db.captures.map((r) => r.capture).sort((a, b) => a.body.sequence - b.body.sequence);
  expect(await verifyCaptureChain(chain, key, { caseId, fingerprint: info.fingerprint })).toEqual([]);
  expect(await verifyAuditChain(db.audit, key, info.fingerprint)).toEqual([]);
  expect(db.audit.filter((e) => e.body.action === 'capture').length).toBe(db.captures.length);
  return db;
}

describe('capture faults in Chromium', () => {
  it.each([30, 150, 400, 800])(
    'a worker stopped %i ms into a capture leaves no partial record and an intact chain',
    async (delay) => {
      const page = await ext.context.newPage();
      await page.goto(offer(1));
      const tabId = await ext.tabIdOf(offer(1));
      const before = (await readEvidenceDb(reader)).captures.length;
      const sender = await ext.openExtensionPage('welcome.html');
      const pending = sender
        .evaluate(
          (tabId) =>
            chrome.runtime.sendMessage({ channel: 'wildtrace/v1', type: 'evidence/capture', payload: { tabId } }),
          tabId,
        )
        .catch((e: Error) => ({ ok: false, error: e.message }));
      await new Promise((r) => setTimeout(r, delay));
      await ext.stopServiceWorker();
      await pending;
      const db = await expectConsistent();
      // Either the capture finished before the stop, or nothing of it was kept.
      expect([before, before + 1]).toContain(db.captures.length);
      // A fresh worker captures again at the next chain position.
      const next = ok(await ext.sendAsExtension('evidence/capture', { tabId }));
      expect(next.sequence).toBe(db.captures.length);
      await expectConsistent();
      await sender.close();
      await page.close();
    },
  );

  it('reports a corrupted stored record in the side panel instead of hiding it', async () => {
    expect(ok(await ext.sendAsExtension('evidence/self-check', { caseId }))).toEqual([]);
    // Alter one stored record and one artefact behind the extension's back.
    await reader.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok) => {
        const r = indexedDB.open('wildtrace-evidence');
        r.onsuccess = () => ok(r.result);
      });
      const tx = db.transaction(['captures', 'artefacts'], 'readwrite');
      const rows = await new Promise<{ sequence: number; capture: { body: { metadata: { title: string } } } }[]>(
        (ok) => {
          const r = tx.objectStore('captures').getAll();
          r.onsuccess = () => ok(r.result);
        },
      );
      const row = rows.find((r) => r.sequence === 0)!;
      row.capture.body.metadata.title = 'A different title';
      tx.objectStore('captures').put(row);
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    });
    const problems = ok(await ext.sendAsExtension('evidence/self-check', { caseId }));
    expect(problems.map((p) => p.code)).toContain('record-hash-mismatch');
    const panel = await ext.openExtensionPage('sidepanel.html');
    await panel.getByTestId('self-check').click();
    await expect
      .poll(() => panel.getByTestId('self-check-result').textContent())
      .toMatch(/problems found in the stored evidence.*record-hash-mismatch/);
    await panel.close();
  });
});
