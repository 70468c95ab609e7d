/**
 * Where CSS boxes fall on a screenshot, and how viewport shots stack into a full-page image.
 *
 * The scale is measured (image pixels per CSS pixel, per axis) from the screenshot's real size
 * against the viewport, never taken from `devicePixelRatio`: with fingerprint resistance on
 * (Tor Browser, `privacy.resistFingerprinting`) Firefox reports a ratio of 2 while its
 * screenshots are taken at 1×, and a zoomed page reports the zoom in the ratio while the shot
 * may not follow it.
 */

/** A size in pixels of an image. */
export interface PixelSize {
  width: number;
  height: number;
}

/** Image pixels per CSS pixel on each axis. */
export interface ImageScale {
  x: number;
  y: number;
}

/** A rectangle in CSS pixels of the viewport. */
export interface CssBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A rectangle in whole image pixels. */
export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a capture records about its images: what was measured, and the scale used. */
export interface ImageGeometry {
  /** The viewport screenshot's size in pixels, as decoded. */
  screenshot: PixelSize;
  /** Image pixels per CSS pixel, measured as screenshot size / viewport size. */
  scale: ImageScale;
  /** The devicePixelRatio the page reported (kept for the record, not used to draw). */
  reportedDevicePixelRatio: number;
  /** The stitched full-page image's size, when one was taken. */
  fullPage?: PixelSize;
}

// Scales closer than this to the reported ratio count as the same (a 1,366 px wide window at
// 1.5× gives a 2,049 px shot: 1.4993).
const SAME_SCALE = 0.02;

/**
 * The scale of a screenshot of a viewport: image size / viewport size on each axis.
 * Throws when either size is not positive (nothing can be placed on such an image).
 */
export function measuredScale(image: PixelSize, viewport: PixelSize): ImageScale {
  for (const [what, s] of [
    ['screenshot', image],
    ['viewport', viewport],
  ] as const) {
    if (!(s.width > 0 && s.height > 0 && Number.isFinite(s.width) && Number.isFinite(s.height))) {
      throw new Error(`the ${what} has no usable size (${s.width}×${s.height})`);
    }
  }
  return { x: image.width / viewport.width, y: image.height / viewport.height };
}

/** True when the page's reported devicePixelRatio is not the scale the screenshot was taken at. */
export function reportedRatioDiffers(scale: ImageScale, devicePixelRatio: number): boolean {
  const r = devicePixelRatio || 1;
  return Math.abs(scale.x - r) > SAME_SCALE * r || Math.abs(scale.y - r) > SAME_SCALE * r;
}

/** A CSS box as whole image pixels, rounded outwards so the box never cuts into a letter. */
export function toPixels(box: CssBox, scale: ImageScale): PixelRect {
  const x = Math.floor(box.x * scale.x);
  const y = Math.floor(box.y * scale.y);
  return { x, y, w: Math.ceil((box.x + box.width) * scale.x) - x, h: Math.ceil((box.y + box.height) * scale.y) - y };
}

/**
 * The boxes on an image: each one's pixel rectangle clipped to the image (a hit cut by the
 * viewport's edge keeps its visible part), and the boxes that fall wholly outside it or have no
 * area, which cannot be drawn.
 */
export function placeBoxes<T extends CssBox>(
  boxes: readonly T[],
  image: PixelSize,
  scale: ImageScale,
): { placed: { box: T; rect: PixelRect }[]; outside: T[] } {
  const placed: { box: T; rect: PixelRect }[] = [];
  const outside: T[] = [];
  for (const box of boxes) {
    const r = toPixels(box, scale);
    const x0 = Math.max(0, r.x);
    const y0 = Math.max(0, r.y);
    const x1 = Math.min(image.width, r.x + r.w);
    const y1 = Math.min(image.height, r.y + r.h);
    if (x1 <= x0 || y1 <= y0) outside.push(box);
    else placed.push({ box, rect: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } });
  }
  return { placed, outside };
}

/** One viewport shot of a full-page capture: where the page was scrolled to, and the shot's height. */
export interface StitchTile {
  /** The page's scroll position (CSS px) when the shot was taken. */
  scrollY: number;
  /** The shot's height in pixels. */
  pixelHeight: number;
}

/**
 * Where each shot goes on the full-page image (top edge in pixels, at the measured vertical
 * scale), and the image's height: the page's height at that scale, or less when the page
 * stopped scrolling early. `gaps` counts the places where a shot does not reach the next one
 * (blank bands): zero whenever the scroll steps are no longer than a viewport.
 */
export function stitchLayout(
  tiles: readonly StitchTile[],
  scaleY: number,
  pageCssHeight: number,
): { tops: number[]; height: number; gaps: number } {
  if (!tiles.length) throw new Error('no full-page tile was taken');
  const tops = tiles.map((t) => Math.round(t.scrollY * scaleY));
  let gaps = 0;
  for (let i = 1; i < tiles.length; i++) if (tops[i] > tops[i - 1] + tiles[i - 1].pixelHeight) gaps++;
  const last = tiles.length - 1;
  const height = Math.min(Math.round(pageCssHeight * scaleY), tops[last] + tiles[last].pixelHeight);
  return { tops, height, gaps };
}
