/**
 * `wildtrace scan [--format jsonl|table] [--min-confidence X] FILE|DIR|-`: finds CITES names,
 * trade terms, evasions and cues in saved pages (visible text of HTML), plain text, or JSONL with
 * a `text` field, and prints per document the hits, the sale-offer score with its explanation,
 * and the seller indicators. Node-only.
 */
import { once } from 'node:events';
import type { CompiledLexicon } from '../engine/lexicon/compiled';
import { loadLexiconFile } from '../engine/lexicon/node-load';
import type { Hit } from '../engine/matcher/hit';
import type { Indicator } from '../engine/indicators/types';
import { createMatcher } from '../engine/matcher/matcher';
import { normalizeRegion, phoneRegionFor } from '../engine/indicators/region';
import { analyzeText, type AnalyzeOptions, type HitSource } from '../engine/risk/analyze';
import { articleMarks } from '../engine/risk/model';
import type { RiskScore } from '../engine/risk/types';
import { windowsOf } from '../engine/risk/windows';
import type { Command } from './main';
import { InputError, MAX_DOCUMENT_BYTES, readDocuments, type Doc } from './scan-input';
import { parseCommandLine, usageError } from './command-line';

/** Hits and indicators kept per document; the output says how many more there were. */
export const MAX_KEPT = 10_000;

const HELP = `Usage: wildtrace scan [options] FILE|DIR|-

Scans documents for CITES-listed species names, trade terms, code words, hashtags and sale cues,
undoing evasions (misspellings, leetspeak, split letters, look-alike letters, abbreviated genus).
Prints per document the hits, the sale-offer score (0..100) with the signals behind it, and the
seller indicators (phones, e-mails, messengers, payment, shipping, prices).

Input:
  FILE.html, FILE.htm   the page's visible text (no scripts, styles or hidden elements; alt text kept)
  FILE.jsonl            one document per line, text in the "text" field ("id" or "url" names it)
  any other file        plain UTF-8 text
  DIR                   every .html/.htm/.txt/.md/.jsonl file below it, in name order
  -                     standard input (HTML, JSONL or text, guessed from the first character)

Limits: a document (an HTML or text file, or one JSONL line) may have at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB;
a larger one stops the scan with an error. At most ${MAX_KEPT} hits and ${MAX_KEPT} indicators are printed per
document, with the number of the others ("moreHits", "moreIndicators" in JSONL).

Options:
  --format jsonl|table     output format (default: table on a terminal, jsonl otherwise)
  --min-confidence X       drop hits below X, 0..1 (default 0.5)
  --no-evasions            exact names only
  --lexicon FILE           a compiled lexicon other than assets/lexicon/lexicon.wtlx
  --region CC              read phone numbers without a country code as region CC's (e.g. VN, GB);
                           a JSONL document's "url" on a country domain (.vn, .co.uk) overrides it
  -h, --help               show this help

Exit code: 0 when every input was scanned, 1 when an input could not be read or parsed,
2 on bad usage.`;

/** What is printed of one document: its kept hits and indicators, and how many were left out. */
export interface DocResult {
  hits: Hit[];
  moreHits: number;
  indicators: Indicator[];
  moreIndicators: number;
  risk: RiskScore;
}

const shifted = <T extends { start: number; end: number }>(x: T, by: number): T =>
  by ? { ...x, start: x.start + by, end: x.end + by } : x;

/**
 * Analyses a document window by window, as analyzeLongText does (the risk is the riskiest
 * window's), but keeps at most `maxKept` hits and indicators and only counts the others, and
 * drops each window's analysis once read: memory stays bounded however many hits a text holds.
 */
export function analyzeBounded(
  text: string,
  matcher: HitSource,
  options: AnalyzeOptions & { minConfidence: number; maxKept?: number },
): DocResult {
  const max = options.maxKept ?? MAX_KEPT;
  const kept = { hits: [] as Hit[], moreHits: 0, indicators: [] as Indicator[], moreIndicators: 0 };
  let best: { risk: RiskScore; at: number } | undefined;
  const starts = windowsOf(text);
  // Every window of a long article is the article's: its byline is in the first window only.
  const windowOptions =
    starts.length > 1 && options.pageArticleMarks === undefined
      ? { ...options, pageArticleMarks: articleMarks(text) }
      : options;
  starts.forEach((at, i) => {
    const end = starts[i + 1] ?? text.length;
    const a = analyzeText(starts.length === 1 ? text : text.slice(at, end), matcher, windowOptions);
    for (const h of a.hits) {
      if (h.confidence < options.minConfidence) continue;
      if (kept.hits.length < max) kept.hits.push(shifted(h, at));
      else kept.moreHits++;
    }
    for (const ind of a.indicators) {
      if (kept.indicators.length < max) kept.indicators.push(shifted(ind, at));
      else kept.moreIndicators++;
    }
    if (!best || a.risk.score > best.risk.score) best = { risk: a.risk, at };
  });
  const { risk, at } = best!;
  return { ...kept, risk: at ? { ...risk, signals: risk.signals.map((s) => shifted(s, at)) } : risk };
}

/** Writes to standard output, waiting while the reader is behind, so output never piles up. */
async function write(s: string): Promise<void> {
  if (!process.stdout.write(s)) await once(process.stdout, 'drain');
}

