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
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO']);

/** Attributes that often hold product names (image alt text, tooltips, accessible labels). */
export const TEXT_ATTRIBUTES = ['alt', 'title', 'aria-label'] as const;

/** Elements that delimit one listing, post, comment or row: each becomes its own block. */
export const BLOCK_SELECTOR = [
  'article', 'li', 'tr', 'section', 'aside', 'header', 'footer', 'nav', 'blockquote', 'figure', 'details', 'dd',
  '[role=article]', '[role=listitem]', '[role=row]', '[role=feed] > *',
  '[class~=post]', '[class~=reply]', '[class~=comment]', '[class~=listing]', '[class~=card]', '[class~=item]',
  '[class*=listing-]', '[class*=post-]', '[class*=-item]', '[class*=comment-]',
].join(',');

/** Elements after which the reader sees a break: their text is not glued to the next word. */
const BREAKING = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL', 'OPTION', 'BUTTON', 'IMG', 'LABEL',
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

/** Nodes of our own (trainer legend and card): never read, never reacted to. */
export const OWN_NODES = new WeakSet<Node>();

const SEPARATOR = '\n';

function isBlockElement(el: Element): boolean {
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

/** True when `el` or an ancestor (in its own tree) is one we never read. */
export function isSkippedElement(el: Element): boolean {
  return SKIPPED.has(el.tagName.toUpperCase()) || el.hasAttribute('hidden') || OWN_NODES.has(el);
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

// One map for every block's walk instead of a new one per block; it belongs to one root at a time.
const lineOf = new Map<Node, Node>();
let lineOwner: BlockRoot | null = null;

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
  // The nearest line-breaking ancestor of the previous text node: a new one means a new line.
  let lastLine: Node | null = null;
  let chars = 0;
  let words = 0;
  let textNodes = 0;
  const lineContainer = (parent: Node): Node => {
    if (lineOwner !== root) {
      lineOf.clear();
      lineOwner = root;
    }
    let found = lineOf.get(parent);
    if (!found) {
      found = parent;
      for (let n: Node | null = parent; n && n !== root; n = n.parentNode) {
        if (n.nodeType === 1 && BREAKING.has((n as Element).tagName.toUpperCase())) {
          found = n;
          break;
        }
        found = n.parentNode ?? n;
      }
      lineOf.set(parent, found);
    }
    return found;
  };
  const push = (value: string) => {
    parts.push(value);
    length += value.length;
  };
  const separate = () => {
    if (length > 0 && pendingBreak) push(SEPARATOR);
    pendingBreak = false;
  };
  const addAttributes = (el: Element) => {
    for (const name of TEXT_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (!value || !value.trim()) continue;
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
    let descend = false;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (isSkippedElement(el)) {
        // not read
      } else if (isBlockElement(el)) {
        nested.push(el);
      } else {
        const tag = el.tagName.toUpperCase();
        if (tag === 'BR' || tag === 'HR') pendingBreak = true;
        addAttributes(el);
        if (el.shadowRoot) nested.push(el.shadowRoot);
        descend = true;
      }
    } else if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      if (value) {
        // A text node under another line-breaking element than the previous one starts a new line.
        const line = node.parentNode ? lineContainer(node.parentNode) : null;
        if (line !== lastLine) pendingBreak = true;
        lastLine = line;
        if (!value.trim()) {
          if (length > 0 && !pendingBreak) push(' ');
        } else {
          separate();
          if (withSegments) segments.push({ start: length, length: value.length, node: node as Text });
          push(value);
          chars += value.length;
          words += countWordsFast(value);
          textNodes += 1;
        }
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = !node || node === root ? null : node.nextSibling;
  }
  if (lineOwner === root) {
    lineOf.clear();
    lineOwner = null;
  }
  return { root, text: parts.join(''), segments, nested, chars: chars + Math.max(0, textNodes - 1), words };
}

/** A position in the DOM: a text node and offset, an element read through an attribute, or the document head. */
export type DomPoint =
  | { node: Text; offset: number }
  | { element: Element; attribute: string }
  | { source: 'title' | 'description' };

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
