import { describe, expect, it } from 'vitest';
import { annotationErrors, annotationMethod, geometryOf } from '../../../src/background/capture/image-record';
import type { AnnotatedScreenshot, KindBox } from '../../../src/background/capture/images';

const box = (hit: number, x = 10): KindBox => ({ x, y: 10, width: 40, height: 16, kind: 'app1', hit });
const annotated = (drawn: KindBox[], outside: KindBox[], scale = { x: 1, y: 1 }): AnnotatedScreenshot => ({
  png: new Blob([]),
  image: { width: 944, height: 600 },
  scale,
  drawn,
  outside,
});

describe('what a capture says about its annotated screenshot', () => {
  it('claims only the boxes drawn, at the measured scale', () => {
    const a = annotated([box(0), box(0, 60), box(2)], [box(5, 2000)]);
    expect(annotationMethod(a, 20)).toBe(
      'copy of screenshot.png with 3 boxes around 2 of 20 hits, at 1× (screenshot size / viewport size)',
    );
    expect(annotationMethod(annotated([], [], { x: 1.5, y: 1.4997 }), 4)).toMatch(/at 1\.5× across, 1\.5× down/);
  });

  it('reports boxes outside the screenshot as an error, and none when all were drawn', () => {
    expect(annotationErrors(annotated([box(0)], []))).toEqual([]);
    // The Tor Browser case before the fix: 20 boxes at ratio 2 on a 944×600 shot, none drawn.
    const lost = annotated(
      [],
      Array.from({ length: 20 }, (_, i) => box(i % 12, 600)),
    );
    expect(annotationMethod(lost, 12)).toMatch(/with 0 boxes around 0 of 12 hits/);
    expect(annotationErrors(lost)).toEqual([
      '20 box(es) around 12 hit(s) fell outside the 944×600 px screenshot and were not drawn',
    ]);
  });

  it('records what was measured, and the ratio the page reported beside it', () => {
    expect(geometryOf(annotated([], [], { x: 1, y: 1 }), 2, { width: 944, height: 1691 })).toEqual({
      screenshot: { width: 944, height: 600 },
      scale: { x: 1, y: 1 },
      reportedDevicePixelRatio: 2,
      fullPage: { width: 944, height: 1691 },
    });
  });
});
