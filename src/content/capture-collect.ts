/**
 * The content-script side of a capture: serialises the top frame's DOM, collects its visible
 * text, measures the viewport and finds the boxes of hit texts. It only READS the page (no
 * marks, no style changes); for the optional full-page image it scrolls the page, which the
 * page can observe (documented in the README).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { collectVisibleText } from './visible-text';
import {
  type CollectedPage,
  type CollectRequest,
  type HitRect,
  isCollectRequest,
  type ScrollReply,
} from '../messaging/capture-protocol';

const MAX_RECTS = 300;
const MAX_HIT_TEXTS = 100;

/** Collects the page for a capture (top frame). */
export function collectPage(
  hitTexts: readonly string[],
  doc: Document = document,
  win: Window = window,
): CollectedPage {
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const timings: Record<string, number> = {};
  const { html, method } = serialiseDocument(doc);
  lap('html');
  const text = doc.body ? collectVisibleText(doc.body) : '';
  lap('text');
  const hitRects = findHitRects(doc, hitTexts.slice(0, MAX_HIT_TEXTS), win.innerWidth, win.innerHeight);
  lap('rects');
  return {
    url: doc.location?.href ?? '',
    title: doc.title,
    html,
    htmlMethod: method,
    text,
    viewport: { width: win.innerWidth, height: win.innerHeight, devicePixelRatio: win.devicePixelRatio || 1 },
    scroll: { x: win.scrollX, y: win.scrollY },
    documentHeight: Math.max(doc.documentElement?.scrollHeight ?? 0, doc.body?.scrollHeight ?? 0),
    hitRects,
    timings,
  };
}

/** The DOM as HTML, with a doctype; open shadow roots included where getHTML supports it. */
export function serialiseDocument(doc: Document): { html: string; method: string } {
  const root = doc.documentElement;
  if (!root) return { html: '', method: 'empty document' };
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>\n` : '';
  const withShadow = root as Element & {
    getHTML?: (o: { serializableShadowRoots?: boolean; shadowRoots?: ShadowRoot[] }) => string;
  };
  const shadowRoots: ShadowRoot[] = [];
  for (const el of doc.querySelectorAll('*')) if (el.shadowRoot) collectShadowRoots(el.shadowRoot, shadowRoots);
  // getHTML is only needed (and slower) when there are shadow roots to include.
  if (shadowRoots.length > 0 && typeof withShadow.getHTML === 'function') {
    const inner = withShadow.getHTML({ serializableShadowRoots: true, shadowRoots });
    const open = root.outerHTML.slice(0, root.outerHTML.indexOf('>') + 1);
    return { html: `${doctype}${open}${inner}</html>`, method: 'Element.getHTML with open shadow roots' };
  }
  return { html: `${doctype}${root.outerHTML}`, method: 'outerHTML' };
}

function collectShadowRoots(sr: ShadowRoot, out: ShadowRoot[]) {
  out.push(sr);
  for (const el of sr.querySelectorAll('*')) if (el.shadowRoot) collectShadowRoots(el.shadowRoot, out);
}

/** Boxes (viewport CSS px) around occurrences of the hit texts that are on screen. */
export function findHitRects(doc: Document, hitTexts: readonly string[], width: number, height: number): HitRect[] {
  const wanted = [...new Set(hitTexts.map((h) => h.trim()).filter((h) => h.length >= 2))];
  if (!wanted.length || !doc.body) return [];
  const lowered = wanted.map((w) => w.toLocaleLowerCase());
  const out: HitRect[] = [];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && out.length < MAX_RECTS; n = walker.nextNode()) {
    const text = n.nodeValue?.toLocaleLowerCase() ?? '';
    if (!text.trim() || !lowered.some((w) => text.includes(w))) continue;
    // One layout read per matching node: skip nodes wholly outside the viewport.
    const box = (n.parentElement ?? doc.body).getBoundingClientRect();
    if (box.bottom < 0 || box.top > height || box.right < 0 || box.left > width) continue;
    for (let i = 0; i < lowered.length; i++) {
      for (
        let at = text.indexOf(lowered[i]);
        at >= 0 && out.length < MAX_RECTS;
        at = text.indexOf(lowered[i], at + lowered[i].length)
      ) {
        const range = doc.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + lowered[i].length);
        for (const r of range.getClientRects()) {
          if (r.width <= 0 || r.height <= 0 || r.bottom < 0 || r.right < 0 || r.top > height || r.left > width)
            continue;
          out.push({ x: r.left, y: r.top, width: r.width, height: r.height, label: wanted[i] });
        }
      }
    }
  }
  return out;
}

const painted = () => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok())));

async function answer(m: CollectRequest): Promise<CollectedPage | ScrollReply> {
  switch (m.kind) {
    case 'collect':
      return collectPage(Array.isArray(m.hitTexts) ? m.hitTexts.filter((h) => typeof h === 'string') : []);
    case 'scroll':
      window.scrollTo({ left: window.scrollX, top: m.y, behavior: 'instant' });
      await painted();
      return { y: window.scrollY };
    case 'restore':
      window.scrollTo({ left: m.x, top: m.y, behavior: 'instant' });
      return { y: window.scrollY };
  }
}

/**
 * Answers capture requests from OUR background only (same extension id, not sent from a tab),
 * in the top frame only. Call once from the content script's main().
 */
export function installCaptureCollector(): void {
  if (window !== window.top) return;
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isCollectRequest(message) || sender.id !== browser.runtime.id || sender.tab) return undefined;
    return answer(message);
  });
}
