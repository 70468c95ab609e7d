/**
 * "The results of a tab changed", broadcast from the background to our extension pages (popup,
 * side panel) on the runtime channel the moment the badge changes, so all three show the same
 * results together. Content scripts do not receive runtime broadcasts, so the page learns nothing.
 * Pages accept it only from our own extension and not from a tab.
 */
import browser, { type Runtime } from 'webextension-polyfill';

export const DETECTION_CHANNEL = 'wildtrace/detection-changed' as const;

export interface DetectionChange {
  channel: typeof DETECTION_CHANNEL;
  tabId: number;
  revision: number;
}

/** Tells whichever page listens (none listening is fine). */
export function broadcastDetectionChange(change: Omit<DetectionChange, 'channel'>): void {
  void browser.runtime.sendMessage({ channel: DETECTION_CHANNEL, ...change }).catch(() => undefined);
}

/** Listens in a page; returns the unsubscribe function. */
export function onDetectionChange(listener: (change: DetectionChange) => void): () => void {
  const handler = (m: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    if (typeof m === 'object' && m !== null && (m as DetectionChange).channel === DETECTION_CHANNEL)
      listener(m as DetectionChange);
    return undefined;
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
