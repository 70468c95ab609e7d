/**
 * cyber-alert.html: the cross-case intelligence report, in the shape of an INTERPOL cyber-alert
 * (what is traded, where, when, the words and tactics sellers use, how they are paid and ship,
 * and the sellers seen on several sites or in several cases). Self-contained and static like the
 * case file's report.html: no scripts, the same strict CSP, the design system embedded, charts as
 * inline SVG, every stored string HTML-escaped, page addresses as text and never as links (a
 * click would reveal the reader to the seller).
 */
import { formatFingerprint } from '../evidence/signing';
import { escapeHtml, reportDocumentStart } from '../export/report-html';
import type { IntelSummary, SellerRow } from './aggregator';
import type { TermGroup } from './capture-facts';
import { barLayout, columnLayout, type ChartDatum } from './chart-layout';
import { chartSvg } from './chart-svg';
import { CHANNEL_GROUP_LABELS, TERM_GROUP_LABELS, tacticLabel } from './labels';
import { INPUT_STATUS_TEXT, type ReportInput } from './report-inputs';

/** Rows per table and bars per chart in the report; the CSV tables hold every row. */
export const REPORT_TOP = 25;

export interface CyberAlertOptions {
  generatedAt: string;
  tool: { name: string; version: string };
  /** Shown under the title: what was read (e.g. "12 case files" or "all cases in this browser"). */
  scope: string;
}

/** The pill class of a listing, as the extension pages use it ("I/II" → "app-I-II"). */
export const appendixTone = (listing: string) =>
  `app-${listing.replace(/[^A-Z]+/g, '-').replace(/^-|-$/g, '') || 'none'}`;

const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const num = (n: number) => NUMBER.format(n);
const day = (iso?: string) => (iso ? iso.slice(0, 10) : '—');

