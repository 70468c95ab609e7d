/**
 * `wildtrace scan [--format jsonl|table] [--min-confidence X] FILE|DIR|-`: finds CITES names,
 * trade terms, evasions and cues in saved pages (visible text of HTML), plain text, or JSONL with
 * a `text` field, and prints per document the hits, the sale-offer score with its explanation,
 * and the seller indicators. Node-only.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CompiledLexicon } from '../engine/lexicon/compiled';
import { loadLexiconFile } from '../engine/lexicon/node-load';
import type { Hit } from '../engine/matcher/hit';
import { htmlVisibleText } from '../engine/text/html-text';
import { createMatcher } from '../engine/matcher/matcher';
import { normalizeRegion, phoneRegionFor } from '../engine/indicators/region';
import { analyzeLongText, type Analysis } from '../engine/risk';
import type { Command } from './main';

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

interface Doc {
  id: string;
  text: string;
  /** The page's address (JSONL "url"): its country domain sets the phone region. */
  url?: string;
}

class InputError extends Error {}

const SCANNED = new Set(['.html', '.htm', '.txt', '.md', '.jsonl', '.text']);

/** Splits raw input into documents by its kind. */
function documents(name: string, raw: string, kind: 'html' | 'jsonl' | 'text'): Doc[] {
  if (kind === 'html') return [{ id: name, text: htmlVisibleText(raw) }];
  if (kind === 'text') return [{ id: name, text: raw }];
  const docs: Doc[] = [];
  raw.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (e) {
      throw new InputError(`${name}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
    const r = record as { text?: unknown; id?: unknown; url?: unknown };
    if (!r || typeof r !== 'object' || typeof r.text !== 'string')
      throw new InputError(`${name}:${i + 1}: no "text" field with a string`);
    const id =
      typeof r.id === 'string' || typeof r.id === 'number'
        ? String(r.id)
        : typeof r.url === 'string'
          ? r.url
          : `line ${i + 1}`;
    docs.push({ id: `${name}#${id}`, text: r.text, ...(typeof r.url === 'string' ? { url: r.url } : {}) });
  });
  return docs;
}

function kindOfPath(path: string): 'html' | 'jsonl' | 'text' {
  const ext = extname(path).toLowerCase();
  return ext === '.html' || ext === '.htm' ? 'html' : ext === '.jsonl' ? 'jsonl' : 'text';
}

function kindOfContent(raw: string): 'html' | 'jsonl' | 'text' {
  const first = raw.trimStart()[0];
  return first === '<' ? 'html' : first === '{' ? 'jsonl' : 'text';
}

/** Decodes UTF-8 strictly: a binary or mis-encoded file is an input error, not a silent scan. */
function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${name}: not UTF-8 text (binary file or another encoding)`);
  }
}

async function filesBelow(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesBelow(path)));
    else if (SCANNED.has(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function* loadInputs(target: string): AsyncGenerator<Doc[]> {
  if (target === '-') {
    const raw = decodeUtf8(await readStdin(), 'stdin');
    yield documents('stdin', raw, kindOfContent(raw));
    return;
  }
  let info;
  try {
    info = await stat(target);
  } catch (e) {
    throw new InputError(`cannot read ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const files = info.isDirectory() ? await filesBelow(target) : [target];
  if (info.isDirectory() && files.length === 0)
    throw new InputError(`${target}: no .html, .htm, .txt, .md or .jsonl files found`);
  for (const file of files) {
    let bytes;
    try {
      bytes = await readFile(file);
    } catch (e) {
      throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    yield documents(file, decodeUtf8(bytes, file), kindOfPath(file));
  }
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

function printTable(doc: Doc, hits: Hit[], analysis: Analysis): void {
  const { risk, indicators } = analysis;
  const saleOffer = risk.saleOffer ? ', SALE OFFER' : '';
  const note = risk.note ? `; ${risk.note}` : '';
  console.log(`\n== ${doc.id}  (${doc.text.length} chars, score ${risk.score}${saleOffer}${note})`);
  if (hits.length === 0) console.log('   no hits');
  for (const h of hits) {
    const what = h.taxon ? `${h.taxon.name} [${h.taxon.listing}]` : (h.refersTo ?? '');
    const span = pad(`${h.start}-${h.end}`, 13);
    const kind = pad(h.kind + (h.termKind ? `/${h.termKind}` : ''), 20);
    const quoted = pad(JSON.stringify(h.text), 28);
    const tactics = pad(h.tactics.join('+'), 26);
    console.log(
      `   ${span} ${kind} ${quoted} ${pad(h.term, 24)} ${pad(what, 34)} ${tactics} ${h.confidence.toFixed(2)}`,
    );
  }
  const signals = risk.signals.filter((s) => s.weight !== 0);
  if (signals.length)
    console.log(
      '   why: ' + signals.map((s) => `${s.label} (${s.weight > 0 ? '+' : ''}${Math.round(s.weight)})`).join('; '),
    );
  if (indicators.length) console.log('   indicators: ' + indicators.map((i) => `${i.type} ${i.value}`).join('; '));
}

const command: Command = {
  summary: 'scan pages, texts or JSONL for wildlife names, evasions and sale cues',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
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
    } catch (e) {
      console.error(`wildtrace scan: ${(e as Error).message}\n\n${HELP}`);
      return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (positionals.length !== 1) {
      console.error(`wildtrace scan: give exactly one FILE, DIR or - (stdin)\n\n${HELP}`);
      return 2;
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
      for await (const docs of loadInputs(positionals[0])) {
        for (const doc of docs) {
          // Long documents in windows, as the extension reads long blocks: the same results, in linear time.
          const analysis = analyzeLongText(doc.text, matcher, {
            defaultRegion: doc.url ? phoneRegionFor(doc.url, region) : region,
          });
          const hits = analysis.hits.filter((h) => h.confidence >= minConfidence);
          if (format === 'table') printTable(doc, hits, analysis);
          else {
            const { risk, indicators } = analysis;
            const out = {
              document: doc.id,
              chars: doc.text.length,
              hits: hits.map(hitRecord),
              risk: {
                score: risk.score,
                saleOffer: risk.saleOffer,
                ...(risk.note ? { note: risk.note } : {}),
                signals: risk.signals,
              },
              indicators,
            };
            process.stdout.write(JSON.stringify(out) + '\n');
          }
        }
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
