import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../src/messaging/dispatch';
import { ALLOWED_SENDERS, CHANNEL } from '../../src/messaging/protocol';
import { classifySender } from '../../src/messaging/sender';
import { DEFAULT_SETTINGS } from '../../src/engine/settings/settings';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('classifySender', () => {
  it.each([
    ['our popup', { id: ID, url: `${ORIGIN}popup.html` }, 'extension-page'],
    ['our options page in a tab', { id: ID, url: `${ORIGIN}options.html`, tab: { id: 3 } }, 'extension-page'],
    ['our content script', { id: ID, url: 'https://shop.example/item', tab: { id: 7 }, frameId: 0 }, 'content-script'],
    ['another extension', { id: 'x'.repeat(32), url: `chrome-extension://${'x'.repeat(32)}/a.html` }, null],
    ['a web page (no id)', { url: 'https://evil.example/', tab: { id: 7 } }, null],
    ['our id without a tab or page url', { id: ID, url: 'https://evil.example/' }, null],
    [
      'our training page in a tab (scanned like a web page)',
      { id: ID, url: `${ORIGIN}training/social-post.html`, tab: { id: 5 } },
      'content-script',
    ],
    ['our training page outside a tab', { id: ID, url: `${ORIGIN}training/social-post.html` }, null],
    ['a look-alike origin', { id: ID, url: `chrome-extension://${ID}evil/popup.html` }, null],
  ] as const)('%s', (_name, sender, expected) => {
    expect(classifySender(sender, ID, ORIGIN)).toBe(expected);
  });
});

describe('dispatcher', () => {
  const calls: string[] = [];
  const handlers = {
    'page/summary': (p) => (calls.push(`summary:${p.wordCount}`), { accepted: true }),
    'tab/summary': () => null,
    'settings/get': () => ({ ...DEFAULT_SETTINGS }),
    'settings/set': (u) => ({ ...DEFAULT_SETTINGS, ...u }),
  } satisfies Partial<Handlers> as unknown as Handlers;
  const dispatch = createDispatcher(handlers, ID, ORIGIN);
  const page = { id: ID, url: `${ORIGIN}popup.html` };
  const content = { id: ID, url: 'https://shop.example/', tab: { id: 4 }, frameId: 0 };

  it('answers an allowed message', async () => {
    const reply = await dispatch({ channel: CHANNEL, type: 'settings/get', payload: {} }, page);
    expect(reply).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });

  it('refuses a privileged message from a content script', async () => {
    const reply = await dispatch({ channel: CHANNEL, type: 'settings/set', payload: { covertMode: false } }, content);
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('refused') });
  });

  it('refuses a content message from another extension and from a web page', async () => {
    const msg = {
      channel: CHANNEL,
      type: 'page/summary',
      payload: { url: '', title: '', textLength: 1, wordCount: 9 },
    };
    expect((await dispatch(msg, { ...content, id: 'other' }))?.ok).toBe(false);
    expect((await dispatch(msg, { url: 'https://evil.example/' }))?.ok).toBe(false);
    expect(calls).toEqual([]);
    expect((await dispatch(msg, content))?.ok).toBe(true);
    expect(calls).toEqual(['summary:9']);
  });

  it('ignores messages that are not ours', async () => {
    expect(await dispatch({ type: 'settings/get' }, page)).toBeUndefined();
    expect(await dispatch({ channel: CHANNEL, type: 'toString', payload: {} }, page)).toBeUndefined();
    expect(await dispatch('hello', page)).toBeUndefined();
  });

  it('turns a handler error into a reply', async () => {
    const failing = createDispatcher(
      {
        ...handlers,
        'tab/summary': () => {
          throw new Error('boom');
        },
      } as Handlers,
      ID,
      ORIGIN,
    );
    expect(await failing({ channel: CHANNEL, type: 'tab/summary', payload: { tabId: 1 } }, page)).toEqual({
      ok: false,
      error: 'boom',
    });
  });

  it.each(['intel/trends', 'intel/alert-export', 'evidence/verification-log'] as const)(
    '%s: from our extension pages only (the store in either mode, exports, the audit log)',
    async (type) => {
      expect(ALLOWED_SENDERS[type]).toBe('extension-page');
      const reached: string[] = [];
      const guarded = createDispatcher(
        { ...handlers, [type]: () => (reached.push(type), null) } as unknown as Handlers,
        ID,
        ORIGIN,
      );
      const msg = { channel: CHANNEL, type, payload: {} };
      for (const from of [content, { ...page, id: 'other' }, { url: 'https://evil.example/', tab: { id: 9 } }])
        expect(await guarded(msg, from)).toEqual({ ok: false, error: expect.stringContaining('refused') });
      expect(reached).toEqual([]);
      expect(await guarded(msg, page)).toEqual({ ok: true, value: null });
      expect(reached).toEqual([type]);
    },
  );

  it('has a sender rule for every message type', () => {
    // Other route groups join the protocol; each rule must still name a known sender kind.
    expect(Object.keys(ALLOWED_SENDERS)).toEqual(expect.arrayContaining(Object.keys(handlers)));
    for (const kind of Object.values(ALLOWED_SENDERS)) expect(['extension-page', 'content-script']).toContain(kind);
  });
});
