/**
 * The visible text of an HTML document, for scanning saved pages outside the browser: no
 * scripts, styles, templates, comments or elements marked hidden; block elements become line
 * breaks; image alt text is kept (an officer sees it when images are off, and sellers hide
 * words there); entities decoded. A small tag walker, no DOM needed.
 */

import { decodeEntities } from './html-entities';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
]);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'aside',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'hr',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'main',
  'form',
  'fieldset',
  'legend',
  'address',
  'details',
  'summary',
  'option',
  'label',
  'button',
  'caption',
  'body',
  'html',
]);
const VOID = new Set([
  'br',
  'img',
  'hr',
  'input',
  'meta',
  'link',
  'area',
  'base',
  'col',
  'embed',
  'source',
  'track',
  'wbr',
]);
const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);

function isHidden(tag: string): boolean {
  if (/\shidden(\s|=|>|\/)/i.test(tag)) return true;
  const style = attr(tag, 'style');
  const css = style ? (style[2] ?? style[3] ?? style[4] ?? '') : '';
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(css)) return true;
  const aria = attr(tag, 'aria-hidden');
  return !!aria && /true/i.test(aria[2] ?? aria[3] ?? aria[4] ?? '');
}

/** Visible text of an HTML document, with the title on the first line. */
export function htmlVisibleText(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const out: string[] = title ? [decodeEntities(title).trim(), '\n'] : [];
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/?([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  let skipTag = '';
  let skipDepth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (skipDepth === 0 && m.index > last) out.push(decodeEntities(html.slice(last, m.index)));
    last = re.lastIndex;
    const name = m[1]?.toLowerCase();
    if (!name) continue;
    const closing = m[0][1] === '/';
    const selfClosing = VOID.has(name) || m[0].endsWith('/>');
    if (skipDepth > 0) {
      if (name === skipTag && !selfClosing) skipDepth += closing ? -1 : 1;
      continue;
    }
    if (!closing && !selfClosing && (SKIP.has(name) || isHidden(m[0]))) {
      skipTag = name;
      skipDepth = 1;
      continue;
    }
    if (name === 'img' && !closing) {
      const alt = attr(m[0], 'alt');
      const text = alt ? (alt[2] ?? alt[3] ?? alt[4] ?? '') : '';
      if (text.trim()) out.push(` ${decodeEntities(text)} `);
    }
    if (BLOCK.has(name)) out.push('\n');
  }
  if (skipDepth === 0 && last < html.length) out.push(decodeEntities(html.slice(last)));
  return out
    .join('')
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}
