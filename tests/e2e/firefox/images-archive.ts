/**
 * Firefox images, archive and sidebar check, run as its own Node process (it needs
 * --experimental-websocket), like smoke.ts: web-ext starts firefox-esr headless with the built
 * extension on a listing page, with `privacy.resistFingerprinting` on when WILDTRACE_FF_RFP=1 (as
 * in Tor Browser). Through WebDriver BiDi it captures the page from the extension's welcome page,
 * measures on the stored images whether the annotated copy's box covers the hit's words (pixels
 * compared with the original screenshot), reads the capture's metadata, then shows the side panel
 * at Firefox's default sidebar size (252×800), measures where Capture is and saves a screenshot
 * in .test-results/. Prints one JSON line with the outcome.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, serveFixtures } from '../../support/extension-harness';
import { runAsScript, withFirefox } from '../../support/firefox-harness';

const RFP = process.env.WILDTRACE_FF_RFP === '1';

export interface FirefoxImagesOutcome {
  devicePixelRatio: number;
  /** The page's height in CSS px (the full-page image must be this tall at the measured scale). */
  documentHeight: number;
  errors: string[];
  artefacts: string[];
  methods: Record<string, string>;
  imageGeometry: unknown;
  /** Share of the hit's pixels changed on the annotated copy, and of a look-alike word's. */
  changedOnHit: number;
  changedOnLookAlike: number;
  archive: { bytes: number; inlinedImage: boolean; scripts: number };
  sidebar: { width: number; captureTop: number; captureBottom: number; sideways: number };
}

const PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Carvings</title><style>' +
  'body{margin:0;font:16px sans-serif}article{padding:40px 30px}</style></head><body><article>' +
  '<p>Carved ivory bangle for sale, 1920s.</p><p>Our Ivorytone piano keys are not included.</p>' +
  '<img src="photo.svg" alt="photo" width="80" height="40"></article>' +
  '<div style="height:1400px"></div></body></html>';
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" fill="#c02020"/></svg>';

async function main(): Promise<FirefoxImagesOutcome> {
  const made = mkdtempSync(join(tmpdir(), 'wildtrace-ff-'));
  writeFileSync(join(made, 'listing.html'), PAGE);
  writeFileSync(join(made, 'photo.svg'), SVG);
  const server = await serveFixtures({ '/made/': made });
  const url = `${server.origin}/made/listing.html`;
  try {
    const prefs: Record<string, boolean> = RFP ? { 'privacy.resistFingerprinting': true } : {};
    return await withFirefox({ startUrls: [url], prefs }, async (ff) => {
      const bidi = ff.bidi;
      const contexts = async () =>
        (await bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {})).contexts;
      let welcome: string | undefined;
      let tabId: number | undefined;
      const end = Date.now() + 45_000;
      while (Date.now() < end && tabId === undefined) {
        await new Promise((r) => setTimeout(r, 500));
        welcome = (await contexts()).find(
          (c) => c.url.startsWith('moz-extension://') && c.url.endsWith('/welcome.html'),
        )?.context;
        if (!welcome) continue;
        const id = await bidi.evaluate(
          welcome,
          `(async () => {
            const t = (await browser.tabs.query({})).find((t) => t.url === ${JSON.stringify(url)});
            if (!t) return null;
            const d = await browser.runtime.sendMessage({
              channel: 'wildtrace/v1', type: 'detection/tab', payload: { tabId: t.id },
            });
            return d && d.ok && d.value && d.value.hits.some((h) => h.text === 'ivory') ? t.id : null;
          })()`,
        );
        if (typeof id === 'number') tabId = id;
      }
      if (!welcome || tabId === undefined) throw new Error('no live detection of the listing within 45 s');
      const listing = (await contexts()).find((c) => c.url === url)!.context;
      // Where the words are (CSS px of the viewport), and the ratio the page reports.
      const words = JSON.parse(
        (await bidi.evaluate(
          listing,
          `JSON.stringify((() => {
            const box = (word) => {
              const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n = w.nextNode(); n; n = w.nextNode()) {
                const at = n.nodeValue.indexOf(word);
                if (at < 0) continue;
                const r = document.createRange();
                r.setStart(n, at);
                r.setEnd(n, at + word.length);
                const b = r.getBoundingClientRect();
                return { x: b.x, y: b.y, w: b.width, h: b.height };
              }
            };
            const height = Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);
            return { hit: box('ivory'), lookAlike: box('Ivorytone'), dpr: devicePixelRatio, height };
          })())`,
        )) as string,
      ) as { hit: Box; lookAlike: Box; dpr: number; height: number };
      const captured = JSON.parse(
        (await bidi.evaluate(
          welcome,
          `(async () => JSON.stringify(await browser.runtime.sendMessage({ channel: 'wildtrace/v1', ` +
            `type: 'evidence/capture', payload: { tabId: ${tabId}, fullPage: true } })))()`,
        )) as string,
      ) as { ok: boolean; value?: { captureId: string; errors?: string[]; artefacts: string[] }; error?: string };
      if (!captured.ok || !captured.value) throw new Error(`capture failed: ${captured.error}`);
      const stored = JSON.parse(
        (await bidi.evaluate(
          welcome,
          storedExpression(captured.value.captureId, words.hit, words.lookAlike),
        )) as string,
      ) as Pick<FirefoxImagesOutcome, 'methods' | 'imageGeometry' | 'changedOnHit' | 'changedOnLookAlike' | 'archive'>;

      // The side panel at the sidebar's default size, in the welcome page's tab.
      await bidi.evaluate(welcome, `location.href = 'sidepanel.html?tab=${tabId}'; true`);
      await bidi.send('browsingContext.setViewport', { context: welcome, viewport: { width: 252, height: 800 } });
      let sidebar: FirefoxImagesOutcome['sidebar'] | undefined;
      for (let i = 0; i < 40 && !sidebar; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const m = (await bidi.evaluate(
          welcome,
          `JSON.stringify((() => {
            const c = document.querySelector('[data-testid=capture]');
            if (!c || c.disabled || !document.querySelector('[data-testid=page-score]')) return null;
            const r = c.getBoundingClientRect();
            const e = document.documentElement;
            const sideways = e.scrollWidth - e.clientWidth;
            return { width: innerWidth, captureTop: r.top, captureBottom: r.bottom, sideways };
          })())`,
        )) as string;
        sidebar = JSON.parse(m) ?? undefined;
      }
      if (!sidebar) throw new Error('the side panel did not show Capture');
      const shot = await bidi.send<{ data: string }>('browsingContext.captureScreenshot', { context: welcome });
      mkdirSync(join(REPO, '.test-results'), { recursive: true });
      const name = `firefox${RFP ? '-rfp' : ''}-sidebar-252x800.png`;
      writeFileSync(join(REPO, '.test-results', name), Buffer.from(shot.data, 'base64'));
      return {
        devicePixelRatio: words.dpr,
        documentHeight: words.height,
        errors: captured.value.errors ?? [],
        artefacts: captured.value.artefacts,
        ...stored,
        sidebar,
      };
    });
  } finally {
    await server.close();
    rmSync(made, { recursive: true, force: true });
  }
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Run in the welcome page: the capture's metadata, the share of changed pixels under each word's
 * box (at the scale measured from the screenshot itself), and a look at the HTML archive.
 */
