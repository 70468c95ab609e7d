/**
 * The background side of live detection with a fake browser: the batch lane, the tab results kept in
 * storage.session (JSON chunks, written after the batches, read back by a new worker), and the
 * trainer switch kept in memory.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Hit } from '../../../src/engine/matcher/hit';

type Listener = (...args: never[]) => void;
const fake = vi.hoisted(() => {
  const session = new Map<string, unknown>();
  const local = new Map<string, unknown>();
  const listeners = { changed: [] as Listener[], updated: [] as Listener[] };
  const calls = { tabsGet: 0, sessionSet: 0, badge: [] as string[], broadcasts: [] as unknown[] };
  const area = (store: Map<string, unknown>, name: string) => ({
    async get(keys: string | string[] | null) {
      const wanted = keys === null ? [...store.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => store.has(k)).map((k) => [k, structuredClone(store.get(k))]));
    },
    async set(items: Record<string, unknown>) {
      if (name === 'session') calls.sessionSet += 1;
      for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
      for (const l of listeners.changed)
        (l as (c: unknown, a: string) => void)(Object.fromEntries(Object.keys(items).map((k) => [k, {}])), name);
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) store.delete(k);
      for (const l of listeners.changed)
        (l as (c: unknown, a: string) => void)(
          Object.fromEntries((Array.isArray(keys) ? keys : [keys]).map((k) => [k, {}])),
          name,
        );
    },
  });
  const browser = {
    storage: {
      session: area(session, 'session'),
      local: area(local, 'local'),
      onChanged: { addListener: (l: Listener) => listeners.changed.push(l) },
    },
    tabs: {
      async get() {
        calls.tabsGet += 1;
        return { url: 'https://shop.example/item' };
      },
      async sendMessage() {
        return true;
      },
      onUpdated: { addListener: (l: Listener) => listeners.updated.push(l) },
    },
    runtime: {
      async sendMessage(message: unknown) {
        calls.broadcasts.push(message);
      },
    },
    action: {
      async setBadgeText({ text }: { text: string }) {
        calls.badge.push(text);
      },
      async setBadgeBackgroundColor() {},
    },
  };
  return { session, local, listeners, calls, browser };
});
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const hit = (start: number, text: string): Hit => ({
  start,
  end: start + text.length,
  text,
  term: text.toLowerCase(),
  kind: 'trade-term',
  termKind: 'product',
  tactics: [],
  editDistance: 0,
  confidence: 1,
});
/** A matcher that knows one word. */
const matcher = { match: (text: string) => [...text.matchAll(/ivory/g)].map((m) => hit(m.index!, 'ivory')) };
const engine = vi.hoisted(() => ({ fails: false }));
vi.mock('../../../src/background/detection/engine', () => ({
  getMatcher: async () => {
    if (engine.fails) throw new Error('lexicon failed to load');
    return { matcher };
  },
}));
const doc = { docId: 'd1', startedAt: 1000, url: 'https://shop.example/item', title: 'Shop' };
const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.resetModules();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  fake.session.clear();
  fake.local.clear();
  fake.listeners.changed.length = 0;
  fake.listeners.updated.length = 0;
  fake.calls.tabsGet = 0;
  fake.calls.sessionSet = 0;
  fake.calls.badge.length = 0;
  fake.calls.broadcasts.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the batch lane', () => {
  it('runs batches in arrival order, each in a task of its own, and says how long it has been quiet', async () => {
    const { inTurn, laneQuietFor } = await import('../../../src/background/detection/batch-lane');
    const order: string[] = [];
    const a = inTurn(async () => {
      order.push('a');
      // Work queued by the first batch (a side panel request, say) gets through before the second.
      setTimeout(() => order.push('between'), 0);
    });
    const b = inTurn(() => void order.push('b'));
    expect(laneQuietFor()).toBe(0);
    await Promise.resolve();
    expect(order).toEqual([]);
    await tick(1);
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'between', 'b']);
    await tick(120);
    expect(laneQuietFor()).toBeGreaterThanOrEqual(120);
  });
});

