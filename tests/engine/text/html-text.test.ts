/**
 * htmlVisibleText on hostile markup: `wildtrace scan` reads pages a seller wrote, so a megabyte of
 * unclosed tags, comments or nesting must cost one pass. A backtracking tag pattern takes minutes
 * on each of these inputs (well past the test timeout); a linear reader takes a fraction of a second.
 */
import { describe, expect, it } from 'vitest';
import { htmlVisibleText } from '../../../src/engine/text/html-text';

const MB = 1_000_000;
const fill = (pattern: string, n = MB) => pattern.repeat(Math.ceil(n / pattern.length));

describe('htmlVisibleText on a megabyte of hostile markup', () => {
  it.each([
    ['unclosed tags', fill('<a '), ''],
    ['unclosed comments', '<p>ivory</p>' + fill('<!--'), 'ivory'],
    ['unclosed titles', fill('<title>'), ''],
    ['unclosed CDATA', '<p>ivory</p>' + fill('<![CDATA['), 'ivory'],
    ['an unclosed quoted attribute', '<p>ivory</p>' + fill('<a x="y'), 'ivory'],
    ['deep nesting', fill('<b>') + 'ivory', 'ivory'],
    ['deep hidden nesting', fill('<div hidden>') + 'ivory', ''],
    ['stray closing tags', fill('<b></i>') + 'ivory', 'ivory'],
    ['one tag with many attributes', `<img ${fill('a ')} alt="ivory">`, 'ivory'],
  ])('%s', (_, html, text) => expect(htmlVisibleText(html)).toBe(text));

  it('keeps every word of a long page', () => {
    const html = fill('<p>ivory &amp; horn</p>');
    const text = htmlVisibleText(html);
    expect(text.split('\n')).toHaveLength(Math.ceil(MB / '<p>ivory &amp; horn</p>'.length));
    expect(text.startsWith('ivory & horn\nivory & horn')).toBe(true);
  });
});

describe('htmlVisibleText reads markup as a browser does', () => {
  it.each([
    ['script text is not markup', '<script>document.write("</div><p>ivory")</script><p>shown</p>', 'shown'],
    ['a hidden image shows no alt text', '<img hidden alt="ivory"><img style="display:none" alt="horn">x', 'x'],
    ['entities in attributes', '<img alt="p&#52;ngolin &amp; horn"> x', 'p4ngolin & horn x'],
    ['the first of two attributes wins', '<p style="color:red" style="display:none">shown</p>', 'shown'],
    ['a title never closed is no title', '<title>rest of page', ''],
    ['a tag cut off at the end shows nothing', '<p>ivory</p><img alt="horn"', 'ivory'],
    ['upper-case tags', '<DIV HIDDEN>secret</DIV><P>shown</P>', 'shown'],
  ])('%s', (_, html, text) => expect(htmlVisibleText(html)).toBe(text));
});
