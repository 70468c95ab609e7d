import { describe, expect, it } from 'vitest';
import {
  measuredScale,
  placeBoxes,
  reportedRatioDiffers,
  stitchLayout,
  toPixels,
  type CssBox,
  type PixelSize,
} from '../../../src/engine/evidence/image-geometry';

/**
 * A synthetic screenshot: a white image of the viewport rendered at `scale`, with every word's CSS
 * box painted black as the browser would paint its letters (cells rounded to whole pixels).
 */
function render(viewport: PixelSize, scale: { x: number; y: number }, words: CssBox[]) {
  const width = Math.round(viewport.width * scale.x);
  const height = Math.round(viewport.height * scale.y);
  const ink = new Uint8Array(width * height);
  for (const w of words) {
    for (let y = Math.round(w.y * scale.y); y < Math.round((w.y + w.height) * scale.y); y++) {
      for (let x = Math.round(w.x * scale.x); x < Math.round((w.x + w.width) * scale.x); x++) {
        if (x >= 0 && y >= 0 && x < width && y < height) ink[y * width + x] = 1;
      }
    }
  }
  return { width, height, ink };
}

/** The share of a word's inked pixels that lie inside a rectangle. */
function covered(img: ReturnType<typeof render>, rect: { x: number; y: number; w: number; h: number }) {
  let total = 0;
  let inside = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (!img.ink[y * img.width + x]) continue;
      total++;
      if (x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h) inside++;
    }
  }
  return inside / total;
}

const viewport = { width: 944, height: 600 };
const word: CssBox = { x: 120.4, y: 210.7, width: 47.3, height: 18.2 };

describe('the scale of a screenshot', () => {
  it.each([
    ['1×', 1, 1],
    ['1.5×', 1.5, 1.5],
    ['2×', 2, 2],
    // Fingerprint resistance: the page says 2, the browser shoots at 1.
    ['mismatched (page says 2, shot at 1×)', 2, 1],
    ['mismatched (page says 1, shot at 1.25×)', 1, 1.25],
  ])('puts a box on the word at %s', (_name, reportedRatio, realScale) => {
    const img = render(viewport, { x: realScale, y: realScale }, [word]);
    const scale = measuredScale(img, viewport);
    expect(scale.x).toBeCloseTo(realScale, 3);
    expect(scale.y).toBeCloseTo(realScale, 3);
    expect(reportedRatioDiffers(scale, reportedRatio)).toBe(reportedRatio !== realScale);
    const { placed, outside } = placeBoxes([word], img, scale);
    expect(outside).toEqual([]);
    const rect = placed[0].rect;
    // Every inked pixel of the word is inside its box, and the box is at most a pixel wider per side.
    expect(covered(img, rect)).toBe(1);
    expect(rect.w).toBeLessThanOrEqual(Math.ceil(word.width * realScale) + 2);
    expect(rect.h).toBeLessThanOrEqual(Math.ceil(word.height * realScale) + 2);
  });

  it('with the reported ratio instead, the box would miss the word (the bug this prevents)', () => {
    const img = render(viewport, { x: 1, y: 1 }, [word]);
    expect(covered(img, toPixels(word, { x: 2, y: 2 }))).toBe(0);
  });

  it('measures each axis on its own (a shot cropped by the browser chrome)', () => {
    expect(measuredScale({ width: 1888, height: 1100 }, { width: 944, height: 600 })).toEqual({
      x: 2,
      y: 1100 / 600,
    });
  });

  it('refuses sizes that are not positive', () => {
    expect(() => measuredScale({ width: 0, height: 600 }, viewport)).toThrow(/screenshot has no usable size/);
    expect(() => measuredScale({ width: 944, height: 600 }, { width: NaN, height: 600 })).toThrow(/viewport/);
  });
});

describe('boxes on an image', () => {
  it('clips a box cut by the edge, and lists the ones wholly outside as not drawn', () => {
    const image = { width: 944, height: 600 };
    const boxes = [
      { x: 930, y: 10, width: 40, height: 20, id: 'cut' },
      { x: 500, y: 400, width: 40, height: 20, id: 'outside at 2x' },
      { x: 10, y: 10, width: 0, height: 20, id: 'no area' },
    ];
    const at1 = placeBoxes(boxes.slice(0, 1), image, { x: 1, y: 1 });
    expect(at1.placed[0].rect).toEqual({ x: 930, y: 10, w: 14, h: 20 });
    // The old code scaled by the reported ratio 2 on a 1× shot: this is where its boxes went.
    const at2 = placeBoxes(boxes, image, { x: 2, y: 2 });
    expect(at2.outside.map((b) => b.id)).toEqual(['cut', 'outside at 2x', 'no area']);
    expect(at2.placed).toEqual([]);
  });
});

describe('stitching a full page', () => {
  // The page: 1,691 CSS px high, viewport 600, reported ratio 2, shots at 1×.
  const shots = [0, 600, 1091].map((scrollY) => ({ scrollY, pixelHeight: 600 }));

  it('stacks 1× shots edge to edge at the measured scale: 1,691 px, no gaps', () => {
    const layout = stitchLayout(shots, 1, 1691);
    expect(layout).toEqual({ tops: [0, 600, 1091], height: 1691, gaps: 0 });
  });

  it('at the reported ratio the same shots leave blank bands (944×2782, the bug)', () => {
    const layout = stitchLayout(shots, 2, 1691);
    expect(layout.height).toBe(2782);
    expect(layout.gaps).toBe(2);
  });

  it.each([1, 1.5, 2])('covers every row of the page at %s×', (scale) => {
    const tiles = [0, 600, 1091].map((scrollY) => ({ scrollY, pixelHeight: Math.round(600 * scale) }));
    const layout = stitchLayout(tiles, scale, 1691);
    expect(layout.gaps).toBe(0);
    expect(layout.height).toBe(Math.round(1691 * scale));
    const rows = new Uint8Array(layout.height);
    tiles.forEach((t, i) => rows.fill(1, layout.tops[i], Math.min(layout.height, layout.tops[i] + t.pixelHeight)));
    expect(rows.every((r) => r === 1)).toBe(true);
  });

  it('refuses an empty set of shots', () => {
    expect(() => stitchLayout([], 1, 100)).toThrow(/no full-page tile/);
  });
});
