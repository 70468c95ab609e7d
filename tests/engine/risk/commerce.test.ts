/**
 * Negated sale and buy cues: the cue carries `negated`, set where it is found, and whether a text
 * has commerce is decided on that flag; the signal's label and note only explain it.
 */
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../../src/engine/indicators';
import type { Hit } from '../../../src/engine/matcher/hit';
import { resolveWeights, scoreText } from '../../../src/engine/risk';
import { commerceOf } from '../../../src/engine/risk/commerce';
import { findContextCues } from '../../../src/engine/risk/cues';
import { gatherCues } from '../../../src/engine/risk/gather';

const W = resolveWeights();

/** A product-word hit ("ivory") at its first occurrence in `text`. */
function ivory(text: string): Hit {
  const at = text.indexOf('ivory');
  return {
    start: at,
    end: at + 5,
    text: 'ivory',
    term: 'ivory',
    kind: 'trade-term',
    termKind: 'product',
    tactics: [],
    editDistance: 0,
    confidence: 1,
  };
}

describe('negated cues', () => {
  it('marks a sale or buy cue negated by the words before it, and no other cue', () => {
    const negated = (text: string) => findContextCues(text).map((c) => [c.kind, c.text, c.negated]);
    expect(negated('we never sell ivory')).toEqual([['sale-cue', 'sell', true]]);
    expect(negated('none of us would buy it, contact me')).toEqual(
      expect.arrayContaining([
        ['sale-cue', 'buy', true],
        ['contact-cue', 'contact me', false],
      ]),
    );
    expect(negated('ivory for sale')).toEqual([['sale-cue', 'for sale', false]]);
  });

  it('marks a negated cue found by the matcher too', () => {
    const text = 'we never sell ivory';
    const cue: Hit = {
      start: 9,
      end: 13,
      text: 'sell',
      term: 'sell',
      kind: 'cue',
      termKind: 'sale-cue',
      tactics: [],
      editDistance: 0,
      confidence: 1,
    };
    expect(
      gatherCues(text, [cue])
        .filter((c) => c.kind === 'sale-cue')
        .map((c) => c.negated),
    ).toEqual([true]);
  });

  it('a text whose only commerce is a negated cue has none; a price beside it is commerce', () => {
    const text = 'we never sell ivory';
    const alone = commerceOf(text, gatherCues(text, []), [], true, W);
    expect(alone.found).toBe(false);
    expect(alone.signals).toMatchObject([{ kind: 'sale-cue', weight: 0 }]);
    const priced = 'we never sell ivory below $80';
    expect(commerceOf(priced, gatherCues(priced, []), extractIndicators(priced), true, W).found).toBe(true);
    const r = scoreText(text, [ivory(text)], []);
    expect([r.hasSubject, r.hasCommerce, r.saleOffer]).toEqual([true, false, false]);
  });
});
