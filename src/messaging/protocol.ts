/**
 * The one message protocol between Wildtrace's contexts. Each entry names its request and
 * response types and the sender kinds allowed to send it; both ends are checked by the compiler
 * through `MessageOf`/`ResponseOf`, and the background refuses a message from any other sender.
 */
import type { Settings } from '../settings/settings';
import type { PageSummary, TabSummary } from '../text/page-summary';

/** Who may send a message: our own extension pages, or our content script in a web page. */
export type SenderKind = 'extension-page' | 'content-script';

interface Route<Req, Res, From extends SenderKind> {
  request: Req;
  response: Res;
  from: From;
}

/** Every message type, with what it carries, what it answers and who may send it. */
export interface Protocol {
  /** Content script -> background: what the frame's visible text looks like. */
  'page/summary': Route<PageSummary, { accepted: true }, 'content-script'>;
  /** UI -> background: the summary the content script reported for a tab. */
  'tab/summary': Route<{ tabId: number }, TabSummary | null, 'extension-page'>;
  /** UI -> background: the stored settings. */
  'settings/get': Route<Record<string, never>, Settings, 'extension-page'>;
  /** UI -> background: change some settings; answers the settings now in force. */
  'settings/set': Route<Partial<Settings>, Settings, 'extension-page'>;
}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];

/** A message on the wire. */
export interface MessageOf<K extends MessageType = MessageType> {
  channel: typeof CHANNEL;
  type: K;
  payload: RequestOf<K>;
}

/** What the background answers: a value, or an error said in words. */
export type Reply<T> = { ok: true; value: T } | { ok: false, error: string };

/** Marks our messages so that anything else arriving on the runtime channel is ignored. */
export const CHANNEL = 'wildtrace/v1' as const;

/** Which sender kinds may send each message type (kept beside the types so none is forgotten). */
export const ALLOWED_SENDERS: { [K in MessageType]: Protocol[K]['from'] } = {
  'page/summary': 'content-script',
  'tab/summary': 'extension-page',
  'settings/get': 'extension-page',
  'settings/set': 'extension-page',
};

/** True when `value` has the shape of one of our messages with a known type. */
export function isMessage(value: unknown): value is MessageOf {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<MessageOf>;
  return m.channel === CHANNEL && typeof m.type === 'string' && Object.hasOwn(ALLOWED_SENDERS, m.type);
}
