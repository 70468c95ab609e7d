/**
 * Boxes on the annotated screenshot surround exactly the hits of hits.json: a hit is found in its
 * block's text at its own offsets with its own context, never by its words alone ("ship" inside
 * "shipping" was boxed when the page was searched for the words).
 */
import { describe, expect, it } from 'vitest';
import {
  HIT_CONTEXT_CHARS,
  type HitTarget,
  hitTargetsOf,
  locateInBlock,
} from '../../../src/engine/evidence/hit-locate';

/** A hit as live detection stores it: offsets and up to 60 characters of context from its block. */
function hitIn(block: string, start: number, text: string, extra: Record<string, unknown> = {}) {
  const end = start + text.length;
  expect(block.slice(start, end)).toBe(text);
  return {
    text,
    start,
    end,
    kind: 'cue',
    tactics: [],
    frameId: 0,
    blockId: 3,
    ...extra,
    before: block.slice(Math.max(0, start - HIT_CONTEXT_CHARS), start),
    after: block.slice(end, end + HIT_CONTEXT_CHARS),
  };
}

const BLOCK = 'We ship worldwide. Shipping is free; ship now or the shipment waits.';

describe('hitTargetsOf', () => {
  it('keeps each hit of the top frame with its index in hits.json, offsets and context', () => {
    const hits = [hitIn(BLOCK, 3, 'ship'), { text: 'x', start: 0, end: 1, frameId: 2 }, hitIn(BLOCK, 37, 'ship')];
    expect(hitTargetsOf(hits)).toEqual([
      { index: 0, text: 'ship', start: 3, end: 7, before: 'We ', after: BLOCK.slice(7, 67) },
      { index: 2, text: 'ship', start: 37, end: 41, before: BLOCK.slice(0, 37), after: BLOCK.slice(41) },
    ]);
  });

  it('drops what cannot be located: no text, bad offsets, offsets that disagree with the text, other frames', () => {
    const bad = [
      null,
      'ship',
      { text: '', start: 0, end: 0 },
      { text: 'ship', start: -1, end: 3 },
      { text: 'ship', start: 0, end: 9 },
      { text: 'ship', start: 0.5, end: 4.5 },
      { text: 'ship', start: 0, end: 4, frameId: 1 },
      { text: '  ', start: 0, end: 2 },
    ];
    expect(hitTargetsOf(bad)).toEqual([]);
    // Hits stored before context was kept still have their offsets.
    expect(hitTargetsOf([{ text: 'ship', start: 3, end: 7 }])).toEqual([{ index: 0, text: 'ship', start: 3, end: 7 }]);
  });
});

describe('locateInBlock', () => {
  const [first, second] = hitTargetsOf([hitIn(BLOCK, 3, 'ship'), hitIn(BLOCK, 37, 'ship')]);

  it('finds a hit at its own offsets, and only there', () => {
    expect(locateInBlock(BLOCK, first)).toEqual({ start: 3, end: 7 });
    expect(locateInBlock(BLOCK, second)).toEqual({ start: 37, end: 41 });
  });

  it('never matches the same letters inside a longer word or elsewhere on the page', () => {
    for (const other of ['Shipping is free; shipment waits.', 'ship', 'We shipped worldwide.', 'We ship worldwide!']) {
      expect(locateInBlock(other, first), other).toBeUndefined();
    }
  });

  it('follows a hit whose block changed a little (text added after it), by its whole context', () => {
    const hit = hitIn('Offer: we ship worldwide.', 10, 'ship');
    const [t] = hitTargetsOf([hit]);
    // The block now starts with the same words but has more after: offsets still hold.
    expect(locateInBlock('Offer: we ship worldwide. Updated today.', { ...t, after: ' worldwide.' })).toEqual({
      start: 10,
      end: 14,
    });
    // Text inserted in a long block before the hit's context: found by its context.
    const long = `${'x'.repeat(80)} we ship worldwide from our farm, ${'y'.repeat(80)}`;
    const [moved] = hitTargetsOf([hitIn(long, long.indexOf('ship'), 'ship')]);
    expect(locateInBlock(`NEW ${long}`, moved)).toEqual({
      start: long.indexOf('ship') + 4,
      end: long.indexOf('ship') + 8,
    });
  });

  it('refuses to guess: a context found twice, or a short context away from the block edge', () => {
    const long = `${'a'.repeat(70)} ship ${'b'.repeat(70)}`;
    const [t] = hitTargetsOf([hitIn(long, 71, 'ship')]);
    expect(locateInBlock(`${long}|${long}`, { ...t, start: 500 })).toBeUndefined();
    const [edge] = hitTargetsOf([hitIn('ship it', 0, 'ship')]); // nothing before: must be at the block start
    expect(locateInBlock('We ship it', { ...edge, start: 9 })).toBeUndefined();
  });

  it('uses the offsets alone for a hit stored without context', () => {
    const t: HitTarget = { index: 0, text: 'ship', start: 3, end: 7 };
    expect(locateInBlock(BLOCK, t)).toEqual({ start: 3, end: 7 });
    expect(locateInBlock('Shipping ship', t)).toBeUndefined();
  });
});
