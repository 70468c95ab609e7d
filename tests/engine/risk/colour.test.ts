/** notTheMaterial (src/engine/risk/cues.ts): a colour-capable product word naming a colour, or the material. */
import { describe, expect, it } from 'vitest';
import { notTheMaterial } from '../../../src/engine/risk/cues';

/** The reading of the first "ivory" (or "tortoiseshell") in `text`. */
const reading = (text: string) => {
  const m = /ivory|tortoiseshell/i.exec(text)!;
  return notTheMaterial(text, m.index, m.index + m[0].length);
};

describe('a colour-capable word', () => {
  it.each([
    'Ivory wedding dress size 10, $200',
    'For sale ivory white wedding dress',
    'Used wool rug, ivory and navy, 160x230',
    'crochet baby blanket, ivory and sage',
    'chunky knit throw in ivory, 100% merino',
    'Farrow & Ball paint, ivory, 2.5 L',
    'Ivory fabric sofa, $300',
    'Tortoiseshell glasses frames $30',
    'tortoiseshell hair claw clips, set of 4',
    'grey, gold and ivory balloons',
  ])('names a colour: %s', (text) => expect(reading(text)).toBe('colour'));

  it.each([
    'Carved ivory netsuke, Meiji period, $900',
    'Antique ivory inlay box for sale',
    'white marble, ivory and ormolu mantel clock',
    'Chinese Carved Ivory & Wood Card Cases',
    'Miniature portrait painted on ivory, 19th century',
    'Elephant ivory bangle, DM for price',
  ])('may be the material: %s', (text) => expect(reading(text)).toBeNull());

  it('reads Ivory Coast as a place', () => expect(reading('Shipping to Ivory Coast only')).toBe('place'));
});
