/**
 * What the popup and the side panel make of a tab's detection results: the verdict's level and
 * one-line reason, the distinct wildlife mentions, the flagged listings with their own evidence and
 * indicators, and the page-wide indicators grouped. Pure (no browser, no strings), so it is
 * unit-tested in tests/pages/findings-view.test.ts; the components put the words on it.
 */
import type { Indicator, IndicatorType } from '../../engine/indicators/types';
import type { HitKind } from '../../engine/matcher/hit';
import { strictestAppendix } from '../../engine/matcher/paint-kind';
import type { SignalKind } from '../../engine/risk/types';
import type { BlockRiskView, HitView, TabDetection } from '../../messaging/routes/detection';

/** How alarming a score is: an offer (at or above the threshold), something to look at, or calm. */
export type RiskLevel = 'high' | 'mid' | 'low';

/** Half the threshold and up: wildlife is mentioned with some commerce, short of an offer. */
export function riskLevel(score: number, saleOffer: boolean, threshold = 50): RiskLevel {
  if (saleOffer) return 'high';
  return score >= threshold / 2 ? 'mid' : 'low';
}

/** The CSS class of a listing's pill: its strictest appendix ("I/II" is shown as I). */
export function appendixClass(listing: string | undefined): string {
  const a = strictestAppendix(listing);
  return a ? `app-${'I'.repeat(a)}` : '';
}

/** One wildlife subject on the page: a taxon, or a term when no taxon is known. */
export interface Mention {
  key: string;
  name: string;
  /** CITES listing as written ("I", "I/II"), '' when none. */
  listing: string;
  kind: HitKind;
  /** Mentions of it (a name written twice counts twice). */
  count: number;
}

const isWildlife = (h: HitView) => h.kind !== 'cue';

/** Distinct wildlife mentions (cues left out), strictest appendix first, then the most mentioned. */
export function distinctMentions(hits: readonly HitView[]): Mention[] {
  const byKey = new Map<string, Mention>();
  for (const h of hits) {
    if (!isWildlife(h)) continue;
    const key = h.taxon ? `taxon:${h.taxon.taxonId}` : `${h.kind}:${h.term.toLowerCase()}`;
    const m = byKey.get(key);
    if (m) m.count++;
    else
      byKey.set(key, { key, name: h.taxon?.name ?? h.term, listing: h.taxon?.listing ?? '', kind: h.kind, count: 1 });
  }
  const rank = (m: Mention) => strictestAppendix(m.listing) || 9;
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b) || b.count - a.count || a.name.localeCompare(b.name));
}

/** The reasons a verdict can give, in words the components choose. */
export type Reason =
  | 'species'
  | 'product'
  | 'disguise'
  | 'code-word'
  | 'sale'
  | 'buy'
  | 'contact'
  | 'price'
  | 'payment'
  | 'shipping'
  | 'cover';

const REASON_OF: Partial<Record<SignalKind, Reason>> = {
  taxon: 'species',
  product: 'product',
  'product-form': 'product',
  evasion: 'disguise',
  'code-word': 'code-word',
  'sale-cue': 'sale',
  'buy-cue': 'buy',
  'contact-cue': 'contact',
  contact: 'contact',
  link: 'contact',
  price: 'price',
  payment: 'payment',
  shipping: 'shipping',
  cover: 'cover',
};

/**
 * The reasons behind a block's score, the weightiest first, each once: what one line can say
 * ("Appendix I species, disguised name, sale wording, price"). Weighed by what the model made of
 * each signal (its share of the log-odds), or by its points in results kept from before the model.
 * Findings that were not counted (weight 0) still count as reasons when nothing weighs more: a
 * price counted only once is a price.
 */
export function reasonsOf(block: Pick<BlockRiskView, 'signals'> | null | undefined, max = 4): Reason[] {
  const weight = new Map<Reason, number>();
  for (const s of block?.signals ?? []) {
    const r = REASON_OF[s.kind];
    const w = s.logOdds ?? s.weight;
    if (!r || w < 0 || s.weight < 0) continue;
    weight.set(r, (weight.get(r) ?? 0) + w);
  }
  return [...weight.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([r]) => r);
}

