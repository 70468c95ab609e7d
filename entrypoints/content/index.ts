import { defineContentScript } from 'wxt/utils/define-content-script';
import { installCaptureCollector } from '../../platform/capture/content-collect';
import { collectVisibleText } from '../../platform/dom/visible-text';
import { sendToBackground } from '../../platform/messaging';
import { summarizeText } from '../../src/text/page-summary';

// Report again after the page changes, but at most this often.
const REPORT_DELAY_MS = 800;

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    installCaptureCollector();
    const report = () => {
      const text = document.body ? collectVisibleText(document.body) : '';
      void sendToBackground('page/summary', summarizeText(location.href, document.title, text)).catch(() => {
        // The extension was reloaded or the worker is starting: the next change reports again.
      });
    };
    report();

    let timer: ReturnType<typeof setTimeout> | undefined;
    // Observing only: the observer itself is invisible to the page.
    const observer = new MutationObserver(() => {
      if (timer === undefined) timer = setTimeout(() => ((timer = undefined), report()), REPORT_DELAY_MS);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    ctx.onInvalidated(() => {
      observer.disconnect();
      clearTimeout(timer);
    });
  },
});
