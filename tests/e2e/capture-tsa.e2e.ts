/**
 * Opt-in RFC 3161 timestamps against a real local TSA (openssl): requested over each record
 * hash only when a TSA URL is set and covert mode is off; never otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  closeGuarded,
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  ok,
} from '../support/extension-harness';
import { hasOpenssl, startLocalTsa, type LocalTsa } from './local-tsa';
import { readEvidenceDb } from './evidence-helpers';
import { fromBase64 } from '../../src/engine/bytes/bytes';
import { verifyTimestampToken } from '../../src/engine/evidence/timestamp';
import type { Page } from 'playwright-core';

if (!hasOpenssl) console.warn('capture-tsa e2e skipped: openssl is not installed (needed to run a local TSA)');

let server: Awaited<ReturnType<typeof serveFixtures>>;
let tsa: LocalTsa;
let ext: ExtensionSession;
let reader: Page;
let tabId: number;

describe.skipIf(!hasOpenssl)('trusted timestamps on captures', () => {
  beforeAll(async () => {
    server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
    tsa = await startLocalTsa();
    ext = await launchWithExtension([server.origin, tsa.origin]);
    ok(await ext.sendAsExtension('evidence/case-create', { title: 'Timestamps' }));
    reader = await ext.openExtensionPage('welcome.html');
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/e2e/capture-offer-1.html`);
    tabId = await ext.tabIdOf(`${server.origin}/e2e/capture-offer-1.html`);
  });

  afterAll(async () => {
    try {
      await closeGuarded(ext, server);
    } finally {
      await tsa?.close();
    }
  });

  it('refuses a TSA outside the allowed list', async () => {
    const r = await ext.sendAsExtension('evidence/settings-set', { tsaUrl: 'https://tsa.evil.example/' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/not in the list the extension may contact/);
  });

  it('makes no request in covert mode (the default), even with a TSA set', async () => {
    ok(await ext.sendAsExtension('evidence/settings-set', { tsaUrl: tsa.url }));
    const r = ok(await ext.sendAsExtension('evidence/capture', { tabId }));
    expect(r.timestampGenTime).toBeUndefined();
    expect(tsa.requests).toBe(0);
  });

  it('stores a verified token over the record hash when covert mode is off', async () => {
    ok(await ext.sendAsExtension('settings/set', { covertMode: false }));
    const r = ok(await ext.sendAsExtension('evidence/capture', { tabId }));
    expect(r.warnings).toEqual([]);
    expect(r.timestampGenTime).toMatch(/^\d{4}-/);
    expect(tsa.requests).toBe(1);
    const db = await readEvidenceDb(reader);
    const c = db.captures.find((row) => row.captureId === r.captureId)!.capture;
    expect(c.timestamp?.hash).toBe(c.hash);
    const check = await verifyTimestampToken(fromBase64(c.timestamp!.token), c.hash);
    expect(check.ok).toBe(true);
    expect(db.audit.at(-1)?.body).toMatchObject({ action: 'timestamp', subjectId: r.captureId });
    expect(ok(await ext.sendAsExtension('evidence/self-check', { caseId: c.body.caseId }))).toEqual([]);
  });
});
