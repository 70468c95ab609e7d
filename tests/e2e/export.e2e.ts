/**
 * Export through the side panel: three captured fixture pages, the case file downloaded to
 * disk, then checked outside the browser with the CLI and with `sha256sum -c`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventually,
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  closeGuarded,
} from '../support/extension-harness';
import type { Page } from 'playwright-core';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let downloads: string;
let panel: Page;
let wholeZip: string;

const offer = (i: number) => `${server.origin}/e2e/capture-offer-${i}.html`;

beforeAll(async () => {
  server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  // Playwright renames downloads; let Chromium save them under their real names instead, into
  // its default folder (~/Downloads) under a throw-away HOME.
  const home = mkdtempSync(join(tmpdir(), 'wildtrace-home-'));
  downloads = join(home, 'Downloads');
  mkdirSync(downloads);
  const realHome = process.env.HOME;
  process.env.HOME = home;
  try {
    ext = await launchWithExtension([server.origin]);
  } finally {
    process.env.HOME = realHome;
  }
  const page = await ext.openExtensionPage('welcome.html');
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('Browser.setDownloadBehavior' as never, { behavior: 'default' } as never);
  await ext.sendAsExtension('settings/set', { officerName: 'Officer Test', agency: 'Example Wildlife Unit' });
});

afterAll(async () => {
  try {
    await closeGuarded(ext, server);
  } finally {
    if (downloads) rmSync(join(downloads, '..'), { recursive: true, force: true });
  }
});

async function downloadedZip(before: Set<string>): Promise<string> {
  return eventually(
    async () => {
      const f = readdirSync(downloads).find((n) => n.endsWith('.zip') && !before.has(n));
      if (!f) return undefined;
      const path = join(downloads, f);
      const size = statSync(path).size;
      await new Promise((r) => setTimeout(r, 200));
      return statSync(path).size === size && size > 0 ? path : undefined;
    },
    30_000,
    'the downloaded case file',
  );
}

function verifyOutside(zip: string): {
  cli: string;
  sums: string;
  files: string[];
  report: string;
  capturesCsv: string;
} {
  const cli = spawnSync(process.execPath, [join(REPO, 'bin/wildtrace.mjs'), 'verify', zip], {
    encoding: 'utf8',
    cwd: REPO,
  });
  expect(cli.status, cli.stdout + cli.stderr).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), 'wildtrace-unzip-'));
  try {
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    const sums = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    return {
      cli: cli.stdout,
      sums,
      files: readFileSync(join(dir, 'SHA256SUMS'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.slice(66)),
      report: readFileSync(join(dir, 'report.html'), 'utf8'),
      capturesCsv: readFileSync(join(dir, 'captures.csv'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('case export from the side panel', () => {
  it('creates a case and captures three pages from the side panel', async () => {
    const tabs: number[] = [];
    for (const i of [1, 2, 3]) {
      const p = await ext.context.newPage();
      await p.goto(offer(i));
      tabs.push(await ext.tabIdOf(offer(i)));
    }
    panel = await ext.openExtensionPage(`sidepanel.html?tab=${tabs[0]}`);
    await panel.locator('input[name=caseTitle]').fill('Op. Scales <2025>');
    await panel.locator('input[name=caseReference]').fill('EXH-17');
    await panel.getByTestId('case-create').click();
    // Capture is always enabled (with no case it files into a default one): wait for the new case instead.
    await expect.poll(() => panel.getByTestId('capture-target').textContent()).toContain('Op. Scales <2025>');
    for (const [n, tabId] of tabs.entries()) {
      await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html?tab=${tabId}`);
      await expect.poll(() => panel.getByTestId('capture').isEnabled()).toBe(true);
      await panel.getByTestId('capture').click();
      await expect
        .poll(() => panel.getByTestId('capture-result').textContent(), { timeout: 20_000 })
        .toMatch(new RegExp(`Captured #${n + 1} `));
    }
    await expect.poll(() => panel.getByTestId('capture-item').count()).toBe(3);
    // A note and a tag on the newest capture (listed first).
    const first = panel.getByTestId('capture-item').first();
    await first.locator('input[name=note]').fill('Seller asks for <b>cash</b>');
    await first.locator('input[name=note]').press('Enter');
    await first.locator('input[name=tag]').fill('priority');
    await first.locator('input[name=tag]').press('Enter');
    await expect.poll(() => first.textContent()).toContain('Seller asks for <b>cash</b>');
    await expect.poll(() => first.locator('.tag').textContent()).toBe('priority');
  });

  it('exports the whole case as a ZIP that the CLI and sha256sum -c accept', async () => {
    const before = new Set(readdirSync(downloads));
    await panel.getByTestId('export-case').click();
    await expect
      .poll(() => panel.getByTestId('export-status').textContent(), { timeout: 30_000 })
      .toMatch(/^Saved wildtrace-Op-Scales-2025-\d{8}T\d{6}Z\.zip: 3 captures/);
    const zip = await downloadedZip(before);
    wholeZip = zip;
    expect(zip).toMatch(/wildtrace-Op-Scales-2025-\d{8}T\d{6}Z\.zip$/);
    const { cli, sums, files, report, capturesCsv } = verifyOutside(zip);
    expect(cli).toMatch(/intact|OK|ok/i);
    // Each capture's sale-offer risk (from its risk.json) is in the report and the captures table.
    expect(report.match(/<h3>Sale-offer risk<\/h3>/g)).toHaveLength(3);
    expect(report.match(/<th>Score \(0–100\)<\/th><td><strong>\d+<\/strong>/g)).toHaveLength(3);
    expect(report).toMatch(/<th>Signal<\/th><th>Kind<\/th><th>Text on the page<\/th><th>Weight<\/th>/);
    const csvLines = capturesCsv.trim().split('\r\n');
    expect(csvLines[0]).toMatch(/,risk_score,sale_offer$/);
    for (const line of csvLines.slice(1)) expect(line).toMatch(/,\d+,(true|false)$/);
    expect(sums).not.toMatch(/FAILED/);
    expect(files).toEqual(
      expect.arrayContaining(['manifest.json', 'audit-log.jsonl', 'report.html', 'case.jsonld', 'stix-bundle.json']),
    );
    for (const name of [
      'screenshot.png',
      'screenshot-annotated.png',
      'page.mhtml',
      'page.html',
      'text.txt',
      'hits.json',
      'indicators.json',
      'risk.json',
      'metadata.json',
      'notes.json',
    ]) {
      expect(
        files.filter((f) => f.endsWith(`/${name}`)),
        name,
      ).toHaveLength(3);
    }
  });

  it('exports selected captures only, still verifiable', async () => {
    const items = panel.getByTestId('capture-item');
    await items.nth(0).locator('input[type=checkbox]').check();
    await items.nth(2).locator('input[type=checkbox]').check();
    const before = new Set(readdirSync(downloads));
    await panel.getByTestId('export-selected').click();
    await expect
      .poll(() => panel.getByTestId('export-status').textContent(), { timeout: 30_000 })
      .toMatch(/: 2 captures/);
    const zip = await downloadedZip(before);
    const { files } = verifyOutside(zip);
    expect(files.filter((f) => f.endsWith('/screenshot.png'))).toHaveLength(2);
  });

  it('the "Verify a case file" page says valid for the export and tampered for an altered copy', async () => {
    const page = await ext.openExtensionPage('verify.html');
    await page.locator('input[name=caseFile]').setInputFiles(wholeZip);
    await page.getByTestId('verify').click();
    await expect
      .poll(() => page.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toBe('Signature valid: nothing in this case file was altered.');
    const bytes = readFileSync(wholeZip);
    const at = bytes.indexOf(Buffer.from('IHDR')) + 40; // inside the first stored screenshot
    bytes[at] ^= 0xff;
    await page
      .locator('input[name=caseFile]')
      .setInputFiles({ name: 'altered.zip', mimeType: 'application/zip', buffer: bytes });
    await page.getByTestId('verify').click();
    await expect
      .poll(() => page.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toMatch(/^TAMPERED or damaged: [1-9]\d* problems/);
    expect(await page.getByTestId('verify-problems').textContent()).toMatch(/screenshot/);
    await page.close();
  });

  it('logs every export in the audit log', async () => {
    const problems = await ext.sendAsExtension('evidence/self-check', {
      caseId: ((await ext.sendAsExtension('evidence/cases', {})) as { ok: true; value: { activeCaseId: string } }).value
        .activeCaseId,
    });
    expect(problems).toEqual({ ok: true, value: [] });
    const actions = await panel.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok) => {
        const r = indexedDB.open('wildtrace-evidence');
        r.onsuccess = () => ok(r.result);
      });
      const rows = await new Promise<{ entry: { body: { action: string } } }[]>((ok) => {
        const r = db.transaction('audit').objectStore('audit').getAll();
        r.onsuccess = () => ok(r.result);
      });
      db.close();
      return rows.map((r) => r.entry.body.action);
    });
    expect(actions.filter((a) => a === 'export')).toHaveLength(2);
    // Two case-file verifications on the verify page, then the stored-case self-check.
    expect(actions.slice(-3)).toEqual(['verification', 'verification', 'verification']);
    expect(existsSync(downloads)).toBe(true);
  });
});
