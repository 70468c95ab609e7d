/**
 * Images when the page reports a devicePixelRatio of 2: on a real 2× screen (shots at 2×), and
 * under Playwright's `deviceScaleFactor` emulation, where the page says 2 while the browser's
 * screenshots are 1× (what Firefox does with privacy.resistFingerprinting). In both, the annotated
 * copy's boxes fall on the hits' text (compared pixel by pixel with the original), the full-page
 * image covers the page with no blank band, and the signed metadata records the measured sizes
 * and scale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  closeGuarded,
  launchWithExtension,
  ok,
  serveFixtures,
  type ExtensionSession,
} from '../support/extension-harness';
import { type Box, hitDetected, measureImages, readArtefactText, readEvidenceDb } from './evidence-helpers';

const REPORTED = 2;
// Colour bands down the page, 1,691 CSS px in all (the page height): the stitched image
// must show each band's colour at its own height, so a gap or an overlap shows as a wrong colour.
const BANDS = ['#d04040', '#40a040', '#4060d0', '#c0a020', '#a040c0', '#20b0b0', '#804020'];
const BAND_PX = 241;

let server: Awaited<ReturnType<typeof serveFixtures>>;
let made: string;

beforeAll(async () => {
  made = mkdtempSync(join(tmpdir(), 'wildtrace-scale-'));
  const bands = BANDS.map((c, i) => `<div class="band" id="b${i}" data-colour="${c}"></div>`).join('');
  const style = BANDS.map((c, i) => `#b${i}{background:${c}}`).join('');
  writeFileSync(
    join(made, 'scaled.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Carvings</title><style>' +
      `body{margin:0;font:16px sans-serif}.band{height:${BAND_PX}px}${style}` +
      'article{position:absolute;top:40px;left:30px;background:#fff;padding:8px}</style></head><body>' +
      '<article><p>Carved ivory bangle for sale, 1920s.</p>' +
      '<p>Our Ivorytone piano keys are not included.</p></article>' +
      `${bands}</body></html>`,
  );
  server = await serveFixtures({ '/made/': made });
});

afterAll(async () => {
  await server?.close();
  if (made) rmSync(made, { recursive: true, force: true });
});

describe.each([
  {
    name: 'a 2× screen (shots at 2×)',
    options: { extraArgs: [`--force-device-scale-factor=${REPORTED}`, '--window-size=1000,760'] },
    SCALE: 2,
  },
  { name: 'deviceScaleFactor 2 emulated (shots at 1×)', options: { deviceScaleFactor: REPORTED }, SCALE: 1 },
])('capture when the page reports a pixel ratio of 2, on $name', ({ options, SCALE }) => {
  let ext: ExtensionSession;
  let reader: Page;
  beforeAll(async () => {
    ext = await launchWithExtension([server.origin], undefined, options);
    reader = await ext.openExtensionPage('welcome.html');
  });
  afterAll(async () => {
    if (ext) await closeGuarded(ext);
  });

  it('draws the boxes on the hits, stitches the full page edge to edge, and records the measured scale', async () => {
    const caseId = ok(await ext.sendAsExtension('evidence/case-create', { title: 'Op. Pixels' })).caseId;
    const page = await ext.context.newPage();
    const url = `${server.origin}/made/scaled.html`;
    await page.goto(url);
    expect(await page.evaluate(() => devicePixelRatio)).toBe(REPORTED);
    const tabId = await ext.tabIdOf(url);
    await hitDetected(ext, tabId, 'ivory');
    const r = ok(await ext.sendAsExtension('evidence/capture', { tabId, caseId, fullPage: true }));
    expect(r.errors ?? []).toEqual([]);
    const c = (await readEvidenceDb(reader)).captures.find((row) => row.captureId === r.captureId)!.capture;
    const m = c.body.metadata;
    const viewport = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    const docHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(docHeight).toBe(BANDS.length * BAND_PX);
    expect(m.imageGeometry).toEqual({
      screenshot: { width: viewport.width * SCALE, height: viewport.height * SCALE },
      scale: { x: SCALE, y: SCALE },
      reportedDevicePixelRatio: REPORTED,
      fullPage: { width: viewport.width * SCALE, height: docHeight * SCALE },
    });
    const hits = JSON.parse(await readArtefactText(reader, r.captureId, 'hits.json')) as { text: string }[];
    expect(m.methods?.annotated).toMatch(
      new RegExp(`with [1-9]\\d* boxes around \\d+ of ${hits.length} hits, at ${SCALE}×`),
    );

    // Where the words are (CSS px): the hit, and a look-alike that is not one.
    const boxOf = (word: string) =>
      page.evaluate((word) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.nodeValue!.indexOf(word);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + word.length);
          const b = range.getBoundingClientRect();
          return { x: b.x, y: b.y, w: b.width, h: b.height };
        }
        throw new Error(`no "${word}" on the page`);
      }, word);
    const [hit, lookAlike] = [await boxOf('ivory'), await boxOf('Ivorytone')];
    // The words' boxes in image pixels, shrunk to whole pixels inside them.
    const inImage = (b: Box): Box => {
      const x = Math.ceil(b.x * SCALE);
      const y = Math.ceil(b.y * SCALE);
      return { x, y, w: Math.floor((b.x + b.w) * SCALE) - x, h: Math.floor((b.y + b.h) * SCALE) - y };
    };
    const fullWidth = m.imageGeometry!.fullPage!.width;
    // Each band's middle row, and the rows where one shot meets the next (one either side).
    const bandRows = BANDS.map((_, i) => Math.round((i + 0.5) * BAND_PX * SCALE));
    const seamRows = [1, 2]
      .map((k) => k * viewport.height * SCALE)
      .filter((y) => y < docHeight * SCALE)
      .flatMap((y) => [y - 1, y, y + 1]);
    const measured = await measureImages(reader, r.captureId, {
      boxes: [inImage(hit), inImage(lookAlike)],
      points: [...bandRows, ...seamRows].map((y) => ({ x: fullWidth - 40 * SCALE, y })),
    });
    // The hit's words are under its box's colour; the look-alike is untouched.
    expect(measured.changed[0]).toBeGreaterThan(0.9);
    expect(measured.changed[1]).toBe(0);
    // The full page: each band's colour at its own height, and no blank row where shots meet.
    expect(measured.pointColours.slice(0, BANDS.length)).toEqual(BANDS);
    for (const c of measured.pointColours.slice(BANDS.length)) expect(BANDS).toContain(c);
    await page.close();
  });
});
