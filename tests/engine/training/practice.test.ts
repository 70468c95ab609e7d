import { describe, expect, it } from 'vitest';
import { mergeTargets, scorePractice, splitWords, type Target } from '../../../src/engine/training/practice';

const TEXT = 'Selling p4ngolin scales and i.v.o.r.y, WhatsApp +44 7700 900183. Nice python code too.';
const words = splitWords(TEXT);
const at = (s: string) => words.find((w) => w.text === s)!.index;
const target = (s: string, label: string): Target => {
  const start = TEXT.indexOf(s);
  return { start, end: start + s.length, text: s, label };
};
const targets = [
  target('Selling', 'sale cue'),
  target('p4ngolin', 'species'),
  target('i.v.o.r.y', 'product'),
  target('+44 7700 900183', 'phone'),
];

describe('splitWords', () => {
  it('keeps disguised words whole and offsets exact', () => {
    expect(words.map((w) => w.text)).toContain('p4ngolin');
    expect(words.map((w) => w.text)).toContain('i.v.o.r.y');
    for (const w of words) expect(TEXT.slice(w.start, w.end)).toBe(w.text);
  });
});

describe('scorePractice', () => {
  it.each([
    ['a perfect trainee', ['Selling', 'p4ngolin', 'i.v.o.r.y', '7700'], 4, 0, 0, 100],
    ['a trainee who marks the trap', ['p4ngolin', 'python'], 1, 3, 1, 33],
    ['a trainee who marks nothing', [], 0, 4, 0, 0],
    ['a trainee who marks every word of the phone', ['44', '7700', '900183'], 1, 3, 0, 40],
  ])('%s', (_name, marks, found, missed, wrong, score) => {
    const r = scorePractice(words, new Set(marks.map(at)), targets);
    expect([r.found.length, r.missed.length, r.wrong.length, r.score]).toEqual([found, missed, wrong, score]);
  });

  it('gives full marks on a page with nothing to find when nothing is marked', () => {
    expect(scorePractice(words, new Set(), []).score).toBe(100);
    expect(scorePractice(words, new Set([at('python')]), []).score).toBe(0);
  });
});

describe('mergeTargets', () => {
  it('joins overlapping findings into one', () => {
    const merged = mergeTargets([
      target('p4ngolin scales', 'species'),
      target('scales', 'product'),
      target('Selling', 'cue'),
    ]);
    expect(merged.map((t) => t.text)).toEqual(['Selling', 'p4ngolin scales']);
  });
});
