/** Links between captures: keys, the index, "seen before", linked captures, and the case graph. */
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../../src/engine/indicators';
import {
  addCapture,
  buildCaseGraph,
  buildIndex,
  findSeenBefore,
  linkedCaptures,
  linkKeys,
  removeCapture,
  siteOf,
} from '../../../src/engine/links';

const capture = (captureId: string, text: string, url?: string, seller?: string) => ({
  captureId,
  url,
  seller,
  indicators: extractIndicators(text),
});

const c1 = capture(
  'c1',
  'Ivory for sale. WhatsApp: +1 202 555 0143, mail seller@example.com, $250',
  'https://www.shop.example.com/item/1',
  'ivoryking',
);
const c2 = capture('c2', 'Bangles, call +1-202-555-0143, pay PayPal', 'https://forum.example.org/t/2');
const c3 = capture('c3', 'Contact SELLER@example.com or t.me/example_shop', 'https://social.example.net/p/3');
const c4 = capture('c4', 'Nothing identifying here, $250 via PayPal and DHL', 'https://news.example.org/a');
const c5 = capture('c5', 'Other seller: t.me/another_shop', 'not a url');

describe('linkKeys', () => {
  it.each([
    ['+1 202 555 0143', ['phone:+12025550143']],
    ['wa.me/12025550143', ['messenger:whatsapp:+12025550143', 'phone:+12025550143']],
    ['Seller@Example.com', ['email:seller@example.com']],
    ['t.me/Example_Shop', ['messenger:telegram:example_shop']],
    ['instagram.com/example.shop', ['social:instagram:example.shop']],
    ['1111111111111111111114oLvT2', ['crypto:1111111111111111111114oLvT2']],
    ['$250 PayPal DHL', []],
  ])('%j -> %j', (text, keys) => {
    expect(extractIndicators(text).flatMap((i) => linkKeys(i))).toEqual(keys);
  });
  it('indexes context types only when asked', () => {
    expect(extractIndicators('$250').flatMap((i) => linkKeys(i, { allTypes: true }))).toEqual(['price:250 USD']);
  });
});

describe('index and seen before', () => {
  const index = buildIndex([c1, c2, c3, c4]);
  it('maps each identifying key to the captures that showed it', () => {
    expect(index['phone:+12025550143']).toEqual(['c1', 'c2']);
    expect(index['email:seller@example.com']).toEqual(['c1', 'c3']);
    expect(index['messenger:whatsapp:+12025550143']).toEqual(['c1']);
    expect(Object.keys(index).some((k) => k.startsWith('price:'))).toBe(false);
  });
  it('is serialisable and adding a capture twice changes nothing', () => {
    expect(JSON.parse(JSON.stringify(index))).toEqual(index);
    expect(addCapture(index, c1)).toEqual(index);
  });
  it('does not mutate its input', () => {
    const before = JSON.stringify(index);
    addCapture(index, c5);
    removeCapture(index, 'c1');
    expect(JSON.stringify(index)).toBe(before);
  });
  it('finds what the current page shares with earlier captures, most-linked first', () => {
    const page = extractIndicators('New ad: WhatsApp +1 202 555 0143, SELLER@EXAMPLE.COM, t.me/unseen_shop');
    const seen = findSeenBefore(index, page);
    expect(seen.map((s) => [s.key, s.captureIds])).toEqual([
      ['email:seller@example.com', ['c1', 'c3']],
      ['phone:+12025550143', ['c1', 'c2']],
      ['messenger:whatsapp:+12025550143', ['c1']],
    ]);
    expect(seen[0].indicators[0].value).toBe('SELLER@EXAMPLE.COM');
  });
  it('leaves out the page own capture', () => {
    expect(findSeenBefore(index, c2.indicators, { excludeCaptureId: 'c2' }).map((s) => s.captureIds)).toEqual([['c1']]);
  });
  it('finds nothing for a page with no shared indicator', () => {
    expect(findSeenBefore(index, extractIndicators('t.me/unseen_shop'))).toEqual([]);
  });
  it('lists linked captures with the keys they share', () => {
    expect(linkedCaptures(index, 'c1')).toEqual([
      { captureId: 'c2', keys: ['phone:+12025550143'] },
      { captureId: 'c3', keys: ['email:seller@example.com'] },
    ]);
    expect(linkedCaptures(index, 'c4')).toEqual([]);
  });
  it('removes a capture and drops keys left empty', () => {
    const without = removeCapture(index, 'c1');
    expect(without['phone:+12025550143']).toEqual(['c2']);
    expect(without['messenger:whatsapp:+12025550143']).toBeUndefined();
  });
});

describe('case graph', () => {
  const graph = buildCaseGraph([c1, c2, c3, c4, c5]);
  const node = (id: string) => graph.nodes.find((n) => n.id === id);
  const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to);

  it('groups captures that share indicators into one seller, named from the page', () => {
    const sellers = graph.nodes.filter((n) => n.type === 'seller');
    expect(sellers.map((s) => [s.label, s.weight])).toEqual([
      ['ivoryking', 3],
      ['Seller 2', 1],
    ]);
    for (const id of ['c1', 'c2', 'c3']) expect(edge('seller:1', `capture:${id}`)?.type).toBe('posted');
    expect(edge('seller:2', 'capture:c5')).toBeDefined();
  });
  it('gives no seller to a capture without identifying indicators or name', () => {
    expect(graph.edges.some((e) => e.to === 'capture:c4' && e.type === 'posted')).toBe(false);
  });
  it('links captures to indicators and sites', () => {
    expect(edge('capture:c2', 'indicator:phone:+12025550143')?.type).toBe('shows');
    expect(edge('capture:c1', 'site:shop.example.com')?.type).toBe('on-site');
    expect(node('indicator:phone:+12025550143')).toMatchObject({
      type: 'indicator',
      indicatorType: 'phone',
      label: '+12025550143',
      weight: 2,
    });
    expect(node('site:forum.example.org')?.weight).toBe(1);
  });
  it('every edge joins existing nodes, and node ids are unique', () => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(ids.size).toBe(graph.nodes.length);
    for (const e of graph.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  });
  it('sharedOnly keeps only indicators seen twice or more', () => {
    const shared = buildCaseGraph([c1, c2, c3, c4, c5], { sharedOnly: true });
    expect(shared.nodes.filter((n) => n.type === 'indicator').map((n) => n.id)).toEqual([
      'indicator:email:seller@example.com',
      'indicator:phone:+12025550143',
    ]);
  });
  it.each([
    ['https://www.example.com/x', 'example.com'],
    ['not a url', null],
    [undefined, null],
  ])('siteOf(%j) = %j', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
  it('an empty case gives an empty graph', () => {
    expect(buildCaseGraph([])).toEqual({ nodes: [], edges: [] });
  });
});
