/**
 * Evaluation at the rate a patrol meets offers: each labelled set's positives mixed with ordinary
 * text (the set's own negatives, the documentation of the installed npm packages read in place,
 * and the generated listings and articles of bench/data) weighted so that positives are RATE of
 * all texts. Splits and folds are by group (account, seller, site, package, story), never by row,
 * so one seller's near-duplicates never sit on both sides.
 *
 * Precision at a base rate is computed by weighting each negative (every negative of the pool
 * counts as `weight` texts): P = TP / (TP + weight * FP). This estimates what a patrol would see
 * without inventing more positives; the pool has thousands of negatives, so one false alarm moves
 * precision visibly, which is the point.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeBlocks, type Analysis, type HitSource } from '../src/engine/risk';
import { atRate as ratedMetrics, fnv1a, foldOf, type RateMetrics } from '../src/engine/risk/fit';
import { featuresOf, logOddsOf, MODEL, sigmoid, type RiskModel } from '../src/engine/risk/model';
import { analyzeLongText } from '../src/engine/risk/windows';

/** Positives among all texts a patrol reads (the issue measured ivory sale posts at about 1.6 %). */
export const RATE = 0.015;
export const FOLDS = 5;

export type Source = 'ivory' | 'leather' | 'docs' | 'listings' | 'articles';

export interface Row {
  source: Source;
  id: string;
  /** Account, seller, site, package or story: what must not straddle a split. */
  group: string;
  text: string;
  positive: boolean;
  part: 'dev' | 'held-out';
  /** Cross-validation fold of the group (0..FOLDS-1), for dev rows. */
  fold: number;
  /** Article pages (news, blog, encyclopedia), for the share flagged. */
  article?: boolean;
}

/** 60 % dev / 40 % held-out by the hash of "<source>:<group>"; folds by another hash of the same. */
export const groupPart = (source: string, group: string): 'dev' | 'held-out' =>
  fnv1a(`${source}:${group}`) % 100 < 60 ? 'dev' : 'held-out';
export const groupFold = (source: string, group: string) => foldOf(`${source}:${group}`, FOLDS);

const REPO = resolve(import.meta.dirname, '..');

/** The package a node_modules path belongs to ("node_modules/@scope/name/..." -> "@scope/name"). */
function packageOf(path: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
  return m ? m[1] : path;
}

/**
 * Documentation of the installed npm packages, cut at blank lines into pieces of 200-1,500
 * characters (a post or a page section), at most `perPackage` pieces per package. Read in place.
 */
