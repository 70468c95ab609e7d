/**
 * Spot checks of the lexicon built from ../shared/data (the 2017 checklist, extra names, trade
 * terms) and of the committed asset. Skips with a message when the shared data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCoverageResolver } from '../../../src/engine/lexicon/coverage';
import { loadLexiconFile } from '../../../src/engine/lexicon/node-load';
import { DEFAULT_DATA_DIR, REPO_ROOT, buildLexiconFromData } from '../../../src/engine/lexicon/node-sources';
import type { Lexicon, Taxon } from '../../../src/engine/lexicon/types';
import { expectFaithful } from '../../support/lexicon-helpers';

const present = existsSync(resolve(DEFAULT_DATA_DIR, 'cites'));
if (!present) console.warn(`lexicon-data tests skipped: ${DEFAULT_DATA_DIR}/cites is absent`);

describe.skipIf(!present)('lexicon built from the 2017 checklist and extra sources', () => {
  let lex: Lexicon;
  let byName: Map<string, Taxon>;
  beforeAll(() => {
    lex = buildLexiconFromData();
    byName = new Map(lex.taxa.map((t) => [t.name, t]));
  }, 120_000);

  it('has the 38,079 taxa of the checklist plus those the amendments add, with unique TaxonIds, sorted', () => {
    const added = lex.version.amendments ? lex.taxa.length - 38079 : 0;
    expect(added).toBeGreaterThan(300);
    const ids = lex.taxa.map((t) => t.taxonId);
    expect(new Set(ids).size).toBe(lex.taxa.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(lex.version.checklist).toEqual({
      file: 'Index_of_CITES_Species_2017-04-21.csv.gz',
      date: '2017-04-21',
      rows: 38079,
    });
  });

  it.each([
    ['Manis javanica', 'I', ''],
    ['Loxodonta africana', 'I/II', ''],
    ['Aquilaria malaccensis', 'II', '#14'],
    ['Aloe ferox', 'II', '#4'],
    ['Python reticulatus', 'II', ''],
  ])('%s is listed %s %s', (name, listing, symbol) => {
    const t = byName.get(name)!;
    expect(t.listing).toBe(listing);
    expect(t.annotationSymbol).toBe(symbol);
  });

  it('keeps the elephant population split as annotation text', () => {
    expect(byName.get('Loxodonta africana')!.annotation).toMatch(
      /Appendix I: All populations except those of BW, NA, ZA, and ZW\.\nAppendix II: Populations of BW, NA, ZA, ZW/,
    );
  });

  it('strips authors from synonyms and keeps common names by language', () => {
    const py = byName.get('Python reticulatus')!;
    expect(py.synonyms).toContain('Broghammerus reticulatus');
    expect(py.synonyms).toContain('Boa reticulata');
    expect(py.synonyms.every((s) => !/\d|\(/.test(s))).toBe(true);
    expect(py.commonNames).toContainEqual({ name: 'Reticulated Python', lang: 'en' });
    expect(byName.get('Aquilaria malaccensis')!.commonNames).toContainEqual({ name: 'Agarwood', lang: 'en' });
  });

  it('has no duplicate names within a taxon', () => {
    for (const t of lex.taxa) {
      expect(new Set(t.synonyms).size).toBe(t.synonyms.length);
      const common = t.commonNames.map((c) => `${c.lang}|${c.name}`);
      expect(new Set(common).size).toBe(common.length);
    }
    const extra = lex.extraNames.map((n) => `${n.taxonId}|${n.kind}|${n.lang}|${n.name.toLowerCase()}`);
    expect(new Set(extra).size).toBe(extra.length);
  });

  it('joins extra names with language and provenance', () => {
    const sources = new Set(lex.extraNames.map((n) => n.source));
    expect(sources).toEqual(new Set(['sapi-2013-common-names', 'sapi-2026-synonyms', 'wildtrace-names.tsv']));
    expect(lex.extraNames.filter((n) => n.kind === 'common').every((n) => /^[a-z]{2,3}$/.test(n.lang))).toBe(true);
    const gazella = byName.get('Galanthus alpinus');
    expect(lex.extraNames.some((n) => n.taxonId === gazella!.taxonId && n.kind === 'synonym')).toBe(true);
  });

  it('keeps a source for every trade term', () => {
    expect(lex.terms.length).toBeGreaterThan(200);
    expect(lex.terms.every((t) => t.source && t.basis)).toBe(true);
    expect(lex.terms.find((t) => t.term === 'white')!.weak).toBe(true);
    expect(lex.terms.find((t) => t.term === 'FS')!.caseSensitive).toBe(true);
  });

  it.each([
    ['Aloe ferox', true, 'listed'],
    ['Aloe vera', false, 'excluded'],
    ['Aloe barbadensis', false, 'excluded'],
    ['Boa reticulata', true, 'synonym'],
    ['Python fictitius', true, 'higher-taxon'],
    ['Melopsittacus undulatus', false, 'excluded'],
    ['Rattus norvegicus', false, 'unknown'],
  ])('coverage of %s: covered=%s (%s)', (name, covered, how) => {
    const r = createCoverageResolver(lex).resolve(name);
    expect(r.covered).toBe(covered);
    expect(r.covered ? r.via : r.reason).toBe(how);
  });

  it('the committed asset was built from these sources', () => {
    const asset = loadLexiconFile();
    expect(asset.version).toEqual(lex.version);
    expect(asset.taxonCount).toBe(lex.taxa.length);
    const record = JSON.parse(readFileSync(resolve(REPO_ROOT, 'assets/lexicon/lexicon-version.json'), 'utf8'));
    expect(record.contentHash).toBe(asset.contentHash);
    expect(record.credit).toMatch(/UNEP-WCMC/);
  });

  it('the asset loads back to the same lexicon', () => {
    expect(loadLexiconFile().toLexicon()).toEqual(lex);
  }, 30_000);

  it('the asset rebuilds every spelling and taxon reference of the lexicon', () => {
    expectFaithful(loadLexiconFile(), lex);
  }, 30_000);
});