function table(headers: string[], rows: string[][], numeric: ReadonlySet<number> = new Set(), cls = ''): string {
  if (!rows.length) return '<p class="muted">None found.</p>';
  const th = headers
    .map((h, i) => `<th scope="col"${numeric.has(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.has(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const more = (total: number) =>
  total > REPORT_TOP
    ? `<p class="muted small">The ${REPORT_TOP} most frequent of ${total}; every row is in the CSV tables.</p>`
    : '';

function bars(data: ChartDatum[], description: string): string {
  return data.length ? `<figure class="chart-box">${chartSvg(barLayout(data, description))}</figure>` : '';
}

function pill(listing: string): string {
  return `<span class="pill ${escapeHtml(appendixTone(listing))}">${escapeHtml(listing)}</span>`;
}

function inputRow(i: ReportInput): string[] {
  const status = escapeHtml(INPUT_STATUS_TEXT[i.status]);
  const key = i.fingerprint
    ? `<span class="mono small">${escapeHtml(formatFingerprint(i.fingerprint))}</span>` +
      (i.keyHolder ? `<br>${escapeHtml(i.keyHolder)}` : '') +
      (i.keyStatus ? ` <span class="muted small">(${escapeHtml(i.keyStatus)})</span>` : '')
    : '—';
  return [
    `<span class="wrap-anywhere">${escapeHtml(i.name.replace(/^.*[\\/]/, ''))}</span>`,
    escapeHtml([i.caseReference, i.caseTitle].filter(Boolean).join(': ') || '—'),
    i.status === 'included' || i.status === 'duplicate' ? status : `<strong class="warn">${status}</strong>`,
    escapeHtml(i.reason ?? ''),
    key,
    num(i.captures),
  ];
}

const INPUT_HEADER = ['File', 'Case', 'Verification', 'Problems', 'Signing key', 'Captures'];

/**
 * Near the top: whether every case file was verified, and the ones that were not counted. The
 * full list (one row per file, a thousand for a large report) closes the report.
 */
function verificationSection(inputs: readonly ReportInput[]): string {
  const failed = inputs.filter((i) => i.status === 'failed' || i.status === 'unreadable');
  const counted = inputs.filter((i) => i.status === 'included').length;
  const notCounted = inputs.filter((i) => i.status !== 'included');
  const warning = failed.length
    ? `<p class="warn"><strong>${num(failed.length)} case file${failed.length === 1 ? '' : 's'} failed verification or
could not be read and ${failed.length === 1 ? 'is' : 'are'} not counted anywhere in this report.</strong></p>`
    : '<p>Every case file was verified (hashes, chain, signatures, audit log) before it was counted.</p>';
  return `<section aria-labelledby="verification-h"><h2 id="verification-h">Verification</h2>
${warning}
<p>${num(counted)} of ${num(inputs.length)} case file${inputs.length === 1 ? '' : 's'} verified and counted.
Every file read, with its signing key, is listed at the end of this report.</p>
${notCounted.length ? table(INPUT_HEADER, notCounted.map(inputRow), new Set([5]), 'inputs') : ''}
</section>`;
}

function inputsSection(inputs: readonly ReportInput[]): string {
  return `<section aria-labelledby="inputs-h"><h2 id="inputs-h">Case files read</h2>
${table(INPUT_HEADER, inputs.map(inputRow), new Set([5]), 'inputs')}
<p class="muted small">Full paths are in case-files.csv; <span class="mono">wildtrace verify FILE</span> lists every
problem of a file with the values expected and found.</p>
</section>`;
}

function taxaSection(s: IntelSummary): string {
  const top = s.taxa.slice(0, REPORT_TOP);
  const chart = bars(
    top.map((t) => ({ label: t.name, value: t.captures, tone: appendixTone(t.listing) })),
    'Captures per listed taxon',
  );
  const rows = top.map((t) => [
    `<i>${escapeHtml(t.name)}</i>`,
    pill(t.listing),
    num(t.captures),
    num(t.mentions),
    num(t.cases),
    num(t.sites),
  ]);
  const appendixRows = s.appendices.map((a) => [pill(a.listing), num(a.taxa), num(a.captures)]);
  return `<section aria-labelledby="taxa-h"><h2 id="taxa-h">What is traded: listed taxa</h2>
${table(['CITES appendix', 'Taxa', 'Captures'], appendixRows, new Set([1, 2]))}
${chart}
${table(['Taxon', 'Appendix', 'Captures', 'Mentions', 'Cases', 'Sites'], rows, new Set([2, 3, 4, 5]))}
${more(s.taxa.length)}
</section>`;
}

function whereWhenSection(s: IntelSummary): string {
  const top = s.sites.slice(0, REPORT_TOP);
  const siteChart = bars(
    top.map((x) => ({ label: x.site, value: x.captures })),
    'Captures per site',
  );
  const siteRows = top.map((x) => [
    `<span class="mono wrap-anywhere">${escapeHtml(x.site)}</span>`,
    num(x.captures),
    num(x.cases),
    num(x.taxa),
  ]);
  const weekly = s.weeks.length <= 60;
  const series = weekly ? s.weeks : s.months;
  const timeChart = series.length
    ? `<figure class="chart-box">${chartSvg(
        columnLayout(
          series.map((p) => ({ label: p.period, value: p.captures })),
          `Captures per ${weekly ? 'week' : 'month'} (UTC)`,
        ),
      )}<figcaption>Captures per ${weekly ? 'ISO week' : 'month'} (UTC)</figcaption></figure>`
    : '';
  const monthRows = s.months.map((m) => [escapeHtml(m.period), num(m.captures)]);
  return `<section aria-labelledby="where-h"><h2 id="where-h">Hotspots: sites</h2>
${siteChart}
${table(['Site', 'Captures', 'Cases', 'Taxa'], siteRows, new Set([1, 2, 3]))}
${more(s.sites.length)}
</section>
<section aria-labelledby="when-h"><h2 id="when-h">Trend over time</h2>
${timeChart}
${table(['Month (UTC)', 'Captures'], monthRows, new Set([1]))}
</section>`;
}

function termsSection(s: IntelSummary): string {
  const groups: TermGroup[] = ['keyword', 'code-word', 'hashtag'];
  const parts = groups.map((g) => {
    const all = s.terms.filter((t) => t.group === g);
    const rows = all.slice(0, REPORT_TOP).map((t) => [escapeHtml(t.term), num(t.captures), num(t.occurrences)]);
    return `<h3>${escapeHtml(TERM_GROUP_LABELS[g])}</h3>
${table(['Term', 'Captures', 'Occurrences'], rows, new Set([1, 2]))}
${more(all.length)}`;
  });
  const tactics = s.tactics.slice(0, REPORT_TOP);
  const tacticChart = bars(
    tactics.map((t) => ({ label: tacticLabel(t.tactic), value: t.hits })),
    'Hits found through each evasion tactic',
  );
  const tacticRows = tactics.map((t) => [escapeHtml(tacticLabel(t.tactic)), num(t.hits), num(t.captures)]);
  return `<section aria-labelledby="terms-h"><h2 id="terms-h">The words sellers use</h2>
${parts.join('\n')}
</section>
<section aria-labelledby="tactics-h"><h2 id="tactics-h">Evasion tactics</h2>
<p class="muted">How often the detector had to undo a disguise to find a name or term.</p>
${tacticChart}
${table(['Tactic', 'Hits', 'Captures'], tacticRows, new Set([1, 2]))}
</section>`;
}

function channelsSection(s: IntelSummary): string {
  const parts = (['payment', 'shipping', 'messenger'] as const).map((g) => {
    const rows = s.channels
      .filter((c) => c.group === g)
      .slice(0, REPORT_TOP)
      .map((c) => [escapeHtml(c.name), num(c.captures), num(c.cases)]);
    return `<h3>${escapeHtml(CHANNEL_GROUP_LABELS[g])}</h3>
${table(['Name', 'Captures', 'Cases'], rows, new Set([1, 2]))}`;
  });
  return `<section aria-labelledby="channels-h"><h2 id="channels-h">Payment, shipping and messengers</h2>
${parts.join('\n')}
</section>`;
}

const nowrap = (text: string) => `<span class="nowrap">${escapeHtml(text)}</span>`;

function sellerRefs(r: SellerRow): string {
  const items = r.refs.map(
    (c) =>
      `<li>${escapeHtml(c.caseTitle)} #${c.number}, ${escapeHtml(day(c.capturedAt))}, ` +
      `<span class="mono small wrap-anywhere">${escapeHtml(c.url)}</span></li>`,
  );
  const rest = r.captures - r.refs.length;
  if (rest > 0) items.push(`<li class="muted">and ${num(rest)} more (every capture is in cross-posting.csv)</li>`);
  return `<ul class="refs">${items.join('')}</ul>`;
}

