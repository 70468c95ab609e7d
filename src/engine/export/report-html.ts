/**
 * report.html: a self-contained, printable report for prosecutors. No scripts; a strict CSP meta
 * tag; every string that comes from a page, the officer or the stored files is HTML-escaped (and
 * CSS-escaped where it goes into the print header); URLs are shown as text, never as links (a
 * click would reveal the officer to the seller); the only links jump within the report.
 * Screenshots are referenced relatively (captures/…/screenshot.png), so the report stays small
 * and each image exists once in the archive: unzip the case file, then open report.html.
 *
 * It wears the design system of the extension pages (src/design, embedded through the generated
 * design-css.ts) and has a print stylesheet: "Print → Save as PDF" gives A4 pages with the case
 * reference at the top, page numbers at the bottom and every capture starting on a new page.
 */
import { ARTEFACTS, CASE_FILES, captureNumber } from '../evidence/case-file-names';
import { type ClockStepBack, clockStepsBack, formatDuration } from '../evidence/clock';
import type { CaptureMetadata } from '../evidence/model';
import { formatFingerprint } from '../evidence/signing';
import {
  ANNOTATION_KINDS,
  ANNOTATION_STYLES,
  type AnnotationKind,
  annotationKindOf,
  BOX_COLOURS_METHOD,
} from './annotation-style';
import {
  type ExportContext,
  type ExportedCapture,
  type HitView,
  hitView,
  sequenceOf,
  wildlifeMentions,
} from './context';
import { DESIGN_CSS } from './design-css';
import { groupIndicators, INDICATOR_GROUP_TITLES } from './indicator-rows';
import type { LabelRecord, Signed } from '../evidence/model';
import { labelsOf, type LabelsOfCapture, labelWord } from './officer-labels';
import type { RiskView } from './risk-view';
import { activeTags } from './tables';
import { captureTimes } from './times';
import { removalsSection } from './removals';

/** How many scored blocks the report lists per capture (all of them are in risk.json). */
export const REPORT_MAX_BLOCKS = 10;

const signed = (w: number) => `${w > 0 ? '+' : ''}${Math.round(w * 100) / 100}`;

export const REPORT_CSP = [
  "default-src 'none'",
  "img-src 'self' data: file:",
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The page frame both printable reports share: background, centred column, header, kicker, title. */
const REPORT_FRAME_CSS = `
body{background:var(--wt-bg)}
.report{max-width:1040px;margin:0 auto;padding:var(--wt-space-5) var(--wt-space-4) var(--wt-space-7)}
.report-head{border-bottom:2px solid var(--wt-border-strong);padding-bottom:var(--wt-space-3);
  margin-bottom:var(--wt-space-4)}
.kicker{color:var(--wt-text-muted);font-size:var(--wt-text-sm);text-transform:uppercase;letter-spacing:.06em;margin:0}
h1{font-size:var(--wt-text-2xl);margin:var(--wt-space-1) 0}
`;

/**
 * A static report's document up to `<body>`: its strict CSP, no referrer, the title, the design
 * system and the frame, then the report's own rules.
 */
export function reportDocumentStart(title: string, css: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${DESIGN_CSS}
${REPORT_FRAME_CSS}${css}</style></head><body>`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * A CSS string literal ("…") holding any text: everything but letters, digits, spaces and plain
 * punctuation is written as a hex escape, so quotes, backslashes, line breaks and "</style>"
 * from a case title cannot end the string or the style element.
 */
export function cssString(value: string): string {
  const body = [...value]
    .map((ch) => (/^[A-Za-z0-9 _.,:;!?()\[\]#+=@%\/-]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `))
    .join('');
  return `"${body}"`;
}

/** The number of a capture as shown everywhere: "#1". */
const numberOf = (e: { sequence: number }) => `#${captureNumber(e.sequence)}`;
const anchorOf = (e: { sequence: number }) => `capture-${captureNumber(e.sequence)}`;

