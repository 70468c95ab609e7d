/**
 * Scores a matcher against a labelled corpus (tests/fixtures/matcher/corpus.jsonl): recall per
 * tactic, precision per tactic, for the tests and the quality benchmark.
 */
import type { Taxon } from '../lexicon/types';
import { foldString } from '../text/fold';
import { maxEditsFor } from './misspelling-index';
import type { Hit } from './hit';
import type { Matcher } from './matcher';

export interface LabelledMention {
  text: string;
  tactic: string;
  taxon?: string;
  term?: string;
}

export interface LabelledText {
  id: string;
  lang: string;
  text: string;
  mentions: LabelledMention[];
  negative: boolean;
  /** In negatives: hit texts or terms that may be reported (negations, plain mentions). */
  allowed?: string[];
}

export interface TacticScore {
  tactic: string;
  mentions: number;
  found: number;
  recall: number;
  /** Hits attributed to this tactic that were right / wrong. */
  truePositives: number;
  falsePositives: number;
  precision: number;
}

export interface QualityReport {
  tactics: TacticScore[];
  overall: { recall: number; precision: number; exactRecall: number; evasionRecall: number };
  misses: { id: string; mention: LabelledMention }[];
  falsePositives: { id: string; hit: Hit }[];
}

const lower = (s: string) => s.normalize('NFC').toLowerCase();

/** Whether a hit names what the mention names (same taxon, or same term). */
export function sameReference(hit: Hit, m: LabelledMention): boolean {
  if (m.taxon && hit.taxon?.name === m.taxon) return true;
  if (m.term && lower(hit.term) === lower(m.term)) return true;
  return false;
}

/** Hits that count as detections: species, trade terms and hashtags (not cues or negations). */
export function isDetection(hit: Hit, minConfidence: number): boolean {
  return hit.confidence >= minConfidence && hit.kind !== 'cue' && hit.termKind !== 'negation';
}

/**
 * Scores the matcher. A mention is found when a detection overlaps it, names the same taxon or
 * term, and (for an evasion) names the tactic. Precision: detections overlapping a labelled
 * mention are right or wrong by reference; every detection in a negative text not in its
 * `allowed` list is wrong; other detections in positive texts are unlabelled and not counted.
 */
export function scoreCorpus(matcher: Matcher, corpus: LabelledText[], minConfidence = 0.5): QualityReport {
  const stats = new Map<string, TacticScore>();
  const stat = (tactic: string) => {
    let s = stats.get(tactic);
    if (!s) {
      s = { tactic, mentions: 0, found: 0, recall: 0, truePositives: 0, falsePositives: 0, precision: 0 };
      stats.set(tactic, s);
    }
    return s;
  };
  const misses: QualityReport['misses'] = [];
  const falsePositives: QualityReport['falsePositives'] = [];
  for (const row of corpus) {
    const hits = matcher.match(row.text).filter((h) => isDetection(h, minConfidence));
    const spans = row.mentions.map((m) => {
      const start = row.text.indexOf(m.text);
      return { m, start, end: start + m.text.length };
    });
    for (const { m, start, end } of spans) {
      const s = stat(m.tactic);
      s.mentions++;
      const namesTactic = (h: Hit) => m.tactic === 'exact' || h.tactics.includes(m.tactic as never);
      const ok = hits.some((h) => h.start < end && h.end > start && sameReference(h, m) && namesTactic(h));
      if (ok) s.found++;
      else misses.push({ id: row.id, mention: m });
    }
    for (const h of hits) {
      const evasion = h.tactics.find((t) => t !== 'code-word');
      const tactic = evasion ?? (h.tactics.includes('code-word') ? 'code-word' : 'exact');
      if (row.negative) {
        const allowed = (row.allowed ?? []).some((a) => lower(a) === lower(h.text) || lower(a) === lower(h.term));
        if (!allowed) {
          stat(tactic).falsePositives++;
          falsePositives.push({ id: row.id, hit: h });
        }
        continue;
      }
      const over = spans.filter(({ start, end }) => h.start < end && h.end > start);
      if (over.length === 0) continue;
      if (over.some(({ m }) => sameReference(h, m))) stat(tactic).truePositives++;
      else {
        stat(tactic).falsePositives++;
        falsePositives.push({ id: row.id, hit: h });
      }
    }
  }
  const exactFirst = (a: TacticScore, b: TacticScore) => {
    if (a.tactic === 'exact') return -1;
    return b.tactic === 'exact' ? 1 : a.tactic.localeCompare(b.tactic);
  };
  const tactics = [...stats.values()].sort(exactFirst);
  for (const s of tactics) {
    s.recall = s.mentions ? s.found / s.mentions : NaN;
    s.precision = s.truePositives + s.falsePositives ? s.truePositives / (s.truePositives + s.falsePositives) : NaN;
  }
  const sum = (f: (s: TacticScore) => number, filter: (s: TacticScore) => boolean = () => true) =>
    tactics.filter(filter).reduce((a, s) => a + f(s), 0);
  const tp = sum((s) => s.truePositives);
  const fp = sum((s) => s.falsePositives);
  const isExact = (s: TacticScore) => s.tactic === 'exact';
  return {
    tactics,
    overall: {
      recall: sum((s) => s.found) / sum((s) => s.mentions),
      precision: tp + fp ? tp / (tp + fp) : NaN,
      exactRecall: sum((s) => s.found, isExact) / sum((s) => s.mentions, isExact),
      evasionRecall:
        sum(
          (s) => s.found,
          (s) => !isExact(s),
        ) /
        sum(
          (s) => s.mentions,
          (s) => !isExact(s),
        ),
    },
    misses,
    falsePositives,
  };
}

