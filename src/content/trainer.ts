/**
 * Trainer mode (opt-in, never in covert mode): paints hits with the CSS Custom Highlight API, one
 * colour per kind, shows a legend, and on hover or click a card with what was matched, the taxon,
 * its appendix and annotation, and the tactic in one sentence. Legend and card live in a CLOSED
 * shadow root. `stop()` removes every trace: highlights, style sheets, the host, the listeners.
 */
import type { Hit, Tactic } from '../engine/matcher/hit';
import { t } from '../browser/i18n';
import { OWN_NODES } from '../browser/page-text/collect';
import { PAINT_KINDS, paintKindOf, strictestAppendix, type PaintKind } from '../engine/matcher/paint-kind';

/** Highlight names registered in CSS.highlights; the prefix makes them ours. */
export const HIGHLIGHT_PREFIX = 'wildtrace-';
const FOCUS = `${HIGHLIGHT_PREFIX}focus`;

export const PAINT_COLOURS: Record<PaintKind, string> = {
  app1: '#ff8a80',
  app2: '#ffd180',
  app3: '#fff59d',
  product: '#b0bec5',
  evasion: '#ea80fc',
  code: '#80d8ff',
  hashtag: '#b9f6ca',
  cue: '#cfd8dc',
};

/** The legend's name for a colour. */
export function paintKindLabel(kind: PaintKind): string {
  switch (kind) {
    case 'app1':
      return t('trainerKindApp1');
    case 'app2':
      return t('trainerKindApp2');
    case 'app3':
      return t('trainerKindApp3');
    case 'product':
      return t('trainerKindProduct');
    case 'evasion':
      return t('trainerKindEvasion');
    case 'code':
      return t('trainerKindCode');
    case 'hashtag':
      return t('trainerKindHashtag');
    case 'cue':
      return t('trainerKindCue');
  }
}

/** One sentence per tactic, for the card. */
export function tacticSentence(tactic: Tactic): string {
  switch (tactic) {
    case 'misspelling':
      return t('tacticMisspelling');
    case 'abbreviated-genus':
      return t('tacticAbbreviatedGenus');
    case 'leetspeak':
      return t('tacticLeetspeak');
    case 'split-letters':
      return t('tacticSplitLetters');
    case 'homoglyph':
      return t('tacticHomoglyph');
    case 'accents':
      return t('tacticAccents');
    case 'hashtag':
      return t('tacticHashtag');
    case 'code-word':
      return t('tacticCodeWord');
  }
}

const HIGHLIGHT_CSS =
  PAINT_KINDS.map(
    (k) => `::highlight(${HIGHLIGHT_PREFIX}${k}) { background-color: ${PAINT_COLOURS[k]}; color: #000; }`,
  ).join('\n') + `\n::highlight(${FOCUS}) { background-color: #2962ff; color: #fff; }`;

const PANEL_CSS =
  `
:host { all: initial; }
.legend, .card { position: fixed; z-index: 2147483647; font: 12px/1.4 system-ui, sans-serif; ` +
  `color: #111; background: #fff;
  border: 1px solid #888; border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,.3); padding: 6px 8px; }
.legend { right: 8px; bottom: 8px; }
.legend h2 { font-size: 12px; margin: 0 0 4px; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid #666; }
.card { max-width: 320px; pointer-events: none; }
.card[hidden] { display: none; }
.card .match { font-weight: 600; }
.card p { margin: 2px 0; }
`;

interface Painted {
  range: Range;
  hit: Hit;
}

type HighlightCtor = new (...ranges: AbstractRange[]) => { add(r: AbstractRange): void };

function highlightApi(win: Window): { registry: Map<string, unknown>; Highlight: HighlightCtor } | null {
  const css = (win as unknown as { CSS?: { highlights?: Map<string, unknown> } }).CSS;
  const Highlight = (win as unknown as { Highlight?: HighlightCtor }).Highlight;
  return css?.highlights && Highlight ? { registry: css.highlights, Highlight } : null;
}

