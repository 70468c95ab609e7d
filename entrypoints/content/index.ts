import { defineContentScript } from 'wxt/utils/define-content-script';
import { installCaptureCollector } from '../../platform/capture/content-collect';
import { startLiveDetection } from '../../platform/detection/content-main';

// Lean on purpose: text collection and the page summary only; the lexicon and the matcher stay
// in the background worker (one copy for all tabs).
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main(ctx) {
    installCaptureCollector();
    const stop = startLiveDetection(document);
    ctx.onInvalidated(stop);
  },
});