/** The order indicators are shown in: who to contact first, then how to pay, the price, shipping. */
const INDICATOR_ORDER: IndicatorType[] = [
  'phone',
  'messenger',
  'email',
  'social',
  'crypto',
  'payment',
  'price',
  'shipping',
];
const orderOf = (t: IndicatorType) => INDICATOR_ORDER.indexOf(t);

/** Indicators without repeats ("type:normalized"), in display order. */
export function uniqueIndicators(list: readonly Indicator[]): Indicator[] {
  const seen = new Set<string>();
  return list
    .filter((i) => {
      const key = `${i.type}:${i.normalized}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => orderOf(a.type) - orderOf(b.type));
}

/** A block of the page that reads as a listing with wildlife in it. */
export interface Listing {
  frameId: number;
  blockId: number;
  score: number;
  saleOffer: boolean;
  level: RiskLevel;
  snippet: string;
  block: BlockRiskView;
  mentions: Mention[];
  /** Its wildlife hits, one per distinct text, in text order. */
  evidence: HitView[];
  /** Its own contacts, payment, price and shipping, without repeats. */
  indicators: Indicator[];
}

/**
 * The flagged listings: scored blocks that mention wildlife, the highest score first. A block
 * that scores on commerce alone (a bike with a price) is not flagged.
 */
export function flaggedListings(view: Pick<TabDetection, 'blocks' | 'hits' | 'indicators' | 'page'>): Listing[] {
  const at = (frameId: number, blockId: number) => `${frameId}:${blockId}`;
  const hits = new Map<string, HitView[]>();
  for (const h of view.hits)
    if (isWildlife(h)) hits.set(at(h.frameId, h.blockId), [...(hits.get(at(h.frameId, h.blockId)) ?? []), h]);
  const indicators = new Map<string, Indicator[]>();
  for (const v of view.indicators) {
    const key = at(v.frameId, v.blockId);
    indicators.set(key, [...(indicators.get(key) ?? []), v.indicator]);
  }
  const out: Listing[] = [];
  for (const b of view.blocks) {
    const own = hits.get(at(b.frameId, b.blockId)) ?? [];
    if (own.length === 0) continue;
    const texts = new Set<string>();
    const evidence = [...own]
      .sort((x, y) => x.start - y.start)
      .filter((h) => {
        const key = h.text.toLowerCase();
        return texts.has(key) ? false : (texts.add(key), true);
      });
    out.push({
      frameId: b.frameId,
      blockId: b.blockId,
      score: b.score,
      saleOffer: b.saleOffer,
      level: riskLevel(b.score, b.saleOffer, view.page.threshold),
      snippet: b.snippet,
      block: b,
      mentions: distinctMentions(own),
      evidence,
      indicators: uniqueIndicators(indicators.get(at(b.frameId, b.blockId)) ?? []),
    });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Page-wide indicator groups, contacts first. Prices are left to their listings. */
export type IndicatorGroupName = 'contact' | 'payment' | 'shipping' | 'wallet';

const GROUP_OF: Partial<Record<IndicatorType, IndicatorGroupName>> = {
  phone: 'contact',
  messenger: 'contact',
  email: 'contact',
  social: 'contact',
  payment: 'payment',
  shipping: 'shipping',
  crypto: 'wallet',
};
const GROUPS: IndicatorGroupName[] = ['contact', 'payment', 'wallet', 'shipping'];

/** Every indicator of the page but prices, once each, in groups: contacts, payment, wallets, shipping. */
export function pageIndicatorGroups(
  view: Pick<TabDetection, 'indicators'>,
): { group: IndicatorGroupName; items: Indicator[] }[] {
  const unique = uniqueIndicators(view.indicators.map((v) => v.indicator));
  return GROUPS.map((group) => ({ group, items: unique.filter((i) => GROUP_OF[i.type] === group) })).filter(
    (g) => g.items.length > 0,
  );
}
