import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../src/engine/indicators/types';
import { buildIndex } from '../../../src/engine/links';
import type { LinkedCaptureView } from '../../../src/messaging/routes/links';
import { caseLinksView, seenBeforeView } from '../../../src/background/links/views';
import { riskFromDetection, riskFromScore, riskUnscored } from '../../../src/background/links/risk-record';
import type { TabDetection } from '../../../src/messaging/routes/detection';

const phone = (raw: string, e164: string): Indicator => ({
  type: 'phone',
  value: raw,
  normalized: e164,
  start: 0,
  end: raw.length,
  details: { e164: true },
});
const email = (v: string): Indicator => ({
  type: 'email',
  value: v,
  normalized: v.toLowerCase(),
  start: 0,
  end: v.length,
  details: { domain: v.split('@')[1] },
});

const P = phone('+44 7700 900123', '+447700900123');
const E = email('Shell@Example.org');
const found: Record<string, Indicator[]> = { c1: [P], c2: [P, E], c3: [E], c4: [] };
const view = (id: string, seq: number, at: string, caseId = 'k1'): LinkedCaptureView => ({
  captureId: id,
  caseId,
  caseTitle: caseId === 'k1' ? 'Op. Shell' : 'Other',
  sequence: seq,
  capturedAt: at,
  url: `https://market.example/${id}`,
  title: id,
  recordHash: 'f'.repeat(64),
});
const views: Record<string, LinkedCaptureView> = {
  c1: view('c1', 0, '2024-05-01T10:00:00.000Z'),
  c2: view('c2', 1, '2024-05-02T10:00:00.000Z'),
  c3: view('c3', 0, '2024-06-01T10:00:00.000Z', 'k2'),
  c4: view('c4', 2, '2024-05-03T10:00:00.000Z'),
};
const index = buildIndex(Object.entries(found).map(([captureId, indicators]) => ({ captureId, indicators })));
const lookup = async (id: string) => views[id];

describe('seenBeforeView', () => {
  it.each([
    ['no identifying indicators', [], [], 0],
    ['a phone seen in two captures, newest first', [P], [['phone:+447700900123', ['c2', 'c1']]], 1],
    [
      'the same phone written twice counts once',
      [P, { ...P, value: '07700 900123' }],
      [['phone:+447700900123', ['c2', 'c1']]],
      1,
    ],
    [
      'phone and e-mail: the most shared first',
      [E, P],
      [
        ['email:shell@example.org', ['c3', 'c2']],
        ['phone:+447700900123', ['c2', 'c1']],
      ],
      2,
    ],
    ['an unknown phone', [phone('+1 202 555 0100', '+12025550100')], [], 1],
  ] as const)('%s', async (_what, indicators, expected, checked) => {
    const v = await seenBeforeView(index, 4, indicators as readonly Indicator[], lookup);
    expect(v.items.map((i) => [i.key, i.captures.map((c) => c.captureId)])).toEqual(expected);
    expect(v.checked).toBe(checked);
    expect(v.indexed).toBe(4);
  });

  it('shows the page text and the comparable value', async () => {
    const v = await seenBeforeView(index, 4, [P], lookup);
    expect(v.items[0]).toMatchObject({ type: 'phone', value: '+447700900123', shown: '+44 7700 900123' });
  });

  it('lists other captures only: the page shown is counted, not listed (fragment ignored)', async () => {
    const v = await seenBeforeView(index, 4, [P, E], lookup, `${views.c2.url}#photos`);
    expect(v.items.map((i) => [i.key, i.captures.map((c) => c.captureId)])).toEqual([
      ['email:shell@example.org', ['c3']],
      ['phone:+447700900123', ['c1']],
    ]);
    expect(v.samePageCaptures).toBe(1);
  });

  it('drops an indicator seen only in captures of the page shown', async () => {
    const v = await seenBeforeView(index, 4, [E], lookup, views.c3.url);
    const listed = v.items.map((i) => [i.key, i.captures.map((c) => c.captureId)]);
    expect(listed).toEqual([['email:shell@example.org', ['c2']]]);
    const onlyC1 = buildIndex([{ captureId: 'c1', indicators: [P] }]);
    const alone = await seenBeforeView(onlyC1, 1, [P], lookup, views.c1.url);
    expect(alone.items).toEqual([]);
    expect(alone.samePageCaptures).toBe(1);
  });

  it('leaves out captures that are gone from the store', async () => {
    const v = await seenBeforeView(index, 4, [P], async (id) => (id === 'c1' ? undefined : views[id]));
    expect(v.items[0].captures.map((c) => c.captureId)).toEqual(['c2']);
    const none = await seenBeforeView(index, 4, [P], async () => undefined);
    expect(none.items).toEqual([]);
  });
});

