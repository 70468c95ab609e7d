import type { SenderKind } from './protocol';

/** The parts of a runtime `MessageSender` that decide who sent a message. */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** Our bundled training pages load the content script themselves (content scripts skip extension pages). */
export const TRAINING_PATH = '/training/';

/**
 * Classifies the sender of a runtime message, or returns null when it is not ours. Only our own
 * extension (same id) counts; a sender whose URL is an extension page of ours is an extension
 * page even inside a tab, except our training pages, which count as what they stand for: a web
 * page scanned by the content script (with no more rights than one); anything else from our id
 * that lives in a tab is our content script.
 */
export function classifySender(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (!sender || sender.id !== extensionId) return null;
  const origin = extensionOrigin.replace(/\/+$/, '');
  const url = sender.url ?? '';
  const hasTab = !!sender.tab && typeof sender.tab.id === 'number' && sender.tab.id >= 0;
  if (url.startsWith(origin + TRAINING_PATH)) return hasTab ? 'content-script' : null;
  if (url === origin || url.startsWith(origin + '/')) return 'extension-page';
  if (hasTab) return 'content-script';
  return null;
}