function crossPostingSection(s: IntelSummary): string {
  const rows = s.crossPosted
    .slice(0, REPORT_TOP * 2)
    .map((r) => [
      `${escapeHtml(r.label)}<br><strong class="mono wrap-anywhere">${escapeHtml(r.value)}</strong>`,
      escapeHtml(r.sites.join(', ')),
      escapeHtml(r.cases.map((c) => c.caseTitle).join(', ')),
      `${nowrap(day(r.firstSeen))} to ${nowrap(day(r.lastSeen))}`,
      sellerRefs(r),
    ]);
  const extra =
    s.crossPosted.length > REPORT_TOP * 2
      ? `<p class="muted small">${REPORT_TOP * 2} of ${num(s.crossPosted.length)}; all are in cross-posting.csv.</p>`
      : '';
  return `<section aria-labelledby="cross-h">
<h2 id="cross-h">Cross-posting: the same seller on several sites or in several cases</h2>
<p class="muted">A phone number, messenger or social handle, wallet or e-mail address seen on two sites or more, or in
two cases or more. The same indicator is a strong lead, not proof, that the offers come from one seller.</p>
${table(['Indicator', 'Sites', 'Cases', 'Seen (UTC)', 'Captures'], rows, new Set(), 'cross')}
${extra}
</section>`;
}

