import { ALLOWED_SENDERS, isMessage, type Protocol, type Reply } from './protocol';
import { classifySender, type SenderInfo } from './sender';

/** The sender of a message that passed the check, with the tab and frame it came from. */
export interface TrustedSender {
  kind: 'extension-page' | 'content-script';
  tabId?: number;
  frameId?: number;
  url?: string;
}

/** Handlers for one group of routes. */
export type HandlersOf<G extends { [K in keyof G]: { request: unknown; response: unknown } }> = {
  [K in keyof G]: (payload: G[K]['request'], sender: TrustedSender) => Promise<G[K]['response']> | G[K]['response'];
};

/** One handler per message type: the compiler fails the build when one is missing. */
export type Handlers = HandlersOf<Protocol>;

/**
 * Builds the background's message entry point: it drops anything that is not our message,
 * refuses senders that are not ours or not allowed for that type, runs the handler and wraps
 * its result or error in a `Reply`.
 */
export function createDispatcher(handlers: Handlers, extensionId: string, extensionOrigin: string) {
  return async (message: unknown, sender: SenderInfo): Promise<Reply<unknown> | undefined> => {
    if (!isMessage(message)) return undefined;
    const kind = classifySender(sender, extensionId, extensionOrigin);
    if (kind === null || ALLOWED_SENDERS[message.type] !== kind) {
      return { ok: false, error: `refused: ${message.type} is not accepted from this sender` };
    }
    const trusted: TrustedSender = { kind, tabId: sender.tab?.id, frameId: sender.frameId, url: sender.url };
    try {
      const handler = handlers[message.type] as (p: unknown, s: TrustedSender) => unknown;
      return { ok: true, value: await handler(message.payload, trusted) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}
