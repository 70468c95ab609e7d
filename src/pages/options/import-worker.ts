/// <reference lib="webworker" />
// Runs an agency import off the options page's main thread, so its progress bar keeps moving.
import { applyAgencyUpdate, type AgencyUpdate } from '../../engine/lexicon/agency-update';

export type ImportWorkerMessage =
  | { type: 'progress'; phase: string; done: number }
  | { type: 'done'; asset: Uint8Array; record: Awaited<ReturnType<typeof applyAgencyUpdate>>['record'] }
  | { type: 'error'; message: string };

const post = (m: ImportWorkerMessage, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

self.onmessage = async (event: MessageEvent<{ current: Uint8Array; update: AgencyUpdate }>) => {
  try {
    const { asset, record } = await applyAgencyUpdate(event.data.current, event.data.update, (p) =>
      post({ type: 'progress', ...p }),
    );
    post({ type: 'done', asset, record }, [asset.buffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
