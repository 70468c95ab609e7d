/**
 * Removal requests end to end in real Chromium: six local listings are captured, one notice is
 * prepared in the side panel (360x800), checked, printed as a letter and recorded as sent; then
 * the listings change on the server (404, 410, "removed" wording, new text, unchanged, a
 * redirect) and each is checked again from the side panel. The audit records, the follow-up captures and the exported
 * case file are checked, the file with `wildtrace verify` outside the browser. Screenshots of the
 * side panel, the letter (screen and PDF) and the report go to .test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  closeGuarded,
  eventually,
  launchWithRealDownloads,
  ok,
  REPO,
  type ExtensionSession,
} from '../support/extension-harness';
import { readEvidenceDb } from './evidence-helpers';

const RESULTS = join(REPO, '.test-results');
const LISTINGS = ['gone-404', 'gone-410', 'soft-removed', 'changed', 'stays', 'redirected'] as const;

/** After the notice, each listing answers as its name says. */
let afterNotice = false;
const offerPage = (name: string, extra = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Ball python for sale (${name})</title></head><body><article class="listing">
<p>Ball python (Python regius) for sale, captive bred, listing ${name}.</p>
<p>Contact on WhatsApp +44 7700 900 121, payment by PayPal, shipping with DHL worldwide.</p>
<p>Price: 150 EUR${extra}</p></article></body></html>`;

function answer(name: string): [number, string] {
  if (!afterNotice) return [200, offerPage(name)];
  switch (name) {
    case 'gone-404':
      return [404, '<!doctype html><title>Not here</title><p>Nothing at this address.</p>'];
    case 'gone-410':
      return [410, '<!doctype html><title>Gone</title><p>Gone.</p>'];
    case 'soft-removed':
      return [200, '<!doctype html><title>Market</title><h1>Sorry!</h1><p>This listing has been removed.</p>'];
    case 'changed':
      return [200, offerPage(name, ' (reduced: 120 EUR, serious buyers only)')];
    case 'redirected':
      return [302, '/search?q=python'];
    default:
      return [200, offerPage(name)];
  }
}

let server: Server;
let origin: string;
let ext: ExtensionSession;
let downloads: string;
let panel: Page;
const url = (name: string) => `${origin}/listing/${name}`;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = createServer((req, res) => {
    if (req.url === '/search?q=python') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end('<!doctype html><title>Search</title><p>12 results for python.</p>');
    }
    const name = (req.url ?? '').replace(/^\/listing\//, '');
    if (!(LISTINGS as readonly string[]).includes(name)) return void res.writeHead(404).end();
    const [status, body] = answer(name);
    if (status === 302) return void res.writeHead(302, { location: body, 'cache-control': 'no-store' }).end();
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  ({ ext, downloads } = await launchWithRealDownloads([origin]));
  ok(
    await ext.sendAsExtension('removal/settings-set', {
      contact: 'cites-unit@agency.example',
      legalBasis: 'Regulation (EC) No 338/97, Article 8',
      reminderDays: 7,
    }),
  );
});

afterAll(async () => {
  try {
    await closeGuarded(ext, { close: () => new Promise<void>((done) => server.close(() => done())) });
  } finally {
    if (downloads) rmSync(join(downloads, '..'), { recursive: true, force: true });
  }
});

describe('removal requests and follow-up', () => {
  it('captures six listings into a case', async () => {
    const info = ok(await ext.sendAsExtension('evidence/case-create', { title: 'Op. Takedown', reference: 'TD-23' }));
    for (const name of LISTINGS) {
      const p = await ext.context.newPage();
      await p.goto(url(name));
      const tabId = await ext.tabIdOf(url(name));
      const r = ok(await ext.sendAsExtension('evidence/capture', { tabId, caseId: info.caseId }));
      expect(r.caseId).toBe(info.caseId);
      await p.close();
    }
    panel = await ext.context.newPage();
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
    await expect.poll(() => panel.getByTestId('capture-item').count(), { timeout: 10_000 }).toBe(6);
  });

  it('prepares one notice for the platform, prints it as a letter and records it as sent', async () => {
    await panel.getByTestId('rm-kind').selectOption('classifieds');
    await panel.getByTestId('rm-prepare').click();
    await expect.poll(() => panel.getByTestId('rm-notice').count()).toBe(1);
    const body = await panel.getByTestId('rm-body').inputValue();
    for (const name of LISTINGS) expect(body).toContain(url(name));
    expect(body).toContain('Python regius (Appendix II)');
    expect(body).toContain('Legal basis: Regulation (EC) No 338/97, Article 8');
    expect(body).toContain('cites-unit@agency.example');
    expect(body).toMatch(/Evidence SHA-256 \(signed capture record\): [0-9a-f]{64}/);
    expect(body).toMatch(/Why it is a sale offer: .*for sale/i);
    expect(await panel.getByTestId('rm-subject').textContent()).toBe(
      'Removal request TD-23: 6 classified ad(s) offering CITES-listed wildlife on 127.0.0.1',
    );
    const mailto = await panel.getByTestId('rm-mailto').getAttribute('href');
    expect(mailto).toMatch(/^mailto:\?subject=Removal%20request%20TD-23/);
    expect(decodeURIComponent(mailto!.split('&body=')[1])).toBe(body.replace(/\n/g, '\r\n'));
    await panel.getByTestId('rm-notice').screenshot({ path: join(RESULTS, 'removal-notice-360.png') });

    const letterHref = await panel.getByTestId('rm-letter').getAttribute('href');
    const letter = await ext.openExtensionPage(letterHref!.replace(/^\//, ''));
    await letter.setViewportSize({ width: 900, height: 1200 });
    await expect.poll(() => letter.getByTestId('letter-body').textContent()).toBe(body);
    await letter.screenshot({ path: join(RESULTS, 'removal-letter.png'), fullPage: true });
    await letter.emulateMedia({ media: 'print' });
    expect(await letter.locator('.no-print').isVisible()).toBe(false);
    await letter.screenshot({ path: join(RESULTS, 'removal-letter-print.png'), fullPage: true });
    writeFileSync(join(RESULTS, 'removal-letter.pdf'), await letter.pdf({ format: 'A4' }));
    await letter.close();

    await panel.getByRole('button', { name: 'Copy text' }).click();
    await expect.poll(() => panel.getByTestId('rm-status').textContent()).toBe('Copied.');

    await panel.getByTestId('rm-channel').selectOption('email');
    // A burst of clicks records the notice once (checked in the audit log below).
    await panel.getByTestId('rm-sent').click({ clickCount: 3 });
    const today = new Date().toISOString().slice(0, 10);
    await expect
      .poll(() => panel.getByTestId('rm-status').textContent())
      .toBe(`Recorded in the audit log: notified 127.0.0.1 on ${today} via email`);
    await expect.poll(() => panel.getByTestId('rm-row').count()).toBe(6);
    await panel.screenshot({ path: join(RESULTS, 'removal-sidepanel-notified-360x800.png') });
  });

  it('checks each listing again on the officer’s click and records the outcome', async () => {
    afterNotice = true;
    const expected: Record<string, string> = {
      'gone-404': 'removed',
      'gone-410': 'removed',
      'soft-removed': 'removed',
      changed: 'changed',
      stays: 'still online',
      redirected: 'changed',
    };
    for (const [i, name] of LISTINGS.entries()) {
      const row = panel.getByTestId('rm-row').nth(i);
      expect(await row.textContent()).toContain(url(name));
      await row.getByTestId('rm-recheck').click();
      await expect.poll(() => row.getByTestId('rm-outcome').textContent(), { timeout: 45_000 }).toBe(expected[name]);
    }
    const rows = panel.getByTestId('rm-row');
    expect(await rows.nth(0).textContent()).toContain('HTTP 404');
    expect(await rows.nth(1).textContent()).toContain('HTTP 410');
    expect(await rows.nth(2).textContent()).toContain('the page says "this listing has been removed"');
    expect(await rows.nth(3).textContent()).toContain('text changed (other SHA-256)');
    expect(await rows.nth(4).textContent()).toContain('text unchanged (same SHA-256)');
    expect(await rows.nth(5).textContent()).toContain(`redirected to ${origin}/search?q=python`);
    for (const i of [0, 1, 2]) expect(await rows.nth(i).getByTestId('rm-time').textContent()).toBe('< 1 min');
    for (const i of [3, 4, 5]) expect(await rows.nth(i).getByTestId('rm-time').textContent()).toBe('—');
    // Removed listings are not offered another check; the others are.
    expect(await panel.getByTestId('rm-recheck').count()).toBe(3);
    // Only the officer's tabs are left: every check tab was closed.
    const tabs = await (
      await ext.currentWorker()
    ).evaluate(async () => (await chrome.tabs.query({})).map((t) => t.url));
    expect(tabs.filter((u) => u?.includes('/listing/'))).toEqual([]);
    await panel.locator('#removals-heading').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(RESULTS, 'removal-sidepanel-checked-360x800.png') });
    await panel.getByTestId('rm-table').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(RESULTS, 'removal-table-360x800.png') });
  });

  it('keeps signed audit records linking follow-ups to originals', async () => {
    const page = await ext.openExtensionPage('welcome.html');
    const db = await readEvidenceDb(page);
    await page.close();
    const notices = db.audit.filter((e) => e.body.action === 'removal-notice');
    const checks = db.audit.filter((e) => e.body.action === 'removal-check');
    expect(notices).toHaveLength(1);
    expect(notices[0].body.details.summary).toMatch(/^notified 127\.0\.0\.1 on \d{4}-\d\d-\d\d via email$/);
    expect(checks.map((c) => [c.body.details.httpStatus, c.body.details.outcome])).toEqual([
      [404, 'removed'],
      [410, 'removed'],
      [200, 'removed'],
      [200, 'changed'],
      [200, 'still-online'],
      [200, 'changed'],
    ]);
    expect(db.captures).toHaveLength(12);
    for (const c of checks) {
      expect(c.body.details.noticeHash).toBe(notices[0].hash);
      const followUp = db.captures.find((x) => x.captureId === c.body.details.followUpCaptureId);
      expect(followUp?.capture.hash).toBe(c.body.details.followUpRecordHash);
    }
  });

  it('exports a case file with the notice and the removals table that wildtrace verify accepts', async () => {
    const before = new Set(readdirSync(downloads));
    await panel.getByTestId('export-case').click();
    const zip = await eventually(
      async () => {
        const f = readdirSync(downloads).find((n) => n.endsWith('.zip') && !before.has(n));
        if (!f) return undefined;
        const size = statSync(join(downloads, f)).size;
        await new Promise((r) => setTimeout(r, 300));
        return statSync(join(downloads, f)).size === size && size > 0 ? join(downloads, f) : undefined;
      },
      30_000,
      'the case file',
    );
    const cli = spawnSync(process.execPath, [join(REPO, 'bin/wildtrace.mjs'), 'verify', zip], { encoding: 'utf8' });
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'wildtrace-unzip-'));
    try {
      execFileSync('unzip', ['-q', zip, '-d', dir]);
      const notices = readdirSync(join(dir, 'removals'));
      expect(notices).toHaveLength(1);
      expect(readFileSync(join(dir, 'removals', notices[0]), 'utf8')).toContain(url('stays'));
      const csv = readFileSync(join(dir, 'removals.csv'), 'utf8').trim().split('\r\n');
      expect(csv).toHaveLength(7);
      expect(csv.slice(1).map((l) => l.split(',')[10])).toEqual([
        'removed',
        'removed',
        'removed',
        'changed',
        'still online',
        'changed',
      ]);
      const report = await ext.context.newPage();
      await report.setContent(readFileSync(join(dir, 'report.html'), 'utf8'));
      await report.setViewportSize({ width: 1000, height: 1400 });
      await report.locator('#removals-h').scrollIntoViewIfNeeded();
      await report.locator('table.removals').screenshot({ path: join(RESULTS, 'removal-report-table.png') });
      await report.emulateMedia({ media: 'print' });
      await report.locator('table.removals').screenshot({ path: join(RESULTS, 'removal-report-table-print.png') });
      await report.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the template the agency edits in the options page', async () => {
    const options = await ext.openExtensionPage('options.html');
    await options.setViewportSize({ width: 900, height: 1400 });
    const section = options.locator('.removal-options');
    await section.getByLabel('Kind of site').selectOption('social');
    await section.getByLabel('Language of the notice').selectOption('fr');
    await expect
      .poll(() => section.locator('input[name=templateSubject]').inputValue())
      .toContain('Demande de retrait');
    await section.locator('textarea[name=templateBody]').fill('Bonjour {platform},\n{listings}\n{unknown}');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => section.getByRole('alert').textContent())
      .toContain('{unknown} in the body is not a placeholder');
    await section.locator('input[name=templateSubject]').fill('Signalement {reference} ({count})');
    await section.locator('textarea[name=templateBody]').fill('Bonjour {platform},\n\n{listings}\n\n{legal_basis}');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Saved.');
    await section.screenshot({ path: join(RESULTS, 'removal-options.png') });
    const stored = ok(await ext.sendAsExtension('removal/settings-get', {}));
    expect(stored.templates.social?.fr?.subject).toBe('Signalement {reference} ({count})');
    await options.close();

    await panel.getByTestId('rm-kind').selectOption('social');
    await panel.getByTestId('rm-language').selectOption('fr');
    await panel.getByTestId('rm-prepare').click();
    // No capture is selected: the six listings, not the follow-ups of the re-checks.
    await expect.poll(() => panel.getByTestId('rm-subject').textContent()).toBe('Signalement TD-23 (6)');
    const body = await panel.getByTestId('rm-body').inputValue();
    expect(body.startsWith(`Bonjour 127.0.0.1,\n\n1. ${url('gone-404')}\n   Capturée : `)).toBe(true);
    expect(body).toContain('Taxons inscrits à la CITES : Python regius (Annexe II)');
    expect(body.endsWith('Regulation (EC) No 338/97, Article 8')).toBe(true);
  });
});