describe('caseLinksView', () => {
  const own = ['c1', 'c2', 'c4'].map((id) => ({ view: views[id], indicators: found[id] }));

  it('lists each linked capture of the case with the keys it shares, across cases', async () => {
    const v = await caseLinksView('k1', index, own, lookup);
    expect(
      v.captures.map((c) => [c.capture.captureId, c.linked.map((l) => [l.captureId, l.caseTitle, l.keys])]),
    ).toEqual([
      ['c1', [['c2', 'Op. Shell', ['phone:+447700900123']]]],
      [
        'c2',
        [
          ['c1', 'Op. Shell', ['phone:+447700900123']],
          ['c3', 'Other', ['email:shell@example.org']],
        ],
      ],
    ]);
  });

  it('graphs the case: captures labelled by number, the shared phone, one seller, one site', async () => {
    const { graph } = await caseLinksView('k1', index, own, lookup);
    const ids = graph.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'indicator:phone:+447700900123',
        'indicator:email:shell@example.org',
        'site:market.example',
      ]),
    );
    expect(graph.nodes.filter((n) => n.type === 'capture').map((n) => n.label)).toEqual(['#1', '#2', '#3']);
    expect(graph.nodes.filter((n) => n.type === 'seller')).toHaveLength(1);
    expect(graph.edges).toContainEqual({ from: 'capture:c1', to: 'indicator:phone:+447700900123', type: 'shows' });
  });
});

describe('risk.json', () => {
  const signal = { kind: 'contact' as const, label: 'phone number', text: '+44', start: 3, end: 6, weight: 12 };
  const block = {
    frameId: 0,
    blockId: 4,
    score: 71,
    saleOffer: true,
    snippet: 'Real tortoise shell',
    signals: [signal],
    note: 'capped',
  };
  const detection: TabDetection = {
    tabId: 1,
    url: 'https://market.example/a',
    title: 'A',
    updatedAt: '2024-05-01T10:00:00.000Z',
    revision: 7,
    hits: [],
    page: { score: 71, saleOffer: true, threshold: 50, best: block },
    blocks: [block],
    indicators: [],
    mentions: 0,
    frames: 1,
  };

  it("from live detection: the page score is its riskiest block, with that block's explanation", () => {
    const r = riskFromDetection(detection);
    expect(r).toMatchObject({
      format: 'wildtrace/risk',
      version: 1,
      page: {
        score: 71,
        saleOffer: true,
        threshold: 50,
        fromBlock: { frameId: 0, blockId: 4 },
        note: 'capped',
        signals: [signal],
      },
    });
    expect(r.method).toContain('revision 7');
    expect(r.blocks).toEqual([block]);
  });

  it('from live detection with nothing scored: score 0 and no signals', () => {
    const r = riskFromDetection({
      ...detection,
      page: { score: 0, saleOffer: false, threshold: 50, best: null },
      blocks: [],
    });
    expect(r.page).toEqual({ score: 0, saleOffer: false, threshold: 50, signals: [] });
  });

  it('from a whole-text score, and when nothing could be scored', () => {
    const r = riskFromScore({
      score: 30,
      saleOffer: false,
      threshold: 50,
      hasSubject: true,
      hasCommerce: false,
      signals: [signal],
    });
    expect(r.page).toEqual({ score: 30, saleOffer: false, threshold: 50, signals: [signal] });
    expect(r.method).toBe('scored from text.txt at capture time');
    expect(riskUnscored('lexicon asset missing (404)')).toMatchObject({
      page: null,
      method: 'not scored: lexicon asset missing (404)',
    });
  });
});
