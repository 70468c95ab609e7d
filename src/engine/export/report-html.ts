/**
 * report.html: a self-contained, printable report. No scripts; a strict CSP meta tag; every
 * string that comes from a page, the officer or the stored files is HTML-escaped; URLs are
 * shown as text, never as links (a click would reveal the officer to the seller).
 * Screenshots are referenced relatively (captures/…/screenshot.png), so the report stays small
 * and each image exists once in the archive: unzip the case file, then open report.html.
 */
import { ARTEFACTS, CASE_FILES } from '../evidence/case-file-names';
import { formatFingerprint } from '../evidence/signing';
import { type ExportContext, type HitView, hitView, indicatorView } from './context';
import type { RiskView } from './risk-view';
import { activeTags } from './tables';

/** How many scored blocks the report lists per capture (all of them are in risk.json). */
export const REPORT_MAX_BLOCKS = 10;

const signed = (w: number) => `${w > 0 ? '+' : ''}${Math.round(w * 100) / 100}`;

/** The "Sale-offer risk" part of a capture: score, verdict, method, every signal with its weight. */
export function riskSection(risk: RiskView): string {
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
  parts.push(`<table>
${row('Score (0–100)', `<strong>${escapeHtml(risk.score)}</strong>${threshold}`)}
${row('Verdict', `<span class="${risk.saleOffer ? 'warn' : 'muted'}">${escapeHtml(verdict)}</span>`)}
${row('Method', escapeHtml(risk.method))}
${risk.note ? row('Note', escapeHtml(risk.note)) : ''}
</table>`);
  if (!risk.signals.length) parts.push('<p class="muted">No signals.</p>');
  else {
    parts.push('<table><tr><th>Signal</th><th>Kind</th><th>Text on the page</th><th>Weight</th></tr>');
    for (const s of risk.signals) {
      const note = s.note ? ` <span class="muted">(${escapeHtml(s.note)})</span>` : '';
      parts.push(
        `<tr><td>${escapeHtml(s.label)}${note}</td><td>${escapeHtml(s.kind)}</td>` +
          `<td>“${escapeHtml(s.text)}”</td><td>${escapeHtml(signed(s.weight))}</td></tr>`,
      );
    }
    parts.push('</table>');
  }
  if (risk.blocks.length) {
    const shown = risk.blocks.slice(0, REPORT_MAX_BLOCKS);
    const more =
      risk.blocks.length > shown.length ? `; the first ${shown.length} shown, all are in ${ARTEFACTS.risk}` : '';
    parts.push(`<p>Scored blocks of the page (${escapeHtml(risk.blocks.length)}, riskiest first${more}):</p>`);
    parts.push('<table><tr><th>Score</th><th>Sale offer</th><th>Signals</th><th>Text</th></tr>');
    for (const b of shown) {
      parts.push(
        `<tr><td>${escapeHtml(b.score)}</td><td>${b.saleOffer ? 'yes' : 'no'}</td>` +
          `<td>${escapeHtml(b.signalCount)}</td><td class="muted">${escapeHtml(b.snippet)}</td></tr>`,
      );
    }
    parts.push('</table>');
  }
  return parts.join('\n');
}

