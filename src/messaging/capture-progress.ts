/**
 * Capture progress, broadcast from the background to our extension pages (popup, side panel)
 * on the runtime channel. Pages accept it only from our own extension and not from a tab.
 */
import browser, { type Runtime } from 'webextension-polyfill';

export const PROGRESS_CHANNEL = 'wildtrace/capture-progress' as const;

/** The steps of a capture, in order. */
export type CaptureStep =
  | 'starting'
  | 'screenshot'
  | 'page'
  | 'archive'
  | 'full-page'
  | 'annotating'
  | 'hashing'
  | 'storing'
  | 'timestamp'
  | 'done'
  | 'failed';

export interface CaptureProgress {
  channel: typeof PROGRESS_CHANNEL;
  tabId: number;
  step: CaptureStep;
  /** The error in words when step is 'failed'. */
  error?: string;
  captureId?: string;
  shortHash?: string;
}

/** Sends a progress event to whichever page listens (none listening is fine). */
export function broadcastProgress(p: Omit<CaptureProgress, 'channel'>): void {
  void browser.runtime.sendMessage({ channel: PROGRESS_CHANNEL, ...p }).catch(() => undefined);
}

/** Listens for progress in a page; returns the unsubscribe function. */
export function onCaptureProgress(listener: (p: CaptureProgress) => void): () => void {
  const handler = (m: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    if (typeof m === 'object' && m !== null && (m as CaptureProgress).channel === PROGRESS_CHANNEL)
      listener(m as CaptureProgress);
    return undefined;
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
