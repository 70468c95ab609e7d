/**
 * The content script's page scanner: collects block texts in time slices, sends only blocks whose
 * text changed, follows the page through batched MutationObserver records (document and every
 * open shadow root), falls back to a full rescan when a burst is too large, and keeps the hits the
 * background returns so they can be painted (trainer mode) or shown (side panel click).
 *
 * It never writes to the page: observing and reading only.
 */
import type { Hit } from '../engine/matcher/hit';
import type { BlockText, BlocksReply } from '../messaging/routes/detection';
import {
  blockRootOf,
  collectBlock,
  collectBlockSteps,
  OWN_NODES,
  rangeFor,
  TEXT_ATTRIBUTES,
  type BlockRoot,
  type CollectedBlock,
  type Segment,
} from '../browser/page-text/collect';
import { runSliced, SLICE_BUDGET_MS } from './slices';

export interface ScannerOptions {
  doc: Document;
  /** Sends changed blocks to the background; resolves to its reply (null when it could not answer). */
  send(update: { blocks: BlockText[]; removed: number[] }): Promise<BlocksReply | null>;
  /** Called after hits of some blocks arrived. */
  onResults?(reply: BlocksReply): void;
  /** Called when a scan has sent everything and every answer is in. */
  onScanned?(): void;
  budgetMs?: number;
  /** Wait this long after the last mutation before reading (records are batched meanwhile). */
  quietMs?: number;
  /** ...but never longer than this after the first one. */
  maxWaitMs?: number;
  /** More records than this in one batch: rescan everything instead of tracing each record. */
  burstRecords?: number;
  /** More dirty blocks than this: rescan everything. */
  burstBlocks?: number;
  /**
   * Changed text is sent at the end of a slice when no message is on its way (the background is
   * idle: give it work at once), else once this many characters are waiting (few, large messages
   * while it is busy).
   */
  batchChars?: number;
  /** First pause before a lost message is sent again (doubles on each loss, up to maxRetryMs). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Timed resends after this many losses in a row stop; lost blocks then go with the next change. */
  maxRetries?: number;
}

interface KnownBlock {
  root: BlockRoot;
  /** Characters and words of its visible text (text nodes only), for the page summary. */
  chars: number;
  words: number;
  text: string;
  /**
   * The segment map, kept only for blocks with hits (else null, read again on demand): holding a
   * wrapper for every text node of a large page made the tab's garbage collections long.
   */
  segments: Segment[] | null;
  /** Full-scan pass in which the block was last seen. */
  pass: number;
}

export interface ScannerStats {
  fullScans: number;
  batches: number;
  blocksRead: number;
  blocksSent: number;
  charsSent: number;
  messages: number;
  /** performance.now() when the last scan (full or incremental) had sent everything. */
  lastScanDoneAt: number;
}

const OBSERVED = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: [...TEXT_ATTRIBUTES, 'hidden'],
};

export class PageScanner {
  readonly stats: ScannerStats = {
    fullScans: 0,
    batches: 0,
    blocksRead: 0,
    blocksSent: 0,
    charsSent: 0,
    messages: 0,
    lastScanDoneAt: 0,
  };
  private readonly doc: Document;
  private readonly opts: Required<Omit<ScannerOptions, 'onResults' | 'onScanned'>> &
    Pick<ScannerOptions, 'onResults' | 'onScanned'>;
  private readonly ids = new WeakMap<BlockRoot, number>();
  private readonly blocks = new Map<number, KnownBlock>();
  private readonly hits = new Map<number, Hit[]>();
  private nextId = 1;
  private pass = 0;
  private queue: BlockRoot[] = [];
  private queued = new Set<BlockRoot>();
  private full = false;
  private fullWanted = false;
  private running: Promise<void> | null = null;
  private pending: MutationRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt = 0;
  private lastPendingAt = 0;
  private readonly observer: MutationObserver;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;
  /** Blocks and removals whose message got no answer: they go again with the next message. */
  private readonly unsent = new Set<number>();
  private readonly unsentRemoved = new Set<number>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;

  constructor(options: ScannerOptions) {
    this.doc = options.doc;
    this.opts = {
      budgetMs: SLICE_BUDGET_MS,
      quietMs: 120,
      maxWaitMs: 500,
      burstRecords: 5000,
      burstBlocks: 1500,
      batchChars: 32_000,
      retryMs: 1000,
      maxRetryMs: 30_000,
      maxRetries: 8,
      ...options,
    };
    const view = this.doc.defaultView ?? globalThis;
    this.observer = new view.MutationObserver((records) => this.onRecords(records));
  }

