// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { PageScanner } from '../../src/content/scanner';
import { OWN_NODES } from '../../src/browser/page-text/collect';
import type { BlockText, BlocksReply } from '../../src/messaging/routes/detection';

/** A scanner whose background records what it was sent and answers one hit per "ivory". */
function setup(html: string, options: Partial<ConstructorParameters<typeof PageScanner>[0]> = {}) {
  document.body.innerHTML = html;
  const sent: { blocks: BlockText[]; removed: number[] }[] = [];
  const scanner = new PageScanner({
    doc: document,
    quietMs: 5,
    maxWaitMs: 20,
    async send(update) {
      sent.push(update);
      const reply: BlocksReply = {
        trainer: false,
        results: update.blocks.map((b) => ({
          id: b.id,
          hits: [...b.text.matchAll(/ivory/g)].map((m) => ({
            start: m.index!,
            end: m.index! + 5,
            text: 'ivory',
            term: 'ivory',
            kind: 'trade-term' as const,
            tactics: [],
            editDistance: 0,
            confidence: 1,
          })),
        })),
      };
      return reply;
    },
    ...options,
  });
  const texts = () => sent.flatMap((s) => s.blocks.map((b) => b.text));
  return { scanner, sent, texts };
}

const settle = async (scanner: PageScanner) => {
  await new Promise((r) => setTimeout(r, 40));
  await scanner.idle();
};

describe('PageScanner', () => {
  it('sends every block once on the first scan and keeps the hits with DOM ranges', async () => {
    const { scanner, texts } = setup(
      '<h1>Shop</h1><article>carved ivory bangle</article><article>garden chair</article>',
    );
    await scanner.start();
    expect(texts().sort()).toEqual(['Shop', 'carved ivory bangle', 'garden chair']);
    const [[blockId, hits]] = [...scanner.allHits()];
    expect(scanner.rangeOf(blockId, hits[0].start, hits[0].end)!.toString()).toBe('ivory');
    scanner.stop();
  });

  it('sends only what changed after mutations, and reports removed blocks', async () => {
    const { scanner, sent, texts } = setup(
      '<div id="feed"><article id="a">first</article><article id="b">second</article></div>',
    );
    await scanner.start();
    sent.length = 0;
    const added = document.createElement('article');
    added.textContent = 'new ivory listing';
    document.getElementById('feed')!.append(added);
    document.getElementById('a')!.textContent = 'first, edited';
    document.getElementById('b')!.remove();
    await settle(scanner);
    expect(texts().sort()).toEqual(['first, edited', 'new ivory listing']);
    expect(sent.flatMap((s) => s.removed)).toHaveLength(1);
    scanner.stop();
  });

  it('rescans everything after a burst, still sending only changed text', async () => {
    const { scanner, sent, texts } = setup('<div id="feed"></div>', { burstRecords: 10 });
    await scanner.start();
    sent.length = 0;
    const feed = document.getElementById('feed')!;
    for (let i = 0; i < 30; i++) {
      const a = document.createElement('article');
      a.textContent = `listing ${i}`;
      feed.append(a);
    }
    await settle(scanner);
    expect(scanner.stats.fullScans).toBe(2);
    expect(texts()).toHaveLength(30);
    scanner.stop();
  });

  it('never reacts to its own nodes', async () => {
    const { scanner, sent } = setup('<p>ivory</p>');
    await scanner.start();
    sent.length = 0;
    const own = document.createElement('div');
    OWN_NODES.add(own);
    document.documentElement.append(own);
    own.textContent = 'legend ivory';
    await settle(scanner);
    expect(sent).toEqual([]);
    own.remove();
    scanner.stop();
  });

  it('sends at once while the background is idle, in batches of batchChars while it is busy', async () => {
    document.body.innerHTML = Array.from(
      { length: 20 },
      (_, i) => `<article>listing ${String(i).padStart(2, '0')}: carved bangle, ivory</article>`,
    ).join('');
    // Each message records whether an earlier one was still unanswered when it left: answers come
    // on a timer, so which messages leave while the background is busy varies from run to run.
    const sent: { blocks: BlockText[]; busy: boolean }[] = [];
    const answers: (() => void)[] = [];
    let unanswered = 0;
    const scanner = new PageScanner({
      doc: document,
      // Every slice reads one block.
      budgetMs: 0.000001,
      batchChars: 120,
      send(update) {
        sent.push({ blocks: update.blocks, busy: unanswered > 0 });
        unanswered += 1;
        return new Promise((resolve) =>
          answers.push(() => {
            unanswered -= 1;
            resolve({ trainer: false, results: [] });
          }),
        );
      },
    });
    const done = scanner.start();
    while (sent.flatMap((s) => s.blocks).length < 20) {
      await new Promise((r) => setTimeout(r, 5));
      if (sent.length >= 3) answers.splice(0).forEach((answer) => answer());
    }
    answers.splice(0).forEach((answer) => answer());
    await done;
    const size = (blocks: BlockText[]) => blocks.reduce((n, b) => n + b.text.length, 0);
    expect(sent[0]).toEqual({
      blocks: [expect.objectContaining({ text: 'listing 00: carved bangle, ivory' })],
      busy: false,
    });
    // Messages 2 and 3 leave before any answer; every message sent while busy, but the closing
    // flush, waited for a full batch.
    const busy = sent.slice(0, -1).filter((s) => s.busy);
    expect(busy.length).toBeGreaterThanOrEqual(2);
    expect(busy.every((s) => size(s.blocks) >= 120)).toBe(true);
    expect(
      sent
        .flatMap((s) => s.blocks)
        .map((b) => b.text)
        .sort(),
    ).toEqual(Array.from({ length: 20 }, (_, i) => `listing ${String(i).padStart(2, '0')}: carved bangle, ivory`));
    scanner.stop();
  });

  it('sends every block again when asked (trainer mode turned on), and forgets the hits when told', async () => {
    const { scanner, sent, texts } = setup(
      '<article>carved ivory bangle</article><article>garden chair</article><article>ivory netsuke</article>',
      { batchChars: 20 },
    );
    await scanner.start();
    const first = texts().sort();
    sent.length = 0;
    scanner.forgetHits();
    expect([...scanner.allHits()]).toEqual([]);
    await scanner.resendAll();
    await scanner.idle();
    expect(texts().sort()).toEqual(first);
    expect(sent.length).toBeGreaterThan(1);
    expect([...scanner.allHits()].flatMap(([, hits]) => hits.map((h) => h.text))).toEqual(['ivory', 'ivory']);
    scanner.stop();
  });

  it('follows text added inside an open shadow root', async () => {
    const { scanner, texts } = setup('<div id="host" class="listing"></div>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Pangolin scales</p>';
    await scanner.start();
    expect(texts()).toContain('Pangolin scales');
    const p = document.createElement('p');
    p.textContent = 'Rhinoplax vigil casque';
    shadow.append(p);
    await settle(scanner);
    expect(texts()).toContain('Pangolin scales\nRhinoplax vigil casque');
    scanner.stop();
  });
});
