import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventually,
  launchWithExtension,
  REPO,
  serveFixtures,
  type ExtensionSession,
  ok,
  closeGuarded,
  detected,
} from '../support/extension-harness';
import { hitDetected, measureImages, readArtefactText, readEvidenceDb } from './evidence-helpers';
import { verifyAuditChain, verifyCaptureChain } from '../../src/engine/evidence/chain';
import { hashRecord } from '../../src/engine/evidence/seal';
import { importPublicKey, verifyHashSignature } from '../../src/engine/evidence/signing';
import { ANNOTATION_STYLES, annotationKindOf } from '../../src/engine/export/annotation-style';
import type { Page } from 'playwright-core';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let ext: ExtensionSession;
let reader: Page;
let caseId: string;
/** Pages written by the tests themselves, served at /made/. */
let made: string;

const offer = (i: number) => `${server.origin}/e2e/capture-offer-${i}.html`;
beforeAll(async () => {
  made = mkdtempSync(join(tmpdir(), 'wildtrace-made-'));
  // A hit ("ivory") beside the same letters inside longer words ("Ivorytone", and "shipping" for "ship").
  writeFileSync(
    join(made, 'ivory.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Antique shop</title></head><body>' +
      '<article class="listing"><h1>Antique carvings</h1><p>Carved ivory bangle for sale, 1920s.</p>' +
      '<p>Our Ivorytone piano keys and shipping boxes are not included.</p></article></body></html>',
  );
  server = await serveFixtures({
    '/e2e/': join(REPO, 'tests/fixtures/e2e'),
    '/pages/': join(REPO, 'tests/fixtures/pages'),
    '/made/': made,
  });
  ext = await launchWithExtension([server.origin]);
  ok(await ext.sendAsExtension('settings/set', { officerName: 'Officer Test', agency: 'Example Wildlife Unit' }));
  reader = await ext.openExtensionPage('welcome.html');
});

afterAll(async () => {
  try {
    await closeGuarded(ext, server);
  } finally {
    if (made) rmSync(made, { recursive: true, force: true });
  }
});

describe('evidence capture in Chromium', () => {
  it('shows the signing key fingerprint and saves the online identity in the options', async () => {
    const options = await ext.openExtensionPage('options.html');
    const info = ok(await ext.sendAsExtension('evidence/public-key', {}));
    await expect
      .poll(() => options.getByTestId('key-fingerprint').textContent())
      .toBe(info.fingerprint.match(/.{4}/g)!.join(' '));
    expect(await options.locator('input[name=fullPage]').isChecked()).toBe(false);
    await options.locator('input[name=onlineIdentity]').fill('buyer_anna');
    await options.getByTestId('evidence-save').click();
    await expect.poll(() => options.getByTestId('evidence-status').textContent()).toBe('Evidence options saved.');
    expect(ok(await ext.sendAsExtension('evidence/settings-get', {}))).toEqual({
      onlineIdentity: 'buyer_anna',
      fullPage: false,
      tsaUrl: '',
    });
    await options.close();
  });

  it('says where a capture goes when no case is open (the default case), with Capture enabled', async () => {
    const page = await ext.context.newPage();
    await page.goto(offer(1));
    const tabId = await ext.tabIdOf(offer(1));
    const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
    const target = /the capture goes into “Unfiled – \d{4}-\d\d-\d\d”/;
    await expect.poll(() => popup.getByTestId('no-case').textContent()).toMatch(target);
    expect(await popup.getByTestId('capture').isEnabled()).toBe(true);
    // Capturing into the default case is tested in officer-view.e2e.ts; nothing is captured here.
    await popup.close();
    await page.close();
  });

  it('captures a page from the popup: every artefact stored as a Blob whose hash recomputes', async () => {
    caseId = ok(await ext.sendAsExtension('evidence/case-create', { title: 'Op. Scales', reference: 'EXH-1' })).caseId;
    const page = await ext.context.newPage();
    await page.goto(offer(1));
    const tabId = await ext.tabIdOf(offer(1));
    // Live detection scans the page in the background; the capture takes its hits at that moment.
    await detected(
      ext,
      tabId,
      (d) => (d.hits.some((h) => h.kind === 'species') ? true : undefined),
      'live detection hits',
    );
    const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('capture').isEnabled()).toBe(true);
    await popup.getByTestId('capture').click();
    const result = await eventually(
      async () => (await popup.getByTestId('capture-result').textContent()) ?? undefined,
      20_000,
      'the capture result',
    );
    expect(result).toMatch(/Captured #1 \(id [0-9a-f-]{36}\), record hash [0-9a-f]{12}/);

    const db = await readEvidenceDb(reader);
    expect(db.captures).toHaveLength(1);
    const c = db.captures[0].capture;
    expect(result).toContain(c.hash.slice(0, 12));
    const names = db.artefacts
      .filter((a) => a.captureId === c.body.captureId)
      .map((a) => a.name)
      .sort();
    expect(names).toEqual([
      'hits.json',
      'indicators.json',
      'page-archive.html',
      'page.html',
      'page.mhtml',
      'risk.json',
      'screenshot-annotated.png',
      'screenshot.png',
      'text.txt',
    ]);
    for (const a of db.artefacts) {
      expect(a.isBlob).toBe(true);
      const d = c.body.artefacts.find((x) => x.name === a.name)!;
      expect({ name: a.name, sha256: a.blobSha256, size: a.blobSize }).toEqual({
        name: a.name,
        sha256: d.sha256,
        size: d.size,
      });
    }
    const m = c.body.metadata;
    expect(m).toMatchObject({
      requestedUrl: offer(1),
      finalUrl: offer(1),
      title: 'Offer 1: ball python for sale',
      officer: 'Officer Test',
      agency: 'Example Wildlife Unit',
      caseId,
      caseTitle: 'Op. Scales',
      onlineIdentity: 'buyer_anna',
      clockSource: 'system clock',
    });
    expect(m.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(m.localOffset).toMatch(/^[+-]\d\d:\d\d$/);
    expect(m.browser).toMatch(/\d+\.\d+/);
    expect(m.os).toMatch(/linux/);
    expect(m.lexiconVersion).toMatch(/^checklist \d{4}-\d\d-\d\d/);
    expect(m.viewport.width).toBeGreaterThan(0);
    expect(m.viewport.devicePixelRatio).toBeGreaterThan(0);
    expect(await readArtefactText(reader, c.body.captureId, 'page.html')).toContain('Python regius');
    expect(await readArtefactText(reader, c.body.captureId, 'text.txt')).toContain('WhatsApp +44 7700 900 121');
    expect(await readArtefactText(reader, c.body.captureId, 'page.mhtml')).toMatch(/Content-Type: multipart\/related/i);
    const hits = JSON.parse(await readArtefactText(reader, c.body.captureId, 'hits.json')) as {
      kind: string;
      taxon?: { name: string };
    }[];
    expect(hits.some((h) => h.kind === 'species' && h.taxon?.name === 'Python regius')).toBe(true);
    expect(m.methods?.hits).toMatch(/^live detection results/);
    // The annotated copy has boxes drawn on it; the original screenshot stays as taken.
    const shot = (n: string) => db.artefacts.find((a) => a.captureId === c.body.captureId && a.name === n)!;
    expect(shot('screenshot-annotated.png').blobSha256).not.toBe(shot('screenshot.png').blobSha256);
    expect(m.methods?.annotated).toMatch(/with [1-9]\d* boxes/);
    const indicators = JSON.parse(await readArtefactText(reader, c.body.captureId, 'indicators.json')) as {
      type: string;
    }[];
    expect(indicators.map((i) => i.type)).toEqual(
      expect.arrayContaining(['messenger', 'payment', 'shipping', 'price']),
    );
    await popup.close();
    await page.close();
  });

  it('chains the next capture; records and audit entries verify with the exported public key', async () => {
    const page = await ext.context.newPage();
    await page.goto(offer(2));
    const r = ok(await ext.sendAsExtension('evidence/capture', { tabId: await ext.tabIdOf(offer(2)) }));
    expect(r.sequence).toBe(1);
    const info = ok(await ext.sendAsExtension('evidence/public-key', {}));
    const key = await importPublicKey(info);
    const db = await readEvidenceDb(reader);
    const chain = db.captures.map((row) => row.capture).sort((a, b) => a.body.sequence - b.body.sequence);
    expect(chain[1].body.previousRecordHash).toBe(chain[0].hash);
    for (const c of chain) {
      expect(await hashRecord(c.body)).toBe(c.hash);
      expect(await verifyHashSignature(key, c.hash, c.signature)).toBe(true);
    }
    expect(await verifyCaptureChain(chain, key, { caseId, fingerprint: info.fingerprint })).toEqual([]);
    expect(await verifyAuditChain(db.audit, key, info.fingerprint)).toEqual([]);
    expect(db.audit.map((e) => e.body.action)).toEqual([
      'install',
      'settings-changed',
      'case-created',
      'capture',
      'capture',
    ]);
    expect(db.audit.filter((e) => e.body.action === 'capture').map((e) => e.body.subjectId)).toEqual(
      chain.map((c) => c.body.captureId),
    );
    await page.close();
  });

  it('does not let a web page trigger a capture', async () => {
    const page = await ext.context.newPage();
    await page.goto(offer(3));
    const tabId = await ext.tabIdOf(offer(3));
    const outcome = await page.evaluate(
      async ({ id, tabId }) => {
        const runtime = (
          globalThis as {
            chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<{ ok?: boolean } | undefined> } };
          }
        ).chrome?.runtime;
        if (!runtime?.sendMessage) return 'no runtime API for pages';
        try {
          const reply = await runtime.sendMessage(id, {
            channel: 'wildtrace/v1',
            type: 'evidence/capture',
            payload: { tabId },
          });
          return reply?.ok ? 'captured' : `refused: ${JSON.stringify(reply)}`;
        } catch (err) {
          return `refused: ${(err as Error).message}`;
        }
      },
      { id: ext.extensionId, tabId },
    );
    expect(outcome).not.toBe('captured');
    // Forged messages posted in the page reach neither the background nor the capture collector.
    await page.evaluate(() => {
      window.postMessage({ channel: 'wildtrace/v1', type: 'evidence/capture', payload: { tabId: 1 } }, '*');
      window.postMessage({ channel: 'wildtrace/capture-collect', kind: 'scroll', y: 500 }, '*');
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await readEvidenceDb(reader)).captures).toHaveLength(2);
    await page.close();
  });

  it('says plainly when storage is full, and keeps everything stored before', async () => {
    const page = await ext.context.newPage();
    await page.goto(offer(3));
    const tabId = await ext.tabIdOf(offer(3));
    const before = await readEvidenceDb(reader);
    const worker = await ext.currentWorker();
    // The quota check reads navigator.storage.estimate; report a nearly full origin.
    await worker.evaluate(() => {
      (navigator.storage as { estimate: StorageManager['estimate'] }).estimate = async () => ({
        usage: 999_000_000,
        quota: 1_000_000_000,
      });
    });
    const reply = await ext.sendAsExtension('evidence/capture', { tabId });
    await worker.evaluate(() => {
      delete (navigator.storage as { estimate?: unknown }).estimate;
    });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(
      /storage for evidence is full\. Nothing was stored for this action, and everything stored before is kept/,
    );
    const after = await readEvidenceDb(reader);
    expect(after.captures.length).toBe(before.captures.length);
    expect(after.artefacts.length).toBe(before.artefacts.length);
    expect(after.audit.length).toBe(before.audit.length);
    await page.close();
  });

  it('captures with the keyboard shortcut command into the active case', async () => {
    const page = await ext.context.newPage();
    await page.goto(offer(3));
    await page.bringToFront();
    const tabId = await ext.tabIdOf(offer(3));
    const worker = await ext.currentWorker();
    // Headless Chromium has no global shortcuts: dispatch the command event the manifest declares.
    const dispatched = await worker.evaluate(async (id) => {
      const ev = chrome.commands.onCommand as unknown as { dispatch?: (c: string, t: unknown) => void };
      if (typeof ev.dispatch !== 'function') return false;
      ev.dispatch('capture-page', await chrome.tabs.get(id));
      return true;
    }, tabId);
    expect(dispatched).toBe(true);
    await eventually(
      async () => ((await readEvidenceDb(reader)).captures.length === 3 ? true : undefined),
      20_000,
      'the shortcut capture',
    );
    await page.close();
  });

  it('takes the optional full-page image by scrolling and stitching, then scrolls back', async () => {
    const url = `${server.origin}/pages/marketplace.html`;
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 800, height: 400 });
    await page.goto(url);
    const docHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(docHeight).toBeGreaterThan(400);
    const r = ok(await ext.sendAsExtension('evidence/capture', { tabId: await ext.tabIdOf(url), fullPage: true }));
    expect(r.artefacts).toContain('screenshot-full.png');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const size = await reader.evaluate(async (captureId) => {
      const db = await new Promise<IDBDatabase>((ok) => {
        const q = indexedDB.open('wildtrace-evidence');
        q.onsuccess = () => ok(q.result);
      });
      const row = await new Promise<{ body: Blob }>((ok) => {
        const q = db.transaction('artefacts').objectStore('artefacts').get([captureId, 'screenshot-full.png']);
        q.onsuccess = () => ok(q.result);
      });
      db.close();
      const v = new DataView(await row.body.slice(16, 24).arrayBuffer());
      return { width: v.getUint32(0), height: v.getUint32(4) };
    }, r.captureId);
    expect(size.width).toBeGreaterThan(0);
    expect(size.height).toBeGreaterThan(400);
    const c = (await readEvidenceDb(reader)).captures.find((row) => row.captureId === r.captureId)!.capture;
    expect(c.body.metadata.methods?.fullPage).toMatch(
      /^scroll-and-stitch, [2-9]\d* viewport shots|^scroll-and-stitch, \d{2,} viewport shots/,
    );
    await page.close();
  });
  it('boxes exactly the hits of hits.json, one colour per kind, and records the time zone', async () => {
    const url = `${server.origin}/made/ivory.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    const tabId = await ext.tabIdOf(url);
    await hitDetected(ext, tabId, 'ivory');
    const r = ok(await ext.sendAsExtension('evidence/capture', { tabId }));
    const c = (await readEvidenceDb(reader)).captures.find((row) => row.captureId === r.captureId)!.capture;
    const m = c.body.metadata;
    expect(m.timeZone).toBe(await reader.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
    expect(m.methods?.boxColours).toMatch(/one colour per kind/);
    const hits = JSON.parse(await readArtefactText(reader, r.captureId, 'hits.json')) as { text: string }[];
    expect(hits.map((h) => h.text)).toContain('ivory');
    const words = hits.map((h) => h.text.toLowerCase());
    // Where the words are on screen (CSS px = device px here): the hit, and look-alikes that are not hits.
    const boxOf = (word: string, nth: number) =>
      page.evaluate(
        ({ word, nth }) => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const found: DOMRect[] = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let at = n.nodeValue!.indexOf(word); at >= 0; at = n.nodeValue!.indexOf(word, at + 1)) {
              const range = document.createRange();
              range.setStart(n, at);
              range.setEnd(n, at + word.length);
              found.push(range.getBoundingClientRect());
            }
          }
          const b = found[nth];
          return { x: Math.floor(b.x), y: Math.floor(b.y), w: Math.ceil(b.width), h: Math.ceil(b.height) };
        },
        { word, nth },
      );
    const hitBox = await boxOf('ivory', 0);
    const lookAlikes = [await boxOf('Ivorytone', 0)];
    if (!words.includes('shipping')) lookAlikes.push(await boxOf('shipping', 0));
    // Compare the annotated copy with the original screenshot, pixel by pixel, in those places.
    const compared = await measureImages(reader, r.captureId, {
      boxes: [hitBox, ...lookAlikes],
      lines: Object.values(ANNOTATION_STYLES).map((s) => s.line),
    });
    const [onHit, ...onLookAlikes] = compared.changed;
    // The hit's words are under its colour; "Ivorytone" and "shipping" are untouched.
    expect(onHit).toBeGreaterThan(0.5);
    expect(onLookAlikes).toEqual(lookAlikes.map(() => 0));
    // Every kind of hit on the page has its own outline colour on the picture.
    const expected = new Set(hits.map((h) => ANNOTATION_STYLES[annotationKindOf(h)].line));
    expect(new Set(compared.linesFound)).toEqual(expected);
    await page.close();
  });
});