export function docsRows(limit = 4000, perPackage = 12): Row[] {
  const files = execSync('find node_modules/ -name "*.md" -size +2k', { cwd: REPO, encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .sort();
  const rows: Row[] = [];
  const seen = new Set<string>();
  const perPkg = new Map<string, number>();
  for (const f of files) {
    const pkg = packageOf(f);
    let piece = '';
    for (const para of readFileSync(join(REPO, f), 'utf8').split(/\n\s*\n/)) {
      piece = piece ? `${piece}\n\n${para}` : para;
      if (piece.length < 200) continue;
      const text = piece.slice(0, 1500);
      piece = '';
      const n = perPkg.get(pkg) ?? 0;
      if (n >= perPackage || seen.has(text)) continue;
      seen.add(text);
      perPkg.set(pkg, n + 1);
      const group = `pkg:${pkg}`;
      rows.push({ source: 'docs', id: `${f}#${n}`, group, text, positive: false, ...where('docs', group) });
      if (rows.length >= limit) return rows;
    }
  }
  return rows;
}

const where = (source: string, group: string) => ({ part: groupPart(source, group), fold: groupFold(source, group) });

/** The generated listings and articles of bench/data (see its README). */
export function generatedRows(dir = resolve(REPO, 'bench/data')): Row[] {
  const rows: Row[] = [];
  for (const [file, source] of [
    ['ordinary-listings.jsonl', 'listings'],
    ['articles.jsonl', 'articles'],
  ] as const) {
    const path = resolve(dir, file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; group: string; text: string };
      rows.push({
        source,
        id: r.id,
        group: r.group,
        text: r.text,
        positive: false,
        ...where(source, r.group),
        ...(source === 'articles' ? { article: true } : {}),
      });
    }
  }
  return rows;
}

/** A row scored: the analysis of its whole text, and for articles whether any paragraph block is an offer. */
export interface Scored {
  row: Row;
  analysis: Analysis;
  /** Articles only: the page verdict when scored paragraph by paragraph, as the content script's blocks. */
  blocksFlagged?: boolean;
}

export function scoreRows(rows: readonly Row[], source: HitSource): Scored[] {
  return rows.map((row) => {
    const analysis = analyzeLongText(row.text, source);
    if (!row.article) return { row, analysis };
    // As the content script's blocks: each paragraph, with the page's article conventions.
    const blocks: { text: string; offset: number }[] = [];
    let offset = 0;
    for (const para of row.text.split(/\n\s*\n/)) {
      if (para.trim()) blocks.push({ text: para, offset });
      offset += para.length + 2;
    }
    return { row, analysis, blocksFlagged: analyzeBlocks(blocks, source).risk.page.saleOffer };
  });
}

export type { RateMetrics } from '../src/engine/risk/fit';

/** Metrics at `rate` positives (RATE unless told): see src/engine/risk/fit/rate.ts. */
export function atRate<T>(
  items: readonly T[],
  positive: (t: T) => boolean,
  score: (t: T) => number,
  flag: (t: T) => boolean,
  rate = RATE,
): RateMetrics {
  return ratedMetrics(items, positive, score, flag, rate);
}

/** The mix for one labelled set: its rows plus every ordinary row, restricted to `keep`. */
export function mixFor<T extends { row: Row }>(set: Source, items: readonly T[], keep: (t: T) => boolean): T[] {
  const out: T[] = [];
  for (const t of items) {
    const own = t.row.source === set;
    const ordinary = t.row.source === 'docs' || t.row.source === 'listings' || t.row.source === 'articles';
    if ((own || (ordinary && !t.row.positive)) && keep(t)) out.push(t);
  }
  return out;
}

const f = (n: number) => n.toFixed(3);

export interface ModelView<T> {
  name: string;
  score: (t: T) => number;
  flag: (t: T) => boolean;
}

/**
 * The table for one way of scoring: per labelled set, the dev part's group folds (mean and spread
 * of the per-fold figures: for a fitted model, each fold scored by the model fitted without it),
 * and the held-out part.
 */
export function formatRateTable<T extends { row: Row }>(
  items: readonly T[],
  sets: readonly Source[],
  view: ModelView<T>,
  oof?: ModelView<T>,
): string {
  const lines = [
    `${view.name}: realistic base rate ${(RATE * 100).toFixed(1)} % positives (negatives weighted)`,
    'set      part           pos    neg   PR-AUC  P      R      F1     false alarms',
  ];
  for (const set of sets) {
    const cvView = oof ?? view;
    const folds: RateMetrics[] = [];
    for (let k = 0; k < FOLDS; k++) {
      const mix = mixFor(set, items, (t) => t.row.part === 'dev' && t.row.fold === k);
      folds.push(atRate(mix, (t) => t.row.positive, cvView.score, cvView.flag));
    }
    const mean = (key: keyof RateMetrics) => folds.reduce((a, m) => a + m[key], 0) / folds.length;
    const sd = (key: keyof RateMetrics) =>
      Math.sqrt(folds.reduce((a, m) => a + (m[key] - mean(key)) ** 2, 0) / Math.max(1, folds.length - 1));
    const pooled = atRate(
      mixFor(set, items, (t) => t.row.part === 'dev'),
      (t) => t.row.positive,
      cvView.score,
      cvView.flag,
    );
    const held = atRate(
      mixFor(set, items, (t) => t.row.part === 'held-out'),
      (t) => t.row.positive,
      view.score,
      view.flag,
    );
    const row = (label: string, m: RateMetrics) =>
      `${set.padEnd(8)} ${label.padEnd(13)} ${String(m.positives).padStart(4)} ${String(m.negatives).padStart(6)}   ` +
      `${f(m.prAuc)}  ${f(m.precision)}  ${f(m.recall)}  ${f(m.f1)}  ${m.falseAlarms}`;
    lines.push(row(oof ? 'dev CV (oof)' : 'dev (pooled)', pooled));
    lines.push(
      `${set.padEnd(8)} ${'dev 5 folds'.padEnd(13)} mean ± sd       ` +
        `${f(mean('prAuc'))}±${sd('prAuc').toFixed(2)} P ${f(mean('precision'))}±${sd('precision').toFixed(2)} ` +
        `R ${f(mean('recall'))}±${sd('recall').toFixed(2)} F1 ${f(mean('f1'))}±${sd('f1').toFixed(2)}`,
    );
    lines.push(row('held-out', held));
  }
  const articles = items.filter((t) => t.row.article);
  for (const part of ['dev', 'held-out'] as const) {
    const inPart = articles.filter((t) => t.row.part === part);
    const flagged = inPart.filter(view.flag).length;
    lines.push(`article pages flagged (${part}, whole text): ${flagged} of ${inPart.length}`);
  }
  return lines.join('\n');
}

/** The labelled sets' rows (their group, part and fold) with every ordinary row. */
export function allRows(
  sets: readonly { name: string; rows: readonly { id: string; text: string; positive: boolean; group?: string }[] }[],
): Row[] {
  const rows: Row[] = [];
  for (const set of sets) {
    const source = set.name as Source;
    for (const r of set.rows) {
      const group = r.group ?? r.id;
      rows.push({ source, id: r.id, group, text: r.text, positive: r.positive, ...where(source, group) });
    }
  }
  return [...rows, ...docsRows(), ...generatedRows()];
}

/** Counts of the ordinary pool, for the report's header. */
export function poolSummary(rows: readonly Row[]): string {
  const count = (s: Source) => rows.filter((r) => r.source === s).length;
  const groups = (s: Source) => new Set(rows.filter((r) => r.source === s).map((r) => r.group)).size;
  return (
    `Ordinary text mixed in: ${count('docs')} documentation pieces (${groups('docs')} npm packages, read in place), ` +
    `${count('listings')} generated listings (${groups('listings')} sellers), ${count('articles')} generated ` +
    `article pages (${groups('articles')} stories); split and folds by group.`
  );
}

/** The hand-set rules as they stand: score 0..100 ranks, `saleOffer` decides. */
export const RULES_VIEW: ModelView<Scored> = {
  name: 'Verdict (saleOffer: the fitted model of model.json at its operating point)',
  score: (t) => t.analysis.risk.score,
  flag: (t) => t.analysis.risk.saleOffer,
};

/** Article pages flagged when scored paragraph by paragraph (any block an offer), per part. */
export function articleBlocksLine(scored: readonly Scored[]): string {
  const out: string[] = [];
  for (const part of ['dev', 'held-out'] as const) {
    const inPart = scored.filter((t) => t.row.article && t.row.part === part);
    out.push(`${inPart.filter((t) => t.blocksFlagged).length} of ${inPart.length} (${part})`);
  }
  return `article pages flagged, scored by paragraph blocks: ${out.join(', ')}`;
}

/**
 * The fitted model (src/engine/risk/model.json) over the same signals: its probability ranks, the
 * verdict's gate (a subject and commerce) and the fitted threshold decide. Its dev part was used
 * for fitting: the dev figures are in-sample (`npm run fit` prints the grouped cross-validation).
 */
export function fittedView(model: RiskModel = MODEL): ModelView<Scored> {
  const cache = new Map<Scored, number>();
  const score = (t: Scored) => {
    let s = cache.get(t);
    if (s === undefined) {
      s = 100 * sigmoid(logOddsOf(featuresOf(t.row.text, t.analysis.risk.signals), model).logOdds);
      cache.set(t, s);
    }
    return s;
  };
  return {
    name: `Fitted model (model.json, threshold ${model.threshold}; dev part in-sample)`,
    score,
    flag: (t) => t.analysis.risk.hasSubject && t.analysis.risk.hasCommerce && Math.round(score(t)) >= model.threshold,
  };
}
