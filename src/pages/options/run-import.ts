import type { AgencyUpdate, AgencyUpdateResult } from '../../engine/lexicon/agency-update';
import type { ImportWorkerMessage } from './import-worker';

/** Runs an agency import in a worker; resolves with the new asset, rejects with the importer's error. */
export function runImport(
  current: Uint8Array,
  update: AgencyUpdate,
  onProgress: (phase: string, done: number) => void,
): Promise<AgencyUpdateResult> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<AgencyUpdateResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
      const m = event.data;
      if (m.type === 'progress') return onProgress(m.phase, m.done);
      worker.terminate();
      if (m.type === 'done') resolve({ asset: m.asset, record: m.record });
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the import stopped unexpectedly'));
    };
    worker.postMessage({ current, update });
  });
}
