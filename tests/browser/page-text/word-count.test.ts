import { describe, expect, it } from 'vitest';
import { countWordsFast } from '../../../src/browser/page-text/word-count';
import { countWords } from '../../../src/engine/text/page-summary';

describe('countWordsFast counts as countWords does', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['Python regius for sale', 4],
    ["don't stop, Hoàng-Anh", 3],
    ["a--b a-'b a- -b -a- 'x'", 8],
    ['rock’n’roll x’ ’y', 3],
    ['象牙手镯，价格私聊', 2],
    ['𝐅𝐨𝐫 𝐬𝐚𝐥𝐞 😀 ivory', 3],
    ['e\u0301te\u0301 café', 2],
    ['1,200 USD £12.50/kg', 6],
    ['\ud800 lone \udc00 surrogates', 2],
    ["ΟΔΟΣ'Α ελεφαντοστό", 2],
  ])('%j -> %i', (text, n) => {
    expect(countWords(text)).toBe(n);
    expect(countWordsFast(text)).toBe(n);
  });

  it('agrees with countWords on random mixes of letters, digits, joiners, spaces and other scripts', () => {
    const alphabet = [
      'a',
      'Z',
      '7',
      ' ',
      '\n',
      "'",
      '’',
      '-',
      '.',
      ',',
      'é',
      'e\u0301',
      '象',
      '😀',
      '𝐀',
      'Σ',
      '\u00ad',
      '_',
      '#',
    ];
    let seed = 12345;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let k = rand(30); k > 0; k--) text += alphabet[rand(alphabet.length)];
      expect(countWordsFast(text), JSON.stringify(text)).toBe(countWords(text));
    }
  });
});