export const REPORT_CSP = [
  "default-src 'none'",
  "img-src 'self' data: file:",
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const STYLE = [
  '',
  'body{font:11pt/1.4 system-ui,sans-serif;margin:2em;color:#111}',
  'h1{font-size:18pt}h2{font-size:14pt;border-bottom:1px solid #999;page-break-before:always}',
  'table{border-collapse:collapse;margin:.5em 0}' +
    'td,th{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}',
  'code,.hash{font-family:ui-monospace,monospace;font-size:9pt;word-break:break-all}',
  'img{max-width:100%;border:1px solid #999}.muted{color:#555}.warn{color:#8a0000}',
  '@media print{body{margin:0}}',
  '',
].join('\n');

function row(label: string, value: string): string {
  return `<tr><th>${escapeHtml(label)}</th><td>${value}</td></tr>`;
}

function groupHits(hits: HitView[]): { taxa: Map<string, HitView[]>; other: HitView[] } {
  const taxa = new Map<string, HitView[]>();
  const other: HitView[] = [];
  for (const h of hits) {
    if (h.taxonName) {
      const list = taxa.get(h.taxonName) ?? [];
      list.push(h);
      taxa.set(h.taxonName, list);
    } else other.push(h);
  }
  return { taxa: new Map([...taxa].sort(([a], [b]) => (a < b ? -1 : 1))), other };
}

/** The report as a list of HTML chunks (one per capture), ready to stream into the archive. */
export function reportHtml(ctx: ExportContext): string[] {
  const c = ctx.case;
  const out: string[] = [];
  const fingerprint = `<code>${escapeHtml(formatFingerprint(ctx.publicKey.fingerprint))}</code>`;
  const listedIn = `${CASE_FILES.manifest} and ${CASE_FILES.sums}`;
  out.push(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`Case file: ${c.title}`)}</title><style>${STYLE}</style></head><body>
<h1>Case file: ${escapeHtml(c.title)}</h1>
<table>
${row('Case reference', escapeHtml(c.reference ?? ''))}
${row('Case id', `<code>${escapeHtml(c.caseId)}</code>`)}
${row('Officer', escapeHtml(c.officer))}
${row('Agency', escapeHtml(c.agency))}
${row('Case opened', escapeHtml(c.createdAt))}
${row('Captures in this file', escapeHtml(ctx.captures.length))}
${row('Tool', escapeHtml(`${ctx.tool.name} ${ctx.tool.version}`))}
${row('Exported at (UTC)', escapeHtml(ctx.exportedAt))}
${row('Signing key fingerprint (SHA-256 of SPKI)', fingerprint)}
</table>
<p class="muted">Every file of this case file is listed with its SHA-256 in ${listedIn}.
Run <code>wildtrace verify</code> on the ZIP to check hashes, the chain of records, signatures and timestamps.
The hits below show what the lexicon data says (CITES appendix, annotation), not a legal finding.</p>
`);
  for (const { entry: e, hits, indicators, risk } of ctx.captures) {
    const m = e.record.metadata;
    const shot =
      e.artefacts.find((a) => a.name === ARTEFACTS.screenshotAnnotated) ??
      e.artefacts.find((a) => a.name === ARTEFACTS.screenshot);
    const { taxa, other } = groupHits(hits.map(hitView));
    const parts: string[] = [];
    parts.push(`<section><h2>Capture ${escapeHtml(e.sequence)}: ${escapeHtml(m.title)}</h2>`);
    if (shot) {
      const alt = escapeHtml(`screenshot of capture ${e.sequence}`);
      parts.push(`<p><img src="${escapeHtml(shot.path)}" alt="${alt}"></p>`);
    }
    parts.push(`<table>
${row('Final URL', `<code>${escapeHtml(m.finalUrl)}</code>`)}
${row('Requested URL', `<code>${escapeHtml(m.requestedUrl)}</code>`)}
${row('Captured (UTC)', escapeHtml(`${m.capturedAt} (local offset ${m.localOffset}, ${m.clockSource})`))}
${row('Officer / agency', escapeHtml(`${m.officer} / ${m.agency}`))}
${row('Online identity used', escapeHtml(m.onlineIdentity ?? '—'))}
${row('Browser / OS', escapeHtml(`${m.browser} / ${m.os}`))}
${row('Extension / lexicon', escapeHtml(`${m.extensionVersion} / ${m.lexiconVersion}`))}
${row('Viewport', escapeHtml(`${m.viewport.width}×${m.viewport.height} @${m.viewport.devicePixelRatio}x`))}
${row('Record hash', `<span class="hash">${escapeHtml(e.recordHash)}</span>`)}
${row('Previous record hash', `<span class="hash">${escapeHtml(e.previousRecordHash ?? '(first record)')}</span>`)}
${row('Trusted timestamp', e.timestamp ? escapeHtml(`${e.timestamp.genTime} from ${e.timestamp.tsaUrl}`) : 'none')}
${row('Tags', escapeHtml(activeTags(e.tags.map((t) => t.body)).join(', ') || '—'))}
</table>`);
    parts.push(riskSection(risk));
    parts.push('<h3>Files</h3><table><tr><th>File</th><th>Type</th><th>Bytes</th><th>SHA-256</th></tr>');
    for (const a of e.artefacts) {
      parts.push(
        `<tr><td>${escapeHtml(a.path)}</td><td>${escapeHtml(a.mediaType)}</td><td>${escapeHtml(a.size)}</td>` +
          `<td class="hash">${escapeHtml(a.sha256)}</td></tr>`,
      );
    }
    parts.push('</table>');
    parts.push('<h3>Species mentioned</h3>');
    if (taxa.size === 0) parts.push('<p class="muted">None.</p>');
    else {
      parts.push(
        '<table><tr><th>Taxon</th><th>CITES appendix</th><th>Annotation / covered by</th>' +
          '<th>As written on the page</th></tr>',
      );
      for (const [name, list] of taxa) {
        const h = list[0];
        const written = [...new Set(list.map((x) => x.text))].map(escapeHtml).join(', ');
        const rank = h.rank ? ` <span class="muted">(${escapeHtml(h.rank)})</span>` : '';
        const annotation = [h.annotation, h.coveredBy ? `included in ${h.coveredBy}` : ''].filter(Boolean).join('; ');
        parts.push(
          `<tr><td><i>${escapeHtml(name)}</i>${rank}</td><td>${escapeHtml(h.listing ?? '')}</td>` +
            `<td>${escapeHtml(annotation)}</td><td>${written}</td></tr>`,
        );
      }
      parts.push('</table>');
    }
    if (other.length) {
      parts.push('<h3>Trade terms and cues</h3><ul>');
      for (const h of other) {
        const tactics = h.tactics.length ? ` <span class="muted">(${escapeHtml(h.tactics.join(', '))})</span>` : '';
        parts.push(`<li>${escapeHtml(h.kind)}: “${escapeHtml(h.text)}” → ${escapeHtml(h.term)}${tactics}</li>`);
      }
      parts.push('</ul>');
    }
    parts.push('<h3>Indicators</h3>');
    if (!indicators.length) parts.push('<p class="muted">None.</p>');
    else {
      parts.push('<table><tr><th>Type</th><th>Value</th><th>Details</th></tr>');
      for (const raw of indicators) {
        const i = indicatorView(raw);
        parts.push(
          `<tr><td>${escapeHtml(i.type)}</td><td><code>${escapeHtml(i.value)}</code></td>` +
            `<td class="muted">${escapeHtml(i.details)}</td></tr>`,
        );
      }
      parts.push('</table>');
    }
    parts.push('<h3>Notes</h3>');
    if (!e.notes.length) parts.push('<p class="muted">None.</p>');
    for (const n of e.notes) {
      const by = escapeHtml(`${n.body.author}, ${n.body.createdAt}`);
      parts.push(`<p>${escapeHtml(n.body.text)}<br><span class="muted">${by}</span></p>`);
    }
    parts.push('</section>\n');
    out.push(parts.join('\n'));
  }
  out.push('</body></html>\n');
  return out;
}
