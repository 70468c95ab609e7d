/**
 * Export through the side panel: three captured fixture pages, the case file downloaded to
 * disk, then checked outside the browser with the CLI and with `sha256sum -c`; its report.html
 * opened in Chromium (axe-core, the annotated screenshots' colours, print to PDF), with
 * screenshots of the screen and the printed pages saved under .test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventually,
  launchWithRealDownloads,
  REPO,
  serveFixtures,
  type ExtensionSession,
  closeGuarded,
} from '../support/extension-harness';
import type { Page } from 'playwright-core';
import { ANNOTATION_STYLES, annotationKindOf, type AnnotationKind } from '../../src/engine/export/annotation-style';
import { axeViolations, seriousOrCritical } from './axe';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let downloads: string;
let panel: Page;
let wholeZip: string;
/** Where the whole case file is unzipped, served at /case/ so report.html loads its screenshots. */
let unzipped: string;
const RESULTS = join(REPO, '.test-results');

const offer = (i: number) => `${server.origin}/e2e/capture-offer-${i}.html`;

beforeAll(async () => {
  unzipped = mkdtempSync(join(tmpdir(), 'wildtrace-case-'));
  server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e'), '/case/': unzipped });
  ({ ext, downloads } = await launchWithRealDownloads([server.origin]));
});

