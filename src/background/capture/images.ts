/**
 * Images of a capture, in the background: the visible viewport (tabs.captureVisibleTab), an
 * optional full-page image stitched from viewport shots, and the annotated copy with boxes
 * around the hits, one colour per kind (OffscreenCanvas; the original PNG is never touched).
 */
import browser from 'webextension-polyfill';
import { fromBase64 } from '../../engine/bytes/bytes';
import type { HitRect } from '../../messaging/capture-protocol';
import { ANNOTATION_STYLES, type AnnotationKind, annotationKindOf } from '../../engine/export/annotation-style';
import {
  measuredScale,
  placeBoxes,
  stitchLayout,
  type ImageScale,
  type PixelSize,
} from '../../engine/evidence/image-geometry';

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
  /** The index of its hit in hits.json. */
  hit: number;
}

/**
 * The boxes of the hit rectangles, each with the kind of its hit in hits.json (as trainer mode
 * paints it), so every kind gets its own colour. A rectangle without a hit index is not drawn.
 */
export function boxesOf(rects: readonly HitRect[], hits: readonly unknown[]): KindBox[] {
  const out: KindBox[] = [];
  for (const r of rects) {
    if (r.hit === undefined || r.hit < 0 || r.hit >= hits.length) continue;
    out.push({ x: r.x, y: r.y, width: r.width, height: r.height, kind: annotationKindOf(hits[r.hit]), hit: r.hit });
  }
  return out;
}

/** The annotated copy and what was measured to draw it. */
export interface AnnotatedScreenshot {
  png: Blob;
  /** The screenshot's size in pixels. */
  image: PixelSize;
  /** Image pixels per CSS pixel, measured from the screenshot against the viewport. */
  scale: ImageScale;
  /** The boxes drawn on the image. */
  drawn: KindBox[];
  /** The boxes that fall outside the image and could not be drawn. */
  outside: KindBox[];
}

/**
 * A copy of the screenshot with a box around each hit (CSS px, scaled by the screenshot's
 * measured size against the viewport): the trainer colour of its kind laid over the words like
 * a highlighter (multiplied, so the text stays legible), and a darker outline of the same hue
 * just outside, visible on any background. A hit inside another hit's box is underlined in its
 * colour instead.
 */
export async function annotateScreenshot(
  png: Blob,
  boxes: readonly KindBox[],
  viewport: PixelSize,
): Promise<AnnotatedScreenshot> {
  const bitmap = await createImageBitmap(png);
  const image = { width: bitmap.width, height: bitmap.height };
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas in this browser');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const scale = measuredScale(image, viewport);
  const line = Math.max(2, Math.round(2 * Math.min(scale.x, scale.y)));
  // Whole image pixels, rounded outwards: crisp lines in exactly the kind's colour.
  const { placed, outside } = placeBoxes(boxes, image, scale);
  const px = placed.map(({ box, rect }) => ({ ...rect, kind: box.kind }));
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
  return {
    png: await canvas.convertToBlob({ type: 'image/png' }),
    image,
    scale,
    drawn: placed.map((p) => p.box),
    outside,
  };
}

/** Upper bound of a stitched image (browsers refuse larger canvases). */
export const MAX_FULL_PAGE_PX = 16_384;

/** How to scroll the page and where it was, for the full-page image. */
export interface Scroller {
  scrollTo(y: number): Promise<number>;
  restore(): Promise<void>;
}

/**
 * Full-page image by scrolling and stitching viewport shots (method "scroll-and-stitch"). The
 * vertical scale is measured on the first shot (its height against the viewport's), so the shots
 * meet edge to edge whatever devicePixelRatio the page reports. Bounded to MAX_FULL_PAGE_PX
 * image pixels high; restores the scroll position afterwards.
 */
export async function captureFullPage(
  windowId: number,
  scroller: Scroller,
  page: { documentHeight: number; viewport: PixelSize },
): Promise<{ png: Blob; tiles: number; truncated: boolean; size: PixelSize; scaleY: number }> {
  const tiles: { y: number; bitmap: ImageBitmap }[] = [];
  let totalCss = page.documentHeight;
  let scaleY = 1;
  let truncated = false;
  try {
    for (let want = 0; want < totalCss; want += page.viewport.height) {
      const y = await scroller.scrollTo(want);
      if (tiles.length && y <= tiles[tiles.length - 1].y) break; // the page would not scroll further
      tiles.push({ y, bitmap: await createImageBitmap(await captureViewport(windowId)) });
      if (tiles.length === 1) {
        scaleY = measuredScale(tiles[0].bitmap, page.viewport).y;
        const maxCss = Math.floor(MAX_FULL_PAGE_PX / scaleY);
        truncated = page.documentHeight > maxCss;
        totalCss = Math.min(page.documentHeight, maxCss);
      }
    }
  } catch (e) {
    for (const t of tiles) t.bitmap.close();
    throw e;
  } finally {
    await scroller.restore();
  }
  const layout = stitchLayout(
    tiles.map((t) => ({ scrollY: t.y, pixelHeight: t.bitmap.height })),
    scaleY,
    totalCss,
  );
  if (layout.gaps) throw new Error(`the page scrolled past ${layout.gaps} part(s) of itself: no image without gaps`);
  const size = { width: tiles[0].bitmap.width, height: layout.height };
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d')!;
  tiles.forEach((t, i) => {
    ctx.drawImage(t.bitmap, 0, layout.tops[i]);
    t.bitmap.close();
  });
  return { png: await canvas.convertToBlob({ type: 'image/png' }), tiles: tiles.length, truncated, size, scaleY };
}