/** Optimal string alignment distance of two strings (reference implementation for checks). */
export function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (swapped) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const nameWords = (s: string) =>
  foldString(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** True when `s` misspells `of`: same number of words, each within the matcher's limits, not equal. */
export function isMisspellingOf(s: string, of: string): boolean {
  const a = nameWords(s);
  const b = nameWords(of);
  if (a.length !== b.length || a.join(' ') === b.join(' ')) return false;
  return a.every((w, i) => osa(w, b[i]) <= maxEditsFor(b[i].length));
}

/**
 * From rows of [accepted name, synonyms...] (eval-dev/reptile-synonyms-misspellings.csv): taxa
 * whose names are the first-come spellings, and the later spellings that misspell one of them.
 */
export function misspellingCheck(rows: string[][]): {
  taxa: Taxon[];
  cases: { reptile: string; misspelling: string }[];
} {
  const taxa: Taxon[] = [];
  const cases: { reptile: string; misspelling: string }[] = [];
  rows.forEach((row, i) => {
    const names = [...new Set(row.map((c) => c.replace(/\s+/g, ' ').trim()).filter(Boolean))];
    if (names.length === 0) return;
    const reptile = names[0];
    const kept = [reptile];
    const wrong: string[] = [];
    for (const n of names.slice(1)) {
      if (kept.some((k) => isMisspellingOf(n, k))) wrong.push(n);
      else kept.push(n);
    }
    for (const w of wrong) cases.push({ reptile, misspelling: w });
    const scientific = (n: string) => /^[A-Z][a-z]+ [a-z]/.test(n);
    taxa.push({
      taxonId: i + 1,
      name: reptile,
      rank: 'SPECIES',
      kingdom: 'Animalia',
      phylum: 'Chordata',
      class: 'Reptilia',
      order: '',
      family: '',
      genus: reptile.split(' ')[0],
      author: '',
      listing: 'II',
      annotationSymbol: '',
      annotation: '',
      citesAccepted: true,
      synonyms: kept.slice(1).filter(scientific),
      commonNames: kept
        .slice(1)
        .filter((n) => !scientific(n))
        .map((name) => ({ name, lang: 'en' })),
      excludes: [],
    });
  });
  return { taxa, cases };
}

/** Whether the matcher repairs a misspelling to its reptile inside a short ad. */
export function findsMisspelling(matcher: Matcher, c: { reptile: string; misspelling: string }): boolean {
  const text = `For sale: ${c.misspelling}, captive bred, ship worldwide.`;
  return matcher.match(text).some((h) => h.kind === 'species' && h.taxon?.name === c.reptile && h.confidence >= 0.5);
}
