/**
 * Properties of htmlVisibleText over generated markup (fast-check). Run counts keep this file
 * under a second or two; fast-check prints the seed of any failure to replay it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlVisibleText } from '../../../src/engine/text/html-text';

// The white-space tidying the reader promises, as the regular expressions it replaced.
const tidy = (s: string) =>
  s
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Text with the characters that matter to the tidying and the reader.
const pieces = [
  'a',
  'Ivory',
  'é',
  '象',
  '🐍',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\v',
  '&',
  '<',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
const anyText = fc.oneof(text, fc.string({ unit: 'grapheme', maxLength: 40 }));

// Markup that may be cut off, unbalanced or nested anyhow, but holds no element whose text a
// browser shows raw (textarea, xmp, plaintext, title) and no attribute value left open.
const markup = fc.constantFrom(
  '<p>',
  '</p>',
  '<div>',
  '</div>',
  '<br>',
  '<b>',
  '</b>',
  '<a href="x">',
  '</a>',
  '<img alt="alt text">',
  '<span hidden>',
  '</span>',
  '<!-- c -->',
  '<![CDATA[x]]>',
  '&amp;',
  '&nbsp;',
  '&#233;',
  'word',
  ' ',
  '\n',
);
const soup = fc.array(fc.oneof(markup, text.map(escape)), { maxLength: 30 }).map((p) => p.join(''));

describe('htmlVisibleText properties', () => {
  it('tidies plain text exactly as the white-space rules say', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const plain = s.replace(/[<&]/g, '');
        expect(htmlVisibleText(plain)).toBe(tidy(plain));
      }),
      { numRuns: 500 },
    );
  });

  it('gives back escaped text whole', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(htmlVisibleText(`<p>${escape(s)}</p>`)).toBe(tidy(s));
      }),
      { numRuns: 500 },
    );
  });

  it('returns tidy text for any markup: no blank run, no blank at either end', () => {
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ maxLength: 60 })), (html) => {
        const out = htmlVisibleText(html);
        expect(out).toBe(tidy(out));
        expect(out).not.toMatch(/[ \t\r\f\v\u00a0]{2}|\n\s/);
      }),
      { numRuns: 500 },
    );
  });

  it('never shows scripts, styles, comments or hidden elements, after any markup', () => {
    const secret = fc.constantFrom(
      '<script>SECRET</script>',
      '<style>SECRET</style>',
      '<!--SECRET-->',
      '<div hidden><p>SECRET</p></div>',
      '<p style="display: none">SECRET</p>',
      '<span aria-hidden="true">SECRET</span>',
      '<template><b>SECRET</b></template>',
    );
    fc.assert(
      fc.property(soup, secret, soup, (before, hidden, after) => {
        expect(htmlVisibleText(before + hidden + after)).not.toContain('SECRET');
      }),
      { numRuns: 500 },
    );
  });

  it('reads block elements as lines and inline ones as running text', () => {
    const word = fc.constantFrom('ivory', 'horn', 'scales', 'tusk', '');
    const block = fc.tuple(fc.constantFrom('p', 'div', 'li', 'h2', 'span', 'b', 'a'), word);
    const isBlock = (tag: string) => !['span', 'b', 'a'].includes(tag);
    fc.assert(
      fc.property(fc.array(block, { maxLength: 20 }), (blocks) => {
        const html = blocks.map(([tag, w]) => `<${tag}>${w}</${tag}>`).join('');
        const model = blocks.map(([tag, w]) => (isBlock(tag) ? `\n${w}\n` : w)).join('');
        expect(htmlVisibleText(html)).toBe(tidy(model));
      }),
      { numRuns: 300 },
    );
  });
});
