/**
 * Page text collection for live detection. The page is split into BLOCKS (a listing, a post, a
 * table row, an open shadow root, the rest of the body) whose text is collected separately, so a
 * change re-reads only the blocks it touched, and risk is scored per listing. Every block keeps a
 * segment map from its text back to the DOM (text node + offset, or the element whose alt/title/
 * aria-label was read), so any hit can become a DOM Range.
 *
 * Reading only: no layout reads, no attribute or node changes, nothing the page can observe.
 */

/** Elements whose text the reader never sees (frames run their own content script). */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'FRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
]);

/** Attributes that often hold product names (image alt text, tooltips, accessible labels). */
export const TEXT_ATTRIBUTES = ['alt', 'title', 'aria-label'] as const;

/** Tags that delimit one listing, post, comment or row: each becomes its own block. */
const BLOCK_TAGS = [
  'article',
  'li',
  'tr',
  'section',
  'aside',
  'header',
  'footer',
  'nav',
  'blockquote',
  'figure',
  'details',
  'dd',
];

/** Elements that delimit a block: the tags above, and roles and class names that sites use for them. */
export const BLOCK_SELECTOR = [
  ...BLOCK_TAGS,
  '[role=article]',
  '[role=listitem]',
  '[role=row]',
  '[role=feed] > *',
  '[class~=post]',
  '[class~=reply]',
  '[class~=comment]',
  '[class~=listing]',
  '[class~=card]',
  '[class~=item]',
  '[class*=listing-]',
  '[class*=post-]',
  '[class*=-item]',
  '[class*=comment-]',
].join(',');

/** Elements after which the reader sees a break: their text is not glued to the next word. */
const BREAKING = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
  'OPTION',
  'BUTTON',
  'IMG',
  'LABEL',
]);

/** Where a run of block text comes from. */
export type Segment =
  | { start: number; length: number; node: Text }
  | { start: number; length: number; element: Element; attribute: string }
  | { start: number; length: number; source: 'title' | 'description' };

/** A block root: an element, an open shadow root, or the document itself (title and description). */
export type BlockRoot = Element | ShadowRoot | Document;

export interface CollectedBlock {
  root: BlockRoot;
  text: string;
  /** The segment map; empty when collected without it (see collectBlockSteps). */
  segments: Segment[];
  /** Block roots met inside this one (nested blocks, open shadow roots), in document order. */
  nested: BlockRoot[];
  /**
   * Characters and words of the visible text (text nodes only, no attributes or title), as if the
   * text nodes were joined by single spaces, so no word spans two nodes: for the page summary.
   */
  chars: number;
  words: number;
}

import { countWordsFast } from './word-count';

/**
 * A WeakSet that also knows whether anything was ever added: our own nodes exist only in trainer
 * mode, so the page walk skips the lookup otherwise (a WeakSet lookup gives every element it is
 * asked about an identity hash, which cost time and memory on large pages).
 */
class NodeSet {
  private readonly nodes = new WeakSet<Node>();
  private used = false;
  add(node: Node): this {
    this.nodes.add(node);
    this.used = true;
    return this;
  }
  has(node: Node): boolean {
    return this.used && this.nodes.has(node);
  }
}

/** Nodes of our own (trainer legend and card): never read, never reacted to. */
export const OWN_NODES = new NodeSet();

const SEPARATOR = '\n';

// What the walk needs to know of an element by its tag name, cached per name (one Map lookup per
// element instead of an upper-casing and three Set lookups).
const TAG_SKIPPED = 1;
const TAG_BLOCK = 2;
const TAG_BREAKING = 4;
const TAG_LINE_BREAK = 8;
const tagFlags = new Map<string, number>();
const BLOCK_TAG_SET = new Set(BLOCK_TAGS.map((t) => t.toUpperCase()));

function flagsOfTag(tagName: string): number {
  let flags = tagFlags.get(tagName);
  if (flags === undefined) {
    const tag = tagName.toUpperCase();
    flags =
      (SKIPPED.has(tag) ? TAG_SKIPPED : 0) |
      (BLOCK_TAG_SET.has(tag) ? TAG_BLOCK : 0) |
      (BREAKING.has(tag) ? TAG_BREAKING : 0) |
      (tag === 'BR' || tag === 'HR' ? TAG_LINE_BREAK : 0);
    tagFlags.set(tagName, flags);
  }
  return flags;
}

