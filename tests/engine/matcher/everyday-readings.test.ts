/**
 * Everyday readings (src/engine/matcher/everyday-readings.ts) with the full committed lexicon: a
 * user name, an everyday name used as a verb, a colour code word used as a colour and an animal
 * that names a pattern are no mentions; the same words used as the wildlife word still are.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexiconFile } from '../../../src/engine/lexicon/node-load';
import { isDetection } from '../../../src/engine/matcher/quality';
import { createMatcher, type Matcher } from '../../../src/engine/matcher/matcher';

let matcher: Matcher;
beforeAll(() => {
  matcher = createMatcher(loadLexiconFile());
});
/** The detections that are not sale, buy or contact cues, as "term" strings. */
const found = (text: string) => matcher.match(text).filter((h) => isDetection(h, 0.5) && h.kind !== 'cue');

describe('everyday readings are not mentions', () => {
  it.each([
    ['ready to ship', 'For sale ivory white wedding dress, size 10 $413. Ready to ship.', 'ship'],
    ['can ship', 'Brand new wool rug, ivory and navy $205. Can ship next day.', 'ship'],
    ['ships within', 'Wool rug, ivory and navy, 160x230 $205 Ships within 24 h.', 'Ships'],
    ['we ship', 'Carved ivory netsuke $300, we ship worldwide', 'ship'],
    ['a handle', 'Follow @tortoise_tom for more deals, FS today', 'tortoise'],
    ['a handle with a product', 'Paint, half used $20. @ivory_tusk_shop', 'ivory'],
    ['an e-mail user name', 'Selling handbags, write to pangolin.kim@example.com', 'pangolin'],
    ['black market', 'FS: guide to the black market in old coins $20', 'black'],
    ['a list of colours', 'For sale gaming chair, black and red, $80', 'red'],
    ['a colour beside a cue only', 'FS: Puma running shoes, size 9, black $60', 'black'],
    ['crocodile-embossed', 'For sale crocodile-embossed leather handbag $99', 'crocodile'],
    ['snake-effect', 'Selling python-effect ankle boots, size 6, £40', 'python'],
  ])('%s', (_, text, word) => {
    expect(found(text).map((h) => h.text.toLowerCase())).not.toContain(word.toLowerCase());
  });
});

describe('the wildlife word itself still is', () => {
  it.each([
    ['the sturgeon', 'Ship sturgeon caviar for sale, 100 g', 'Acipenser nudiventris'],
    ['a code word beside its goods', 'Rhino horn, black, 2 kg for sale', 'black'],
    ['a chain of code words', 'white jelly bone, elephant ivory for sale', 'white'],
    ['a crocodile skin', 'Genuine crocodile skin handbag $800', 'crocodile skin'],
    ['a species beside a handle', 'Selling Testudo hermanni, 4 years old, DM @tom', 'Testudo hermanni'],
  ])('%s', (_, text, want) => {
    const hits = found(text);
    expect(hits.some((h) => h.taxon?.name === want || h.term.toLowerCase() === want.toLowerCase())).toBe(true);
  });
});
