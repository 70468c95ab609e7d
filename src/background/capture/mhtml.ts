/**
 * The page archive as MHTML through chrome.pageCapture (Chrome only). The first call after the
 * browser starts sometimes returns a Blob that cannot be read (NotFoundError); we read the Blob
 * at once, and retry when it is unreadable.
 */

const ATTEMPTS = 3;

/** True when this browser can save MHTML. */
export function canSaveMhtml(): boolean {
  return typeof (globalThis as { chrome?: typeof chrome }).chrome?.pageCapture?.saveAsMHTML === 'function';
}

/** The tab as MHTML bytes in a fresh Blob; throws with a clear message after the retries. */
export async function saveMhtml(tabId: number): Promise<Blob> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const blob = await chrome.pageCapture.saveAsMHTML({ tabId });
      if (!blob) throw new Error(chrome.runtime.lastError?.message ?? 'no archive returned');
      // Reading proves the Blob is usable; the copy is what we hash and store.
      const bytes = await blob.arrayBuffer();
      if (bytes.byteLength === 0) throw new Error('empty archive');
      return new Blob([bytes], { type: 'multipart/related' });
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
  throw new Error(`the page archive (MHTML) could not be saved: ${(lastError as Error)?.message ?? String(lastError)}`);
}
