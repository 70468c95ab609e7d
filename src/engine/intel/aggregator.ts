/**
 * IntelAggregator: counts the facts of captures from many cases as they stream past, for the
 * cyber-alert report. It keeps counters and small sets per distinct value (taxon, site, term),
 * never the captures; seller indicators, nearly as many as the captures, go to a SellerTally
 * (in memory by default, on disk in the command line). A capture seen twice (the same case
 * exported twice, or two overlapping partial exports) is counted once: the one thing kept per
 * capture is its id.
 */
import type { CaptureFacts, ChannelGroup, TermGroup } from './capture-facts';
import {
  type CaptureRef,
  MemorySellerTally,
  type SellerResults,
  type SellerRow,
  type SellerTally,
} from './seller-tally';
import { isoMonth, isoWeek } from './time-buckets';

export { MAX_CAPTURE_REFS, type CaptureRef, type SellerRow } from './seller-tally';

export interface TaxonRow {
  name: string;
  listing: string;
  captures: number;
  mentions: number;
  cases: number;
  sites: number;
}
export interface AppendixRow {
  listing: string;
  taxa: number;
  captures: number;
}
export interface SiteRow {
  site: string;
  captures: number;
  cases: number;
  taxa: number;
}
export interface PeriodRow {
  period: string;
  captures: number;
}
export interface TermRow {
  group: TermGroup;
  term: string;
  captures: number;
  occurrences: number;
}
export interface TacticRow {
  tactic: string;
  hits: number;
  captures: number;
}
export interface ChannelRow {
  group: ChannelGroup;
  name: string;
  captures: number;
  cases: number;
}
export interface PriceRow {
  /** The taxon named on the priced pages; "(several taxa)" when a page names more than one. */
  taxon: string;
  currency: string;
  count: number;
  min: number;
  max: number;
  mean: number;
}

export interface IntelSummary {
  cases: number;
  captures: number;
  /** Captures skipped because an earlier input held them already. */
  duplicates: number;
  firstCapture?: string;
  lastCapture?: string;
  taxa: TaxonRow[];
  appendices: AppendixRow[];
  sites: SiteRow[];
  weeks: PeriodRow[];
  months: PeriodRow[];
  terms: TermRow[];
  tactics: TacticRow[];
  channels: ChannelRow[];
  /** Seller indicators seen on two sites or more, or in two cases or more. */
  crossPosted: SellerRow[];
  /** Every capture of each cross-posted seller indicator, grouped by indicator. */
  crossPostedCaptures: SellerResults['crossPostedCaptures'];
  /** How many identifying seller indicators there are in all. */
  sellerCount: number;
  /** Every identifying seller indicator (for the STIX bundle and the tables), cross-posted first; read as needed. */
  sellers: Iterable<SellerRow>;
  prices: PriceRow[];
}

export const SEVERAL_TAXA = '(several taxa)';

