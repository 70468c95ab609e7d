import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../src/engine/indicators/types';
import { buildIndex } from '../../../src/engine/links';
import {
  emptyLinkState,
  indicatorsFromJson,
  LINK_STATE_VERSION,
  parseLinkState,
  reconcile,
  reconcilePlan,
  withCapture,
  withoutCaptures,
  type LinkState,
} from '../../../src/background/links/link-state';

const phone = (e164: string): Indicator => ({
  type: 'phone',
  value: e164,
  normalized: e164,
  start: 0,
  end: e164.length,
  details: { e164: true },
});
const telegram = (handle: string): Indicator => ({
  type: 'messenger',
  value: `@${handle}`,
  normalized: `telegram:${handle}`,
  start: 0,
  end: handle.length + 1,
  details: { platform: 'telegram', handle, form: 'handle' },
});
const price: Indicator = {
  type: 'price',
  value: '80 USD',
  normalized: '80 USD',
  start: 0,
  end: 6,
  details: { amount: 80, currency: 'USD' },
};

const captures: Record<string, Indicator[]> = {
  a: [phone('+447700900123'), telegram('shellhouse'), price],
  b: [phone('+447700900123')],
  c: [telegram('shellhouse')],
  d: [price],
};
const load = async (id: string) => captures[id] ?? [];
const stateOf = (...ids: string[]) => ids.reduce((s, id) => withCapture(s, id, captures[id]), emptyLinkState());

describe('parseLinkState', () => {
  const good = stateOf('a', 'b', 'd');
  it.each([
    ['missing', undefined],
    ['not an object', 'x'],
    ['another version', { ...good, version: 2 }],
    ['ids not a list', { ...good, captureIds: 'a' }],
    ['index a list', { ...good, index: [] }],
    ['key without a type', { ...good, index: { nokey: ['a'] } }],
    ['ids not strings', { ...good, index: { 'phone:+1': [1] } }],
    ['empty id list', { ...good, index: { 'phone:+1': [] } }],
    ['id the state does not cover', { ...good, index: { 'phone:+1': ['zzz'] } }],
  ])('rejects %s', (_what, raw) => {
    expect(parseLinkState(raw)).toBeNull();
  });

  it('accepts a saved state as it was written (JSON round trip)', () => {
    expect(parseLinkState(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });
});

describe('indicatorsFromJson', () => {
  it.each([
    ['not a list', { type: 'phone' }, 0],
    [
      'entries without type or normalized form',
      [null, 3, { type: 'phone' }, { normalized: 'x' }, { type: 'phone', normalized: '' }],
      0,
    ],
    ['a stored capture indicator with its frame and block', [{ ...phone('+447700900123'), frameId: 0, blockId: 3 }], 1],
    ['details missing: still indexed under its type and value', [{ type: 'email', normalized: 'a@b.example' }], 1],
  ])('%s', (_what, raw, count) => {
    expect(indicatorsFromJson(raw)).toHaveLength(count);
  });

  it('a messenger entry without details links by its own key only', () => {
    const [i] = indicatorsFromJson([{ type: 'messenger', normalized: 'telegram:x' }]);
    expect(buildIndex([{ captureId: 'k', indicators: [i] }])).toEqual({ 'messenger:telegram:x': ['k'] });
  });
});

describe('withCapture / withoutCaptures', () => {
  it('indexes identifying indicators only and remembers every capture, even one with none', () => {
    const s = stateOf('a', 'd');
    expect(s.captureIds).toEqual(['a', 'd']);
    expect(s.index).toEqual({ 'phone:+447700900123': ['a'], 'messenger:telegram:shellhouse': ['a'] });
  });

  it('adding the same capture twice changes nothing', () => {
    expect(withCapture(stateOf('a'), 'a', captures.a)).toEqual(stateOf('a'));
  });

  it('removing captures drops keys nobody else shows', () => {
    const s = withoutCaptures(stateOf('a', 'b', 'c'), ['a', 'c']);
    expect(s).toEqual(stateOf('b'));
  });

  it('leaves its input untouched', () => {
    const s = stateOf('a');
    const copy = JSON.parse(JSON.stringify(s)) as LinkState;
    withCapture(s, 'b', captures.b);
    withoutCaptures(s, ['a']);
    expect(s).toEqual(copy);
  });
});

describe('reconcile', () => {
  it.each([
    ['nothing to do', ['a', 'b'], ['a', 'b'], [], []],
    ['a capture stored but never indexed (worker stopped)', ['a'], ['a', 'b'], ['b'], []],
    ['a deleted case', ['a', 'b', 'c'], ['b'], [], ['a', 'c']],
    ['both at once', ['a', 'c'], ['b', 'c', 'd'], ['b', 'd'], ['a']],
  ])('plan: %s', (_what, indexed, stored, missing, stale) => {
    expect(reconcilePlan(stateOf(...indexed), stored)).toEqual({ missing, stale });
  });

  it('ends with exactly the index a fresh build gives', async () => {
    const r = await reconcile(stateOf('a', 'c'), ['b', 'c', 'd'], load);
    expect(r).toMatchObject({ added: 2, removed: 1 });
    expect(r.state.index).toEqual(
      buildIndex(['b', 'c', 'd'].map((id) => ({ captureId: id, indicators: captures[id] }))),
    );
    expect(r.state.captureIds).toEqual(['b', 'c', 'd']);
    expect(r.state.version).toBe(LINK_STATE_VERSION);
  });

  it('rebuilds from nothing (missing or corrupt store)', async () => {
    const r = await reconcile(emptyLinkState(), ['a', 'b', 'c'], load);
    expect(r.state.index).toEqual({ 'phone:+447700900123': ['a', 'b'], 'messenger:telegram:shellhouse': ['a', 'c'] });
  });
});
