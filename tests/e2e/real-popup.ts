/**
 * The real toolbar popup, as officers see it: opened with chrome.action.openPopup() from the
 * service worker, found in the DevTools target list (/json/list), and driven over the DevTools
 * protocol. It never becomes a Playwright page, and popup.html opened in a tab is not sized the way
 * the popup is (Chrome sizes a popup by its content).
 */
import type { CDPSession } from 'playwright-core';
import { eventually, type ExtensionSession } from '../support/extension-harness';

export interface RealPopup {
  /** The popup's DevTools target. */
  targetId: string;
  /** Evaluates an expression in the popup (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG of the popup as drawn. */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

interface DevtoolsTarget {
  id: string;
  type: string;
  url: string;
}

/**
 * Opens the toolbar popup for the focused normal tab and attaches to it. Needs a session launched
 * with `remoteDebugging`. The protocol runs through a browser-level CDP session of Playwright's own
 * connection (Target.attachToTarget, then Target.sendMessageToTarget), so no WebSocket client is needed.
 */
export async function openRealPopup(ext: ExtensionSession): Promise<RealPopup> {
  if (!ext.devtoolsPort) throw new Error('launch with { remoteDebugging: true } to reach the real popup');
  const worker = await ext.currentWorker();
  const opened = await worker.evaluate(async () => {
    try {
      // Chrome fits a popup inside its browser window, and Playwright's setViewportSize resizes
      // the one window every tab shares (a side panel test at 360 px leaves it 360 px wide):
      // give the popup a window as wide as an officer's.
      const win = await chrome.windows.getLastFocused();
      if (win.id !== undefined && (win.width ?? 0) < 1024)
        await chrome.windows.update(win.id, { left: 0, top: 0, width: 1280, height: 720 });
      await chrome.action.openPopup();
      return '';
    } catch (e) {
      return String(e);
    }
  });
  if (opened) throw new Error(`chrome.action.openPopup() failed: ${opened}`);
  const prefix = `chrome-extension://${ext.extensionId}/popup.html`;
  const target = await eventually(
    async () => {
      const list = (await (await fetch(`http://127.0.0.1:${ext.devtoolsPort}/json/list`)).json()) as DevtoolsTarget[];
      return list.find((t) => t.url.startsWith(prefix));
    },
    10_000,
    'the popup in /json/list',
  );

  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser connection');
  const session: CDPSession = await browser.newBrowserCDPSession();
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.id, flatten: false });
  let next = 0;
  const pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  session.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id!);
    if (msg.error) waiter.fail(new Error(msg.error.message));
    else waiter.ok(msg.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((ok, fail) => {
      const id = ++next;
      pending.set(id, { ok: ok as (v: unknown) => void, fail });
      session
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(fail);
    });

  return {
    targetId: target.id,
    async evaluate<T>(expression: string) {
      const r = await send<{
        result: { value: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value;
    },
    async screenshot() {
      const { data } = await send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      return Buffer.from(data, 'base64');
    },
    async close() {
      await send('Runtime.evaluate', { expression: 'window.close()' }).catch(() => undefined);
      await session.detach().catch(() => undefined);
    },
  };
}