  /** Starts observing and runs the first full scan; resolves when its results are in. */
  async start(): Promise<void> {
    if (this.stopped) return;
    this.observer.observe(this.doc, OBSERVED);
    await this.rescanAll();
  }

  /** Stops observing and forgets everything. */
  stop(): void {
    this.stopped = true;
    this.observer.disconnect();
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.pending = [];
  }

  /** Rescans every block (unchanged ones are read but not sent). */
  rescanAll(): Promise<void> {
    this.fullWanted = true;
    return this.run();
  }

  /** Resolves when no scan is running and every message has been answered. */
  async idle(): Promise<void> {
    while (this.running || this.inFlight.size || this.pending.length || this.timer !== undefined) {
      if (this.running) await this.running;
      else if (this.inFlight.size) await Promise.all(this.inFlight);
      else await new Promise((r) => setTimeout(r, this.opts.quietMs));
    }
  }

  /** The hits of every block, as last returned by the background (in trainer mode only: see resendAll). */
  allHits(): IterableIterator<[number, Hit[]]> {
    return this.hits.entries();
  }

  /**
   * Sends every known block's text again, in batches and time slices, so that the background
   * answers their hits: it answers hits only while trainer mode is on (covert mode needs none in the
   * tab), so turning it on asks for them this way.
   */
  async resendAll(): Promise<void> {
    const ids = [...this.blocks.keys()];
    let next = 0;
    await runSliced(() => {
      if (this.stopped) return true;
      const id = ids[next++];
      const known = id === undefined ? undefined : this.blocks.get(id);
      if (known?.text) this.queueText(id!, known.text);
      return next >= ids.length;
    }, this.opts.budgetMs);
    this.flush([]);
  }

  /** Forgets every block's hits (trainer mode turned off). */
  forgetHits(): void {
    this.hits.clear();
    for (const block of this.blocks.values()) block.segments = null;
  }

  /** The text of a block (tests, diagnostics). */
  blockText(id: number): string | undefined {
    return this.blocks.get(id)?.text;
  }

  /** Ids of the blocks read so far. */
  blockIds(): number[] {
    return [...this.blocks.keys()];
  }

  /** Visible characters and words over all blocks (kept per block, so this is cheap). */
  totals(): { textLength: number; wordCount: number } {
    let textLength = 0;
    let wordCount = 0;
    for (const b of this.blocks.values()) {
      textLength += b.chars;
      wordCount += b.words;
    }
    return { textLength, wordCount };
  }

  /** The segment map of a block. */
  segmentsOf(id: number): readonly Segment[] {
    const block = this.blocks.get(id);
    if (!block) return [];
    if (!block.segments) {
      // Read again; if the text changed meanwhile, the pending rescan brings fresh offsets.
      const again = isConnected(block.root) ? collectBlock(block.root) : null;
      if (!again || again.text !== block.text) return [];
      block.segments = again.segments;
    }
    return block.segments;
  }

  /** The block's root node. */
  blockRoot(id: number): BlockRoot | undefined {
    return this.blocks.get(id)?.root;
  }

  /** A DOM Range over [start, end) of a block's text, or null (title, gone, changed). */
  rangeOf(blockId: number, start: number, end: number): Range | null {
    const segments = this.segmentsOf(blockId);
    return segments.length ? rangeFor(this.doc, segments, start, end) : null;
  }

