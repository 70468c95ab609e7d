/**
 * Seller indicators (phones, handles, wallets, e-mails) counted across cases: how many captures,
 * sites and cases each was seen in, and which captures. Most sellers on a patrol are seen once,
 * so there are about as many distinct sellers as captures: the tally is the one part of the
 * report whose memory grows with the captures. MemorySellerTally keeps one small record per
 * seller (a seller seen once holds no set and no list, only the capture it was seen in); the
 * command line swaps in a tally that keeps sightings on disk (src/cli/disk-seller-tally.ts).
 */
import type { SellerIndicator, SellerKeyType } from './capture-facts';

/** How many captures the report lists under one cross-posted seller indicator (the count is exact). */
export const MAX_CAPTURE_REFS = 25;

export interface CaptureRef {
  caseId: string;
  caseTitle: string;
  captureId: string;
  number: number;
  capturedAt: string;
  site: string;
  url: string;
}

export interface SellerRow {
  key: string;
  type: SellerKeyType;
  label: string;
  value: string;
  captures: number;
  sites: string[];
  cases: { caseId: string; caseTitle: string }[];
  /** The first MAX_CAPTURE_REFS captures, in the order they were read (all: SellerResults.crossPostedCaptures). */
  refs: CaptureRef[];
  firstSeen: string;
  lastSeen: string;
}

/** The tally's result, asked for once after the last sighting. */
export interface SellerResults {
  /** Distinct seller indicators. */
  count: number;
  /** Seen on two sites or more, or in two cases or more; most widespread first. */
  crossPosted: SellerRow[];
  /**
   * Every seller: the cross-posted ones first (in crossPosted's order), then the others (most
   * captures first in memory; part by part on disk). Can be iterated more than once; rows are
   * made as they are read.
   */
  all: Iterable<SellerRow>;
  /** Every capture of every cross-posted seller (not only the first MAX_CAPTURE_REFS), grouped by seller. */
  crossPostedCaptures: Iterable<{ seller: SellerRow; capture: CaptureRef }>;
}

export interface SellerTally {
  add(seller: SellerIndicator, seen: CaptureRef): void;
  results(): SellerResults;
}

export const isCrossPosted = (r: Pick<SellerRow, 'sites' | 'cases'>) => r.sites.length > 1 || r.cases.length > 1;

/** Most widespread first: sites, then cases, then captures, then by key (a stable order). */
export function bySpread(a: SellerRow, b: SellerRow): number {
  const weight = (s: SellerRow) => s.sites.length * 1e6 + s.cases.length * 1e3 + Math.min(s.captures, 999);
  return weight(b) - weight(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** One seller so far. A seller seen once holds its one site, case and capture without a collection. */
interface Acc {
  type: SellerKeyType;
  label: string;
  value: string;
  captures: number;
  sites: string | Set<string>;
  cases: string | Set<string>;
  refs: CaptureRef | CaptureRef[];
  firstSeen: string;
  lastSeen: string;
}

const asSet = (v: string | Set<string>): Set<string> => (typeof v === 'string' ? new Set([v]) : v);

export class MemorySellerTally implements SellerTally {
  private readonly sellers = new Map<string, Acc>();
  private readonly caseTitles = new Map<string, string>();

  add(s: SellerIndicator, ref: CaptureRef): void {
    if (!this.caseTitles.has(ref.caseId)) this.caseTitles.set(ref.caseId, ref.caseTitle);
    const acc = this.sellers.get(s.key);
    if (!acc) {
      this.sellers.set(s.key, {
        type: s.type,
        label: s.label,
        value: s.value,
        captures: 1,
        sites: ref.site,
        cases: ref.caseId,
        refs: ref,
        firstSeen: ref.capturedAt,
        lastSeen: ref.capturedAt,
      });
      return;
    }
    acc.captures++;
    if (acc.sites !== ref.site) acc.sites = asSet(acc.sites).add(ref.site);
    if (acc.cases !== ref.caseId) acc.cases = asSet(acc.cases).add(ref.caseId);
    // Every capture is kept: the capture's sellers share its CaptureRef, so each costs a pointer here.
    if (!Array.isArray(acc.refs)) acc.refs = [acc.refs];
    acc.refs.push(ref);
    if (ref.capturedAt && (!acc.firstSeen || ref.capturedAt < acc.firstSeen)) acc.firstSeen = ref.capturedAt;
    if (ref.capturedAt > acc.lastSeen) acc.lastSeen = ref.capturedAt;
  }

  private row(key: string, a: Acc): SellerRow {
    const cases = [...asSet(a.cases)];
    return {
      key,
      type: a.type,
      label: a.label,
      value: a.value,
      captures: a.captures,
      sites: [...asSet(a.sites)].sort(),
      cases: cases.map((caseId) => ({ caseId, caseTitle: this.caseTitles.get(caseId) ?? '' })),
      refs: Array.isArray(a.refs) ? a.refs.slice(0, MAX_CAPTURE_REFS) : [a.refs],
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
    };
  }

  results(): SellerResults {
    const crossPosted: SellerRow[] = [];
    // The others are sorted by captures through their keys only: rows are made while read.
    const others: [string, Acc][] = [];
    for (const [key, a] of this.sellers) {
      if (typeof a.sites !== 'string' || typeof a.cases !== 'string') crossPosted.push(this.row(key, a));
      else others.push([key, a]);
    }
    crossPosted.sort(bySpread);
    const sellers = this.sellers;
    others.sort(([ka, a], [kb, b]) => b.captures - a.captures || (ka < kb ? -1 : ka > kb ? 1 : 0));
    const row = (key: string, a: Acc) => this.row(key, a);
    return {
      count: this.sellers.size,
      crossPosted,
      all: {
        *[Symbol.iterator]() {
          yield* crossPosted;
          for (const [key, a] of others) yield row(key, a);
        },
      },
      crossPostedCaptures: {
        *[Symbol.iterator]() {
          for (const seller of crossPosted) {
            const refs = sellers.get(seller.key)!.refs;
            for (const capture of Array.isArray(refs) ? refs : [refs]) yield { seller, capture };
          }
        },
      },
    };
  }
}
