/**
 * Images of a capture, in the background: the visible viewport (tabs.captureVisibleTab), an
 * optional full-page image stitched from viewport shots, and the annotated copy with boxes
 * around the hits (OffscreenCanvas; the original PNG is never touched).
 */
import browser from 'webextension-polyfill';
import { fromBase64 } from '../../engine/bytes/bytes';
import type { HitRect } from '../../messaging/capture-protocol';

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

/** A copy of the screenshot with a box around each hit (rects in CSS px, scaled by the DPR). */
export async function annotateScreenshot(
  png: Blob,
  rects: readonly HitRect[],
  devicePixelRatio: number,
): Promise<Blob> {
  const bitmap = await createImageBitmap(png);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas in this browser');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const s = devicePixelRatio || 1;
  ctx.lineWidth = Math.max(2, Math.round(2 * s));
  for (const r of rects) {
    ctx.strokeStyle = '#ff00ff';
    ctx.strokeRect(
      r.x * s - ctx.lineWidth,
      r.y * s - ctx.lineWidth,
      r.width * s + 2 * ctx.lineWidth,
      r.height * s + 2 * ctx.lineWidth,
    );
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
