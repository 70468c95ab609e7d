/**
 * What the officer is shown for offers of species listed or moved since the 2017 checklist, with
 * the committed lexicon (listing amendments of CoP18, CoP19 and CoP20 applied): the appendix of
 * the hit. Shark products: the product words as subjects of an offer, and fossils, which are no
 * specimens of a listed species.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexiconFile } from '../../../src/engine/lexicon/node-load';
import type { Hit } from '../../../src/engine/matcher/hit';
import { createMatcher, type Matcher } from '../../../src/engine/matcher/matcher';
import { analyzeText } from '../../../src/engine/risk/analyze';

let matcher: Matcher;
beforeAll(() => {
  matcher = createMatcher(loadLexiconFile());
}, 60_000);

/** The hits that name a taxon, as the officer sees them: taxon, appendix, annotation. */
const taxonHits = (text: string): Hit[] => matcher.match(text).filter((h) => h.taxon && h.confidence >= 0.5);

describe('the appendix shown for species amended since 2017', () => {
  it.each([
    ['Tokay gecko, live, for sale', 'Gekko gecko', 'II', /CoP18 \(Prop\. 28\)/],
    ['Indian star tortoise hatchlings for sale', 'Geochelone elegans', 'I', /Transferred from Appendix II at CoP18/],
    ['Hammerhead shark fins, dried, 5 kg for sale', 'Sphyrna lewini', 'II', /./],
    ['Glass frogs (Centrolenidae) for sale, captive bred', 'Centrolenidae', 'II', /CoP19/],
    ['Mako shark jaw, 12 inch, for sale', 'Isurus oxyrinchus', 'II', /CoP18 \(Prop\. 42\)/],
    ['Carved giraffe bone pendant for sale', 'Giraffa camelopardalis', 'II', /CoP18 \(Prop\. 5\)/],
    ['Black teatfish, dried, 1 kg for sale', 'Holothuria nobilis', 'II', /in force 2020-08-28/],
    ['Bull shark jaw for sale', 'Carcharhinus leucas', 'II', /Included in Carcharhinidae spp\./],
    ['Oceanic whitetip shark fins for sale', 'Carcharhinus longimanus', 'I', /CoP20/],
    ['Manta ray gill plates for sale', 'Manta', 'I', /CoP20/],
  ])('%s -> %s, Appendix %s', (text, name, listing, annotation) => {
    const hit = taxonHits(text).find((h) => h.taxon!.name === name);
    expect(hit, `no hit on ${name} in ${JSON.stringify(taxonHits(text).map((h) => h.taxon!.name))}`).toBeDefined();
    expect(hit!.taxon!.listing).toBe(listing);
    expect(hit!.taxon!.annotation ?? '').toMatch(annotation);
  });

  it('ipê decking: Handroanthus, Appendix II with annotation #17 (timber only), since 25 November 2024', () => {
    const hit = taxonHits('Ipê wood decking boards for sale').find((h) => h.taxon!.name === 'Handroanthus')!;
    expect(hit.taxon).toMatchObject({ rank: 'GENUS', listing: 'II' });
    expect(hit.taxon!.annotation).toMatch(/^#17 .*in force 2024-11-25.*Logs, sawn wood/);
  });

  it('a tiger-shark jaw names no listed taxon: the tiger shark is outside Carcharhinidae spp.', () => {
    const text = 'Huge tiger shark jaw for sale, 16 inch';
    expect(taxonHits(text)).toEqual([]);
    // Not the tiger (Panthera tigris) either.
    expect(matcher.match(text).some((h) => h.taxon?.name === 'Panthera tigris')).toBe(false);
    // No wildlife subject for the scorer either.
    expect(analyzeText(text, matcher).risk.signals.filter((s) => s.kind === 'taxon' || s.kind === 'product')).toEqual(
      [],
    );
  });

  it('a deleted taxon is no longer a hit: the bontebok since CoP20', () => {
    expect(taxonHits('Bontebok skin for sale')).toEqual([]);
  });
});

describe('shark and ray products', () => {
  it.each([
    ['Shark jaws for sale, many sizes, PayPal', 'shark jaws'],
    ['Shark teeth necklace for sale', 'shark teeth'],
    ['Dried shark fins wholesale, for sale', 'shark fins'],
    ['Shark cartilage capsules for sale', 'shark cartilage'],
    ['Sawfish rostrum for sale, 90 cm', 'sawfish rostrum'],
    ['Manta gill plates for sale', 'gill plates'],
    ['Dientes de tiburón, se vende', 'dientes de tiburón'],
  ])('%s: "%s" is a product word, the subject of the offer', (text, term) => {
    const { hits, risk } = analyzeText(text, matcher);
    expect(hits.some((h) => h.termKind === 'product' && h.term === term)).toBe(true);
    expect(risk.signals.some((s) => s.kind === 'product' && s.weight > 0)).toBe(true);
  });

  it.each([
    ['Megalodon shark tooth for sale, 5 inch', 'Megalodon'],
    ['Fossil shark teeth, 100 pieces, for sale', 'Fossil'],
    ['Fossilized great white shark tooth for sale', 'Fossilized'],
  ])('%s: a fossil, not a specimen of a listed species', (text, word) => {
    const { risk } = analyzeText(text, matcher);
    const note = risk.signals.find((s) => s.weight < 0 && s.text === word);
    expect(note?.label).toMatch(/a fossil, not a specimen of a listed species/);
    // It takes away all the subject added.
    const subject = risk.signals.filter((s) => s.kind === 'taxon' || s.kind === 'product');
    expect(subject.reduce((sum, s) => sum + s.weight, 0) + note!.weight).toBe(0);
  });

  it('fossil ivory keeps its weight: mammoth ivory is a known cover for elephant ivory', () => {
    const { risk } = analyzeText('Fossil mammoth ivory carving for sale', matcher);
    expect(risk.signals.some((s) => /fossil, not a specimen/.test(s.label))).toBe(false);
  });
});