function row(label: string, value: string): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${value}</td></tr>`;
}

/** A table's column headers; a label ending in "#" is a number column ("Times found#"), aligned right. */
function head(...labels: string[]): string {
  const cell = (l: string) =>
    l.endsWith('#')
      ? `<th scope="col" class="num">${escapeHtml(l.slice(0, -1))}</th>`
      : `<th scope="col">${escapeHtml(l)}</th>`;
  return `<thead><tr>${labels.map(cell).join('')}</tr></thead>`;
}

function swatch(kind: AnnotationKind): string {
  return `<span class="swatch k-${kind}" aria-hidden="true"></span>`;
}

/** "Appendix II species" with its colour swatch. */
function markedAs(kind: AnnotationKind): string {
  return `<span class="marked">${swatch(kind)}${escapeHtml(ANNOTATION_STYLES[kind].label)}</span>`;
}

/** The pill class of a listing ("I/II" → "app-I-II"), as the extension pages use it. */
const pillOf = (listing: string) =>
  `<span class="pill app-${escapeHtml(listing.replace(/[^A-Z]+/g, '-').replace(/^-|-$/g, ''))}">` +
  `${escapeHtml(listing)}</span>`;

/** The "Sale-offer risk" part of a capture: score, verdict, method, every signal with its weight. */
export function riskSection(risk: RiskView, officerLabel = ''): string {
  const parts = ['<h3>Sale-offer risk</h3>'];
  if (risk.state === 'absent') {
    parts.push(`<p class="muted">No risk record (${ARTEFACTS.risk}) was stored with this capture.</p>`);
    return parts.join('\n');
  }
  if (risk.state === 'unreadable') {
    parts.push(
      `<p class="warn">${ARTEFACTS.risk} could not be read: ${escapeHtml(risk.reason)}. No score is shown; ` +
        'the file is in the capture folder exactly as stored.</p>',
    );
    return parts.join('\n');
  }
  if (risk.state === 'unscored') {
    parts.push(`<p class="muted">The page was not scored: ${escapeHtml(risk.method)}</p>`);
    return parts.join('\n');
  }
  const verdict = risk.saleOffer
    ? 'Looks like an offer to sell (at or above the threshold)'
    : 'Below the sale-offer threshold';
  const threshold =
    risk.threshold !== undefined ? ` <span class="muted">(threshold ${escapeHtml(risk.threshold)})</span>` : '';
  parts.push(`<table class="facts-table">
