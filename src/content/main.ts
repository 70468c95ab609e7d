/**
 * The content script of every page and frame. Lean on purpose: text collection and the page
 * summary only; the lexicon and the matcher stay in the background worker (one copy for all tabs).
 */
import { installCaptureCollector } from './capture-collect';
import { startLiveDetection } from './detection';

/** Starts the capture collector and live detection; returns the function that stops them. */
export function startContentScript(startedAt: number): () => void {
  installCaptureCollector();
  return startLiveDetection(document, startedAt);
}
