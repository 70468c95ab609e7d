// First, so it records when this script began to evaluate (ES modules run in import order).
import { SCRIPT_STARTED_AT } from '../../src/content/script-start';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentScript } from '../../src/content/main';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  // As soon as the document is parsed (DOMContentLoaded): at 'document_idle' Chrome waited until
  // about the load event (0.4 s later on the large bench page). The scan reads in short slices, and
  // what the page adds later comes through the mutation observer.
  runAt: 'document_end',
  main(ctx) {
    ctx.onInvalidated(startContentScript(SCRIPT_STARTED_AT));
  },
});
