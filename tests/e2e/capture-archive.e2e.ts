/**
 * The self-contained HTML page archive in Chromium: stored beside MHTML, hashed into the record,
 * with same-origin styles and images inlined, a cross-origin image left as a counted link, and no
 * request of its own (each resource is served exactly once, to the page). The capture result says
 * which archives the capture holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { launchWithExtension, closeGuarded, eventually, type ExtensionSession } from '../support/extension-harness';
import { hitDetected, readArtefactText, readEvidenceDb } from './evidence-helpers';
import { sha256Hex } from '../../src/engine/bytes/sha256';
import { utf8 } from '../../src/engine/bytes/bytes';

const SVG = (fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="${fill}"/></svg>`;

/** A server that counts the requests for each path. */
async function countingServer(files: Record<string, [string, string]>) {
  const hits: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits[path] = (hits[path] ?? 0) + 1;
    const file = files[path];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'max-age=600' }).end(file[1]);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    hits,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

let site: Awaited<ReturnType<typeof countingServer>>;
let cdn: Awaited<ReturnType<typeof countingServer>>;
let ext: ExtensionSession;

beforeAll(async () => {
  // The CDN is another origin (localhost vs 127.0.0.1) without CORS: its pixels stay out of reach.
  cdn = await countingServer({ '/b.svg': ['image/svg+xml', SVG('#2040c0')] });
  const cdnOrigin = cdn.origin.replace('127.0.0.1', 'localhost');
  site = await countingServer({
    '/listing.html': [
      'text/html; charset=utf-8',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Carvings</title>' +
        '<link rel="stylesheet" href="/site.css"><script src="/app.js"></script></head><body>' +
        '<h1>Carved ivory bangle for sale</h1><img id="a" src="/a.svg" alt="photo">' +
        `<img id="b" src="${cdnOrigin}/b.svg" alt="cdn photo"></body></html>`,
    ],
    '/site.css': ['text/css', 'h1 { color: rgb(170, 20, 20); } body { background: url(bg.png) }'],
    '/app.js': ['text/javascript', 'window.appLoaded = true;'],
    '/a.svg': ['image/svg+xml', SVG('#c02020')],
  });
  ext = await launchWithExtension([site.origin, cdnOrigin]);
});

afterAll(async () => {
  await closeGuarded(ext, site);
  await cdn?.close();
});

describe('the page archive in Chromium', () => {
  it('stores a self-contained HTML archive beside MHTML, without a request of its own', async () => {
    const page = await ext.context.newPage();
    const url = `${site.origin}/listing.html`;
    await page.goto(url);
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
    const tabId = await ext.tabIdOf(url);
    await hitDetected(ext, tabId, 'ivory');
    const before = { ...site.hits, ...Object.fromEntries(Object.entries(cdn.hits).map(([k, v]) => [`cdn${k}`, v])) };
    const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('capture').isEnabled()).toBe(true);
    await popup.getByTestId('capture').click();
    const said = await eventually(
      async () => (await popup.getByTestId('capture-archives').textContent()) ?? undefined,
      20_000,
      'the capture result',
    );
    expect(said).toBe('Page archives: HTML (styles and images inlined) and MHTML');
    const after = { ...site.hits, ...Object.fromEntries(Object.entries(cdn.hits).map(([k, v]) => [`cdn${k}`, v])) };
    // Nothing was fetched again for the archive: the site and the CDN saw the page's own requests only.
    expect(after).toEqual(before);
    expect(before['/a.svg']).toBe(1);
    expect(before['cdn/b.svg']).toBe(1);

    const reader = await ext.openExtensionPage('welcome.html');
    const db = await readEvidenceDb(reader);
    const c = db.captures.at(-1)!.capture;
    const digest = c.body.artefacts.find((a) => a.name === 'page-archive.html')!;
    expect(digest.mediaType).toBe('text/html');
    expect(c.body.artefacts.map((a) => a.name)).toContain('page.mhtml');
    const html = await readArtefactText(reader, c.body.captureId, 'page-archive.html');
    // Hashed like every artefact: the record's SHA-256 is the stored bytes'.
    expect(await sha256Hex(utf8(html))).toBe(digest.sha256);
    expect(c.body.metadata.methods?.archive).toMatch(
      /^page-archive\.html \(1 of 2 images and 1 of 1 stylesheets inlined; .*\); page\.mhtml \(pageCapture/,
    );
    const doc = await reader.evaluate((h) => {
      const d = new DOMParser().parseFromString(h, 'text/html');
      return {
        scripts: d.querySelectorAll('script').length,
        csp: d.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
        a: d.getElementById('a')?.getAttribute('src')?.slice(0, 22),
        b: d.getElementById('b')?.getAttribute('src'),
        css: Array.from(d.querySelectorAll('style'), (s) => s.textContent).join('\n'),
      };
    }, html);
    expect(doc.scripts).toBe(0);
    expect(doc.csp).toMatch(/^default-src 'none'/);
    expect(doc.a).toBe('data:image/png;base64,');
    expect(doc.b).toBe(`${cdn.origin.replace('127.0.0.1', 'localhost')}/b.svg`);
    expect(doc.css).toContain('color: rgb(170, 20, 20)');
    expect(doc.css).toContain(`url("${site.origin}/bg.png")`);

    // Opened later, the archive shows the inlined image and style, and contacts nobody.
    const requestsBefore = site.hits['/bg.png'] ?? 0;
    const view = await ext.context.newPage();
    await view.setContent(html);
    const shown = await view.evaluate(() => ({
      colour: getComputedStyle(document.querySelector('h1')!).color,
      width: (document.getElementById('a') as HTMLImageElement).naturalWidth,
    }));
    expect(shown).toEqual({ colour: 'rgb(170, 20, 20)', width: 40 });
    expect(site.hits['/bg.png'] ?? 0).toBe(requestsBefore);
    expect(cdn.hits['/b.svg']).toBe(1);
    await Promise.all([view.close(), reader.close(), popup.close(), page.close()]);
  });
});