function pricesSection(s: IntelSummary): string {
  const rows = s.prices.map((p) => [
    p.taxon.startsWith('(') ? escapeHtml(p.taxon) : `<i>${escapeHtml(p.taxon)}</i>`,
    escapeHtml(p.currency),
    num(p.count),
    num(p.min),
    num(p.max),
    num(p.mean),
  ]);
  return `<section aria-labelledby="prices-h"><h2 id="prices-h">Prices</h2>
<p class="muted">Prices found on pages naming one listed taxon are counted under that taxon; prices on pages naming
several are counted together. Currencies are never converted.</p>
${table(['Taxon', 'Currency', 'Prices', 'Lowest', 'Highest', 'Mean'], rows, new Set([2, 3, 4, 5]))}
</section>`;
}

const CSS = `
h2{margin-top:var(--wt-space-6);border-top:1px solid var(--wt-border);padding-top:var(--wt-space-3)}
h3{margin-top:var(--wt-space-4)}
td{overflow-wrap:break-word;vertical-align:top}
.warn{color:var(--wt-danger)}
.refs{margin:0;padding-left:1.1em}
.nowrap{white-space:nowrap}
.inputs,.cross{table-layout:fixed}
.inputs th:nth-child(1){width:17%}.inputs th:nth-child(2){width:14%}.inputs th:nth-child(3){width:13%}
.inputs th:nth-child(5){width:11rem}.inputs th:nth-child(6){width:6rem}
.cross th:nth-child(1){width:20%}.cross th:nth-child(2){width:16%}.cross th:nth-child(3){width:14%}
.cross th:nth-child(4){width:8rem}
.chart-box{margin:var(--wt-space-3) 0;max-width:100%;overflow-x:auto}
.chart{max-width:100%;height:auto;font-family:var(--wt-font-sans);font-size:12px}
.chart .bar{fill:var(--wt-accent)}
.chart .bar.app-I,.chart .bar.app-I-II,.chart .bar.app-I-III,.chart .bar.app-I-II-III{fill:var(--wt-app1-border)}
.chart .bar.app-II,.chart .bar.app-II-III{fill:var(--wt-app2-border)}
.chart .bar.app-III{fill:var(--wt-app3-border)}
.chart text{fill:var(--wt-text)}
.chart .tick{fill:var(--wt-text-muted);font-size:11px}
.facts-table th{width:15rem;background:none;color:var(--wt-text-muted)}
@media print{.report{max-width:none;padding:0}h2{break-after:avoid}table,figure{break-inside:avoid}
.chart .bar{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** The report as HTML text. */
export function cyberAlertHtml(s: IntelSummary, inputs: readonly ReportInput[], o: CyberAlertOptions): string {
  const facts = [
    ['Generated (UTC)', o.generatedAt],
    ['Generated with', `${o.tool.name} ${o.tool.version}`],
    ['Read', o.scope],
    ['Cases counted', num(s.cases)],
    [
      'Captures counted',
      num(s.captures) + (s.duplicates ? ` (${num(s.duplicates)} repeated captures counted once)` : ''),
    ],
    ['Captures made (UTC)', s.firstCapture ? `${day(s.firstCapture)} to ${day(s.lastCapture)}` : '—'],
    ['Listed taxa', num(s.taxa.length)],
    ['Sites', num(s.sites.length)],
    ['Cross-posted seller indicators', num(s.crossPosted.length)],
  ]
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n');
  return `${reportDocumentStart(`Wildtrace cyber-alert · ${day(o.generatedAt)}`, CSS)}
<div class="report">
<header class="report-head">
<p class="kicker">Wildtrace cyber-alert · for law-enforcement use</p>
<h1>Wildlife trade online: trends, hotspots and sellers</h1>
<p>${escapeHtml(o.scope)}</p>
</header>
<main>
<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>
<table class="facts-table"><tbody>
${facts}
</tbody></table>
<p class="muted">Names and terms show what the CITES checklist data says about the words on each page, not a legal
finding: legality depends on permits, origin and national law.</p>
</section>
${verificationSection(inputs)}
${taxaSection(s)}
${whereWhenSection(s)}
${termsSection(s)}
${channelsSection(s)}
${crossPostingSection(s)}
${pricesSection(s)}
${inputsSection(inputs)}
</main>
</div>
</body></html>
`;
}
