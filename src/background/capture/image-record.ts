/**
 * What a capture says about its images: the signed metadata records only what was measured and
 * drawn; a box that could not be drawn is an error told to the officer, never a claim.
 */
import { ARTEFACTS } from '../../engine/evidence/case-file-names';
import type { ImageGeometry, PixelSize } from '../../engine/evidence/image-geometry';
import type { AnnotatedScreenshot } from './images';

const round = (n: number) => Math.round(n * 1000) / 1000;

/** "copy of screenshot.png with 20 boxes around 12 of 14 hits, at 2× (measured)": boxes actually drawn. */
export function annotationMethod(annotated: AnnotatedScreenshot, hitCount: number): string {
  const hits = new Set(annotated.drawn.map((b) => b.hit)).size;
  const { x, y } = annotated.scale;
  const scale = x === y ? `${round(x)}×` : `${round(x)}× across, ${round(y)}× down`;
  return (
    `copy of ${ARTEFACTS.screenshot} with ${annotated.drawn.length} boxes around ${hits} of ${hitCount} hits, ` +
    `at ${scale} (screenshot size / viewport size)`
  );
}

/** The boxes that fell outside the screenshot, as an error for the capture result. */
export function annotationErrors(annotated: AnnotatedScreenshot): string[] {
  if (!annotated.outside.length) return [];
  const hits = new Set(annotated.outside.map((b) => b.hit)).size;
  return [
    `${annotated.outside.length} box(es) around ${hits} hit(s) fell outside the ` +
      `${annotated.image.width}×${annotated.image.height} px screenshot and were not drawn`,
  ];
}

/** The images' measured geometry, for the signed metadata. */
export function geometryOf(
  annotated: AnnotatedScreenshot,
  reportedDevicePixelRatio: number,
  fullPage: PixelSize | undefined,
): ImageGeometry {
  return {
    screenshot: annotated.image,
    scale: { x: round(annotated.scale.x), y: round(annotated.scale.y) },
    reportedDevicePixelRatio,
    ...(fullPage ? { fullPage } : {}),
  };
}
