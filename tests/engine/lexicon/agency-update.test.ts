import { describe, expect, it } from 'vitest';
import { applyAgencyUpdate } from '../../../src/engine/lexicon/agency-update';
import { loadLexicon } from '../../../src/engine/lexicon/load';
import { readLexiconContainer } from '../../../src/engine/lexicon/node-load';
import { createMatcher } from '../../../src/engine/matcher/matcher';

// What the options page hands the import worker: the lexicon in use with its details.
const current = readLexiconContainer();
const enc = (s: string) => new TextEncoder().encode(s);

describe('agency update of the lexicon in use', () => {
  it('adds an agency keyword list that the matcher then finds', async () => {
    const list =
      'term,kind,language,note\nsnowflake powder,code,en,local code word for rhino horn\nblue ghost,product,en,\n';
    const phases: string[] = [];
    const { asset, record } = await applyAgencyUpdate(
      current,
      { kind: 'keywords', listName: 'unit-7', bytes: enc(list) },
      (p) => phases.push(p.phase),
    );
    expect(record).toMatchObject({ kind: 'keywords', name: 'unit-7' });
    expect(phases).toContain('compile');
    const matcher = createMatcher(loadLexicon(asset));
    const hits = matcher.match('Fresh blue ghost in stock, DM for price');
    expect(hits.some((h) => h.term === 'blue ghost' && h.termKind === 'product')).toBe(true);
    // Everything already there stays.
    expect(loadLexicon(asset).version.counts.taxa).toBe(loadLexicon(current).version.counts.taxa);
  }, 120_000);

  it.each([
    ['an empty file', ''],
    ['wrong columns', 'word,type\nfoo,bar\n'],
    ['an unknown kind', 'term,kind,language,note\nfoo,weapon,en,\n'],
    ['a half JSON file', '[{"term":"foo","kind":"code"'],
    ['bytes that are not UTF-8', '\xff\xfe\xfa'],
  ])('refuses %s with a precise error', async (_name, text) => {
    const bytes = text === '\xff\xfe\xfa' ? new Uint8Array([0x74, 0x65, 0xff, 0xfe, 0xfa, 0x0a]) : enc(text);
    await expect(applyAgencyUpdate(current, { kind: 'keywords', listName: 'bad', bytes })).rejects.toThrow(
      /Keyword list "bad"/,
    );
  });

  it('refuses a cut checklist file', async () => {
    const header =
      'TaxonId,Kingdom,Phylum,Class,Order,Family,Genus,Species,' +
      'Subspecies,FullName,AuthorYear,RankName,CurrentListing\n';
    await expect(
      applyAgencyUpdate(current, { kind: 'checklist', fileName: 'cut.csv', bytes: enc(header + '1,Animalia,') }),
    ).rejects.toThrow(/cut\.csv/);
  });
});
