// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  blockRootOf,
  collectBlock,
  collectBlockSteps,
  collectDocumentBlock,
  OWN_NODES,
  rangeFor,
} from '../../../src/browser/page-text/collect';
import { countWords } from '../../../src/engine/text/page-summary';
import { dirtyRoots } from '../../../src/content/scanner';

function page(html: string, head = ''): Document {
  document.head.innerHTML = head;
  document.body.innerHTML = html;
  return document;
}

beforeEach(() => {
  document.title = '';
});

describe('collectBlock', () => {
  it.each([
    [
      'script, style, noscript and template are skipped',
      '<p>Python regius</p><script>var ivory = 1</script><style>.ivory{}</style>' +
        '<noscript>ivory</noscript><template><p>ivory</p></template>',
      'Python regius',
    ],
    ['inline elements join without a break', '<p><b>Pyt</b>hon <i>regius</i></p>', 'Python regius'],
    ['block elements are separated by a line break', '<div>Python</div><div>regius</div>', 'Python\nregius'],
    [
      'alt, title and aria-label are read',
      '<p>Photo: <img alt="carved 1vory" src="x.png"> <a title="rhino horn" aria-label="tiger bone">x</a></p>',
      'Photo: \ncarved 1vory\nrhino horn\ntiger bone\nx',
    ],
    ['hidden subtrees are skipped', '<p>seen</p><p hidden>unseen</p>', 'seen'],
    ['whitespace-only nodes become one space', '<p><b>ball</b>\n   <i>python</i></p>', 'ball python'],
  ])('%s', (_name, html, text) => {
    const doc = page(html);
    expect(collectBlock(doc.body).text).toBe(text);
  });

  it('stops at nested blocks and lists them, with open shadow roots', () => {
    const doc = page('<h1>Market</h1><article id="a"><h2>Python regius</h2></article><div id="host"></div>');
    const shadow = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Manis javanica</p>';
    const body = collectBlock(doc.body);
    expect(body.text).toBe('Market');
    expect(body.nested).toEqual([doc.getElementById('a'), shadow]);
    expect(collectBlock(body.nested[1]).text).toBe('Manis javanica');
  });

  it.each([
    ['a tag', '<p>shop</p><li>ivory</li>', ['shop', 'ivory']],
    ['a role', '<p>shop</p><div role="listitem">ivory</div>', ['shop', 'ivory']],
    ['a class word', '<p>shop</p><div class="x card">ivory</div>', ['shop', 'ivory']],
    ['a class part', '<p>shop</p><div class="shop-item big">ivory</div>', ['shop', 'ivory']],
    [
      'being a child of a feed, without attributes',
      '<div role="feed"><div>ivory</div><div>horn</div></div>',
      ['', 'ivory', 'horn'],
    ],
    ['nothing: a plain div stays in its block', '<p>shop</p><div data-x="1">ivory</div>', ['shop\nivory']],
  ])('makes a block of an element by %s', (_name, html, texts) => {
    const doc = page(html);
    const queue: Parameters<typeof collectBlock>[0][] = [doc.body];
    const read: string[] = [];
    for (let i = 0; i < queue.length; i++) {
      const block = collectBlock(queue[i]);
      read.push(block.text);
      queue.push(...block.nested);
    }
    expect(read).toEqual(texts);
  });

  it('starts a new line only where the walk enters or leaves a line-breaking element', () => {
    const doc = page(
      '<div>carved <span>ivory</span> <b>bangle</b><p>$250 <i>or</i> offer</p>ships <a href="#">today</a></div>',
    );
    expect(collectBlock(doc.body).text).toBe('carved ivory bangle\n$250 or offer\nships today');
  });

  it('skips our own nodes', () => {
    const doc = page('<p>Python regius</p><div id="own">legend: ivory</div>');
    OWN_NODES.add(doc.getElementById('own')!);
    expect(collectBlock(doc.body).text).toBe('Python regius');
  });

  it('reads the title and meta description as the document block', () => {
    const doc = page(
      '<p>x</p>',
      '<title>[WTS] i.v.o.r.y netsuke</title><meta name="description" content="Ball python for sale">',
    );
    const block = collectDocumentBlock(doc);
    expect(block.text).toBe('[WTS] i.v.o.r.y netsuke\nBall python for sale');
    expect(rangeFor(doc, block.segments, 0, 5)).toBeNull();
  });
});