const bump = <K>(m: Map<K, number>, k: K, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
const byCount =
  <T>(count: (x: T) => number, name: (x: T) => string) =>
  (a: T, b: T) =>
    count(b) - count(a) || name(a).localeCompare(name(b));

export class IntelAggregator {
  private sellerResults?: SellerResults;

  constructor(private readonly sellers: SellerTally = new MemorySellerTally()) {}

  private readonly seen = new Set<string>();
  private readonly caseIds = new Set<string>();
  private captures = 0;
  private duplicates = 0;
  private first?: string;
  private last?: string;
  private readonly taxa = new Map<
    string,
    { listing: string; captures: number; mentions: number; cases: Set<string>; sites: Set<string> }
  >();
  private readonly sites = new Map<string, { captures: number; cases: Set<string>; taxa: Set<string> }>();
  private readonly weeks = new Map<string, number>();
  private readonly months = new Map<string, number>();
  private readonly terms = new Map<string, { captures: number; occurrences: number }>();
  private readonly tactics = new Map<string, { hits: number; captures: number }>();
  private readonly channels = new Map<string, { captures: number; cases: Set<string> }>();
  private readonly prices = new Map<string, { count: number; min: number; max: number; sum: number }>();

  /** Counts one capture; false when it was counted before (same capture id). Not after summary(). */
  add(f: CaptureFacts): boolean {
    if (this.sellerResults) throw new Error('IntelAggregator: add after summary');
    const id = `${f.caseId}/${f.captureId}`;
    if (this.seen.has(id)) {
      this.duplicates++;
      return false;
    }
    this.seen.add(id);
    this.caseIds.add(f.caseId);
    this.captures++;
    if (f.capturedAt) {
      if (!this.first || f.capturedAt < this.first) this.first = f.capturedAt;
      if (!this.last || f.capturedAt > this.last) this.last = f.capturedAt;
    }
    const week = isoWeek(f.capturedAt);
    const month = isoMonth(f.capturedAt);
    if (week) bump(this.weeks, week);
    if (month) bump(this.months, month);

    const site = this.sites.get(f.site) ?? { captures: 0, cases: new Set(), taxa: new Set() };
    site.captures++;
    site.cases.add(f.caseId);
    this.sites.set(f.site, site);

    for (const [name, t] of f.taxa) {
      const acc = this.taxa.get(name) ?? {
        listing: t.listing,
        captures: 0,
        mentions: 0,
        cases: new Set(),
        sites: new Set(),
      };
      acc.captures++;
      acc.mentions += t.mentions;
      acc.cases.add(f.caseId);
      acc.sites.add(f.site);
      this.taxa.set(name, acc);
      site.taxa.add(name);
    }
    for (const [key, n] of f.terms) {
      const acc = this.terms.get(key) ?? { captures: 0, occurrences: 0 };
      acc.captures++;
      acc.occurrences += n;
      this.terms.set(key, acc);
    }
    for (const [tactic, n] of f.tactics) {
      const acc = this.tactics.get(tactic) ?? { hits: 0, captures: 0 };
      acc.captures++;
      acc.hits += n;
      this.tactics.set(tactic, acc);
    }
    for (const key of f.channels) {
      const acc = this.channels.get(key) ?? { captures: 0, cases: new Set() };
      acc.captures++;
      acc.cases.add(f.caseId);
      this.channels.set(key, acc);
    }
    const ref: CaptureRef = {
      caseId: f.caseId,
      caseTitle: f.caseTitle,
      captureId: f.captureId,
      number: f.number,
      capturedAt: f.capturedAt,
      site: f.site,
      url: f.url,
    };
    for (const s of f.sellers) this.sellers.add(s, ref);
    if (f.prices.length) {
      const taxon = f.taxa.size === 1 ? [...f.taxa.keys()][0] : f.taxa.size > 1 ? SEVERAL_TAXA : undefined;
      if (taxon) {
        for (const p of f.prices) {
          const key = `${taxon}\u0000${p.currency}`;
          const acc = this.prices.get(key) ?? { count: 0, min: Infinity, max: -Infinity, sum: 0 };
          acc.count++;
          acc.min = Math.min(acc.min, p.amount);
          acc.max = Math.max(acc.max, p.amount);
          acc.sum += p.amount;
          this.prices.set(key, acc);
        }
      }
    }
    return true;
  }

  /** The counts, each list sorted by frequency (then by name). Asked for after the last capture. */
  summary(): IntelSummary {
    const taxa: TaxonRow[] = [...this.taxa].map(([name, t]) => ({
      name,
      listing: t.listing,
      captures: t.captures,
      mentions: t.mentions,
      cases: t.cases.size,
      sites: t.sites.size,
    }));
    taxa.sort(
      byCount(
        (t) => t.captures,
        (t) => t.name,
      ),
    );
    const appendixAcc = new Map<string, { taxa: number; captures: number }>();
    for (const t of taxa) {
      const acc = appendixAcc.get(t.listing) ?? { taxa: 0, captures: 0 };
      acc.taxa++;
      acc.captures += t.captures;
      appendixAcc.set(t.listing, acc);
    }
    const appendices = [...appendixAcc]
      .map(([listing, a]) => ({ listing, ...a }))
      .sort((a, b) => a.listing.localeCompare(b.listing));
    const sites = [...this.sites]
      .map(([site, s]) => ({ site, captures: s.captures, cases: s.cases.size, taxa: s.taxa.size }))
      .sort(
        byCount(
          (s) => s.captures,
          (s) => s.site,
        ),
      );
    const periods = (m: Map<string, number>) =>
      [...m].map(([period, captures]) => ({ period, captures })).sort((a, b) => a.period.localeCompare(b.period));
    const terms = [...this.terms]
      .map(([key, t]) => {
        const [group, term] = key.split('\u0000') as [TermGroup, string];
        return { group, term, ...t };
      })
      .sort(
        byCount(
          (t) => t.captures,
          (t) => t.term,
        ),
      );
    const tactics = [...this.tactics]
      .map(([tactic, t]) => ({ tactic, ...t }))
      .sort(
        byCount(
          (t) => t.hits,
          (t) => t.tactic,
        ),
      );
    const channels = [...this.channels]
      .map(([key, c]) => {
        const [group, name] = key.split('\u0000') as [ChannelGroup, string];
        return { group, name, captures: c.captures, cases: c.cases.size };
      })
      .sort(
        byCount(
          (c) => c.captures,
          (c) => c.name,
        ),
      );
    this.sellerResults ??= this.sellers.results();
    const prices = [...this.prices]
      .map(([key, p]) => {
        const [taxon, currency] = key.split('\u0000');
        return { taxon, currency, count: p.count, min: p.min, max: p.max, mean: p.sum / p.count };
      })
      .sort((a, b) => a.taxon.localeCompare(b.taxon) || a.currency.localeCompare(b.currency));
    return {
      cases: this.caseIds.size,
      captures: this.captures,
      duplicates: this.duplicates,
      firstCapture: this.first,
      lastCapture: this.last,
      taxa,
      appendices,
      sites,
      weeks: periods(this.weeks),
      months: periods(this.months),
      terms,
      tactics,
      channels,
      crossPosted: this.sellerResults.crossPosted,
      crossPostedCaptures: this.sellerResults.crossPostedCaptures,
      sellerCount: this.sellerResults.count,
      sellers: this.sellerResults.all,
      prices,
    };
  }
}
