import { describe, expect, it } from 'vitest';
import type { HitKind } from '../../../src/engine/matcher/hit';
import { countMentions } from '../../../src/engine/matcher/mentions';

const span = (start: number, end: number, kind: HitKind = 'species') => ({ start, end, kind });

describe('countMentions', () => {
  it.each([
    ['no hits', [], 0],
    ['a hashtag and the name inside it are one mention', [span(0, 14, 'hashtag'), span(1, 6)], 1],
    ['a name inside a longer name is one mention', [span(0, 8), span(0, 14)], 1],
    ['overlapping spans chain into one mention', [span(0, 5), span(4, 9), span(8, 12)], 1],
    ['touching spans are two mentions', [span(0, 5), span(5, 9)], 2],
    ['the same name twice is two mentions', [span(0, 5), span(20, 25)], 2],
    ['cues are not mentions', [span(0, 5, 'cue'), span(10, 15, 'trade-term')], 1],
    ['the order of the hits does not matter', [span(20, 25), span(1, 6), span(0, 14, 'hashtag')], 2],
  ])('%s', (_name, hits, expected) => {
    expect(countMentions(hits)).toBe(expected);
  });
});
