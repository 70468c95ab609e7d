/**
 * The officer's own labels in real Chromium: in the side panel at 360×800 the officer marks a
 * flagged listing "Offer" (the page is captured to keep the label with it) and the capture "Not an
 * offer", changes a mark, then exports the case: the labels are in the manifest, labels.json,
 * captures.csv and the report, and `wildtrace verify` accepts the file. Screenshot:
 * .test-results/labels-sidepanel-360x800.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  closeGuarded,
  eventually,
  type ExtensionSession,
  launchWithRealDownloads,
  REPO,
  serveFixtures,
} from '../support/extension-harness';
import type { CaseManifest } from '../../src/engine/export/manifest';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let downloads: string;
let panel: Page;
const SHOTS = join(REPO, '.test-results');

beforeAll(async () => {
  server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  ({ ext, downloads } = await launchWithRealDownloads([server.origin]));
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  try {
    await closeGuarded(ext, server);
  } finally {
    if (downloads) rmSync(join(downloads, '..'), { recursive: true, force: true });
  }
});

const pressed = (scope: ReturnType<Page['getByTestId']>, label: string): Promise<string | null> =>
  scope.getByTestId(`label-${label}`).getAttribute('aria-pressed');

describe('the officer’s labels in the side panel', () => {
  it('marks a flagged listing "Offer" at 360×800; the page is captured to keep the label', async () => {
    const url = `${server.origin}/e2e/labels-listings.html`;
    const tab = await ext.context.newPage();
    await tab.goto(url);
    const tabId = await ext.tabIdOf(url);
    panel = await ext.context.newPage();
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html?tab=${tabId}`);
    await panel.locator('input[name=caseTitle]').fill('Op. Labels');
    await panel.getByTestId('case-create').click();
    await expect.poll(() => panel.getByTestId('capture-target').textContent()).toContain('Op. Labels');
    const listing = panel.getByTestId('listing').first();
    await listing.waitFor({ timeout: 15_000 });
    expect(await pressed(listing, 'offer')).toBe('false');
    await listing.getByTestId('label-offer').click();
    await expect
      .poll(() => panel.getByTestId('label-captured').textContent(), { timeout: 20_000 })
      .toContain('captured as #1');
    await expect.poll(() => pressed(panel.getByTestId('listing').first(), 'offer')).toBe('true');
    await expect.poll(() => panel.getByTestId('capture-item').count()).toBe(1);
    const sideways = await panel.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBeLessThanOrEqual(0);
    await panel.getByTestId('listing').first().scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SHOTS, 'labels-sidepanel-360x800.png') });
  });

  it('changes the listing to "Not an offer", back to "Offer", and marks the capture "Not an offer"', async () => {
    const listing = panel.getByTestId('listing').first();
    await listing.getByTestId('label-not-offer').click();
    await expect.poll(() => pressed(panel.getByTestId('listing').first(), 'not-offer')).toBe('true');
    await panel.getByTestId('listing').first().getByTestId('label-offer').click();
    await expect.poll(() => pressed(panel.getByTestId('listing').first(), 'offer')).toBe('true');
    // Still one capture: the later labels went to the capture that holds the listing.
    expect(await panel.getByTestId('capture-item').count()).toBe(1);
    const item = panel.getByTestId('capture-item').first();
    // The capture's own buttons come first; its labelled listings' buttons follow.
    const pageLabel = () => panel.getByTestId('capture-item').first().getByTestId('offer-label').first();
    await pageLabel().getByTestId('label-not-offer').click();
    await expect.poll(() => pressed(pageLabel(), 'not-offer')).toBe('true');
    await expect.poll(() => item.getByTestId('capture-listing-labels').textContent()).toContain('Ball python');
    await item.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SHOTS, 'labels-captures-360x800.png') });
  });

  it('exports the labels in the case file, which verifies', async () => {
    const before = new Set(readdirSync(downloads));
    await panel.getByTestId('export-case').click();
    await expect.poll(() => panel.getByTestId('export-status').textContent(), { timeout: 30_000 }).toMatch(/^Saved /);
    const zip = await eventually(
      async () => {
        const f = readdirSync(downloads).find((n) => n.endsWith('.zip') && !before.has(n));
        if (!f) return undefined;
        const size = statSync(join(downloads, f)).size;
        await new Promise((r) => setTimeout(r, 200));
        return size > 0 && statSync(join(downloads, f)).size === size ? join(downloads, f) : undefined;
      },
      30_000,
      'the downloaded case file',
    );
    const cli = spawnSync(process.execPath, [join(REPO, 'bin/wildtrace.mjs'), 'verify', zip], {
      encoding: 'utf8',
      cwd: REPO,
    });
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'wildtrace-unzip-'));
    try {
      execFileSync('unzip', ['-q', zip, '-d', dir]);
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as CaseManifest;
      const labels = m.captures[0].labels!;
      expect(labels.map((l) => [l.body.subject.kind, l.body.label])).toEqual([
        ['listing', 'offer'],
        ['listing', 'not-offer'],
        ['listing', 'offer'],
        ['page', 'not-offer'],
      ]);
      const listing = labels[0].body.subject;
      expect(listing.kind === 'listing' && listing.text).toContain('Ball python (Python regius) for sale');
      expect(labels.map((l) => l.body.author)).toEqual(Array(4).fill('Officer Test'));
      const sidecar = JSON.parse(readFileSync(join(dir, m.captures[0].folder, 'labels.json'), 'utf8'));
      expect(sidecar.labels).toEqual(labels);
      const csv = readFileSync(join(dir, 'captures.csv'), 'utf8').trim().split('\r\n');
      expect(csv[0]).toMatch(/,officer_label,officer_listing_labels$/);
      expect(csv[1]).toMatch(/,not an offer,offer 1$/);
      const report = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(report).toContain('Officer’s label');
      expect(report).toContain('officer: not an offer');
      const audit = readFileSync(join(dir, 'audit-log.jsonl'), 'utf8');
      expect(audit.match(/"action":"label"/g)).toHaveLength(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
