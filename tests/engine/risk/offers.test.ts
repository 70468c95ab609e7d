/**
 * Offers with the full matcher and committed lexicon (issue 17 kinds d and e): a link or a shop as
 * the only call to action, and legal-but-cover claims, which are flagged with a note saying why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexiconFile } from '../../../src/engine/lexicon/node-load';
import { createMatcher, type Matcher } from '../../../src/engine/matcher/matcher';
import { analyzeText } from '../../../src/engine/risk';
import { COVER_NOTE } from '../../../src/engine/risk/cover';

let matcher: Matcher;
beforeAll(() => {
  matcher = createMatcher(loadLexiconFile());
});
const risk = (text: string) => analyzeText(text, matcher).risk;

describe('a link or a shop as the only call to action', () => {
  it.each([
    'Pangolin scales, check the link in my bio',
    'Carved ivory bangle. Offer link: https://t.me/example',
    'Rhino horn cups, order at https://shop.example.com/item/1',
    'Ivory netsuke collection, available in my shop',
  ])('is an offer: %s', (text) => {
    const r = risk(text);
    expect(r.hasCommerce).toBe(true);
    expect(r.saleOffer).toBe(true);
  });
  it('is not one without a wildlife subject', () => {
    expect(risk('Handmade candles, check the link in my bio').saleOffer).toBe(false);
  });
});

describe('legal-but-cover claims', () => {
  it.each([
    ['Legal mammoth ivory carvings for sale, $200', 'Legal mammoth'],
    ['Pre-ban antique ivory figurine with certificate, $450', 'Pre-ban'],
    ['Antique ivory with certificate, DM', 'with certificate'],
  ])('are flagged, with a note saying why: %s', (text, claim) => {
    const r = risk(text);
    expect(r.saleOffer).toBe(true);
    const cover = r.signals.find((s) => s.kind === 'cover');
    expect(cover?.text).toBe(claim);
    expect(cover?.note).toBe(COVER_NOTE);
    expect(cover?.weight).toBeGreaterThan(0);
  });
  it('"pre-ban" is no discussion of a ban', () => {
    const r = risk('Pre-ban antique ivory figurine, $450');
    expect(r.signals.some((s) => s.kind === 'discussion')).toBe(false);
  });
  it('a news story about a ban is still discussion', () => {
    const r = risk('The ban on ivory sales took effect; mammoth ivory remains legal to sell, traders say.');
    expect(r.signals.some((s) => s.kind === 'discussion')).toBe(true);
  });
});
