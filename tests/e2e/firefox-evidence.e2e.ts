/**
 * Evidence in firefox-esr, end to end: capture -> export from the side panel -> `wildtrace
 * verify` -> an altered copy is caught; the Trends page lists the captures and its "Export
 * cyber-alert" counts them. Then the same in Tor Browser's setting (permanent private browsing
 * and fingerprint resistance, evidence in the background's session store), across a browser
 * restart. Screenshots: .test-results/firefox[-tor]-trends-<run>-1100x1400.png.
 * The browser side runs in tests/e2e/firefox/evidence-run.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureMetadata } from '../../src/engine/evidence/model';
import { REQUESTED_URL_NOT_OBSERVED } from '../../src/engine/evidence/requested-url-method';
import { REPO } from '../support/extension-harness';
import { FIREFOX, FIREFOX_BUILD } from '../support/firefox-harness';
import type { RunOutcome, SessionOutcome } from './firefox/evidence-run';

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `wildtrace-ff-${name}-`));
  temp.push(d);
  return d;
};

function run(tor: boolean): { outcome: RunOutcome; downloads: string } {
  expect(existsSync(join(FIREFOX_BUILD, 'manifest.json')), 'run npx wxt build -b firefox first').toBe(true);
  const downloads = tempDir('downloads');
  const profile = tempDir('profile');
  const script = join(REPO, 'tests/e2e/firefox/evidence-run.ts');
  const args = ['--experimental-websocket', '--no-warnings', '--import', 'tsx', script];
  const r = spawnSync(process.execPath, [...args, ...(tor ? ['--tor'] : []), downloads, profile], {
    encoding: 'utf8',
    cwd: REPO,
    timeout: 170_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return { outcome: JSON.parse(r.stdout.trim().split('\n').pop()!) as RunOutcome, downloads };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

interface Verdict {
  status: number | null;
  out: string;
  summary?: { captures: number; selection: string; caseId: string };
}

function verify(zip: string): Verdict {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/wildtrace.mjs'), 'verify', '--json', zip], {
    encoding: 'utf8',
    cwd: REPO,
  });
  const out = r.stdout + r.stderr;
  return { status: r.status, out, summary: r.stdout ? JSON.parse(r.stdout).summary : undefined };
}

/** One file of a case file, as text. */
const fileIn = (zip: string, name: string) => execFileSync('unzip', ['-p', zip, name], { encoding: 'utf8' });

/** The captures a case file holds (its manifest). */
function capturesIn(zip: string): { recordHash: string; record: { metadata: CaptureMetadata } }[] {
  return JSON.parse(fileIn(zip, 'manifest.json')).captures;
}

const recordHashesIn = (zip: string) => capturesIn(zip).map((c) => c.recordHash);

/** A copy of the case file with one byte of its first stored screenshot changed. */
function alteredCopy(zip: string): string {
  const bytes = readFileSync(zip);
  const at = bytes.indexOf(Buffer.from('IHDR')) + 40;
  bytes[at] ^= 0xff;
  const out = join(tempDir('altered'), 'altered.zip');
  writeFileSync(out, bytes);
  return out;
}

/** A number from cyber-alert.html's summary table. */
function alertCount(zip: string, heading: string): number {
  const row = new RegExp(`<tr><th scope="row">${heading}</th><td>(\\d+)</td></tr>`).exec(
    fileIn(zip, 'cyber-alert.html'),
  );
  return row ? Number(row[1]) : NaN;
}

/**
 * Each session's Trends page listed its one case and counted its captures, and each saved
 * cyber-alert (one a session, in the order saved) counts the same.
 */
function expectTrends(sessions: SessionOutcome[], downloads: string): void {
  for (const s of sessions) {
    const n = s.captures.length;
    expect(s.trends.summary).toMatch(new RegExp(`^Captures: ${n} · cases: 1 · sites: 1 · seller indicators .*: 0$`));
    expect(s.trends.cases).toEqual([expect.stringMatching(/^Unfiled – \d{4}-\d\d-\d\d$/)]);
    // Named as saved: the second session's file is "cyber-alert-<day>(1).zip".
    const saved = /^Saved (cyber-alert-\d{4}-\d\d-\d\d(?:\(\d\))?\.zip)\.$/.exec(s.trends.alertStatus)?.[1];
    expect(saved && existsSync(join(downloads, saved)), s.trends.alertStatus).toBe(true);
  }
  const alerts = filesUnder(downloads)
    .filter((f) => /^cyber-alert-.*\.zip$/.test(f))
    .map((f) => join(downloads, f))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  expect(alerts.map((z) => alertCount(z, 'Captures counted'))).toEqual(sessions.map((s) => s.captures.length));
  for (const z of alerts) {
    expect(alertCount(z, 'Cases counted')).toBe(1);
    expect(fileIn(z, 'case-files.csv')).toMatch(/Unfiled – .*,included,/);
  }
}

