import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../src/engine/indicators/types';
import type { RiskSignal } from '../../src/engine/risk/types';
import type { BlockRiskView, HitView, TabDetection } from '../../src/messaging/routes/detection';
import {
  appendixClass,
  distinctMentions,
  flaggedListings,
  pageIndicatorGroups,
  reasonsOf,
  riskLevel,
} from '../../src/pages/shared/findings-view';

// The shape of tests/fixtures/pages/marketplace.html as live detection reports it: the page's
// title block, the listing (an article), the seller's other listings, and a commerce-only block.
const taxon = (taxonId: number, name: string, listing: string) => ({ taxonId, name, rank: 'SPECIES', listing });
const PYTHON = taxon(1, 'Python regius', 'II');
const TORTOISE = taxon(2, 'Astrochelys radiata', 'I');
const ELEPHANT = taxon(3, 'Loxodonta africana', 'I/II');
const SHINISAURUS = taxon(4, 'Shinisaurus crocodilurus', 'I');

let at = 0;
function hit(blockId: number, text: string, kind: HitView['kind'], tx?: ReturnType<typeof taxon>): HitView {
  at += 10;
  return {
    frameId: 0,
    blockId,
    start: at,
    end: at + text.length,
    text,
    term: text,
    kind,
    tactics: [],
    editDistance: 0,
    confidence: 1,
    before: 'before ',
    after: ' after',
    ...(tx ? { taxon: tx } : {}),
  };
}
const ind = (blockId: number, type: Indicator['type'], value: string, normalized = value) => ({
  frameId: 0,
  blockId,
  indicator: { type, value, normalized, start: 0, end: value.length, details: {} } as Indicator,
});
const signal = (kind: RiskSignal['kind'], weight: number): RiskSignal => ({
  kind,
  label: kind,
  text: '',
  start: 0,
  end: 0,
  weight,
});
const block = (blockId: number, score: number, signals: RiskSignal[] = []): BlockRiskView => ({
  frameId: 0,
  blockId,
  score,
  saleOffer: score >= 50,
  snippet: `block ${blockId}`,
  signals,
});

const view: Pick<TabDetection, 'blocks' | 'hits' | 'indicators' | 'page'> = {
  page: { score: 100, saleOffer: true, threshold: 50, best: null },
  blocks: [block(4, 100), block(1, 87), block(6, 40), block(5, 20)],
  hits: [
    hit(1, 'Pyhton regius', 'species', PYTHON),
    hit(1, 'for sale', 'cue'),
    hit(4, 'Pyhton regius', 'species', PYTHON),
    hit(4, 'Radiated tortoise', 'species', TORTOISE),
    hit(4, 'ball python', 'species', PYTHON),
    hit(4, 'Radiated tortoise', 'species', TORTOISE),
    hit(4, '1vory', 'trade-term', ELEPHANT),
    hit(4, 'cow bone', 'trade-term'),
    hit(4, 'WhatsApp', 'cue'),
    hit(6, 'Shinisaurus crocodilurus', 'species', SHINISAURUS),
  ],
  indicators: [
    ind(4, 'price', '$ 220', '220 USD'),
    ind(4, 'shipping', 'DHL', 'dhl'),
    ind(4, 'messenger', '+1 202-555-0101', 'whatsapp:+12025550101'),
    ind(4, 'payment', 'PayPal', 'paypal'),
    ind(4, 'messenger', '+1 (202) 555-0101', 'whatsapp:+12025550101'),
    ind(5, 'price', '$ 40', '40 USD'),
    ind(5, 'email', 'seller@tradeyard.example'),
  ],
};

describe('findings view', () => {
  it.each([
    [80, true, 'high'],
    [49, false, 'mid'],
    [25, false, 'mid'],
    [24, false, 'low'],
    [0, false, 'low'],
  ] as const)('score %i (offer %s) is %s', (score, offer, level) => {
    expect(riskLevel(score, offer)).toBe(level);
  });

  it.each([
    ['I', 'app-I'],
    ['I/II', 'app-I'],
    ['II', 'app-II'],
    ['II/NC', 'app-II'],
    ['III', 'app-III'],
    ['', ''],
  ])('listing %s is shown as %s', (listing, cls) => {
    expect(appendixClass(listing)).toBe(cls);
  });

  it('counts distinct wildlife mentions, strictest appendix first, cues left out', () => {
    expect(distinctMentions(view.hits).map((m) => [m.name, m.listing, m.count])).toEqual([
      ['Astrochelys radiata', 'I', 2],
      ['Loxodonta africana', 'I/II', 1],
      ['Shinisaurus crocodilurus', 'I', 1],
      ['Python regius', 'II', 3],
      ['cow bone', '', 1],
    ]);
  });

  it('flags listings that mention wildlife, highest score first, each with its own evidence and indicators', () => {
    const listings = flaggedListings(view);
    // Block 5 scores on a price alone: not a wildlife listing.
    expect(listings.map((l) => [l.blockId, l.score, l.level])).toEqual([
      [4, 100, 'high'],
      [1, 87, 'high'],
      [6, 40, 'mid'],
    ]);
    const [main] = listings;
    expect(main.mentions.map((m) => m.name)).toEqual([
      'Astrochelys radiata',
      'Loxodonta africana',
      'Python regius',
      'cow bone',
    ]);
    // One snippet per distinct text, in text order; cues are reasons, not evidence.
    expect(main.evidence.map((h) => h.text)).toEqual([
      'Pyhton regius',
      'Radiated tortoise',
      'ball python',
      '1vory',
      'cow bone',
    ]);
    // Contacts first, then payment, the price and shipping; the WhatsApp number written twice is one.
    expect(main.indicators.map((i) => `${i.type}:${i.normalized}`)).toEqual([
      'messenger:whatsapp:+12025550101',
      'payment:paypal',
      'price:220 USD',
      'shipping:dhl',
    ]);
  });

  it('groups page-wide indicators once each, contacts first, prices left to their listings', () => {
    expect(pageIndicatorGroups(view).map((g) => [g.group, g.items.map((i) => i.normalized)])).toEqual([
      ['contact', ['whatsapp:+12025550101', 'seller@tradeyard.example']],
      ['payment', ['paypal']],
      ['shipping', ['dhl']],
    ]);
  });

  it('gives the weightiest reasons once each', () => {
    const b = block(4, 100, [
      signal('evasion', 10),
      signal('taxon', 40),
      signal('price', 20),
      signal('taxon', 5),
      signal('sale-cue', 20),
      signal('contact', 0),
      signal('discussion', -30),
      signal('shipping', 8),
    ]);
    expect(reasonsOf(b)).toEqual(['species', 'price', 'sale', 'disguise']);
    expect(reasonsOf(b, 10)).toEqual(['species', 'price', 'sale', 'disguise', 'shipping', 'contact']);
    expect(reasonsOf(null)).toEqual([]);
  });
});