function storedExpression(captureId: string, hit: Box, lookAlike: Box): string {
  return `(async () => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('wildtrace-evidence');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const get = (store, key) => new Promise((ok, fail) => {
      const r = db.transaction(store).objectStore(store).get(key);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const row = (await new Promise((ok) => {
      const r = db.transaction('captures').objectStore('captures').getAll();
      r.onsuccess = () => ok(r.result);
    })).find((c) => c.captureId === ${JSON.stringify(captureId)});
    const m = row.capture.body.metadata;
    const pixels = async (name) => {
      const bitmap = await createImageBitmap((await get('artefacts', [${JSON.stringify(captureId)}, name])).body);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      return { width: bitmap.width, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
    };
    const plain = await pixels('screenshot.png');
    const annotated = await pixels('screenshot-annotated.png');
    const s = plain.width / m.viewport.width;
    const changed = (b) => {
      let n = 0, all = 0;
      for (let y = Math.ceil(b.y * s); y < Math.floor((b.y + b.h) * s); y++)
        for (let x = Math.ceil(b.x * s); x < Math.floor((b.x + b.w) * s); x++) {
          const i = (y * plain.width + x) * 4;
          all++;
          if ([0, 1, 2].some((k) => plain.data[i + k] !== annotated.data[i + k])) n++;
        }
      return all ? n / all : -1;
    };
    const archive = await (await get('artefacts', [${JSON.stringify(captureId)}, 'page-archive.html'])).body.text();
    const doc = new DOMParser().parseFromString(archive, 'text/html');
    db.close();
    return JSON.stringify({
      methods: m.methods,
      imageGeometry: m.imageGeometry,
      changedOnHit: changed(${JSON.stringify(hit)}),
      changedOnLookAlike: changed(${JSON.stringify(lookAlike)}),
      archive: {
        bytes: archive.length,
        inlinedImage: (doc.querySelector('img')?.getAttribute('src') ?? '').startsWith('data:image/png;base64,'),
        scripts: doc.querySelectorAll('script').length,
      },
    });
  })()`;
}

runAsScript(main);
