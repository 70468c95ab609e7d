import browser from 'webextension-polyfill';
import { CHANNEL, type MessageOf, type MessageType, type Reply, type RequestOf, type ResponseOf } from './protocol';

/** Sends a typed message to the background and returns its answer; throws with its error. */
export async function sendToBackground<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const message: MessageOf<K> = { channel: CHANNEL, type, payload };
  const reply = (await browser.runtime.sendMessage(message)) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new Error(`no answer to ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
