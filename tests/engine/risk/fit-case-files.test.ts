/**
 * Refitting the sale-offer model from exported case files: labels read only from files that
 * verify, labels in force only, texts of pages and of listings, enough of each kind, then fitModel.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexiconFile } from '../../../src/engine/lexicon/node-load';
import { createMatcher } from '../../../src/engine/matcher/matcher';
import { FitError } from '../../../src/engine/risk/fit';
import { CaseFileRefused, labelledTextsOf, siteOf } from '../../../src/engine/risk/fit/case-files';
import { checkEnoughLabels, fitFromLabels, MIN_LABELS_EACH } from '../../../src/engine/risk/fit/from-labels';
import { analyzeLongText } from '../../../src/engine/risk/windows';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase } from '../../support/evidence-fixture';
import { exportToBytes, unzip } from '../../support/export-helpers';
import { labelledCaseFile, labelledPages, offerText } from '../../support/labelled-cases';
import { zipSync } from 'fflate';

const V1 = new Uint8Array(readFileSync(fileURLToPath(new URL('../../fixtures/case-files/v1.zip', import.meta.url))));

describe('labels read from case files', () => {
  let a: Uint8Array;
  beforeAll(async () => {
    a = await labelledCaseFile('Op. A', labelledPages(6));
  });

  it('gives one text per label in force: the page text, or the listing text', async () => {
    const got = await labelledTextsOf(bytesSource(a), 'a.zip');
    expect(got.caseTitle).toBe('Op. A');
    expect(got.texts).toHaveLength(12);
    expect(got.texts.filter((t) => t.positive)).toHaveLength(6);
    // Capture #1 labelled a listing: its text is the listing's, not the page's menus.
    expect(got.texts[0]).toMatchObject({ text: offerText(0), positive: true, group: 'market-0.example' });
    expect(got.texts[0].where).toBe('a.zip capture #1 listing');
    expect(got.texts[2]).toMatchObject({ text: offerText(1), where: 'a.zip capture #3 page' });
  });

  it('refuses a case file that does not verify, saying why', async () => {
    const files = unzip(a);
    const path = Object.keys(files).find((p) => p.endsWith('/text.txt'))!;
    files[path] = new TextEncoder().encode('Tortoise for sale 10 USD');
    const err = await labelledTextsOf(bytesSource(zipSync(files)), 'changed.zip').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseFileRefused);
    expect((err as Error).message).toMatch(/^changed\.zip does not verify, so its labels are not used: .*text\.txt/);
  });

  it('reads case files without labels, v1 ones included, as giving no text', async () => {
    expect((await labelledTextsOf(bytesSource(V1), 'v1.zip')).texts).toEqual([]);
    const plain = (await exportToBytes(await buildSampleCase({ captures: 2 }))).zip;
    const got = await labelledTextsOf(bytesSource(plain), 'plain.zip');
    expect(got.texts).toEqual([]);
    expect(() => checkEnoughLabels(got.texts)).toThrow(new FitError('the case files hold no labels: nothing to fit'));
  });

  it('counts a changed label once and a cleared one not at all', async () => {
    const sc = await buildSampleCase({ captures: 3, labels: true });
    const got = await labelledTextsOf(bytesSource((await exportToBytes(sc)).zip), 's.zip');
    expect(got.texts.map((t) => [t.where, t.positive])).toEqual([
      ['s.zip capture #1 page', true],
      ['s.zip capture #2 page', false],
      ['s.zip capture #2 listing', true],
    ]);
  });

  it('groups by site', () => {
    expect(siteOf('https://shop.example:8080/a?b')).toBe('shop.example');
    expect(siteOf('not a url')).toBe('not a url');
  });
});

describe('refitting on the labels', () => {
  it('says how many labels of each kind are needed', () => {
    const few = [...Array(3).fill({ positive: true, group: 'a' }), ...Array(12).fill({ positive: false, group: 'b' })];
    expect(() => checkEnoughLabels(few)).toThrow(
      `a refit needs at least ${MIN_LABELS_EACH} labels of each kind: 3 "offer" and 12 "not an offer" found`,
    );
    const oneSite = Array.from({ length: 20 }, (_, i) => ({ positive: i % 2 === 0, group: 'a' }));
    expect(() => checkEnoughLabels(oneSite)).toThrow(/at least two sites/);
  });

  it('fits the model on two case files and states its figures', async () => {
    const files = [
      await labelledCaseFile('Op. A', labelledPages(7, 4, 0)),
      await labelledCaseFile('Op. B', labelledPages(7, 4, 7)),
    ];
    const texts = [];
    for (const [i, f] of files.entries()) texts.push(...(await labelledTextsOf(bytesSource(f), `${i}.zip`)).texts);
    expect(texts).toHaveLength(28);
    const matcher = createMatcher(loadLexiconFile());
    const fitted = fitFromLabels(texts.map((label) => ({ label, risk: analyzeLongText(label.text, matcher).risk })));
    const cv = fitted.crossValidation;
    expect(cv.positives).toBe(14);
    expect(cv.negatives).toBe(14);
    // Offers and news reports this far apart: the labels separate them out of fold.
    expect(cv.prAuc).toBeGreaterThan(0.9);
    expect(cv.recall).toBeGreaterThan(0.8);
    expect(fitted.model.threshold).toBe(cv.threshold);
    expect(fitted.model.operatingPoint).toMatch(/grouped \d-fold CV: P [\d.]+ R [\d.]+ F1 [\d.]+/);
    expect(Number.isFinite(fitted.model.intercept)).toBe(true);
  });
});
