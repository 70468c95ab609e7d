/**
 * Images of a capture, in the background: the visible viewport (tabs.captureVisibleTab), an
 * optional full-page image stitched from viewport shots, and the annotated copy with boxes
 * around the hits, one colour per kind (OffscreenCanvas; the original PNG is never touched).
 */
import browser from 'webextension-polyfill';
import { fromBase64 } from '../../engine/bytes/bytes';
import type { HitRect } from '../../messaging/capture-protocol';
import { ANNOTATION_STYLES, type AnnotationKind, annotationKindOf } from '../../engine/export/annotation-style';

/** PNG bytes of a data: URL (fetch of data: URLs is blocked by our connect-src CSP). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!m || !m[2]) throw new Error('the browser returned a screenshot in an unexpected form');
  return new Blob([fromBase64(m[3]) as Uint8Array<ArrayBuffer>], { type: m[1] });
}

// Chrome allows two captureVisibleTab calls per second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND)
// across the extension: calls are spaced, so back-to-back captures and full-page tiles wait
// instead of failing.
const CAPTURE_SPACING_MS = 520;
let nextCaptureAt = 0;

/** The visible part of the window's active tab, as PNG. */
export async function captureViewport(windowId: number): Promise<Blob> {
  for (let attempt = 0; ; attempt++) {
    const wait = nextCaptureAt - Date.now();
    nextCaptureAt = Math.max(Date.now(), nextCaptureAt) + CAPTURE_SPACING_MS;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    try {
      return dataUrlToBlob(await browser.tabs.captureVisibleTab(windowId, { format: 'png' }));
    } catch (e) {
      // Another context of ours may have used the quota (e.g. a worker restarted meanwhile).
      if (attempt >= 2 || !/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test((e as Error).message)) throw e;
    }
  }
}

/** A box to draw: where (CSS px of the viewport) and the kind of the hit it surrounds. */
export interface KindBox {
  x: number;
  y: number;
  width: number;
  height: number;
  kind: AnnotationKind;
}

/**
 * The boxes of the hit rectangles, each with the kind of its hit in hits.json (as trainer mode
 * paints it), so every kind gets its own colour. A rectangle without a hit index is not drawn.
 */
export function boxesOf(rects: readonly HitRect[], hits: readonly unknown[]): KindBox[] {
  const out: KindBox[] = [];
  for (const r of rects) {
    if (r.hit === undefined || r.hit < 0 || r.hit >= hits.length) continue;
    out.push({ x: r.x, y: r.y, width: r.width, height: r.height, kind: annotationKindOf(hits[r.hit]) });
  }
  return out;
}

/**
 * A copy of the screenshot with a box around each hit (CSS px, scaled by the DPR): the trainer
 * colour of its kind laid over the words like a highlighter (multiplied, so the text stays
 * legible), and a darker outline of the same hue just outside, visible on any background. A hit
 * inside another hit's box is underlined in its colour instead.
 */
export async function annotateScreenshot(
  png: Blob,
  boxes: readonly KindBox[],
  devicePixelRatio: number,
): Promise<Blob> {
  const bitmap = await createImageBitmap(png);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas in this browser');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const s = devicePixelRatio || 1;
  const line = Math.max(2, Math.round(2 * s));
  // Whole device pixels, rounded outwards: crisp lines in exactly the kind's colour.
  const px = boxes.map((b) => {
    const x = Math.floor(b.x * s);
    const y = Math.floor(b.y * s);
    return { x, y, w: Math.ceil((b.x + b.width) * s) - x, h: Math.ceil((b.y + b.height) * s) - y, kind: b.kind };
  });
  // A hit inside another one ("ivory" inside "#ivoryforsale") is underlined in its colour instead:
  // a box in a box would hide the outer outline and darken the words under two fills.
  const inside = (b: (typeof px)[number], a: (typeof px)[number]) =>
    a !== b &&
    a.w * a.h > b.w * b.h &&
    b.x >= a.x &&
    b.x + b.w <= a.x + a.w &&
    b.y >= a.y - line &&
    b.y + b.h <= a.y + a.h + line;
  const nested = new Set(px.filter((b) => px.some((a) => inside(b, a))));
  ctx.globalCompositeOperation = 'multiply';
  for (const b of px) {
    if (nested.has(b)) continue;
    ctx.fillStyle = ANNOTATION_STYLES[b.kind].fill;
    ctx.fillRect(b.x, b.y, b.w, b.h);
  }
  ctx.globalCompositeOperation = 'source-over';
  ctx.lineWidth = line;
  for (const b of px) {
    ctx.strokeStyle = ANNOTATION_STYLES[b.kind].line;
    ctx.fillStyle = ANNOTATION_STYLES[b.kind].line;
    if (nested.has(b)) ctx.fillRect(b.x, b.y + b.h - line, b.w, line);
    // The outline lies just outside the words (its inner edge on the box's edge): it never covers a letter.
    else ctx.strokeRect(b.x - line / 2, b.y - line / 2, b.w + line, b.h + line);
  }
  return canvas.convertToBlob({ type: 'image/png' });
}

/** Upper bound of a stitched image (browsers refuse larger canvases). */
export const MAX_FULL_PAGE_PX = 16_384;

/** How to scroll the page and where it was, for the full-page image. */
export interface Scroller {
  scrollTo(y: number): Promise<number>;
  restore(): Promise<void>;
}

/**
 * Full-page image by scrolling and stitching viewport shots (method "scroll-and-stitch").
 * Bounded to MAX_FULL_PAGE_PX device pixels high; restores the scroll position afterwards.
 */
export async function captureFullPage(
  windowId: number,
  scroller: Scroller,
  page: { documentHeight: number; viewportHeight: number; devicePixelRatio: number },
): Promise<{ png: Blob; tiles: number; truncated: boolean }> {
  const dpr = page.devicePixelRatio || 1;
  const maxCss = Math.floor(MAX_FULL_PAGE_PX / dpr);
  const totalCss = Math.min(page.documentHeight, maxCss);
  const tiles: { y: number; bitmap: ImageBitmap }[] = [];
  try {
    for (let want = 0; want < totalCss; want += page.viewportHeight) {
      const y = await scroller.scrollTo(want);
      if (tiles.length && y <= tiles[tiles.length - 1].y) break; // the page would not scroll further
      tiles.push({ y, bitmap: await createImageBitmap(await captureViewport(windowId)) });
    }
  } finally {
    await scroller.restore();
  }
  if (!tiles.length) throw new Error('no full-page tile could be taken');
  const width = tiles[0].bitmap.width;
  const height = Math.min(
    Math.round(totalCss * dpr),
    Math.round(tiles[tiles.length - 1].y * dpr + tiles[tiles.length - 1].bitmap.height),
  );
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  for (const t of tiles) {
    ctx.drawImage(t.bitmap, 0, Math.round(t.y * dpr));
    t.bitmap.close();
  }
  return {
    png: await canvas.convertToBlob({ type: 'image/png' }),
    tiles: tiles.length,
    truncated: page.documentHeight > maxCss,
  };
}