// The last parent asked about by isChildOfFeed: siblings share it, so most calls read nothing.
let lastParent: Node | null = null;
let lastParentIsFeed = false;

/** `[role=feed] > *`, asked of elements without attributes (the selector is not run for them). */
function isChildOfFeed(el: Element): boolean {
  const parent = el.parentNode;
  if (parent !== lastParent) {
    lastParent = parent;
    lastParentIsFeed = parent !== null && parent.nodeType === 1 && (parent as Element).getAttribute('role') === 'feed';
  }
  return lastParentIsFeed;
}

/**
 * Whether `el` matches BLOCK_SELECTOR. Every part of the selector but the tags needs an
 * attribute on the element (or `role=feed` on its parent), so most elements are decided without
 * running it: the selector match was the walk's most expensive call.
 */
function isBlockElement(el: Element): boolean {
  if (flagsOfTag(el.tagName) & TAG_BLOCK) return true;
  if (!el.hasAttributes()) return isChildOfFeed(el);
  try {
    return el.matches(BLOCK_SELECTOR);
  } catch {
    return false;
  }
}

/** The block a node's text belongs to: the closest block element, else its shadow root or the body. */
export function blockRootOf(node: Node): BlockRoot | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const block = el?.closest(BLOCK_SELECTOR);
  if (block) return block;
  const root = node.getRootNode();
  if (root.nodeType === 11 && (root as ShadowRoot).host) return root as ShadowRoot;
  if (root.nodeType === 9) {
    const doc = root as Document;
    return doc.body ?? doc.documentElement;
  }
  return null;
}

/** ECMAScript white space and line terminators, as String.prototype.trim removes them. */
function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `!value.trim()` without making the trimmed copy. */
function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isSpaceCode(value.charCodeAt(i))) return false;
  return true;
}

/** Text of the document itself: its title and meta description. */
export function collectDocumentBlock(doc: Document): CollectedBlock {
  const segments: Segment[] = [];
  let text = '';
  const title = doc.title.trim();
  if (title) {
    segments.push({ start: 0, length: title.length, source: 'title' });
    text = title;
  }
  const description = doc.querySelector('meta[name="description" i]')?.getAttribute('content')?.trim();
  if (description) {
    if (text) text += SEPARATOR;
    segments.push({ start: text.length, length: description.length, source: 'description' });
    text += description;
  }
  return { root: doc, text, segments, nested: [], chars: 0, words: 0 };
}

/**
 * Collects one block's text: its text nodes and text attributes in document order, stopping at
 * nested blocks and open shadow roots (listed in `nested`, collected as blocks of their own).
 * Whitespace-only nodes become a single space; block-level boundaries become a line break.
 */
