// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { absoluteCssUrls, buildPageArchive, type ImageReader } from '../../src/content/page-archive';

const PAGE = 'https://market.example/listing/42';

/** A live document as the page built it (jsdom parses the style sheets into a CSSOM). */
function livePage(body: string, head = ''): Document {
  const doc = document;
  doc.head.innerHTML = `<title>Listing</title>${head}`;
  doc.body.innerHTML = body;
  Object.defineProperty(doc, 'baseURI', { value: PAGE, configurable: true });
  for (const img of Array.from(doc.images)) {
    Object.defineProperty(img, 'complete', { value: true });
    Object.defineProperty(img, 'naturalWidth', { value: 10 });
    Object.defineProperty(img, 'currentSrc', { value: new URL(img.getAttribute('src')!, PAGE).href });
  }
  return doc;
}

/** The browser hands over same-origin pixels and refuses cross-origin ones (a tainted canvas). */
const sameOriginPixels: ImageReader = async (img) =>
  new URL(img.currentSrc).origin === new URL(PAGE).origin ? `data:image/png;base64,${btoa(img.currentSrc)}` : undefined;

describe('the page archive', () => {
  it('inlines readable styles and images, keeps the rest as links, and counts both', async () => {
    const doc = livePage(
      '<h1 onclick="track()">Ivory bangle</h1><img src="/img/a.png" srcset="/img/a2.png 2x">' +
        '<picture><source srcset="/img/b.webp"><img src="https://cdn.other.example/b.jpg"></picture>' +
        '<a href="javascript:buy()">buy</a><script>fingerprint()</script><noscript>enable JS</noscript>',
      '<style>h1 { color: red; background: url(bg.png) }</style><base href="https://elsewhere.example/">',
    );
    const a = await buildPageArchive(doc, doc.documentElement.outerHTML, sameOriginPixels, {
      url: PAGE,
      at: '2026-12-07T04:00:00.000Z',
    });
    expect(a.images).toEqual({ inlined: 1, missing: 1 });
    expect(a.stylesheets).toEqual({ inlined: 1, missing: 0 });
    expect(a.missing).toEqual(['https://cdn.other.example/b.jpg']);
    const out = new DOMParser().parseFromString(a.html, 'text/html');
    const imgs = Array.from(out.images);
    expect(imgs[0].getAttribute('src')).toBe(`data:image/png;base64,${btoa('https://market.example/img/a.png')}`);
    expect(imgs[0].hasAttribute('srcset')).toBe(false);
    expect(imgs[0].getAttribute('data-wildtrace-src')).toBe('https://market.example/img/a.png');
    expect(imgs[1].getAttribute('src')).toBe('https://cdn.other.example/b.jpg');
    expect(out.querySelector('picture source')).toBeNull();
    // The CSS with its url() made absolute; nothing that runs, links out or re-bases.
    expect(out.querySelector('style')!.textContent).toContain('url("https://market.example/listing/bg.png")');
    expect(out.querySelectorAll('script, noscript, base').length).toBe(0);
    expect(out.querySelector('h1')!.hasAttribute('onclick')).toBe(false);
    expect(out.querySelector('a')!.hasAttribute('href')).toBe(false);
    // Whoever opens the archive loads nothing from the network.
    const csp = out.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content');
    expect(csp).toMatch(/^default-src 'none'; img-src data:;/);
    expect(a.html).toMatch(/^<!DOCTYPE html>\n<!-- Page archive saved by Wildtrace from .* 1 of 2 images/);
  });

  it('a stylesheet the browser will not show (cross-origin) stays an absolute link', async () => {
    const doc = livePage('<p>x</p>', '<link rel="stylesheet" href="/site.css">');
    // jsdom loads no external sheets: the link has no readable CSSOM, as a cross-origin sheet.
    const a = await buildPageArchive(doc, doc.documentElement.outerHTML, sameOriginPixels, { url: PAGE, at: 'now' });
    expect(a.stylesheets).toEqual({ inlined: 0, missing: 1 });
    expect(a.missing).toEqual(['https://market.example/site.css']);
  });

  it('a comment cannot be closed by the page address', async () => {
    const doc = livePage('<p>x</p>');
    const a = await buildPageArchive(doc, doc.documentElement.outerHTML, sameOriginPixels, {
      url: 'https://x.example/?a=-->',
      at: 'now',
    });
    expect(a.html.split('\n')[1]).toMatch(/^<!--.*-->$/);
    expect(a.html.split('\n')[1].slice(4, -3)).not.toContain('--');
  });

  it.each([
    ['url(a.png)', 'url("https://market.example/css/a.png")'],
    ["url('../f.woff2')", 'url("https://market.example/f.woff2")'],
    ['url(data:image/png;base64,AA)', 'url(data:image/png;base64,AA)'],
    ['url(#clip)', 'url(#clip)'],
  ])('resolves %s in CSS', (css, want) => {
    expect(absoluteCssUrls(css, 'https://market.example/css/site.css')).toBe(want);
  });
});