/** Adds a style sheet to a document or shadow root; returns how to take it away again. */
function addSheet(target: Document | ShadowRoot, css: string): () => void {
  const doc = target.nodeType === 9 ? (target as Document) : target.ownerDocument!;
  try {
    const win = doc.defaultView!;
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    return () => {
      target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  } catch {
    // Constructed sheets unavailable in this world: a <style> element marked as ours.
    const style = doc.createElement('style');
    style.textContent = css;
    OWN_NODES.add(style);
    (target.nodeType === 9 ? (doc.head ?? doc.documentElement) : target).appendChild(style);
    return () => style.remove();
  }
}

export class TrainerPainter {
  private readonly doc: Document;
  private readonly undo: (() => void)[] = [];
  private painted: Painted[] = [];
  private host: HTMLElement | null = null;
  private card: HTMLElement | null = null;
  private readonly styledRoots = new Set<Document | ShadowRoot>();
  private on = false;

  constructor(doc: Document) {
    this.doc = doc;
  }

  get active(): boolean {
    return this.on;
  }

  /** Paints the given hits (with their ranges), replacing what was painted before. */
  paint(items: Iterable<Painted>): void {
    const api = highlightApi(this.doc.defaultView!);
    if (!this.on) this.start();
    this.painted = [...items];
    if (!api) return;
    const groups = new Map<PaintKind, AbstractRange[]>();
    for (const p of this.painted) {
      const kind = paintKindOf(p.hit);
      groups.set(kind, [...(groups.get(kind) ?? []), p.range]);
      const root = p.range.startContainer.getRootNode() as Document | ShadowRoot;
      if (root.nodeType === 11 && !this.styledRoots.has(root)) {
        this.styledRoots.add(root);
        this.undo.push(addSheet(root, HIGHLIGHT_CSS));
      }
    }
    for (const kind of PAINT_KINDS) {
      const name = HIGHLIGHT_PREFIX + kind;
      const ranges = groups.get(kind);
      if (ranges?.length) api.registry.set(name, new api.Highlight(...ranges));
      else api.registry.delete(name);
    }
  }

  /** Shows one range in the focus colour for a moment (the side panel's "show"). */
  flash(range: Range, ms = 2000): void {
    const api = highlightApi(this.doc.defaultView!);
    if (!api || !this.on) return;
    api.registry.set(FOCUS, new api.Highlight(range));
    setTimeout(() => api.registry.delete(FOCUS), ms);
  }

  private start(): void {
    this.on = true;
    this.styledRoots.add(this.doc);
    this.undo.push(addSheet(this.doc, HIGHLIGHT_CSS));
    const host = this.doc.createElement('div');
    OWN_NODES.add(host);
    const shadow = host.attachShadow({ mode: 'closed' });
    this.undo.push(addSheet(shadow, PANEL_CSS));
    const legend = this.doc.createElement('div');
    legend.className = 'legend';
    legend.setAttribute('role', 'note');
    const title = this.doc.createElement('h2');
    title.textContent = t('trainerLegendTitle');
    const list = this.doc.createElement('ul');
    for (const kind of PAINT_KINDS) {
      const li = this.doc.createElement('li');
      const swatch = this.doc.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = PAINT_COLOURS[kind];
      li.append(swatch, paintKindLabel(kind));
      list.append(li);
    }
    legend.append(title, list);
    const card = this.doc.createElement('div');
    card.className = 'card';
    card.hidden = true;
    card.setAttribute('role', 'tooltip');
    shadow.append(legend, card);
    this.doc.documentElement.append(host);
    this.host = host;
    this.card = card;
    const onPointer = (e: MouseEvent) => this.showCardAt(e.clientX, e.clientY);
    this.doc.addEventListener('mousemove', onPointer, { capture: true, passive: true });
    this.doc.addEventListener('click', onPointer, { capture: true, passive: true });
    this.undo.push(() => {
      this.doc.removeEventListener('mousemove', onPointer, { capture: true });
      this.doc.removeEventListener('click', onPointer, { capture: true });
    });
  }

  /** The painted hit under a point of the viewport, if any. */
  hitAt(x: number, y: number): Painted | null {
    for (const p of this.painted) {
      for (const rect of p.range.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return p;
      }
    }
    return null;
  }

  private showCardAt(x: number, y: number): void {
    const card = this.card;
    if (!card) return;
    const found = this.hitAt(x, y);
    if (!found) {
      card.hidden = true;
      return;
    }
    fillCard(this.doc, card, found.hit);
    card.style.left = `${Math.min(x + 12, (this.doc.defaultView?.innerWidth ?? 800) - 330)}px`;
    card.style.top = `${y + 16}px`;
    card.hidden = false;
  }

  /** Removes every trace: highlights, sheets, the legend and card, the listeners. */
  stop(): void {
    const api = highlightApi(this.doc.defaultView!);
    if (api) for (const name of [...PAINT_KINDS.map((k) => HIGHLIGHT_PREFIX + k), FOCUS]) api.registry.delete(name);
    for (const undo of this.undo.splice(0)) undo();
    this.host?.remove();
    this.host = null;
    this.card = null;
    this.painted = [];
    this.styledRoots.clear();
    this.on = false;
  }
}

/** Writes a hit's explanation into the card (text only, never markup). */
export function fillCard(doc: Document, card: HTMLElement, hit: Hit): void {
  const lines: [string, string][] = [['match', `“${hit.text}” → ${hit.taxon?.name ?? hit.term}`]];
  if (hit.taxon) {
    const appendix = strictestAppendix(hit.taxon.listing);
    lines.push(['', appendix ? t('trainerCardAppendix', [hit.taxon.listing]) : t('trainerCardNotListed')]);
    if (hit.taxon.annotation) lines.push(['', hit.taxon.annotation]);
    if (hit.taxon.coveredBy) lines.push(['', t('trainerCardCoveredBy', [hit.taxon.coveredBy])]);
  } else if (hit.refersTo) {
    lines.push(['', t('trainerCardRefersTo', [hit.refersTo])]);
  }
  for (const tactic of hit.tactics) lines.push(['', tacticSentence(tactic)]);
  if (hit.kind === 'cue') lines.push(['', t('trainerCardCue')]);
  card.replaceChildren(
    ...lines.map(([cls, text]) => {
      const p = doc.createElement('p');
      if (cls) p.className = cls;
      p.textContent = text;
      return p;
    }),
  );
}
