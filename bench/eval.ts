/**
 * `npm run eval`: precision, recall and F1 of the page-level "sale offer" verdict on the labelled
 * sets in ../shared/data/eval-dev (read in place, never copied into the repository), beside a
 * keyword baseline, on a fixed 60 % development / 40 % held-out split.
 *
 *   npm run eval                    the table
 *   npm run eval -- --errors ivory  also the DEVELOPMENT-part errors of a set (held-out texts are
 *                                   never printed, so they cannot be tuned on)
 *
 * Node-only (file reading); bench/risk.bench.ts reuses its functions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { loadLexiconFile } from '../src/engine/lexicon/node-load';
import { createMatcher } from '../src/engine/matcher/matcher';
import { analyzeText, DEFAULT_WEIGHTS, type Analysis, type HitSource } from '../src/engine/risk';
import {
  allRows,
  articleBlocksLine,
  formatRateTable,
  poolSummary,
  RULES_VIEW,
  scoreRows,
} from './base-rate';

/** The full matcher over the committed lexicon asset, evasions on. */
export async function createHitSource(): Promise<HitSource> {
  return createMatcher(loadLexiconFile());
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EVAL_DIR = resolve(REPO_ROOT, '../shared/data/eval-dev');

export interface LabelledText {
  id: string;
  text: string;
  positive: boolean;
  part: 'dev' | 'held-out';
  /** Account or seller: the split never puts one group on both sides. */
  group?: string;
}

/** FNV-1a, 32 bits: a fixed, platform-independent hash for the split. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * 60% dev / 40% held-out, decided by the hash of "<set>:<group>" alone (never by the text or
 * label); the group is the account or seller, so its near-duplicates stay on one side.
 */
export function partOf(set: string, group: string): 'dev' | 'held-out' {
  return fnv1a(`${set}:${group}`) % 100 < 60 ? 'dev' : 'held-out';
}

/**
 * The account of a tweet: its author's profile text (the data set has no user id; one profile is
 * one account for this purpose), else the tweet alone.
 */
export const tweetGroup = (id: string, description: string | undefined) =>
  description?.trim() ? `acct:${fnv1a(description.trim())}` : `tweet:${id}`;

/**
 * The seller of an ad title, approximated by its first word with digits folded ("i94618." and
 * "i93404." are one dealer's numbering, "PELGIO" a brand): coarse on purpose, since grouping
 * too much only makes folds uneven, while too little lets near-duplicates leak across a split.
 */
export const titleGroup = (title: string) =>
  `title:${(title.trim().split(/\s+/)[0] ?? '').toLowerCase().replace(/\d+/g, '#')}`;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#039': "'", '#39': "'" };

/**
 * Undoes the data set's own processing so the text looks like the page did: HTML entities
 * (sometimes doubly escaped), and the {{URL}} / {{MENTION}} / {{EMAIL}} placeholders put back as
 * a reserved example URL, handle and address.
 */
export function restoreTweet(raw: string): string {
  let text = raw;
  for (let i = 0; i < 2; i++) text = text.replace(/&(amp|lt|gt|quot|apos|#0?39);/g, (_, e: string) => ENTITIES[e]);
  return text
    .replaceAll('{{URL}}', 'https://example.com/x')
    .replaceAll('{{MENTION}}', '@someone')
    .replaceAll('{{EMAIL}}', 'someone@example.com');
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

export interface EvalSet {
  name: string;
  file: string;
  description: string;
  rows: LabelledText[];
  /** The keyword baseline for this set. */
  baseline: { label: string; flag: (text: string) => boolean };
}

/** Loads the sets that are present; returns the missing file names separately. */
export function loadEvalSets(dir = EVAL_DIR): { sets: EvalSet[]; missing: string[] } {
  const sets: EvalSet[] = [];
  const missing: string[] = [];
  const ivory = resolve(dir, 'ivory-tweets-515.csv');
  if (existsSync(ivory)) {
    sets.push({
      name: 'ivory',
      file: ivory,
      description: 'tweets; positive = Sum >= 2 of 3 annotators (ivory product sale promotion); text = tweet_text',
      rows: readCsv(ivory).map((r) => {
        const group = tweetGroup(r.tweet_id, r.user_description);
        return {
          id: r.tweet_id,
          text: restoreTweet(r.tweet_text ?? ''),
          positive: Number(r.Sum) >= 2,
          part: partOf('ivory', group),
          group,
        };
      }),
      baseline: { label: 'keyword "ivory"', flag: (t) => /ivory/i.test(t) },
    });
  } else missing.push(ivory);
  const leather = resolve(dir, 'leather-ad-titles-500.csv');
  if (existsSync(leather)) {
    sets.push({
      name: 'leather',
      file: leather,
      description: 'marketplace ad titles; positive = label 1 (real animal product)',
      rows: readCsv(leather).map((r) => {
        const group = titleGroup(r.title ?? '');
        return {
          id: r.id,
          text: restoreTweet(r.title ?? ''),
          positive: r.label === '1',
          part: partOf('leather', group),
          group,
        };
      }),
      baseline: { label: 'every title flagged', flag: () => true },
    });
  } else missing.push(leather);
  return { sets, missing };
}

export interface Metrics {
  n: number;
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of `predicted` against the labels. */
export function metrics(rows: readonly LabelledText[], predicted: (row: LabelledText) => boolean): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const row of rows) {
    const p = predicted(row);
    if (p && row.positive) tp++;
    else if (p) fp++;
    else if (row.positive) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { n: rows.length, positives: rows.filter((r) => r.positive).length, tp, fp, fn, precision, recall, f1 };
}

export interface SetResult {
  set: EvalSet;
  parts: { part: 'dev' | 'held-out' | 'all'; ours: Metrics; baseline: Metrics }[];
  /** Development rows the scorer got wrong (held-out rows are never listed). */
  devErrors: { row: LabelledText; analysis: Analysis }[];
}

/** Scores every row of every set with `source` and computes the metrics per part. */
export function runEvaluation(sets: readonly EvalSet[], source: HitSource): SetResult[] {
  return sets.map((set) => {
    const analyses = new Map(set.rows.map((row) => [row, analyzeText(row.text, source)]));
    const parts = (['dev', 'held-out', 'all'] as const).map((part) => {
      const rows = set.rows.filter((r) => part === 'all' || r.part === part);
      return {
        part,
        ours: metrics(rows, (r) => analyses.get(r)!.risk.saleOffer),
        baseline: metrics(rows, (r) => set.baseline.flag(r.text)),
      };
    });
    const devErrors = set.rows
      .filter((r) => r.part === 'dev' && analyses.get(r)!.risk.saleOffer !== r.positive)
      .map((row) => ({ row, analysis: analyses.get(row)! }));
    return { set, parts, devErrors };
  });
}

const f = (n: number) => n.toFixed(3);

/** The results table: ours beside the baseline, per part. */
export function formatEvaluation(results: readonly SetResult[]): string {
  const lines = [
    `Sale-offer verdict at threshold ${DEFAULT_WEIGHTS.threshold} ` +
      '(split: FNV-1a of "<set>:<group>", 60% dev / 40% held-out)',
    '',
  ];
  lines.push('set      part      n    pos | ours  P      R      F1    | baseline                P      R      F1');
  for (const r of results) {
    for (const p of r.parts) {
      const counts = `${String(p.ours.n).padStart(4)} ${String(p.ours.positives).padStart(4)}`;
      const ours = `${f(p.ours.precision)}  ${f(p.ours.recall)}  ${f(p.ours.f1)}`;
      const baseline = `${f(p.baseline.precision)}  ${f(p.baseline.recall)}  ${f(p.baseline.f1)}`;
      const rowHead = `${r.set.name.padEnd(8)} ${p.part.padEnd(9)} ${counts}`;
      lines.push(`${rowHead} |       ${ours} | ${r.set.baseline.label.padEnd(22)}  ${baseline}`);
    }
  }
  return lines.join('\n');
}

function formatErrors(result: SetResult): string {
  const lines = [`Development-part errors for ${result.set.name} (${result.devErrors.length}):`];
  for (const { row, analysis } of result.devErrors) {
    lines.push(`${row.positive ? 'FN' : 'FP'} ${analysis.risk.score}  ${row.text.replace(/\s+/g, ' ').slice(0, 220)}`);
    lines.push(`     ${analysis.risk.signals.map((s) => `${s.kind}:"${s.text}":${s.weight}`).join(' | ')}`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { errors: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(
      'npm run eval [-- --errors SET]   scores the labelled sets in ../shared/data/eval-dev; ' +
        '--errors lists the DEV-part errors of SET',
    );
    return 0;
  }
  const { sets, missing } = loadEvalSets();
  for (const file of missing)
    console.log(`eval: skipped ${file}: not present (the eval-dev data is not part of the repository)`);
  if (sets.length === 0) return 0;
  const started = performance.now();
  const source = await createHitSource();
  const results = runEvaluation(sets, source);
  console.log(formatEvaluation(results));
  const texts = results.reduce((t, r) => t + r.set.rows.length, 0);
  const elapsedMs = Math.round(performance.now() - started);
  console.log(`\n(${texts} texts scored in ${elapsedMs} ms, matcher load included)`);
  const rows = allRows(sets);
  const scored = scoreRows(rows, source);
  console.log(`\n${poolSummary(rows)}`);
  console.log(formatRateTable(scored, ['ivory', 'leather'], RULES_VIEW));
  console.log(articleBlocksLine(scored));
  if (values.errors) {
    const result = results.find((r) => r.set.name === values.errors);
    if (!result) {
      console.error(`eval: unknown set "${values.errors}" (known: ${results.map((r) => r.set.name).join(', ')})`);
      return 2;
    }
    console.log(`\n${formatErrors(result)}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`eval: ${(err as Error).stack ?? err}`);
      process.exit(1);
    },
  );
}
