/**
 * The page archive: one self-contained HTML file of the top frame as the officer saw it, with its
 * readable stylesheets and images inlined, in every browser (Firefox has no pageCapture/MHTML).
 *
 * Covert by construction: it makes NO network request. Stylesheets come from the CSSOM the page
 * already parsed; images from the pixels the page already decoded (drawn on an OffscreenCanvas by
 * the `readImage` the caller gives). Fetching them again, even "from the cache", would let the
 * site (or the page's service worker) see a second, unusual request for every image, so what the
 * browser will not hand over without one (cross-origin images without CORS, cross-origin
 * stylesheets, CSS backgrounds and fonts) stays a link and is counted as missing. The archive's
 * own CSP (`default-src 'none'`) stops whoever opens it later from loading those links: opening
 * evidence must not contact the site either.
 *
 * The live page is only read: it is serialised and parsed again into an inert document (no
 * scripts, no custom elements), so the page's own code never runs for our edits.
 */
import type { PageArchive } from '../messaging/capture-protocol';

/** Reads a decoded image as a data: URL, or undefined when the browser refuses its pixels. */
export type ImageReader = (img: HTMLImageElement) => Promise<string | undefined>;

/** Above this many bytes of inlined images, further images stay links (the archive is stored per capture). */
export const MAX_INLINED_IMAGE_BYTES = 40 * 1024 * 1024;
const MAX_LISTED_MISSING = 50;

const ARCHIVE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

/** `url(...)` references in CSS text, made absolute against the stylesheet's address. */
export function absoluteCssUrls(css: string, base: string): string {
  return css.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, quote: string, ref: string) => {
    if (/^(data|blob):/i.test(ref) || ref.startsWith('#')) return whole;
    try {
      return `url("${new URL(ref, base).href.replace(/"/g, '%22')}")`;
    } catch {
      return whole;
    }
  });
}

/** The CSS text of a stylesheet from the CSSOM, or undefined when the browser will not show it (cross-origin). */
function sheetText(sheet: CSSStyleSheet, baseUri: string): string | undefined {
  try {
    const rules = Array.from(sheet.cssRules, (r) => r.cssText).join('\n');
    return absoluteCssUrls(rules, sheet.href ?? baseUri);
  } catch {
    return undefined;
  }
}

/**
 * Builds the archive of `doc` from `html`, its serialised DOM (the page.html of the capture).
 * Images and stylesheets of the live document are matched to the parsed copy by their order.
 */
export async function buildPageArchive(
  doc: Document,
  html: string,
  readImage: ImageReader,
  saved: { url: string; at: string },
): Promise<PageArchive> {
  const missing: string[] = [];
  const miss = (what: string) => {
    if (missing.length < MAX_LISTED_MISSING) missing.push(what);
  };
  const baseUri = doc.baseURI;

  // The live document's readable stylesheets, by the element that brought them in.
  const cssOf = new Map<Element, string | undefined>();
  for (const sheet of Array.from(doc.styleSheets)) {
    if (sheet.ownerNode instanceof Element || (sheet.ownerNode && 'tagName' in sheet.ownerNode)) {
      cssOf.set(sheet.ownerNode as Element, sheetText(sheet as CSSStyleSheet, baseUri));
    }
  }
  const liveSheets = Array.from(doc.querySelectorAll('link, style')).filter((el) => cssOf.has(el));

  // The live document's decoded images, in document order.
  const liveImages = Array.from(doc.images);
  const imageData: (string | undefined)[] = [];
  let imageBytes = 0;
  for (const img of liveImages) {
    let data: string | undefined;
    if (img.complete && img.naturalWidth > 0 && imageBytes < MAX_INLINED_IMAGE_BYTES) {
      data = await readImage(img).catch(() => undefined);
      if (data) imageBytes += data.length;
    }
    imageData.push(data);
  }

  const copy = new DOMParser().parseFromString(html, 'text/html');
  for (const el of Array.from(copy.querySelectorAll('script, noscript, base, meta[http-equiv]'))) el.remove();
  for (const el of Array.from(copy.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith('on') || value.startsWith('javascript:')) el.removeAttribute(attr.name);
    }
  }

  const stylesheets = { inlined: 0, missing: 0 };
  const copySheets = Array.from(copy.querySelectorAll('link, style')).filter(
    (el) => el.localName === 'style' || /(^|\s)stylesheet(\s|$)/i.test(el.getAttribute('rel') ?? ''),
  );
  copySheets.forEach((el, i) => {
    const live = liveSheets[i];
    const css = live && live.localName === el.localName ? cssOf.get(live) : undefined;
    if (css === undefined) {
      stylesheets.missing++;
      const href = el.getAttribute('href');
      if (href) {
        const abs = new URL(href, baseUri).href;
        el.setAttribute('href', abs);
        miss(abs);
      }
      return;
    }
    const style = copy.createElement('style');
    for (const attr of ['media', 'title']) {
      const v = el.getAttribute(attr);
      if (v) style.setAttribute(attr, v);
    }
    if (el.localName === 'link')
      style.setAttribute('data-wildtrace-href', new URL(el.getAttribute('href') ?? '', baseUri).href);
    style.textContent = css;
    el.replaceWith(style);
    stylesheets.inlined++;
  });

  const images = { inlined: 0, missing: 0 };
  for (const source of Array.from(copy.querySelectorAll('picture > source'))) source.remove();
  Array.from(copy.querySelectorAll('img')).forEach((img, i) => {
    const live = liveImages[i];
    const data = live ? imageData[i] : undefined;
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
    img.removeAttribute('loading');
    if (data) {
      if (live.currentSrc) img.setAttribute('data-wildtrace-src', live.currentSrc);
      img.setAttribute('src', data);
      images.inlined++;
    } else {
      images.missing++;
      const src = live?.currentSrc || img.getAttribute('src');
      if (src) {
        const abs = new URL(src, baseUri).href;
        img.setAttribute('src', abs);
        miss(abs);
      }
    }
  });

  const head = copy.head ?? copy.documentElement.insertBefore(copy.createElement('head'), copy.body);
  const csp = copy.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', ARCHIVE_CSP);
  const charset = copy.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  head.prepend(charset, csp);
  const note = (
    ` Page archive saved by Wildtrace from ${saved.url} at ${saved.at}: ` +
    `${images.inlined} of ${images.inlined + images.missing} images and ${stylesheets.inlined} of ` +
    `${stylesheets.inlined + stylesheets.missing} stylesheets inlined, nothing fetched. `
  ).replace(/--/g, '- -');
  return {
    html: `<!DOCTYPE html>\n<!--${note}-->\n${copy.documentElement.outerHTML}`,
    images,
    stylesheets,
    missing,
    method:
      'self-contained HTML: serialised DOM without scripts; stylesheets from the CSSOM, images from their ' +
      'decoded pixels (PNG); no network request',
  };
}

/**
 * Reads a decoded image's pixels on an OffscreenCanvas (nothing is added to the page) as a PNG
 * data: URL. The browser refuses cross-origin pixels without CORS (a tainted canvas): undefined.
 */
export const canvasImageReader: ImageReader = async (img) => {
  const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.drawImage(img, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Promise((ok) => {
    const reader = new FileReader();
    reader.onload = () => ok(typeof reader.result === 'string' ? reader.result : undefined);
    reader.onerror = () => ok(undefined);
    reader.readAsDataURL(blob);
  });
};