describe('tab results in storage.session', () => {
  // The cost is what a benchmark build reports with each message; the product build sends none.
  const BENCH_COST = {
    stats: { longestSliceMs: 4, slices: 3, sliceMs: 9, sendMs: 5, startupMs: 2 },
    analysed: { chars: 10, ms: 1 },
  };

  async function record(texts: string[], offset = 0, cost: typeof BENCH_COST | null = BENCH_COST) {
    vi.stubGlobal('__WILDTRACE_BENCH__', cost ? true : undefined);
    const store = await import('../../../src/background/detection/tab-results');
    const { analyzeLongText } = await import('../../../src/engine/risk/windows');
    const changed = texts.map((text, i) => ({
      id: i + offset,
      text,
      block: store.toStoredBlock(0, i + offset, text, analyzeLongText(text, matcher as never)),
    }));
    await store.recordBlocks(7, 0, doc, changed, [], cost ?? undefined);
    return store;
  }

  it('shows, counts and badges the same hits: overlapping hits are one mention, traps none', async () => {
    const store = await import('../../../src/background/detection/tab-results');
    const text = '#ivoryforsale carved ivory, Python book';
    const hits: Hit[] = [
      { ...hit(0, '#ivoryforsale'), kind: 'hashtag' },
      hit(1, 'ivory'),
      hit(21, 'ivory'),
      { ...hit(28, 'Python'), kind: 'species', confidence: 0.1 },
      { ...hit(14, 'carved'), kind: 'cue' },
    ];
    expect(store.shownHits(hits).map((h) => h.text)).toEqual(['#ivoryforsale', 'ivory', 'ivory', 'carved']);
    const risk = { score: 0, saleOffer: false, signals: [] } as never;
    const block = store.toStoredBlock(0, 1, text, { hits, indicators: [], risk });
    await store.recordBlocks(7, 0, doc, [{ id: 1, text, block }], []);
    const view = await store.tabDetection(7);
    expect(view?.hits.map((h) => h.text)).toEqual(['#ivoryforsale', 'ivory', 'ivory', 'carved']);
    expect(view?.mentions).toBe(2);
    // The badge and the open pages learn of it at once; only the storage write waits for a pause.
    await tick(1);
    expect(fake.calls.badge.at(-1)).toBe('2');
    expect(fake.calls.broadcasts).toEqual([{ channel: 'wildtrace/detection-changed', tabId: 7, revision: 1 }]);
    expect(fake.calls.sessionSet).toBe(0);
  });

  it('keeps no benchmark figures when the messages carry no cost (the product build)', async () => {
    const store = await record(['carved ivory bangle'], 0, null);
    const view = await store.tabDetection(7);
    expect(view?.hits).toHaveLength(1);
    expect(view).not.toHaveProperty('work');
  });

  it(
    'writes the summary and the texts of the kept blocks once the burst is over; ' +
      'a new worker analyses them again to the same view',
    async () => {
      // Every third listing has a hit; the others only a price (kept: it has an indicator); the rest nothing.
      const texts = Array.from({ length: 150 }, (_, i) =>
        i % 3 === 0 ? `carved ivory bangle ${i}` : i % 3 === 1 ? `garden chair, £${i}` : `garden chair ${i}`,
      );
      const store = await record(texts);
      expect(fake.calls.sessionSet).toBe(0);
      await tick(400);
      expect(fake.calls.sessionSet).toBe(1);
      const chunks = [...fake.session.keys()].filter((k) => k.startsWith('detect:7:')).sort();
      expect(chunks).toEqual(['detect:7:0:0', 'detect:7:0:1', 'detect:7:0:2']);
      const kept = Object.assign({}, ...chunks.map((k) => JSON.parse(fake.session.get(k) as string)));
      expect(Object.values(kept).sort()).toEqual(texts.filter((_, i) => i % 3 !== 2).sort());
      const view = await store.tabDetection(7);
      expect(view?.hits).toHaveLength(50);
      expect(view?.indicators).toHaveLength(50);
      expect(view?.work).toMatchObject({
        slices: 3,
        sliceMs: 9,
        longestSliceMs: 4,
        sendMs: 5,
        startupMs: 2,
        batches: 1,
        chars: 10,
      });

      vi.resetModules();
      const restarted = await import('../../../src/background/detection/tab-results');
      const reading = restarted.tabDetection(7);
      await tick(10);
      const again = await reading;
      expect({ ...again, updatedAt: '' }).toEqual({ ...view, updatedAt: '' });
    },
  );

  it('skips a chunk that is not text, and keeps the texts when the lexicon cannot be loaded', async () => {
    await record(['carved ivory bangle', 'ivory netsuke'], 64);
    await tick(400);
    fake.session.set('detect:7:0:1', { 64: { hits: [] } });
    vi.resetModules();
    let restarted = await import('../../../src/background/detection/tab-results');
    expect((await restarted.tabDetection(7))?.hits).toEqual([]);
    await record(['carved ivory bangle']);
    await tick(400);
    engine.fails = true;
    vi.resetModules();
    restarted = await import('../../../src/background/detection/tab-results');
    try {
      expect((await restarted.tabDetection(7))?.hits).toEqual([]);
    } finally {
      engine.fails = false;
    }
    // The texts are still there for a worker that can analyse them.
    expect(JSON.parse(fake.session.get('detect:7:0:0') as string)).toEqual({ 0: 'carved ivory bangle' });
  });

  it('waits while batches are in the lane, but not longer than three seconds', async () => {
    const { inTurn } = await import('../../../src/background/detection/batch-lane');
    await record(['carved ivory bangle']);
    // Batches keep coming every 100 ms for four seconds.
    let busy = true;
    const feed = (async () => {
      while (busy) {
        await inTurn(async () => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await tick(1000);
    expect(fake.calls.sessionSet).toBe(0);
    await tick(2500);
    expect(fake.calls.sessionSet).toBe(1);
    busy = false;
    await tick(200);
    await feed;
  });

  it('writes at the first pause of the lane', async () => {
    const { inTurn } = await import('../../../src/background/detection/batch-lane');
    await record(['carved ivory bangle']);
    const batch = inTurn(async () => undefined);
    await tick(1);
    await batch;
    await tick(350);
    expect(fake.calls.sessionSet).toBe(0);
    await tick(400);
    expect(fake.calls.sessionSet).toBe(1);
  });
});

describe('the trainer switch', () => {
  it('asks the browser once per tab, again after a switch, a site list change or a new address', async () => {
    const trainer = await import('../../../src/background/detection/trainer-state');
    expect(await trainer.trainerOn(3)).toBe(false);
    expect(await trainer.trainerOn(3)).toBe(false);
    expect(fake.calls.tabsGet).toBe(1);
    // Setting the switch leaves its new state known: no need to ask.
    expect((await trainer.setTrainer(3, 'tab', true)).tab).toBe(true);
    const asked = fake.calls.tabsGet;
    expect(await trainer.trainerOn(3)).toBe(true);
    expect(fake.calls.tabsGet).toBe(asked);
    await fake.browser.storage.local.set({ trainerSites: ['https://shop.example'] });
    await fake.browser.storage.session.remove('trainer:tab:3');
    expect(await trainer.trainerOn(3)).toBe(true);
    await fake.browser.storage.local.set({ trainerSites: [] });
    expect(await trainer.trainerOn(3)).toBe(false);
    for (const l of fake.listeners.updated)
      (l as (id: number, c: { url?: string }) => void)(3, { url: 'https://other.example/' });
    const before = fake.calls.tabsGet;
    await trainer.trainerOn(3);
    expect(fake.calls.tabsGet).toBe(before + 1);
  });
});

describe('the warm-up', () => {
  it.each([
    ['turns of 10 ms', 10],
    ['turns too short for one text still move on', 0],
  ])('analyses every text it was asked for, in %s', async (_name, sliceMs) => {
    vi.useRealTimers();
    const { warmUp, warmUpTexts } = await import('../../../src/background/detection/warm-up');
    const seen: string[] = [];
    const matcher = {
      match: (text: string) => (seen.push(text), []),
    } as unknown as import('../../../src/engine/matcher/matcher').Matcher;
    let turns = 0;
    const kept: string[] = [];
    await warmUp(
      matcher,
      60,
      async (work) => ((turns += 1), work()),
      sliceMs,
      (text, analysis) => {
        expect(analysis.risk.score).toBeGreaterThanOrEqual(0);
        kept.push(text);
      },
    );
    expect(seen).toHaveLength(60);
    // Each analysis goes on to what the worker keeps of it, so that step is warm as well.
    expect(kept).toEqual(seen);
    expect(new Set(seen).size).toBe(60);
    expect(turns).toBeGreaterThanOrEqual(1);
    if (sliceMs === 0) expect(turns).toBe(60);
    expect(warmUpTexts(3)).toEqual(warmUpTexts(3));
  });
});