function hitRecord(h: Hit) {
  return {
    start: h.start,
    end: h.end,
    text: h.text,
    term: h.term,
    kind: h.kind,
    ...(h.termKind ? { termKind: h.termKind } : {}),
    ...(h.taxon ? { taxon: h.taxon } : {}),
    ...(h.refersTo ? { refersTo: h.refersTo } : {}),
    tactics: h.tactics,
    editDistance: h.editDistance,
    confidence: h.confidence,
  };
}

const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));

function table(doc: Doc, result: DocResult): string {
  const { risk, hits, indicators } = result;
  const saleOffer = risk.saleOffer ? ', SALE OFFER' : '';
  const note = risk.note ? `; ${risk.note}` : '';
  const lines = [`\n== ${doc.id}  (${doc.text.length} chars, score ${risk.score}${saleOffer}${note})`];
  if (hits.length === 0) lines.push('   no hits');
  for (const h of hits) {
    const what = h.taxon ? `${h.taxon.name} [${h.taxon.listing}]` : (h.refersTo ?? '');
    const span = pad(`${h.start}-${h.end}`, 13);
    const kind = pad(h.kind + (h.termKind ? `/${h.termKind}` : ''), 20);
    const quoted = pad(JSON.stringify(h.text), 28);
    const tactics = pad(h.tactics.join('+'), 26);
    lines.push(
      `   ${span} ${kind} ${quoted} ${pad(h.term, 24)} ${pad(what, 34)} ${tactics} ${h.confidence.toFixed(2)}`,
    );
  }
  if (result.moreHits) lines.push(`   … and ${result.moreHits} more hits (at most ${MAX_KEPT} are shown)`);
  const signals = risk.signals.filter((s) => s.weight !== 0);
  if (signals.length)
    lines.push(
      '   why: ' + signals.map((s) => `${s.label} (${s.weight > 0 ? '+' : ''}${Math.round(s.weight)})`).join('; '),
    );
  if (indicators.length) lines.push('   indicators: ' + indicators.map((i) => `${i.type} ${i.value}`).join('; '));
  if (result.moreIndicators)
    lines.push(`   … and ${result.moreIndicators} more indicators (at most ${MAX_KEPT} are shown)`);
  return lines.join('\n') + '\n';
}

function jsonl(doc: Doc, result: DocResult): string {
  const { risk, hits, indicators, moreHits, moreIndicators } = result;
  const out = {
    document: doc.id,
    chars: doc.text.length,
    hits: hits.map(hitRecord),
    ...(moreHits ? { moreHits } : {}),
    risk: {
      score: risk.score,
      saleOffer: risk.saleOffer,
      ...(risk.note ? { note: risk.note } : {}),
      signals: risk.signals,
    },
    indicators,
    ...(moreIndicators ? { moreIndicators } : {}),
  };
  return JSON.stringify(out) + '\n';
}

const command: Command = {
  summary: 'scan pages, texts or JSONL for wildlife names, evasions and sale cues',
  async run(args) {
    const parsed = parseCommandLine('scan', HELP, {
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'min-confidence': { type: 'string' },
        'no-evasions': { type: 'boolean' },
        lexicon: { type: 'string' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      return usageError('scan', HELP, 'give exactly one FILE, DIR or - (stdin)');
    }
    const format = values.format ?? (process.stdout.isTTY ? 'table' : 'jsonl');
    if (format !== 'jsonl' && format !== 'table') {
      console.error(`wildtrace scan: --format must be jsonl or table, not "${format}"`);
      return 2;
    }
    const minConfidence = values['min-confidence'] === undefined ? 0.5 : Number(values['min-confidence']);
    if (!Number.isFinite(minConfidence) || minConfidence < 0 || minConfidence > 1) {
      console.error(`wildtrace scan: --min-confidence must be a number from 0 to 1, not "${values['min-confidence']}"`);
      return 2;
    }
    const region = values.region === undefined ? undefined : normalizeRegion(values.region);
    if (values.region !== undefined && !region) {
      console.error(
        `wildtrace scan: --region must be a two-letter country code such as VN or GB, not "${values.region}"`,
      );
      return 2;
    }
    let lexicon: CompiledLexicon;
    try {
      lexicon = values.lexicon ? loadLexiconFile(values.lexicon) : loadLexiconFile();
    } catch (e) {
      console.error(`wildtrace scan: cannot load the lexicon: ${(e as Error).message}`);
      return 1;
    }
    const matcher = createMatcher(lexicon, { evasions: !values['no-evasions'] });
    try {
      for await (const doc of readDocuments(positionals[0], process.stdin)) {
        // Long documents in windows, as the extension reads long blocks: the same results, in linear time.
        const result = analyzeBounded(doc.text, matcher, {
          defaultRegion: doc.url ? phoneRegionFor(doc.url, region) : region,
          minConfidence,
        });
        await write(format === 'table' ? table(doc, result) : jsonl(doc, result));
      }
    } catch (e) {
      if (e instanceof InputError) {
        console.error(`wildtrace scan: ${e.message}`);
        return 1;
      }
      throw e;
    }
    return 0;
  },
};

export default command;
