// Elements whose text the reader never sees.
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS']);

/**
 * Collects the text a reader of the page can see, walking text nodes (and open shadow roots)
 * without touching the page: no layout reads such as `innerText`, no changes.
 */
export function collectVisibleText(root: Node): string {
  const doc = root.ownerDocument ?? (root as Document);
  const parts: string[] = [];
  const visit = (start: Node) => {
    const walker = doc.createTreeWalker(start, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          const el = node as Element;
          if (SKIPPED.has(el.tagName.toUpperCase()) || el.hasAttribute('hidden')) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_SKIP;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const value = n.nodeValue;
      if (value && value.trim()) parts.push(value);
    }
    // Open shadow roots hold text too (custom elements, widgets).
    const withShadow = (start as Element | Document).querySelectorAll?.('*') ?? [];
    for (const el of withShadow) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(root);
  return parts.join(' ');
}