  /** Block id of a root, assigned on first sight. */
  private idOf(root: BlockRoot): number {
    let id = this.ids.get(root);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(root, id);
    }
    return id;
  }

  private enqueue(root: BlockRoot | null): void {
    if (!root || this.queued.has(root)) return;
    this.queued.add(root);
    this.queue.push(root);
  }

  private run(): Promise<void> {
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /** Scans until nothing is queued: full passes when asked, else the dirty blocks. */
  private async drain(): Promise<void> {
    while (!this.stopped && (this.fullWanted || this.queue.length)) {
      const removed: number[] = [];
      if (this.fullWanted) {
        this.fullWanted = false;
        this.full = true;
        this.pass += 1;
        this.stats.fullScans += 1;
        this.queue = [];
        this.queued.clear();
        this.enqueue(this.doc);
        this.enqueue(this.doc.body ?? this.doc.documentElement);
      } else {
        this.stats.batches += 1;
      }
      await this.scanQueue();
      if (this.full) {
        for (const [id, b] of this.blocks) if (b.pass !== this.pass) removed.push(id);
        this.full = false;
      } else {
        for (const [id, b] of this.blocks) if (!isConnected(b.root)) removed.push(id);
      }
      this.flush(removed);
      await Promise.all(this.inFlight);
      this.stats.lastScanDoneAt = performance.now();
      this.opts.onScanned?.();
    }
  }

  private outgoing: BlockText[] = [];
  private outgoingChars = 0;

  /** Reads the queued blocks in time slices, queueing the text of those that changed. */
  private async scanQueue(): Promise<void> {
    let steps: Generator<void, CollectedBlock> | null = null;
    let root: BlockRoot | null = null;
    // An index into the queue; what was read is dropped at the end of each slice.
    let head = 0;
    const step = () => {
      if (this.stopped) return true;
      if (!steps) {
        root = this.queue[head++] ?? null;
        if (!root) return true;
        this.queued.delete(root);
        if (!isConnected(root)) return head >= this.queue.length;
        // A segment map only for blocks with hits (to paint them); others get one when asked (segmentsOf).
        const known = this.ids.get(root);
        steps = collectBlockSteps(root, 256, known !== undefined && this.hits.has(known));
      }
      const next = steps.next();
      if (!next.done) return false;
      steps = null;
      this.accept(root!, next.value);
      return head >= this.queue.length;
    };
    const afterSlice = () => {
      // Drop what was read, so blocks queued meanwhile keep their order and the array stays small.
      this.queue.splice(0, head);
      head = 0;
      if (this.inFlight.size === 0 && this.outgoing.length > 0) this.flush([]);
    };
    await runSliced(step, this.opts.budgetMs, undefined, afterSlice);
  }

  private accept(root: BlockRoot, collected: CollectedBlock): void {
    this.stats.blocksRead += 1;
    const id = this.idOf(root);
    for (const nested of collected.nested) {
      if (nested.nodeType === 11) this.observeShadow(nested as ShadowRoot);
      if (this.full || !this.ids.has(nested)) this.enqueue(nested);
    }
    const known = this.blocks.get(id);
    const { chars, words } = collected;
    const same = known ? known.text === collected.text : collected.text === '';
    // The segment map (when collected with one) is kept for a block whose hits still hold.
    const keep = same && this.hits.has(id) && collected.segments.length > 0;
    if (known) {
      known.root = root;
      known.pass = this.pass;
      known.chars = chars;
      known.words = words;
      known.segments = keep ? collected.segments : null;
      known.text = collected.text;
    } else {
      this.blocks.set(id, { root, text: collected.text, segments: null, pass: this.pass, chars, words });
    }
    // Unchanged text keeps its hits (the segment map was refreshed above); only changes are sent.
    if (same) return;
    this.hits.delete(id);
    this.queueText(id, collected.text);
  }

  /** Queues a block's text for the next message; a full batch goes at once. */
  private queueText(id: number, text: string): void {
    this.outgoing.push({ id, text });
    this.outgoingChars += text.length;
    if (this.outgoingChars >= this.opts.batchChars) this.flush([]);
  }

  /** Sends the waiting blocks (and removals) in one message; the reply's hits are kept. */
  private flush(removedNow: number[]): void {
    for (const id of removedNow) {
      this.blocks.delete(id);
      this.hits.delete(id);
    }
    const removed = new Set(removedNow);
    // Lost blocks go with this message, unless a timed resend is pending: then they wait for it
    // (the background was not listening a moment ago; sending them again at once is wasted).
    if (this.retryTimer === undefined) {
      // A root seen again keeps its id: a lost removal of it no longer holds.
      for (const id of this.unsentRemoved) if (!this.blocks.has(id)) removed.add(id);
      const queued = new Set(this.outgoing.map((b) => b.id));
      for (const id of this.unsent) {
        const known = this.blocks.get(id);
        if (!known) removed.add(id);
        else if (!queued.has(id)) this.outgoing.push({ id, text: known.text });
      }
      this.unsent.clear();
      this.unsentRemoved.clear();
    }
    if (this.outgoing.length === 0 && removed.size === 0) return;
    const blocks = this.outgoing;
    this.outgoing = [];
    this.outgoingChars = 0;
    this.stats.blocksSent += blocks.length;
    this.stats.charsSent += blocks.reduce((n, b) => n + b.text.length, 0);
    this.stats.messages += 1;
    const sent = this.opts
      .send({ blocks, removed: [...removed] })
      .catch(() => null)
      .then((reply) => {
        if (this.stopped) return;
        if (!reply) {
          this.lost(blocks, removed);
          return;
        }
        this.retries = 0;
        const sentText = new Map(blocks.map((b) => [b.id, b.text]));
        // A block that changed again while this message travelled waits for its own answer.
        const fresh = reply.results.filter((r) => this.blocks.get(r.id)?.text === sentText.get(r.id));
        for (const r of fresh) {
          if (r.hits.length) this.hits.set(r.id, r.hits);
          else this.hits.delete(r.id);
        }
        this.opts.onResults?.({ ...reply, results: fresh });
      });
    this.inFlight.add(sent);
    void sent.catch(() => undefined).finally(() => this.inFlight.delete(sent));
  }

  /**
   * A message got no answer (the background was not listening yet, its lexicon failed to load,
   * the worker restarted): its blocks are sent again after a growing pause. Without this a page
   * that never changes afterwards would never be reported.
   */
  private lost(blocks: readonly BlockText[], removed: ReadonlySet<number>): void {
    for (const b of blocks) this.unsent.add(b.id);
    for (const id of removed) this.unsentRemoved.add(id);
    if (this.retryTimer !== undefined || this.retries >= this.opts.maxRetries) return;
    const delay = Math.min(this.opts.retryMs * 2 ** this.retries, this.opts.maxRetryMs);
    this.retries += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) this.flush([]);
    }, delay);
  }

  private observeShadow(root: ShadowRoot): void {
    if (this.ids.has(root)) return;
    this.observer.observe(root, OBSERVED);
  }

  private onRecords(records: MutationRecord[]): void {
    if (this.stopped) return;
    for (const r of records) if (!isOwnRecord(r)) this.pending.push(r);
    if (this.pending.length === 0) return;
    const now = performance.now();
    this.lastPendingAt = now;
    if (this.timer === undefined) {
      this.firstPendingAt = now;
      this.timer = setTimeout(() => this.onQuiet(), this.opts.quietMs);
    }
  }

  /** Waits for a quiet moment (or the longest wait), then turns the records into dirty blocks. */
  private onQuiet(): void {
    const now = performance.now();
    const quietFor = now - this.lastPendingAt;
    if (quietFor < this.opts.quietMs && now - this.firstPendingAt < this.opts.maxWaitMs) {
      this.timer = setTimeout(() => this.onQuiet(), this.opts.quietMs - quietFor);
      return;
    }
    this.timer = undefined;
    const records = this.pending;
    this.pending = [];
    if (records.length > this.opts.burstRecords) {
      void this.rescanAll();
      return;
    }
    const dirty = dirtyRoots(records, this.doc);
    if (dirty.size > this.opts.burstBlocks) {
      void this.rescanAll();
      return;
    }
    for (const root of dirty) this.enqueue(root);
    void this.run();
  }
}