describe.skipIf(!existsSync(FIREFOX))('evidence in firefox-esr', () => {
  it('captures a page, exports the case from the side panel, verifies it, and catches an altered copy', () => {
    const { outcome, downloads } = run(false);
    const [session] = outcome.sessions;
    const [capture] = session.captures;
    expect(capture.artefacts).toEqual(
      expect.arrayContaining(['screenshot.png', 'screenshot-annotated.png', 'page.html', 'text.txt', 'hits.json']),
    );
    expect(session.exportError).toBe('');
    expect(session.exportStatus).toMatch(/^Saved wildtrace-.*\.zip: 1 captures/);
    // Ordinary Firefox keeps evidence in IndexedDB: no notice, and no capture bundles on disk.
    expect(session.storageNotice).toBe('');
    // A normal window runs the page's script; the officer learns how to allow private windows.
    expect(session.welcome).toEqual({ noApi: false, privateNotAllowed: true });
    expect(capture.bundleFile).toBeUndefined();
    const files = filesUnder(downloads);
    expect(files).toEqual([
      expect.stringMatching(/^cyber-alert-.*\.zip$/),
      expect.stringMatching(/^wildtrace-.*\.zip$/),
    ]);
    expectTrends(outcome.sessions, downloads);
    const zip = join(downloads, files[1]);
    const good = verify(zip);
    expect(good.status, good.out).toBe(0);
    expect(good.summary).toMatchObject({ captures: 1, selection: 'full' });
    expect(recordHashesIn(zip)).toEqual([capture.recordHash]);
    // web-ext loaded the page before it installed the extension: no requested URL, and it says so.
    const [{ record }] = capturesIn(zip);
    expect(record.metadata.requestedUrl).toBe('');
    expect(record.metadata.methods?.requestedUrl).toBe(REQUESTED_URL_NOT_OBSERVED);
    expect(fileIn(zip, 'report.html')).toContain('Not observed (the page was loaded before Wildtrace started');
    const bad = verify(alteredCopy(zip));
    expect(bad.status, bad.out).toBe(1);
    expect(bad.out).toMatch(/"where": "captures\/001-[0-9a-f]+\/screenshot/);
  }, 180_000);

  it("in Tor Browser's setting, keeps every capture across a restart as verifiable bundles on disk", () => {
    const { outcome, downloads } = run(true);
    expect(outcome.sessions).toHaveLength(2);
    const captures = outcome.sessions.flatMap((s) => s.captures);
    expect(captures).toHaveLength(3);
    for (const s of outcome.sessions) {
      // IndexedDB refuses writes there: the officer is told where the evidence goes, in plain words.
      expect(s.storageNotice).toMatch(/^Private browsing: .* Downloads folder, under Wildtrace\//);
      expect(s.exportError).toBe('');
      expect(s.exportStatus).toMatch(/^Saved wildtrace-.*\.zip: \d+ captures/);
      expect(s.welcome).toEqual({ noApi: false, privateNotAllowed: false });
      // The panel's own capture says where its bundle is; no exception text anywhere.
      expect(s.panelCapture?.error).toBe('');
      expect(s.panelCapture?.bundle).toMatch(/^Saved on disk: Downloads\/Wildtrace\/.*\.zip$/);
    }
    for (const c of captures) {
      expect(c.bundleError).toBeUndefined();
      expect(c.bundleFile).toMatch(/^Wildtrace\/Unfiled-\d{4}-\d\d-\d\d-[0-9a-f]{8}\/capture-00\d-[0-9a-f]{12}\.zip$/);
    }
    // Every capture, from before and after the restart, is on disk in a bundle that verifies alone.
    const files = filesUnder(downloads);
    const bundles = files.filter((f) => f.startsWith('Wildtrace/'));
    expect(bundles.sort()).toEqual(captures.map((c) => c.bundleFile).sort());
    for (const c of captures) {
      const zip = join(downloads, c.bundleFile!);
      const v = verify(zip);
      expect(v.status, v.out).toBe(0);
      expect(v.summary).toMatchObject({ captures: 1, caseId: c.caseId });
      expect(recordHashesIn(zip)).toEqual([c.recordHash]);
    }
    // The Trends page of each session sees the session store: its case, its captures, its cyber-alert.
    expectTrends(outcome.sessions, downloads);
    // The verify page works on the session store too: its verification is in the case's audit log.
    const reexports = outcome.sessions.map((s) => s.verified!.reexportFile);
    for (const s of outcome.sessions) {
      const { verifiedFile, verdict, reexportFile } = s.verified!;
      expect(verdict).toMatch(/^Intact as signed: /);
      const zip = join(downloads, reexportFile);
      expect(verify(zip).status).toBe(0);
      const audit = fileIn(zip, 'audit-log.jsonl')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { body?: { action: string; caseId?: string; details: { fileName?: string } } });
      const logged = audit.filter((e) => e.body?.action === 'verification' && e.body.details.fileName === verifiedFile);
      expect(logged.map((e) => e.body!.caseId)).toEqual([s.captures[0].caseId]);
    }
    // The export of each session's case holds that session's captures and verifies.
    const exports = files.filter((f) => /^wildtrace-.*\.zip$/.test(f) && !reexports.includes(f));
    expect(exports).toHaveLength(2);
    const exported = exports.flatMap((f) => {
      const v = verify(join(downloads, f));
      expect(v.status, v.out).toBe(0);
      return recordHashesIn(join(downloads, f));
    });
    expect(exported.sort()).toEqual(captures.map((c) => c.recordHash).sort());
    const bad = verify(alteredCopy(join(downloads, captures[0].bundleFile!)));
    expect(bad.status, bad.out).toBe(1);
    // After the browser is gone, the bundles make each case file again.
    const out = tempDir('rebuilt');
    const rebuild = spawnSync(
      process.execPath,
      [join(REPO, 'bin/wildtrace.mjs'), 'rebuild', join(downloads, 'Wildtrace'), '--out', out],
      { encoding: 'utf8', cwd: REPO },
    );
    expect(rebuild.status, rebuild.stdout + rebuild.stderr).toBe(0);
    const rebuilt = filesUnder(out).flatMap((f) => {
      const v = verify(join(out, f));
      expect(v.status, v.out).toBe(0);
      return recordHashesIn(join(out, f));
    });
    expect(rebuilt.sort()).toEqual(captures.map((c) => c.recordHash).sort());
  }, 180_000);
});