export function collectBlock(root: BlockRoot): CollectedBlock {
  const steps = collectBlockSteps(root);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same as collectBlock, as a generator that pauses every `every` nodes so a caller can
 * stop at its time budget and resume in the next slice. Without `withSegments` no segment map is
 * built (the page scan: most blocks never need one, and one object per text node made the tab's
 * garbage collections long); collectBlock builds it again for a block that does.
 */
export function* collectBlockSteps(root: BlockRoot, every = 256, withSegments = true): Generator<void, CollectedBlock> {
  if (root.nodeType === 9) return collectDocumentBlock(root as Document);
  const segments: Segment[] = [];
  const nested: BlockRoot[] = [];
  const parts: string[] = [];
  let length = 0;
  let pendingBreak = false;
  // A text node after the walk entered or left a line-breaking element starts a new line. Read
  // from the walk itself (a stack of the entered elements' tag flags), not looked up per node.
  let lineChanged = true;
  const entered: number[] = [];
  let chars = 0;
  let words = 0;
  let textNodes = 0;
  const push = (value: string) => {
    parts.push(value);
    length += value.length;
  };
  const addAttributes = (el: Element) => {
    for (const name of TEXT_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (!value || isBlank(value)) continue;
      if (length > 0) push(SEPARATOR);
      if (withSegments) segments.push({ start: length, length: value.length, element: el, attribute: name });
      push(value);
      pendingBreak = true;
    }
  };
  if (root.nodeType === 1) {
    addAttributes(root as Element);
    const own = (root as Element).shadowRoot;
    if (own) nested.push(own);
  }

  // A hand-written walk (not a TreeWalker) so that skipped subtrees and nested blocks count
  // towards the pause too: a TreeWalker filter can pass thousands of them in one call.
  let visited = 0;
  let node: Node | null = root.firstChild;
  while (node) {
    if (++visited % every === 0) yield;
    let descend = 0;
    if (node.nodeType === 1) {
      const el = node as Element;
      const flags = flagsOfTag(el.tagName);
      // Attributes decide whether an element is hidden, a block by role or class, or has text to
      // read: most elements have none, and are decided by their tag alone.
      const attributes = el.hasAttributes();
      if ((flags & TAG_SKIPPED) !== 0 || (attributes && el.hasAttribute('hidden')) || OWN_NODES.has(el)) {
        // not read
      } else if ((flags & TAG_BLOCK) !== 0 || (attributes ? isBlockElement(el) : isChildOfFeed(el))) {
        nested.push(el);
      } else {
        if (flags & TAG_LINE_BREAK) pendingBreak = true;
        if (attributes) addAttributes(el);
        if (el.shadowRoot) nested.push(el.shadowRoot);
        descend = flags | 16;
      }
    } else if (node.nodeType === 3) {
      const value = (node as Text).data;
      if (value) {
        if (lineChanged) pendingBreak = true;
        lineChanged = false;
        if (isBlank(value)) {
          if (length > 0 && !pendingBreak) push(' ');
        } else {
          if (length > 0 && pendingBreak) push(SEPARATOR);
          pendingBreak = false;
          if (withSegments) segments.push({ start: length, length: value.length, node: node as Text });
          push(value);
          chars += value.length;
          words += countWordsFast(value);
          textNodes += 1;
        }
      }
    }
    if (descend && node.firstChild) {
      if (descend & TAG_BREAKING) lineChanged = true;
      entered.push(descend);
      node = node.firstChild;
      continue;
    }
    // Up to the next sibling, leaving every element whose last child this was.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if ((entered.pop() ?? 0) & TAG_BREAKING) lineChanged = true;
    }
    node = !node || node === root ? null : node.nextSibling;
  }
  lastParent = null;
  return { root, text: parts.join(''), segments, nested, chars: chars + Math.max(0, textNodes - 1), words };
}

/** A position in the DOM: a text node and offset, an element read through an attribute, or the document head. */
export type DomPoint =
  { node: Text; offset: number } | { element: Element; attribute: string } | { source: 'title' | 'description' };

/** Index of the last segment starting at or before `pos` (segments are sorted by start). */
function segmentAt(segments: readonly Segment[], pos: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].start <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Maps [start, end) of a block's text to a DOM Range. Text across several text nodes gives one
 * range over all of them; a hit in an attribute gives a range selecting that element. Returns
 * null for the title/description block or offsets outside every segment.
 */
export function rangeFor(doc: Document, segments: readonly Segment[], start: number, end: number): Range | null {
  if (end <= start || segments.length === 0) return null;
  let a = segmentAt(segments, start);
  // A start in a gap (separator) moves to the next segment.
  if (a < 0 || start >= segments[a].start + segments[a].length) a += 1;
  const b = segmentAt(segments, end - 1);
  if (a >= segments.length || b < a) return null;
  const first = segments[a];
  const last = segments[b];
  const range = doc.createRange();
  try {
    if ('element' in first || 'element' in last) {
      const el = 'element' in first ? first.element : (last as { element: Element }).element;
      range.selectNode(el);
      return range;
    }
    if (!('node' in first) || !('node' in last)) return null;
    range.setStart(first.node, Math.max(0, start - first.start));
    range.setEnd(last.node, Math.min(last.length, end - last.start));
    return range;
  } catch {
    // The node changed since it was read: the next scan brings fresh offsets.
    return null;
  }
}

/** Where a block offset lies in the DOM (for the side panel's "in the page title" and similar). */
export function pointFor(segments: readonly Segment[], pos: number): DomPoint | null {
  const i = segmentAt(segments, pos);
  if (i < 0) return null;
  const s = segments[i];
  if ('node' in s) return { node: s.node, offset: Math.min(s.length, pos - s.start) };
  if ('element' in s) return { element: s.element, attribute: s.attribute };
  return { source: s.source };
}
