/**
 * The visible text of an HTML document, for scanning saved pages outside the browser: no
 * scripts, styles, templates, comments or elements marked hidden; block elements become line
 * breaks; image alt text is kept (an officer sees it when images are off, and sellers hide
 * words there); entities decoded. No DOM: htmlparser2's tokenizer reads the markup in one pass,
 * and the bookkeeping here is constant work per token, so hostile input (a megabyte of `<a `,
 * unclosed comments, thousands of nested tags) costs linear time. htmlparser2's own Parser is not
 * used: its element stack is quadratic on deep nesting.
 */

import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

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

function isHidden(attrs: Map<string, string>): boolean {
  if (attrs.has('hidden')) return true;
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(attrs.get('style') ?? '')) return true;
  return /true/i.test(attrs.get('aria-hidden') ?? '');
}

/** Visible text of an HTML document, with the title on the first line. */
export function htmlVisibleText(html: string): string {
  const out: string[] = [];
  // The first complete <title> element; its text is collected while it is open.
  let title: string | undefined;
  let titleParts: string[] | null = null;
  // Inside a skipped element only its own name is counted, so nesting costs nothing to track.
  let skipTag = '';
  let skipDepth = 0;
  let tagName = '';
  let attrs = new Map<string, string>();
  let attrName = '';
  let attrValue = '';

  const text = (s: string) => {
    if (titleParts) titleParts.push(s);
    else if (skipDepth === 0) out.push(s);
  };
  const openTag = (selfClosingSyntax: boolean) => {
    const name = tagName;
    const selfClosing = selfClosingSyntax || VOID.has(name);
    if (name === 'title' && !selfClosing && title === undefined && !titleParts) titleParts = [];
    if (skipDepth > 0) {
      if (name === skipTag && !selfClosing) skipDepth++;
      return;
    }
    const hidden = isHidden(attrs);
    if (!selfClosing && (hidden || SKIP.has(name))) {
      skipTag = name;
      skipDepth = 1;
      return;
    }
    if (name === 'img' && !hidden) {
      const alt = attrs.get('alt') ?? '';
      if (alt.trim()) out.push(` ${alt} `);
    }
    if (BLOCK.has(name)) out.push('\n');
  };
  const closeTag = (name: string) => {
    if (titleParts && name === 'title') {
      title = titleParts.join('');
      titleParts = null;
    }
    if (skipDepth > 0) {
      if (name === skipTag && !VOID.has(name)) skipDepth--;
      return;
    }
    if (BLOCK.has(name)) out.push('\n');
  };
  const slice = (start: number, end: number) => html.slice(start, end);
  const ignore = () => {};

  const callbacks: TokenizerCallbacks = {
    ontext: (start, end) => text(slice(start, end)),
    ontextentity: (cp) => text(String.fromCodePoint(cp)),
    onopentagname: (start, end) => {
      tagName = slice(start, end).toLowerCase();
      attrs = new Map();
    },
    onattribname: (start, end) => {
      attrName = slice(start, end).toLowerCase();
      attrValue = '';
    },
    onattribdata: (start, end) => {
      attrValue += slice(start, end);
    },
    onattribentity: (cp) => {
      attrValue += String.fromCodePoint(cp);
    },
    // As in a browser, the first of two attributes with one name wins.
    onattribend: () => {
      if (!attrs.has(attrName)) attrs.set(attrName, attrValue);
    },
    onopentagend: () => openTag(false),
    onselfclosingtag: () => openTag(true),
    onclosetag: (start, end) => closeTag(slice(start, end).toLowerCase()),
    oncomment: ignore,
    oncdata: ignore,
    ondeclaration: ignore,
    onprocessinginstruction: ignore,
    onend: ignore,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();

  return ((title ? `${title.trim()}\n` : '') + out.join(''))
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}