function isConnected(root: BlockRoot): boolean {
  if (root.nodeType === 9) return true;
  if (root.nodeType === 11) return (root as ShadowRoot).host.isConnected;
  return (root as Element).isConnected;
}

function isOwn(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) if (OWN_NODES.has(n)) return true;
  return false;
}

/** True for records about our own nodes only (the trainer legend and card). */
function isOwnRecord(r: MutationRecord): boolean {
  if (isOwn(r.target)) return true;
  if (r.type !== 'childList') return false;
  const nodes = [...r.addedNodes, ...r.removedNodes];
  return nodes.length > 0 && nodes.every((n) => OWN_NODES.has(n));
}

/** The blocks a batch of records touched. */
export function dirtyRoots(records: readonly MutationRecord[], doc: Document): Set<BlockRoot> {
  const dirty = new Set<BlockRoot>();
  const add = (root: BlockRoot | null) => {
    if (root) dirty.add(root);
  };
  const head = doc.head;
  for (const r of records) {
    if (head && head.contains(r.target)) {
      dirty.add(doc);
      continue;
    }
    if (r.type !== 'childList') {
      add(blockRootOf(r.target));
      continue;
    }
    let textOfTarget = r.removedNodes.length > 0;
    for (const n of r.addedNodes) {
      if (OWN_NODES.has(n)) continue;
      const block = n.nodeType === 1 ? blockRootOf(n) : null;
      // An added listing is a block of its own; anything else changes the text of the target's block.
      if (block && block === n) dirty.add(block);
      else textOfTarget = true;
    }
    if (textOfTarget && r.target.isConnected) add(blockRootOf(r.target));
  }
  return dirty;
}

/** Characters and words a reader sees (text nodes only, no attributes or title), summed per block as read. */
export function visibleTotals(scanner: PageScanner): { textLength: number; wordCount: number } {
  return scanner.totals();
}