${row('Score (0–100)', `<strong>${escapeHtml(risk.score)}</strong>${threshold}`)}
${row('Verdict', `<span class="${risk.saleOffer ? 'warn' : 'muted'}">${escapeHtml(verdict)}</span>`)}
${officerLabel ? row('Officer’s label', officerLabel) : ''}
${row('Method', escapeHtml(risk.method))}
${risk.note ? row('Note', escapeHtml(risk.note)) : ''}
</table>`);
  if (!risk.signals.length) parts.push('<p class="muted">No signals.</p>');
  else {
    parts.push(`<table>${head('Signal', 'Kind', 'Text on the page', 'Weight#')}<tbody>`);
    for (const s of risk.signals) {
      const note = s.note ? ` <span class="muted">(${escapeHtml(s.note)})</span>` : '';
      parts.push(
        `<tr><td>${escapeHtml(s.label)}${note}</td><td>${escapeHtml(s.kind)}</td>` +
          `<td>“${escapeHtml(s.text)}”</td><td class="num">${escapeHtml(signed(s.weight))}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  if (risk.blocks.length) {
    const shown = risk.blocks.slice(0, REPORT_MAX_BLOCKS);
    const more =
      risk.blocks.length > shown.length ? `; the first ${shown.length} shown, all are in ${ARTEFACTS.risk}` : '';
    parts.push(`<p>Scored blocks of the page (${escapeHtml(risk.blocks.length)}, riskiest first${more}):</p>`);
    parts.push(`<table>${head('Score#', 'Sale offer', 'Signals#', 'Text')}<tbody>`);
    for (const b of shown) {
      parts.push(
        `<tr><td class="num">${escapeHtml(b.score)}</td><td>${b.saleOffer ? 'yes' : 'no'}</td>` +
          `<td class="num">${escapeHtml(b.signalCount)}</td>` +
          `<td class="muted snippet">${escapeHtml(b.snippet)}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  return parts.join('\n');
}

/** A label in force: the words, who set it and when. */
function labelHtml(l: Signed<LabelRecord>): string {
  const when = captureTimes({ capturedAt: l.body.createdAt, localOffset: '' }).utc;
  const cls = l.body.label === 'offer' ? 'warn' : 'muted';
  return (
    `<strong class="${cls}">${escapeHtml(labelWord(l))}</strong> ` +
    `<span class="muted small">(${escapeHtml(`${l.body.author}, ${when}`)})</span>`
  );
}

/**
 * The officer's labels of a capture: the page's (also beside the verdict) and each listing's, with
 * its text; nothing when the capture was never labelled.
 */
function officerLabelsSection(labels: LabelsOfCapture): string {
  if (!labels.recordCount) return '';
  const parts = ['<h3>Officer’s labels</h3>'];
  const history = `${labels.recordCount} signed label record${labels.recordCount === 1 ? '' : 's'}, changes included`;
  parts.push(`<p class="muted small">The latest label of each subject is in force (${history}).</p>`);
  const rows = [labels.page, ...labels.listings].filter((l) => l !== undefined);
  if (!rows.length) {
    parts.push('<p class="muted">Every label was cleared.</p>');
    return parts.join('\n');
  }
  parts.push(`<table>${head('Subject', 'Label')}<tbody>`);
  for (const l of rows) {
    const subject =
      l.body.subject.kind === 'listing'
        ? `Listing: <span class="snippet">“${escapeHtml(l.body.subject.text.slice(0, 200))}”</span>`
        : 'The whole page';
    parts.push(`<tr><td>${subject}</td><td>${labelHtml(l)}</td></tr>`);
  }
  parts.push('</tbody></table>');
  return parts.join('\n');
}

/** The report's own rules, on top of the design system: layout, legend swatches, print. */
function reportCss(ctx: ExportContext): string {
  const c = ctx.case;
  const header = c.reference ? `Case ${c.reference}: ${c.title}` : `Case: ${c.title}`;
  const swatches = ANNOTATION_KINDS.map(
    (k) => `.k-${k}{background:${ANNOTATION_STYLES[k].fill};border-color:${ANNOTATION_STYLES[k].line}}`,
  ).join('\n');
  return `
h2{margin-top:var(--wt-space-5)}
h3{margin-top:var(--wt-space-4)}
h4{margin-top:var(--wt-space-3);color:var(--wt-text-muted)}
.facts-table th{width:15rem;background:none;color:var(--wt-text-muted);font-weight:var(--wt-weight-medium)}
.hash,.fingerprint{font-family:var(--wt-font-mono);font-size:var(--wt-text-xs);overflow-wrap:anywhere}
.fingerprint{font-size:var(--wt-text-sm);font-weight:var(--wt-weight-bold)}
.capture{border-top:2px solid var(--wt-border-strong);margin-top:var(--wt-space-6);padding-top:var(--wt-space-2)}
.capture-when{color:var(--wt-text-muted);margin-bottom:var(--wt-space-3)}
figure{margin:0 0 var(--wt-space-3)}
figure img{display:block;max-width:100%;height:auto;border:1px solid var(--wt-border-strong)}
figcaption{font-size:var(--wt-text-sm);margin-top:var(--wt-space-2)}
.legend{list-style:none;padding:0;margin:var(--wt-space-1) 0;display:flex;flex-wrap:wrap;
  gap:var(--wt-space-1) var(--wt-space-4)}
.legend li{display:flex;align-items:center;gap:var(--wt-space-1)}
.swatch{display:inline-block;width:14px;height:14px;border:2px solid;border-radius:2px;flex:none;vertical-align:-2px;
  margin-right:var(--wt-space-1);-webkit-print-color-adjust:exact;print-color-adjust:exact}
.marked{white-space:nowrap}
${swatches}
.steps li{margin-bottom:var(--wt-space-2)}
pre.command{background:var(--wt-surface);border:1px solid var(--wt-border);border-radius:var(--wt-radius-sm);
  padding:var(--wt-space-2);white-space:pre-wrap;overflow-wrap:anywhere;margin:var(--wt-space-1) 0}
.note{border-left:3px solid var(--wt-border-strong);padding-left:var(--wt-space-2);margin:0 0 var(--wt-space-2)}
.contents td:first-child{white-space:nowrap}
td{overflow-wrap:break-word}
.nowrap{white-space:nowrap}
.indicators{table-layout:fixed}
.indicators th:nth-child(1){width:16%}.indicators th:nth-child(2){width:24%}.indicators th:nth-child(3){width:25%}
.indicators th:nth-child(4){width:24%}.indicators th:nth-child(5){width:11%}
.snippet{overflow-wrap:anywhere}
caption{caption-side:top;text-align:left;color:var(--wt-text-muted);font-size:var(--wt-text-sm);
  padding:var(--wt-space-1) 0}
@page{size:A4;margin:16mm 14mm 18mm;
  @top-left{content:${cssString(header)};font:9pt system-ui,sans-serif;color:#4f5b67}
  @top-right{content:"Wildtrace case file";font:9pt system-ui,sans-serif;color:#4f5b67}
  @bottom-left{content:${cssString(`Exported ${ctx.exportedAt}`)};font:8pt system-ui,sans-serif;color:#4f5b67}
  @bottom-right{content:"Page " counter(page) " of " counter(pages);font:9pt system-ui,sans-serif;color:#4f5b67}}
@media print{
  :root{color-scheme:light}
  body{font-size:10pt}
  .report{max-width:none;padding:0}
  .capture{break-before:page;border-top:0;margin-top:0;padding-top:0}
  h2,h3,h4{break-after:avoid}
  figure,tr,.note,pre{break-inside:avoid}
  thead{display:table-header-group}
  figure img{max-height:150mm;width:auto;margin:0 auto}
  a{color:inherit;text-decoration:none}
  .screen-only{display:none}
}
`;
}

interface HitGroup {
  first: HitView;
  kinds: Set<AnnotationKind>;
  written: string[];
  count: number;
}

function addTo(groups: Map<string, HitGroup>, key: string, h: HitView, kind: AnnotationKind) {
  const g = groups.get(key) ?? { first: h, kinds: new Set<AnnotationKind>(), written: [], count: 0 };
  g.count++;
  g.kinds.add(kind);
  if (h.text && !g.written.includes(h.text)) g.written.push(h.text);
  groups.set(key, g);
}

const TERM_KINDS: Readonly<Record<string, string>> = {
  product: 'Product word',
  code: 'Code word',
  'sale-cue': 'Sale cue',
  'buy-cue': 'Buy cue',
  'contact-cue': 'Contact cue',
  negation: 'Negation',
  agency: 'Agency term',
};
const TACTICS: Readonly<Record<string, string>> = {
  misspelling: 'misspelt',
  'abbreviated-genus': 'genus abbreviated',
  leetspeak: 'digits for letters',
  'split-letters': 'letters split apart',
  homoglyph: 'look-alike letters of another script',
  accents: 'accents changed',
  hashtag: 'inside a hashtag',
  'code-word': 'code word',
};

function hitKindLabel(h: HitView): string {
  if (h.kind === 'hashtag') return 'Hashtag';
  if (h.termKind && TERM_KINDS[h.termKind]) return TERM_KINDS[h.termKind];
  if (h.kind === 'cue') return 'Cue';
  if (h.kind === 'trade-term') return 'Trade term';
  return h.kind;
}

/**
 * The CITES annotation and the higher taxon a name is covered by, each once: the checklist's
 * annotation often already says "Included in Pythonidae spp.", which `coveredBy` repeats.
 */
export function annotationText(h: Pick<HitView, 'annotation' | 'coveredBy'>): string {
  const annotation = h.annotation?.trim() ?? '';
  const covered = h.coveredBy?.trim() ?? '';
  if (!covered || annotation.toLowerCase().includes(covered.toLowerCase())) return annotation;
  return [annotation, `Included in ${covered}`].filter(Boolean).join('; ');
}

function hitsSections(hits: readonly unknown[]): string {
  const taxa = new Map<string, HitGroup>();
  const others = new Map<string, HitGroup>();
  for (const raw of hits) {
    const h = hitView(raw);
    const kind = annotationKindOf(raw);
    if (h.taxonName) addTo(taxa, h.taxonName, h, kind);
    else addTo(others, JSON.stringify([h.kind, h.termKind ?? '', h.term.toLowerCase()]), h, kind);
  }
  const mentions = wildlifeMentions(hits);
  const parts: string[] = [
    `<p class="mentions"><strong>${mentions} wildlife ${mentions === 1 ? 'mention' : 'mentions'}</strong> ` +
      '<span class="muted">(counted as the extension counts them: hits that overlap are one mention, sale and ' +
      'contact cues are not counted)</span></p>',
    '<h3>Species mentioned</h3>',
  ];
  if (taxa.size === 0) parts.push('<p class="muted">None.</p>');
  else {
    parts.push(
      `<table>${head('Taxon', 'CITES appendix', 'Annotation', 'As written on the page', 'Times found#', 'Marked as')}` +
        '<tbody>',
    );
    for (const [name, g] of [...taxa].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const h = g.first;
      const rank = h.rank ? ` <span class="muted small">(${escapeHtml(h.rank.toLowerCase())})</span>` : '';
      parts.push(
        `<tr><td><i>${escapeHtml(name)}</i>${rank}</td><td>${h.listing ? pillOf(h.listing) : '—'}</td>` +
          `<td>${escapeHtml(annotationText(h) || '—')}</td><td>${g.written.map(escapeHtml).join(', ')}</td>` +
          `<td class="num">${g.count}</td><td>${[...g.kinds].map(markedAs).join('<br>')}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  parts.push('<h3>Trade terms, code words, hashtags and cues</h3>');
  if (others.size === 0) parts.push('<p class="muted">None.</p>');
  else {
    parts.push(
      `<table>${head('Kind', 'As written on the page', 'Term', 'Disguise', 'Times found#', 'Marked as')}<tbody>`,
    );
    for (const g of others.values()) {
      const h = g.first;
      const refers = h.refersTo ? ` <span class="muted">(refers to ${escapeHtml(h.refersTo)})</span>` : '';
      const tactics = h.tactics.map((t) => TACTICS[t] ?? t).join(', ');
      parts.push(
        `<tr><td>${escapeHtml(hitKindLabel(h))}</td><td>${g.written.map((w) => `“${escapeHtml(w)}”`).join(', ')}</td>` +
          `<td>${escapeHtml(h.term)}${refers}</td><td>${escapeHtml(tactics || '—')}</td>` +
          `<td class="num">${g.count}</td><td>${[...g.kinds].map(markedAs).join('<br>')}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  return parts.join('\n');
}

function indicatorsSection(indicators: readonly unknown[]): string {
  const parts = ['<h3>Seller indicators</h3>'];
  const groups = groupIndicators(indicators);
  if (!groups.length) parts.push('<p class="muted">None.</p>');
  for (const { group, items } of groups) {
    parts.push(`<h4>${escapeHtml(INDICATOR_GROUP_TITLES[group])}</h4>`);
    // One column layout for every group, so the tables line up; identifiers in a fixed-width font,
    // kept on one line when short (a phone number must never wrap).
    parts.push(
      `<table class="indicators">${head('What', 'Value', 'As written on the page', 'Details', 'Times found#')}<tbody>`,
    );
    for (const { row: r, count, written } of items) {
      const id = r.group === 'contact' || r.type === 'crypto';
      const cls = [id ? 'mono' : '', r.value.length <= 24 ? 'nowrap' : 'wrap-anywhere'].filter(Boolean).join(' ');
      parts.push(
        `<tr><td>${escapeHtml(r.label)}</td><td><strong class="${cls}">${escapeHtml(r.value)}</strong></td>` +
          `<td>${written.map((w) => `“${escapeHtml(w)}”`).join(', ') || '—'}</td>` +
          `<td class="muted">${escapeHtml(r.details || '—')}</td><td class="num">${count}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  return parts.join('\n');
}

/** Which page archives a capture holds, in words; saying so when it holds none. */
export function archivesFact(names: readonly string[]): string {
  const held = [
    names.includes(ARTEFACTS.archiveHtml) &&
      `${ARTEFACTS.archiveHtml} (self-contained HTML, styles and images inlined)`,
    names.includes(ARTEFACTS.mhtml) && `${ARTEFACTS.mhtml} (MHTML, Chromium)`,
  ].filter((x): x is string => !!x);
  return held.length ? held.join('; ') : `none: only the serialised DOM (${ARTEFACTS.html}), without images or styles`;
}

/**
 * The images' measured sizes and the scale the boxes were drawn at. Records made before these
 * were measured have none (their boxes were drawn at the viewport's reported ratio).
 */
function imagesFact(m: CaptureMetadata): string {
  const g = m.imageGeometry;
  if (!g || typeof g !== 'object' || !g.screenshot || !g.scale) return 'not recorded (older capture)';
  const size = (s: { width: number; height: number }) => `${s.width}×${s.height} px`;
  const scale = g.scale.x === g.scale.y ? `${g.scale.x}×` : `${g.scale.x}× across, ${g.scale.y}× down`;
  const reported =
    g.reportedDevicePixelRatio !== g.scale.x || g.reportedDevicePixelRatio !== g.scale.y
      ? `; the page reported a pixel ratio of ${g.reportedDevicePixelRatio}×, not used`
      : '';
  const full = g.fullPage ? `; full page ${size(g.fullPage)}` : '';
  return `screenshot ${size(g.screenshot)}, boxes drawn at ${scale} (measured)${reported}${full}`;
}

/** The screenshot with its legend: the colours of the kinds found, and how the boxes were made. */
function screenshotFigure(x: ExportedCapture): string {
  const e = x.entry;
  const m = e.record.metadata;
  const annotated = e.artefacts.find((a) => a.name === ARTEFACTS.screenshotAnnotated);
  const plain = e.artefacts.find((a) => a.name === ARTEFACTS.screenshot);
  const shot = annotated ?? plain;
  if (!shot) return '<p class="muted">No screenshot was stored with this capture.</p>';
  const title = m.title ? `, “${m.title}”` : '';
  const parts = ['<figure>'];
  const alt = annotated
    ? `Annotated screenshot of capture ${numberOf(e)}${title}: the visible part of the page, with boxes around the hits`
    : `Screenshot of capture ${numberOf(e)}${title}: the visible part of the page`;
  parts.push(`<img src="${escapeHtml(shot.path)}" alt="${escapeHtml(alt)}">`);
  parts.push('<figcaption>');
  if (annotated) {
    const methods = m.methods ?? {};
    const counts = new Map<AnnotationKind, number>();
    for (const raw of x.hits) counts.set(annotationKindOf(raw), (counts.get(annotationKindOf(raw)) ?? 0) + 1);
    if (methods[BOX_COLOURS_METHOD] && counts.size) {
      parts.push('<p>Box colours (hits of each kind in hits.json):</p><ul class="legend">');
      for (const k of ANNOTATION_KINDS) {
        const n = counts.get(k);
        if (n) parts.push(`<li>${swatch(k)}${escapeHtml(ANNOTATION_STYLES[k].label)} (${n})</li>`);
      }
      parts.push('</ul>');
    } else if (!methods[BOX_COLOURS_METHOD]) {
      parts.push('<p>The boxes of this screenshot were drawn by an earlier version, all in one colour.</p>');
    }
    const how = methods.annotated ? `How the boxes were made: ${methods.annotated}. ` : '';
    const original = plain ? ` The screenshot without boxes is ${escapeHtml(plain.path)}.` : '';
    parts.push(
      `<p class="muted">${escapeHtml(how)}Hits in the page title, in frames or outside the visible part of the ` +
        `page have no box.${original}</p>`,
    );
  }
  parts.push('</figcaption></figure>');
  return parts.join('\n');
}

/** The capture clock went back before this capture: said where the time is, with the step's size. */
function clockNote(step: ClockStepBack | undefined): string {
  if (!step) return '';
  const before = captureNumber(step.previousSequence);
  return (
    `<p class="warn clock-back">The clock went back: this capture is timed ${formatDuration(step.ms)} before ` +
    `capture #${before}, which was taken before it (the chain keeps the order of capture). The times are as the ` +
    'collector’s computer clock gave them; it was set back between the two captures.</p>'
  );
}

/**
 * The requested address, or why there is none: a page loaded before the extension watched the
 * tab has no requested URL, which the record's methods say (older records say nothing).
 */
function requestedCell(m: CaptureMetadata): string {
  if (m.requestedUrl) return `<span class="mono wrap-anywhere">${escapeHtml(m.requestedUrl)}</span>`;
  const why = m.methods?.requestedUrl;
  return why ? `Not observed (${escapeHtml(why.replace(/^not observed: /, ''))})` : '—';
}

function captureSection(x: ExportedCapture, step?: ClockStepBack): string {
  const e = x.entry;
  const m = e.record.metadata;
  const times = captureTimes(m);
  const n = numberOf(e);
  const parts: string[] = [];
  parts.push(`<section class="capture" id="${anchorOf(e)}" aria-labelledby="${anchorOf(e)}-h">`);
  parts.push(`<h2 id="${anchorOf(e)}-h">Capture ${n}: ${escapeHtml(m.title || m.finalUrl)}</h2>`);
  const local = times.local ? ` · ${escapeHtml(times.local)} (officer’s local time)` : '';
  parts.push(`<p class="capture-when">Captured ${escapeHtml(times.utc)}${local}</p>`);
  parts.push(clockNote(step));
  parts.push(screenshotFigure(x));
  parts.push('<h3>Page, time and collector</h3>');
  parts.push(`<table class="facts-table"><tbody>
${row('Page address (final)', `<span class="mono wrap-anywhere">${escapeHtml(m.finalUrl)}</span>`)}
${row('Address requested', requestedCell(m))}
${row('Page title', escapeHtml(m.title || '—'))}
${row('Captured (UTC)', escapeHtml(`${times.utc}, ${m.clockSource}`))}
${row('Captured (officer’s local time)', escapeHtml(times.local ?? `unknown (offset ${m.localOffset})`))}
${row('Officer / agency', escapeHtml(`${m.officer} / ${m.agency}`))}
${row('Online identity used', escapeHtml(m.onlineIdentity || '—'))}
${row('Browser / OS', escapeHtml(`${m.browser} / ${m.os}`))}
${row('Extension / lexicon', escapeHtml(`${m.extensionVersion} / ${m.lexiconVersion}`))}
${row('Viewport', escapeHtml(`${m.viewport?.width}×${m.viewport?.height} px at ${m.viewport?.devicePixelRatio}×`))}
${row('Images', escapeHtml(imagesFact(m)))}
${row('Page archives', escapeHtml(archivesFact(e.artefacts.map((a) => a.name))))}
${row('Folder in the case file', `<span class="mono">${escapeHtml(e.folder)}/</span>`)}
</tbody></table>`);
  parts.push(hitsSections(x.hits));
  parts.push(indicatorsSection(x.indicators));
  const labels = labelsOf(e);
  parts.push(riskSection(x.risk, labels.page ? labelHtml(labels.page) : ''));
  parts.push(officerLabelsSection(labels));
  parts.push('<h3>Notes and tags</h3>');
  const tags = activeTags(e.tags.map((t) => t.body));
  parts.push(
    `<p>Tags: ${tags.length ? tags.map((t) => `<span class="pill">${escapeHtml(t)}</span>`).join(' ') : '—'}</p>`,
  );
  if (!e.notes.length) parts.push('<p class="muted">No notes.</p>');
  for (const note of e.notes) {
    const by = escapeHtml(
      `${note.body.author}, ${captureTimes({ capturedAt: note.body.createdAt, localOffset: '' }).utc}`,
    );
    parts.push(`<p class="note">${escapeHtml(note.body.text)}<br><span class="muted small">${by}</span></p>`);
  }
  parts.push('<h3>Integrity of this capture</h3>');
  const ts = e.timestamp ? escapeHtml(`${e.timestamp.genTime} from ${e.timestamp.tsaUrl}`) : 'none';
  const previous = e.previousRecordHash ?? '(first capture of the case)';
  parts.push(`<table class="facts-table"><tbody>
${row('Record hash (SHA-256)', `<span class="hash">${escapeHtml(e.recordHash)}</span>`)}
${row('Previous record hash', `<span class="hash">${escapeHtml(previous)}</span>`)}
${row('Trusted timestamp (RFC 3161)', ts)}
</tbody></table>`);
  // A caption: in print, a long capture's file list may start a page of its own.
  const caption = `<caption>Files of capture ${n}, with the SHA-256 fixed in its signed record</caption>`;
  parts.push(`<table class="files">${caption}${head('File', 'Type', 'Bytes#', 'SHA-256')}<tbody>`);
  for (const a of e.artefacts) {
    parts.push(
      `<tr><td class="mono">${escapeHtml(a.name)}</td><td>${escapeHtml(a.mediaType)}</td>` +
        `<td class="num">${escapeHtml(a.size)}</td><td class="hash">${escapeHtml(a.sha256)}</td></tr>`,
    );
  }
  parts.push('</tbody></table>');
  parts.push('</section>\n');
  return parts.join('\n');
}

/** "How to verify", in plain words: the CLI, the extension's verify page, the fingerprint to compare. */
function howToVerify(ctx: ExportContext): string {
  const fp = ctx.publicKey.fingerprint;
  const officer = ctx.case.officer ? ` (${escapeHtml(ctx.case.officer)})` : '';
  return `<section id="verify" aria-labelledby="verify-h">
<h2 id="verify-h">How to verify this case file</h2>
<p>This report is one file inside the case file (the ZIP archive). It cannot vouch for itself: check the ZIP
as a whole, in one of the ways below. A check fails if any file was changed, removed or added after the export,
or if a capture was removed from, added to or moved within the case.</p>
<ol class="steps">
<li><strong>Compare the signing key.</strong> Every capture in this file is signed with the key whose fingerprint is
<span class="fingerprint">${escapeHtml(formatFingerprint(fp))}</span>. Ask the officer${officer} for the fingerprint
shown on the Wildtrace options page of their browser (“Signing key”), by a channel other than this file, such as a
phone call or a signed letter. The two must be the same, digit for digit.</li>
<li><strong>On a computer, with the command line</strong> (Node.js 20 or later, in a copy of the Wildtrace
project):
<pre class="command">npx wildtrace verify CASEFILE.zip --expect-fingerprint ${escapeHtml(fp)}</pre>
It ends with “RESULT: INTACT - every check passed, signed by the expected key” when everything is as exported;
otherwise it lists each problem. An agency can keep its officers’ fingerprints in a known-keys file and give
<code>--known-keys FILE</code> instead. With neither, it can only say “INTACT AS SIGNED”: anyone can re-sign a case
file with a key of their own.
</li>
<li><strong>In the Wildtrace browser extension:</strong> open “Verify a case file” (linked from the side panel and
the options page), choose the ZIP file and enter the officer’s fingerprint (or load the agency’s known-keys file).
It says “Signature valid: nothing in this case file was altered.”, or lists what is wrong; without a fingerprint
it says the file is intact as signed and the key was not checked.</li>
<li><strong>Without Wildtrace:</strong> unzip the file and run <code>sha256sum -c ${CASE_FILES.sums}</code> in its
folder; every line must end in “OK”. This shows that the files match the list, not who made the list: only the
signature checks above show that.</li>
</ol>
<p class="muted">What is checked: the SHA-256 of every file (listed in ${CASE_FILES.manifest} and
${CASE_FILES.sums}), the chain that links each capture to the one before it, the signatures, trusted timestamps
when present, and the audit log of everything done in the extension.</p>
</section>`;
}

/** The report as a list of HTML chunks (one per capture), ready to stream into the archive. */
export function reportHtml(ctx: ExportContext): string[] {
  const c = ctx.case;
  const out: string[] = [];
  const title = c.reference ? `Case ${c.reference}: ${c.title}` : `Case: ${c.title}`;
  const kinds = new Set(ctx.captures.flatMap((x) => x.hits.map(annotationKindOf)));
  const fingerprint = formatFingerprint(ctx.publicKey.fingerprint);
  const steps = new Map(
    clockStepsBack(
      ctx.captures.map(({ entry: e }) => ({
        captureId: e.captureId,
        sequence: e.sequence,
        capturedAt: e.record.metadata.capturedAt,
        recordHash: e.recordHash,
      })),
      ctx.audit,
    ).map((step) => [step.captureId, step]),
  );
  const largest = Math.max(0, ...[...steps.values()].map((step) => step.ms));
  const clockRow = steps.size
    ? row(
        'Capture clock',
        `<span class="warn">went back ${steps.size} time${steps.size === 1 ? '' : 's'} between captures, ` +
          `by up to ${formatDuration(largest)} (see the captures concerned)</span>`,
      )
    : '';
  const deletions = ctx.deletionsElsewhere ?? [];
  const deletionsRow = deletions.length
    ? row(
        'Other cases deleted',
        `${deletions.length} on this install before this export, each recorded in the audit log; their ` +
          'titles, references and reasons belong to other investigations and are withheld. Entry hashes: ' +
          deletions.map((h) => `<span class="hash">${escapeHtml(h)}</span>`).join(', '),
      )
    : '';
  const none = ' <span class="muted">(none in this file)</span>';
  const legend = ANNOTATION_KINDS.map(
    (k) => `<li>${swatch(k)}${escapeHtml(ANNOTATION_STYLES[k].label)}${kinds.has(k) ? '' : none}</li>`,
  ).join('\n');
  const contents = ctx.captures.map((x) => {
    const e = x.entry;
    const m = e.record.metadata;
    const species = [...new Set(x.hits.map((h) => hitView(h).taxonName).filter(Boolean))].sort();
    const names = species.map((s) => `<i>${escapeHtml(s)}</i>`).join(', ') || '—';
    const verdict = x.risk.state === 'scored' ? `${x.risk.score}${x.risk.saleOffer ? ' (offer)' : ''}` : '—';
    const officer = labelWord(labelsOf(e).page);
    const score = officer ? `${verdict}; officer: ${officer}` : verdict;
    return (
      `<tr><td><a href="#${anchorOf(e)}">${numberOf(e)}</a></td><td>${escapeHtml(captureTimes(m).utc)}</td>` +
      `<td>${escapeHtml(m.title || '—')}<br>` +
      `<span class="mono small muted wrap-anywhere">${escapeHtml(m.finalUrl)}</span></td>` +
      `<td class="num">${escapeHtml(score)}</td><td class="num">${wildlifeMentions(x.hits)}</td>` +
      `<td>${names}</td></tr>`
    );
  });
  const columns = head('Capture', 'Captured (UTC)', 'Page', 'Sale-offer score#', 'Wildlife mentions#', 'Species');
  const contentsTable = contents.length
    ? `<table class="contents">${columns}<tbody>\n${contents.join('\n')}\n</tbody></table>`
    : '<p class="muted">None.</p>';
  out.push(`${reportDocumentStart(`${title} · Wildtrace case file report`, reportCss(ctx))}
<div class="report">
<header class="report-head">
<p class="kicker">Wildtrace case file report</p>
<h1>${escapeHtml(c.title)}</h1>
<p>Case reference: <strong>${escapeHtml(c.reference || '—')}</strong></p>
</header>
<main>
<section aria-labelledby="case-h">
<h2 id="case-h">The case</h2>
<table class="facts-table"><tbody>
${row('Case reference', escapeHtml(c.reference || '—'))}
${row('Case title', escapeHtml(c.title))}
${row('Case id', `<span class="mono">${escapeHtml(c.caseId)}</span>`)}
${row('Officer', escapeHtml(c.officer))}
${row('Agency', escapeHtml(c.agency))}
${row('Case opened (UTC)', escapeHtml(captureTimes({ capturedAt: c.createdAt, localOffset: '' }).utc))}
${row('Captures in this file', escapeHtml(ctx.captures.length))}
${row('Exported (UTC)', escapeHtml(captureTimes({ capturedAt: ctx.exportedAt, localOffset: '' }).utc))}
${row('Exported with', escapeHtml(`${ctx.tool.name} ${ctx.tool.version}`))}
${row('Signing key fingerprint (SHA-256)', `<span class="fingerprint">${escapeHtml(fingerprint)}</span>`)}
${clockRow}${deletionsRow}</tbody></table>
<p class="muted">The hits below show what the CITES checklist data says about the words on each page
(appendix, annotation), not a legal finding: legality depends on permits, origin and national law.</p>
</section>
${howToVerify(ctx)}
<section aria-labelledby="contents-h">
<h2 id="contents-h">Captures in this file</h2>
${contentsTable}
</section>
${removalsSection(ctx.audit ?? [], c.caseId, sequenceOf(ctx), escapeHtml)}<section aria-labelledby="legend-h">
<h2 id="legend-h">Colours on the annotated screenshots</h2>
<p>Each box on an annotated screenshot surrounds one hit listed for that capture, in the colour of its kind
(the colours of the extension’s trainer mode); a hit inside another one, such as a word inside a hashtag, is
underlined in its colour instead:</p>
<ul class="legend">
${legend}
</ul>
</section>
`);
  for (const x of ctx.captures) out.push(captureSection(x, steps.get(x.entry.captureId)));
  out.push('</main>\n</div>\n</body></html>\n');
  return out;
}
