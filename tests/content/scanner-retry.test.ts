// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { PageScanner } from '../../src/content/scanner';
import type { BlockText, BlocksReply } from '../../src/messaging/routes/detection';

/**
 * A background that loses the first `failures` messages (null, as content-main's send returns when
 * the background is not listening or its handler failed, or a rejection), then answers.
 */
function setup(html: string, failures: number, how: 'null' | 'throw') {
  document.body.innerHTML = html;
  const sent: { blocks: BlockText[]; removed: number[]; answered: boolean }[] = [];
  const scanner = new PageScanner({
    doc: document,
    quietMs: 5,
    maxWaitMs: 20,
    retryMs: 10,
    maxRetryMs: 40,
    maxRetries: 4,
    // One slice per scan (jsdom is slow): these tests count messages, and a scan split over slices
    // may send at the end of each slice while the background is idle.
    budgetMs: 1000,
    async send(update) {
      const answered = sent.length >= failures;
      sent.push({ ...update, answered });
      if (!answered) {
        if (how === 'throw') throw new Error('Could not establish connection. Receiving end does not exist.');
        return null;
      }
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
  });
  return { scanner, sent };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * Waits until `count` messages were sent (a loaded machine fires timers late), then a while longer
 * to see no more follow.
 */
async function sentSettles(sent: unknown[], count: number) {
  await vi.waitFor(() => expect(sent).toHaveLength(count), { timeout: 5000, interval: 10 });
  await wait(200);
  expect(sent).toHaveLength(count);
}
const hitTexts = (scanner: PageScanner) => [...scanner.allHits()].flatMap(([, hits]) => hits.map((h) => h.text));

describe('PageScanner when the background does not answer', () => {
  it.each([
    ['returns null once', 1, 'null'],
    ['throws once', 1, 'throw'],
    ['is lost three times in a row', 3, 'null'],
  ] as const)('sends a static page again until it is answered (background %s)', async (_label, failures, how) => {
    const { scanner, sent } = setup(
      '<article>carved ivory bangle</article><article>garden chair</article>',
      failures,
      how,
    );
    await scanner.start();
    await sentSettles(sent, failures + 1);
    const last = sent[sent.length - 1];
    expect(last.answered).toBe(true);
    expect(last.blocks.map((b) => b.text).sort()).toEqual(['carved ivory bangle', 'garden chair']);
    expect(hitTexts(scanner)).toEqual(['ivory']);
    scanner.stop();
  });

  it('stops timed resends after maxRetries, and sends the lost blocks with the next change', async () => {
    const { scanner, sent } = setup('<div id="feed"><article>carved ivory bangle</article></div>', 5, 'null');
    await scanner.start();
    await sentSettles(sent, 5); // the first message and four timed resends, all lost
    expect(hitTexts(scanner)).toEqual([]);
    const added = document.createElement('article');
    added.textContent = 'garden chair';
    document.getElementById('feed')!.append(added);
    await vi.waitFor(() => expect(sent).toHaveLength(6), { timeout: 5000, interval: 10 });
    await scanner.idle();
    expect(sent).toHaveLength(6);
    expect(sent[5].blocks.map((b) => b.text).sort()).toEqual(['carved ivory bangle', 'garden chair']);
    expect(hitTexts(scanner)).toEqual(['ivory']);
    scanner.stop();
  });

  it('sends nothing more once stopped', async () => {
    const { scanner, sent } = setup('<article>carved ivory bangle</article>', 10, 'null');
    await scanner.start();
    scanner.stop();
    await wait(200);
    expect(sent).toHaveLength(1);
  });
});
