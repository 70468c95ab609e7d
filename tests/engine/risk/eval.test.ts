/** The evaluation harness (bench/eval.ts): split, metrics, text restoration, missing data. */
import { describe, expect, it } from 'vitest';
import { EVAL_DIR, loadEvalSets, metrics, partOf, restoreTweet, type LabelledText } from '../../../bench/eval';

describe('eval harness', () => {
  it('splits about 60/40 by id alone, the same way every time', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => String(i));
    const dev = ids.filter((id) => partOf('ivory', id) === 'dev').length;
    expect(dev / ids.length).toBeGreaterThan(0.55);
    expect(dev / ids.length).toBeLessThan(0.65);
    expect(ids.map((id) => partOf('ivory', id))).toEqual(ids.map((id) => partOf('ivory', id)));
  });
  it.each([
    [
      [true, true, false, false],
      [true, false, true, false],
      { tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 },
    ],
    [[true, false], [false, false], { tp: 0, fp: 0, fn: 1, precision: 0, recall: 0, f1: 0 }],
  ])('metrics(%j labels, %j predictions)', (labels, predictions, expected) => {
    const rows: LabelledText[] = labels.map((positive, i) => ({ id: String(i), text: '', positive, part: 'dev' }));
    expect(metrics(rows, (r) => predictions[Number(r.id)])).toMatchObject(expected);
  });
  it('restores entities and placeholders', () => {
    expect(restoreTweet('A &amp;amp; B {{URL}} {{MENTION}}')).toBe('A & B https://example.com/x @someone');
  });
  it('reports missing data files instead of failing', () => {
    const { sets, missing } = loadEvalSets('/nonexistent/eval-dev');
    expect(sets).toEqual([]);
    expect(missing).toHaveLength(2);
  });
  it('resolves the shared data relative to the repository root', () => {
    expect(EVAL_DIR.endsWith('shared/data/eval-dev')).toBe(true);
  });
});
