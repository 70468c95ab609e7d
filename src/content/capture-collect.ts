/**
 * The content-script side of a capture: serialises the top frame's DOM, collects its visible
 * text, measures the viewport and finds the boxes of the hits (at their offsets in the page
 * text). It only READS the page (no marks, no style changes); for the optional full-page image it
 * scrolls the page, which the page can observe (documented in the README).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { collectVisibleText } from './visible-text';
import { buildPageArchive, canvasImageReader } from './page-archive';
import { type BlockRoot, collectBlock, collectBlockSteps, rangeFor, type Segment } from '../browser/page-text/collect';
import { type HitTarget, locateInBlock, MAX_HIT_TARGETS } from '../engine/evidence/hit-locate';
import {
  type CollectedPage,
  type CollectRequest,
  type HitRect,
  type NavigationReply,
  isCollectRequest,
  type PageArchive,
  type ScrollReply,
} from '../messaging/capture-protocol';

const MAX_RECTS = 300;

/** Collects the page for a capture (top frame). */
export function collectPage(hits: readonly HitTarget[], doc: Document = document, win: Window = window): CollectedPage {
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
  const hitRects = findHitRects(doc, hits.slice(0, MAX_HIT_TARGETS), win.innerWidth, win.innerHeight);
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

/** A block of the page as live detection reads it: its root and text. */
interface ReadBlock {
  root: BlockRoot;
  text: string;
}

/**
 * Every block of the top frame with its text, read the way live detection reads them (the body,
 * then the blocks nested in it, open shadow roots included), without the segment maps: those are
 * built only for the blocks that hold a hit.
 */
function readBlocks(doc: Document): ReadBlock[] {
  const start = doc.body ?? doc.documentElement;
  if (!start) return [];
  const out: ReadBlock[] = [];
  const queue: BlockRoot[] = [start];
  for (let i = 0; i < queue.length; i++) {
    const steps = collectBlockSteps(queue[i], 1 << 30, false);
    let next = steps.next();
    while (!next.done) next = steps.next();
    out.push({ root: queue[i], text: next.value.text });
    queue.push(...next.value.nested);
  }
  return out;
}

/**
 * Boxes (viewport CSS px) around the hits that are on screen: each hit is found in the block text
 * at its own offsets with its own context (see locateInBlock), never by searching for its words,
 * so a box marks exactly a hit of hits.json. Hits in the title, in frames or off screen get none.
 */
export function findHitRects(doc: Document, targets: readonly HitTarget[], width: number, height: number): HitRect[] {
  if (!targets.length || !doc.body) return [];
  const out: HitRect[] = [];
  const boxed = new Set<string>();
  const blocks = readBlocks(doc);
  const segmentsOf = new Map<number, Segment[]>();
  for (const t of targets) {
    for (const [b, block] of blocks.entries()) {
      if (out.length >= MAX_RECTS) return out;
      if (!block.text.includes(t.text)) continue;
      const at = locateInBlock(block.text, t);
      // Two hits at one place (the same block read twice, say) get one box.
      if (!at || boxed.has(`${b}:${at.start}:${at.end}`)) continue;
      boxed.add(`${b}:${at.start}:${at.end}`);
      let segments = segmentsOf.get(b);
      if (!segments) segmentsOf.set(b, (segments = collectBlock(block.root).segments));
      const range = rangeFor(doc, segments, at.start, at.end);
      // A hit read from an attribute (alt text, a tooltip) selects its element: not a box around words.
      if (!range || range.startContainer.nodeType !== 3) continue;
      for (const r of range.getClientRects()) {
        if (r.width <= 0 || r.height <= 0 || r.bottom < 0 || r.right < 0 || r.top > height || r.left > width) continue;
        out.push({ x: r.left, y: r.top, width: r.width, height: r.height, label: t.text, hit: t.index });
      }
    }
  }
  return out;
}

/** A target as sent by our background (checked all the same: the page shares the content script's DOM). */
function isHitTarget(t: unknown): t is HitTarget {
  const o = t as Partial<HitTarget> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.text === 'string' &&
    Number.isSafeInteger(o.index) &&
    Number.isSafeInteger(o.start) &&
    Number.isSafeInteger(o.end) &&
    (o.before === undefined || typeof o.before === 'string') &&
    (o.after === undefined || typeof o.after === 'string')
  );
}

/**
 * The HTTP status of this document's load (PerformanceNavigationTiming.responseStatus): read
 * from the page's own timing, with no extra permission and nothing the page can notice.
 */
function navigationStatus(): NavigationReply {
  const nav = performance.getEntriesByType('navigation')[0] as { responseStatus?: unknown } | undefined;
  const status = nav?.responseStatus;
  return { url: location.href, status: typeof status === 'number' && status > 0 ? status : null };
}

const painted = () => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok())));

async function answer(m: CollectRequest): Promise<CollectedPage | ScrollReply | NavigationReply | PageArchive> {
  switch (m.kind) {
    case 'collect':
      return collectPage(Array.isArray(m.hits) ? m.hits.filter(isHitTarget) : []);
    case 'scroll':
      window.scrollTo({ left: window.scrollX, top: m.y, behavior: 'instant' });
      await painted();
      return { y: window.scrollY };
    case 'restore':
      window.scrollTo({ left: m.x, top: m.y, behavior: 'instant' });
      return { y: window.scrollY };
    case 'navigation':
      return navigationStatus();
    case 'archive':
      return buildPageArchive(document, serialiseDocument(document).html, canvasImageReader, {
        url: location.href,
        at: String(m.savedAt),
      });
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