afterAll(async () => {
  try {
    await closeGuarded(ext, server);
  } finally {
    if (downloads) rmSync(join(downloads, '..'), { recursive: true, force: true });
    if (unzipped) rmSync(unzipped, { recursive: true, force: true });
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
    expect(report.match(/<th scope="row">Score \(0–100\)<\/th><td><strong>\d+<\/strong>/g)).toHaveLength(3);
    expect(report).toContain(
      '<th scope="col">Signal</th><th scope="col">Kind</th><th scope="col">Text on the page</th>' +
        '<th scope="col" class="num">Weight</th>',
    );
    const csvLines = capturesCsv.trim().split('\r\n');
    expect(csvLines[0]).toMatch(
      /^\uFEFF?capture_number,capture_id,captured_at_utc,captured_at_local,local_offset,time_zone,/,
    );
    expect(csvLines[0]).toMatch(/,risk_score,sale_offer,officer_label,officer_listing_labels$/);
    for (const [i, line] of csvLines.slice(1).entries()) {
      expect(line).toMatch(new RegExp(`^${i + 1},`));
      expect(line).toMatch(/,\d+,(true|false),,$/);
      // Times as full ISO 8601; the offset as it is (no formula guard's apostrophe).
      expect(line).toMatch(
        /,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,\d{4}-\d\d-\d\dT[\d:.]+[+-]\d\d:\d\d,[+-]\d\d:\d\d,/,
      );
    }
    expect(capturesCsv).not.toContain("'+");
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

  it('numbers captures #1…n in folders and dates ZIP entries with the export time', () => {
    const listing = execFileSync('unzip', ['-Z', '-T', wholeZip], { encoding: 'utf8' });
    const folders = [...new Set([...listing.matchAll(/ (captures\/\d+)-[0-9a-f]{8}\//g)].map((m) => m[1]))];
    expect(folders).toEqual(['captures/001', 'captures/002', 'captures/003']);
    // `unzip -Z -T` prints each entry's DOS time as yyyymmdd.hhmmss: today's UTC date, never 1980.
    const stamps = [...listing.matchAll(/ (\d{8})\.\d{6} /g)].map((m) => m[1]);
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    expect(stamps.length).toBeGreaterThan(30);
    expect(new Set(stamps)).toEqual(new Set([today]));
  });

  it('report.html reads well on screen and paper, passes axe, boxes in the colour of their kind', async () => {
    execFileSync('unzip', ['-q', '-o', wholeZip, '-d', unzipped]);
    mkdirSync(RESULTS, { recursive: true });
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.origin}/case/report.html`);
    // Captures numbered as in the extension, each screenshot loaded (same origin, allowed by the CSP).
    const headings = await page.locator('section.capture > h2').allTextContents();
    expect(headings.map((h) => h.replace(/:.*/, ''))).toEqual(['Capture #1', 'Capture #2', 'Capture #3']);
    const images = await page.$$eval('img', (imgs) =>
      imgs.map((i) => ({ alt: i.alt, width: (i as HTMLImageElement).naturalWidth })),
    );
    expect(images).toHaveLength(3);
    for (const img of images) {
      expect(img.width).toBeGreaterThan(0);
      expect(img.alt).toMatch(/^Annotated screenshot of capture #\d, “Offer \d: ball python for sale”/);
    }
    // Indicators in words: the WhatsApp number in E.164 with its label, no JSON anywhere in the tables.
    const contacts = await page.locator('#capture-1 table.indicators').first().locator('tbody tr').first();
    expect(await contacts.locator('td').allTextContents()).toEqual([
      'WhatsApp',
      '+447700900121',
      '“+44 7700 900 121”',
      'written after the platform name',
      '1',
    ]);
    expect(await page.locator('table.indicators').allTextContents()).not.toContainEqual(expect.stringMatching(/[{}]/));
    // Times in UTC and in the officer's zone, the note printed once, how to verify with the fingerprint.
    expect(await page.locator('#capture-1 .capture-when').textContent()).toMatch(
      /^Captured \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC · .+ \(UTC[+-]\d\d:\d\d\) \(officer’s local time\)$/,
    );
    expect((await page.content()).match(/Seller asks for &lt;b&gt;cash&lt;\/b&gt;/g)).toHaveLength(1);
    const fingerprint = (await ext.sendAsExtension('evidence/public-key', {})) as {
      ok: true;
      value: { fingerprint: string };
    };
    expect(await page.locator('#verify pre').textContent()).toBe(
      `npx wildtrace verify CASEFILE.zip --expect-fingerprint ${fingerprint.value.fingerprint}`,
    );

    // Each kind of hit on screen has its own box colour on the annotated screenshot, and the legend names it.
    for (const n of [1, 2, 3]) {
      const folder = readdirSync(join(unzipped, 'captures')).find((f) => f.startsWith(`00${n}-`))!;
      const meta = JSON.parse(readFileSync(join(unzipped, 'captures', folder, 'metadata.json'), 'utf8'));
      expect(meta.number).toBe(n);
      expect(meta.record.metadata.methods.annotated).toMatch(/with [1-9]\d* boxes around [1-9]\d* of \d+ hits, at 1× /);
      expect(meta.record.metadata.timeZone).toMatch(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/);
      const hits = JSON.parse(readFileSync(join(unzipped, 'captures', folder, 'hits.json'), 'utf8')) as {
        blockId?: number;
      }[];
      // Hits of the page's body (not its title block) are on screen in these short pages.
      const titleBlock = Math.min(...hits.map((h) => h.blockId ?? 0));
      const kinds = new Set<AnnotationKind>(hits.filter((h) => h.blockId !== titleBlock).map(annotationKindOf));
      const found = await page.evaluate(
        async ({ src, lines }) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(img, 0, 0);
          const data = ctx.getImageData(0, 0, img.naturalWidth, img.naturalHeight).data;
          const hex = (i: number) => '#' + [0, 1, 2].map((k) => data[i + k].toString(16).padStart(2, '0')).join('');
          const counts: Record<string, number> = {};
          for (let i = 0; i < data.length; i += 4) {
            const c = hex(i);
            if (lines.includes(c)) counts[c] = (counts[c] ?? 0) + 1;
          }
          return counts;
        },
        {
          src: `captures/${folder}/screenshot-annotated.png`,
          lines: Object.values(ANNOTATION_STYLES).map((s) => s.line),
        },
      );
      for (const k of kinds) expect(found[ANNOTATION_STYLES[k].line], `capture #${n} ${k}`).toBeGreaterThan(20);
      const legend = await page.locator(`#capture-${n} figcaption .legend li`).allTextContents();
      for (const k of kinds) expect(legend.join(' | ')).toContain(ANNOTATION_STYLES[k].label);
    }

    // axe-core: no serious or critical violation, on screen and in the dark scheme.
    expect(seriousOrCritical(await axeViolations(page))).toEqual([]);
    await page.screenshot({ path: join(RESULTS, 'report-screen.png') });
    await page.screenshot({ path: join(RESULTS, 'report-screen-full.png'), fullPage: true });
    await page.locator('#capture-1').screenshot({ path: join(RESULTS, 'report-screen-capture-1.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(seriousOrCritical(await axeViolations(page))).toEqual([]);
    await page.screenshot({ path: join(RESULTS, 'report-screen-dark.png') });

    // Paper: every capture starts a page; the PDF has the case reference and page numbers.
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    expect(await page.$$eval('section.capture', (s) => s.map((x) => getComputedStyle(x).breakBefore))).toEqual([
      'page',
      'page',
      'page',
    ]);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    // page.pdf() prints with the print style sheet unless a medium is emulated: drop the emulation.
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    writeFileSync(join(RESULTS, 'report.pdf'), pdf);
    // The page tree's root holds the total (intermediate nodes hold parts of it).
    const counts = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages[^>]*?\/Count (\d+)/g)].map((m) =>
      Number(m[1]),
    );
    const pages = Math.max(...counts);
    expect(pages).toBeGreaterThanOrEqual(4);
    // Optional tools (poppler-utils): the printed text and pictures of the pages, for a person to look at.
    if (spawnSync('pdftotext', ['-v']).status === 0) {
      const printed = execFileSync('pdftotext', ['-layout', join(RESULTS, 'report.pdf'), '-'], { encoding: 'utf8' });
      expect(printed).toContain('Case EXH-17: Op. Scales <2025>');
      expect(printed).toContain(`Page 1 of ${pages}`);
      expect(printed).toContain(`Page ${pages} of ${pages}`);
    }
    if (spawnSync('pdftoppm', ['-v']).status === 0) {
      for (const f of readdirSync(RESULTS)) if (/^report-page-\d+\.png$/.test(f)) rmSync(join(RESULTS, f));
      execFileSync('pdftoppm', ['-png', '-r', '60', join(RESULTS, 'report.pdf'), join(RESULTS, 'report-page')]);
    }
    await page.close();
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
    // Without a key to check against, intact only as signed: anyone can re-sign a case file.
    await expect
      .poll(() => page.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toMatch(/^Intact as signed: .*the signing key was not checked/);
    expect(await page.getByTestId('verify-key-status').textContent()).toBe(' (not checked against a known key)');
    const key = (await ext.sendAsExtension('evidence/public-key', {})) as { value: { fingerprint: string } };
    const known = `# unit 7\n${key.value.fingerprint.match(/.{4}/g)!.join(' ')}  Jane Doe\n`;
    await page
      .locator('input[name=knownKeys]')
      .setInputFiles({ name: 'keys.txt', mimeType: 'text/plain', buffer: Buffer.from(known) });
    await expect.poll(() => page.getByTestId('known-keys-loaded').textContent()).toBe('keys.txt: 1 known keys.');
    await page.getByTestId('verify').click();
    await expect
      .poll(() => page.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toBe('Signature valid: nothing in this case file was altered, and it was signed by a known key: Jane Doe.');
    await page.locator('input[name=fingerprint]').fill(key.value.fingerprint);
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
    // Case-file verifications on the verify page (four), then the stored-case self-check.
    expect(actions.slice(-3)).toEqual(['verification', 'verification', 'verification']);
    expect(existsSync(downloads)).toBe(true);
  });
});
