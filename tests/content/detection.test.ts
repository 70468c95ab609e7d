// @vitest-environment jsdom
/**
 * Live detection in one frame (content-main): a trainer-mode switch is decided by the commands,
 * not by answers that were already on their way when a command came.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BlocksReply } from '../../src/messaging/routes/detection';

type Listener = (message: unknown, sender: { id?: string; tab?: unknown }) => Promise<unknown> | undefined;
const listeners: Listener[] = [];
const pending: { type: string; payload: { blocks?: { id: number; text: string }[] }; resolve: (r: unknown) => void }[] =
  [];

vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' },
    runtime: {
      id: 'wildtrace-test',
      onMessage: { addListener: (l: Listener) => listeners.push(l), removeListener: () => undefined },
      // Every message waits until the test answers it.
      sendMessage: (message: { type: string; payload: never }) =>
        new Promise((resolve) =>
          pending.push({
            type: message.type,
            payload: message.payload,
            resolve: (value) => resolve({ ok: true, value }),
          }),
        ),
    },
  },
}));

const { startLiveDetection } = await import('../../src/content/detection');
const { OWN_NODES } = await import('../../src/browser/page-text/collect');

const command = (on: boolean) =>
  listeners[0]({ channel: 'wildtrace/v1', type: 'detection/trainer', on }, { id: 'wildtrace-test' });
const waitFor = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 2000 });
/** Our own nodes in the document (the trainer legend's host, a style element). */
const ownNodes = () => [...document.querySelectorAll('*')].filter((n) => OWN_NODES.has(n)).length;

function answer(i: number, trainer: boolean): void {
  const { payload, resolve } = pending[i];
  const reply: BlocksReply = {
    trainer,
    results: (payload.blocks ?? []).map((b) => ({
      id: b.id,
      hits: b.text.includes('ivory')
        ? [
            {
              start: b.text.indexOf('ivory'),
              end: b.text.indexOf('ivory') + 5,
              text: 'ivory',
              term: 'ivory',
              kind: 'trade-term',
              tactics: [],
              editDistance: 0,
              confidence: 1,
            },
          ]
        : [],
    })),
  };
  resolve(reply);
}

afterEach(() => {
  listeners.length = 0;
  pending.length = 0;
});

describe('trainer mode in the tab', () => {
  it('stays off when an answer sent before the switch-off still says it is on', async () => {
    document.body.innerHTML = '<article><p>Carved ivory bangle for sale</p></article>';
    const stop = startLiveDetection(document);
    await waitFor(() => pending.some((p) => p.type === 'detection/blocks'));
    for (let i = 0; i < pending.length; i++) if (pending[i].type === 'detection/blocks') answer(i, false);

    // On: the tab sends its blocks again to get their hits, and paints them.
    let from = pending.length;
    await command(true);
    await waitFor(() => pending.slice(from).some((p) => p.type === 'detection/blocks'));
    for (let i = from; i < pending.length; i++) if (pending[i].type === 'detection/blocks') answer(i, true);
    await waitFor(() => ownNodes() > 0);
    // The page changes: its new text goes out, and the answer is held back.
    from = pending.length;
    document.querySelector('p')!.append(' Also an ivory comb.');
    await waitFor(() => pending.slice(from).some((p) => p.type === 'detection/blocks'));
    // Off, then the answer sent while it was on arrives, still saying "on".
    await command(false);
    expect(ownNodes()).toBe(0);
    for (let i = from; i < pending.length; i++) if (pending[i].type === 'detection/blocks') answer(i, true);
    await new Promise((r) => setTimeout(r, 200));
    expect(ownNodes()).toBe(0);
    stop();
  });
});