describe('collectBlockSteps', () => {
  const run = (root: Parameters<typeof collectBlockSteps>[0], withSegments: boolean) => {
    const steps = collectBlockSteps(root, 2, withSegments);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
    }
  };

  it.each([
    ['text nodes only', '<p>Healthy <b>ball</b> python</p><p>for sale</p>'],
    ['attributes are not visible text', '<p>Look <img alt="carved 1vory bangle" src="x.png"> here</p>'],
    ['whitespace-only nodes do not count', '<p>one</p>\n   <p>two words</p>'],
    ['nested blocks are left to their own walk', '<p>seller</p><article>Manis javanica</article>'],
  ])('counts the visible characters and words of %s as the text nodes joined by spaces', (_name, html) => {
    const doc = page(html);
    const block = collectBlock(doc.body);
    const visible = block.segments
      .filter((s) => 'node' in s)
      .map((s) => block.text.slice(s.start, s.start + s.length))
      .join(' ');
    expect({ chars: block.chars, words: block.words }).toEqual({ chars: visible.length, words: countWords(visible) });
  });

  it('reads the same text, counts and nested blocks without a segment map', () => {
    const doc = page(
      '<h1>Market</h1><p>New <b>Pyt</b>hon <i>regius</i> <img alt="1vory"></p><article>x</article><br>tail',
    );
    const withMap = run(doc.body, true);
    const without = run(doc.body, false);
    expect(withMap.segments.length).toBeGreaterThan(0);
    expect(without.segments).toEqual([]);
    expect({ ...without, segments: withMap.segments }).toEqual(withMap);
  });

  it('gives the same text when another block is read in the middle of a paused walk', () => {
    const doc = page('<div><p>a</p><p>b</p><p>c</p></div><article><p>d</p><p>e</p></article>');
    const steps = collectBlockSteps(doc.body, 1, false);
    steps.next();
    steps.next();
    const other = collectBlock(doc.querySelector('article')!);
    let next = steps.next();
    while (!next.done) next = steps.next();
    expect(other.text).toBe('d\ne');
    expect(next.value.text).toBe(collectBlock(doc.body).text);
  });
});

describe('rangeFor', () => {
  it.each([
    ['a word inside one text node', '<p>Healthy ball python for sale</p>', 'ball python'],
    ['a name split over inline elements', '<p>New <b>Pyt</b>hon <i>regius</i> babies</p>', 'Python regius'],
    ['a name after a line break', '<div>Offer</div><div>Manis javanica scales</div>', 'Manis javanica'],
  ])('maps %s back to the DOM', (_name, html, needle) => {
    const doc = page(html);
    const block = collectBlock(doc.body);
    const start = block.text.indexOf(needle);
    const range = rangeFor(doc, block.segments, start, start + needle.length)!;
    expect(range.toString()).toBe(needle);
  });

  it('selects the element of a hit in an attribute', () => {
    const doc = page('<p>Look <img id="img" alt="carved 1vory bangle" src="x.png"></p>');
    const block = collectBlock(doc.body);
    const start = block.text.indexOf('1vory');
    const range = rangeFor(doc, block.segments, start, start + 5)!;
    expect(range.startContainer).toBe(doc.body.querySelector('p'));
    expect(range.cloneContents().querySelector('#img')).not.toBeNull();
  });

  it('returns null for offsets outside the text', () => {
    const doc = page('<p>abc</p>');
    const block = collectBlock(doc.body);
    expect(rangeFor(doc, block.segments, 10, 12)).toBeNull();
    expect(rangeFor(doc, block.segments, 2, 2)).toBeNull();
  });
});

describe('blockRootOf and dirtyRoots', () => {
  it('assigns text to the closest listing, shadow root or body', () => {
    const doc = page(
      '<main><p id="loose">x</p><article><p id="in">y</p></article><div class="post"><p id="post">z</p></div></main>',
    );
    expect(blockRootOf(doc.getElementById('loose')!.firstChild!)).toBe(doc.body);
    expect(blockRootOf(doc.getElementById('in')!.firstChild!)).toBe(doc.querySelector('article'));
    expect(blockRootOf(doc.getElementById('post')!)).toBe(doc.querySelector('.post'));
  });

  it('turns records into the blocks they touched, ignoring our own nodes', async () => {
    const doc = page('<div id="feed"><article id="a1"><p id="t">Python</p></article></div>');
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
    const added = doc.createElement('article');
    added.textContent = 'Manis javanica';
    doc.getElementById('feed')!.append(added);
    (doc.getElementById('t')!.firstChild as Text).data = 'Python regius';
    const own = doc.createElement('div');
    OWN_NODES.add(own);
    doc.documentElement.append(own);
    doc.title = 'New title';
    await Promise.resolve();
    records.push(...observer.takeRecords());
    observer.disconnect();
    const dirty = dirtyRoots(
      records.filter((r) => ![...r.addedNodes].every((n) => OWN_NODES.has(n)) || r.addedNodes.length === 0),
      doc,
    );
    expect([...dirty]).toEqual(expect.arrayContaining([added, doc.getElementById('a1'), doc]));
    expect(dirty.has(doc.body)).toBe(false);
    own.remove();
  });
});
