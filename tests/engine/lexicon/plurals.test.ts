import { describe, expect, it } from 'vitest';
import { singularOf } from '../../../src/engine/lexicon/plurals';

describe('singularOf: the singular of a plural English group name', () => {
  it.each([
    ['Crocodiles', 'Crocodile'],
    ['Sea turtles', 'Sea turtle'],
    ['Peccaries', 'Peccary'],
    ['Rhinoceroses', 'Rhinoceros'],
    ['Lorises', 'Loris'],
    ['Albatrosses', 'Albatross'],
    ['Sawfishes', 'Sawfish'],
    ['Finches', 'Finch'],
    ['Tortoises', 'Tortoise'],
    ['Porpoises', 'Porpoise'],
    ['Howler And Prehensile-Tailed Monkeys', 'Howler And Prehensile-Tailed Monkey'],
    ['BUSHBABIES', 'BUSHBABY'],
  ])('%s -> %s', (plural, singular) => {
    expect(singularOf(plural)).toBe(singular);
  });
  it.each(['Ibis', 'Platypus', 'Rhinoceros', 'Cacti', 'Wolves', 'Buffaloes', 'Birds-of-paradise', 'Ass', 'Tree', ''])(
    'no singular for %j (not a plural, irregular, or too short)',
    (name) => {
      expect(singularOf(name)).toBeNull();
    },
  );
});
