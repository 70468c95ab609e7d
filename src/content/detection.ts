/**
 * Live detection in one frame: scan the page, send changed blocks to the background, keep the
 * hits it answers, and obey the background's commands (show a hit, trainer mode on/off).
 * Covert by default: nothing here writes to the page unless trainer mode is on for this tab or site.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { sendToBackground } from '../messaging/send';
import { CHANNEL } from '../messaging/protocol';
import type { BlocksReply, DetectionCommand, ScannedDocument } from '../messaging/routes/detection';
import { BENCH_BUILD } from '../browser/bench-build';
import { PageScanner, visibleTotals } from './scanner';
import { sliceStats, yieldToEventLoop } from './slices';
import { TrainerPainter } from './trainer';

const SUMMARY_DELAY_MS = 800;
const REPAINT_DELAY_MS = 50;

function isCommand(message: unknown): message is DetectionCommand {
  const m = message as Partial<DetectionCommand> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.channel === CHANNEL &&
    (m.type === 'detection/reveal' || m.type === 'detection/trainer')
  );
}

/**
 * Starts live detection in this frame; returns a function that stops it and removes every trace.
 * `startedAt` (benchmark builds): when the content script's first task began, for its reported length.
 */
export function startLiveDetection(doc: Document = document, startedAt = performance.now()): () => void {
  // Benchmark builds: the length of this first task (the scan starts in the next), and the time
  // spent inside sendMessage (the browser serialises the message on this thread).
  let startupMs = 0;
  let sendMs = 0;
  const docInfo = (): ScannedDocument => ({
    docId,
    startedAt: performance.timeOrigin,
    url: location.href,
    title: doc.title,
  });
  // crypto.randomUUID exists only in secure contexts; plain http pages need the fallback.
  const docId = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const painter = new TrainerPainter(doc);
  let trainer = false;
  // Trainer commands received so far: an answer that was on its way when one came says nothing
  // about the mode (it left the background before the switch).
  let commands = 0;

  // Answers come in batches: one paint for those that arrive close together.
  let repaintTimer: ReturnType<typeof setTimeout> | undefined;
  const repaint = () => {
    if (!trainer) {
      if (painter.active) painter.stop();
      return;
    }
    repaintTimer ??= setTimeout(paintNow, REPAINT_DELAY_MS);
  };
  const paintNow = () => {
    repaintTimer = undefined;
    if (!trainer) return;
    const items = [];
    for (const [blockId, hits] of scanner.allHits()) {
      for (const hit of hits) {
        const range = scanner.rangeOf(blockId, hit.start, hit.end);
        if (range) items.push({ range, hit });
      }
    }
    painter.paint(items);
  };

  // A trainer command that came while a batch was on its way decides the mode, not the answer.
  const withTrainerState = (sentAfter: number, answer: BlocksReply): BlocksReply =>
    sentAfter === commands ? answer : { ...answer, trainer };

  let summaryTimer: ReturnType<typeof setTimeout> | undefined;
  const scanner: PageScanner = new PageScanner({
    doc,
    send: async (update) => {
      try {
        const sentAfter = commands;
        if (!BENCH_BUILD)
          return withTrainerState(sentAfter, await sendToBackground('detection/blocks', { doc: docInfo(), ...update }));
        const stats = {
          longestSliceMs: sliceStats.longestMs,
          slices: sliceStats.slices,
          sliceMs: sliceStats.totalMs,
          sendMs,
          startupMs,
        };
        const handedAt = performance.now();
        const answer = sendToBackground('detection/blocks', { doc: docInfo(), ...update, stats });
        sendMs += performance.now() - handedAt;
        return withTrainerState(sentAfter, await answer);
      } catch {
        // The background is not listening yet or failed (worker restarting, lexicon not loaded):
        // the scanner sends these blocks again after a pause.
        return null;
      }
    },
    onResults: (reply) => {
      // An answer can show that trainer mode is on (for the site, say); only a command turns it off,
      // as an answer may have left the background before the switch.
      if (reply.trainer) trainer = true;
      if (trainer && reply.results.length) repaint();
    },
    onScanned: () => {
      summaryTimer ??= setTimeout(() => {
        summaryTimer = undefined;
        void sendToBackground('page/summary', {
          url: location.href,
          title: doc.title,
          ...visibleTotals(scanner),
        }).catch(() => undefined);
      }, SUMMARY_DELAY_MS);
    },
  });

  const onMessage = (message: unknown, sender: Runtime.MessageSender) => {
    // Only our own background may command us; pages and other extensions are ignored.
    if (!isCommand(message) || sender.id !== browser.runtime.id || sender.tab) return undefined;
    if (message.type === 'detection/trainer') {
      commands += 1;
      const was = trainer;
      trainer = message.on;
      if (!trainer) scanner.forgetHits();
      repaint();
      // The background answers hits only in trainer mode: ask for those of the page as it is.
      if (trainer && !was) void scanner.resendAll();
      return Promise.resolve(true);
    }
    const range = scanner.rangeOf(message.blockId, message.start, message.end);
    if (!range) return Promise.resolve(false);
    const target =
      range.startContainer.nodeType === 1 ? (range.startContainer as Element) : range.startContainer.parentElement;
    // The one visible act allowed in covert mode, on the officer's request (the panel warns).
    target?.scrollIntoView({ block: 'center', inline: 'nearest' });
    if (trainer) painter.flash(range);
    return Promise.resolve(true);
  };
  browser.runtime.onMessage.addListener(onMessage);
  // The scan starts in a task of its own: this one already evaluated the whole content script.
  void yieldToEventLoop().then(() => scanner.start());
  if (BENCH_BUILD) startupMs = performance.now() - startedAt;

  return () => {
    browser.runtime.onMessage.removeListener(onMessage);
    scanner.stop();
    clearTimeout(summaryTimer);
    clearTimeout(repaintTimer);
    painter.stop();
  };
}
