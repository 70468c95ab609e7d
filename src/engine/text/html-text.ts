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

// JavaScript's \s: what String.prototype.trim removes.
const isSpace = (c: number) =>
  c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff;
// Collapsed into one space: spaces, tabs, carriage returns, form feeds, vertical tabs, no-break spaces.
const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0;

/**
 * White space tidied as `text.replace(/[ \t\r\f\v\u00a0]+/g, ' ').replace(/ ?\n[\s]*\/g, '\n').trim()`
 * would, fed a piece at a time: blanks become one space, a run of white space holding a line
 * break ends at that break (a space just before it dropped, everything after it too), and none
 * is kept at either end. Constant state per character: the regular expressions need about ten
 * times the text's size in memory on a large page.
 */
class WhiteSpace {
  private readonly done: string[] = [];
  private pending: string[] = [];
  private started = false;
  // The run of white space read since the last other character, as it would be written.
  private run = '';
  private blank = false;
  private newline = false;

  add(piece: string): void {
    let from = 0;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (!isSpace(c)) continue;
      if (i > from) this.word(piece.slice(from, i));
      from = i + 1;
      if (this.newline) continue;
      if (c === 0x0a) {
        this.blank = false;
        this.newline = true;
        this.run += '\n';
      } else if (isBlank(c)) this.blank = true;
      else {
        if (this.blank) this.run += ' ';
        this.blank = false;
        this.run += piece[i];
      }
    }
    if (from < piece.length) this.word(from ? piece.slice(from) : piece);
  }

  /** The tidied text; white space still open at the end is dropped. */
  end(): string {
    this.done.push(this.pending.join(''));
    return this.done.join('');
  }

  private word(s: string): void {
    if (this.started) this.push(this.blank ? this.run + ' ' : this.run);
    this.run = '';
    this.blank = false;
    this.newline = false;
    this.started = true;
    this.push(s);
  }

  // Pieces are joined a few thousand at a time: a page of a million text nodes then holds a few
  // hundred strings, not a million small ones, until the end.
  private push(s: string): void {
    if (!s) return;
    this.pending.push(s);
    if (this.pending.length >= 4096) {
      this.done.push(this.pending.join(''));
      this.pending = [];
    }
  }
}

const tidy = (s: string) => {
  const w = new WhiteSpace();
  w.add(s);
  return w.end();
};

/** Visible text of an HTML document, with the title on the first line. */
export function htmlVisibleText(html: string): string {
  const body = new WhiteSpace();
  const out = (s: string) => body.add(s);
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
    else if (skipDepth === 0) out(s);
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
      if (alt.trim()) out(` ${alt} `);
    }
    if (BLOCK.has(name)) out('\n');
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
    if (BLOCK.has(name)) out('\n');
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

  const first = title ? tidy(title) : '';
  const rest = body.end();
  return first && rest ? `${first}\n${rest}` : first || rest;
}
