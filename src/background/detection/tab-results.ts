/**
 * Per-tab detection results in the background. Kept in memory for speed; the text of every block
 * with findings is written to storage.session (throttled, and after the waiting batches) so the
 * results survive the service worker being stopped: a new worker reads a tab's texts back on its
 * first message about it and analyses them again. Only blocks with findings are kept.
 */
import browser from 'webextension-polyfill';
import type { Indicator } from '../../engine/indicators/types';
import type { Hit } from '../../engine/matcher/hit';
import { countMentions } from '../../engine/matcher/mentions';
import type { Analysis } from '../../engine/risk';
import { DEFAULT_WEIGHTS } from '../../engine/risk';
import type {
  BlockRiskView,
  DetectionWork,
  HitView,
  IndicatorView,
  ScannedDocument,
  ScannerCost,
  TabDetection,
} from '../../messaging/routes/detection';
import { analyzeLongText } from '../../engine/risk/windows';
import { MODEL } from '../../engine/risk/model';
import { activeRiskModel, loadRiskModel, modelOption } from './risk-model';
import { getMatcher } from './engine';
import { inTurn, laneQuietFor } from './batch-lane';
import { regionForPage } from './home-region';
import { watchHits, watchlistsReady } from './watchlists';
import { BENCH_BUILD } from '../../browser/bench-build';
import { broadcastDetectionChange } from '../../messaging/detection-changes';

/** Hits below this confidence (traps such as Python the language) are not shown or counted. */
export const MIN_SHOWN_CONFIDENCE = DEFAULT_WEIGHTS.minConfidence;

/**
 * The hits every view shows (badge, popup, side panel, trainer mode, captures): one filter, so
 * trainer mode never paints a hit the side panel does not list.
 */
export function shownHits<T extends Hit>(hits: readonly T[]): T[] {
  return hits.filter((h) => h.confidence >= MIN_SHOWN_CONFIDENCE);
}
const SNIPPET = 60;
// Writes and badge updates wait for a pause, so a burst of updates costs one write.
const PERSIST_DELAY_MS = 400;
// While a page is being read (batches in the lane or arriving) the write waits for a pause of
// QUIET_MS, so its cost (the browser copies the data, and relays the page's next messages only
// after) falls after the results, but it waits no longer than MAX_DEFER_MS.
const QUIET_MS = 300;
const MAX_DEFER_MS = 3000;

interface StoredBlock {
  hits: HitView[];
  indicators: Indicator[];
  risk: Omit<BlockRiskView, 'frameId' | 'blockId'>;
}

interface FrameState {
  docId: string;
  /** Benchmark builds only. */
  work?: DetectionWork;
  startedAt: number;
  url: string;
  title: string;
  blocks: Record<string, StoredBlock>;
  /** The text each kept block was analysed from: what storage.session holds. */
  texts: Record<string, string>;
}

interface TabState {
  tabId: number;
  frames: Record<string, FrameState>;
  revision: number;
  updatedAt: string;
}

/**
 * Storage layout: `detect:<tab>` holds the tab's summary (revision, frames, which chunks each frame
 * has) and `detect:<tab>:<frame>:<chunk>` holds the texts of up to CHUNK_BLOCKS blocks, as one JSON
 * string ({ blockId: text }). A write sends only the summary and the chunks changed since the last
 * write, so on a page with thousands of scored blocks each write stays small.
 *
 * Texts, not results: the results are found again from them (the same analysis gives the same
 * results), and they are five times smaller (the large bench page: 0.9 MB of text, 5.4 MB of hits
 * with snippets, indicators and signals). The browser converts what is stored on the worker's
 * thread, in one stretch: 0.2-0.7 s for those results as JSON (0.4-1.9 s as objects), and
 * storage.session has a 10 MB quota for all tabs. A new worker reads the texts back and analyses
 * them once, when the tab is first asked about.
 */
const key = (tabId: number) => `detect:${tabId}`;
const chunkKey = (tabId: number, frameId: string, chunk: number) => `detect:${tabId}:${frameId}:${chunk}`;
const CHUNK_BLOCKS = 64;
const chunkOf = (blockId: string | number) => Math.floor(Number(blockId) / CHUNK_BLOCKS);

interface StoredFrameSummary extends Omit<FrameState, 'blocks' | 'texts'> {
  chunks: number[];
}
interface StoredSummary extends Omit<TabState, 'frames'> {
  frames: Record<string, StoredFrameSummary>;
}

const tabs = new Map<number, Promise<TabState>>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();
/** Chunk keys changed since the last write, per tab. */
const dirty = new Map<number, Set<string>>();
/** Chunk keys that are in storage.session, per tab (so emptied chunks and dropped frames are removed). */
const storedChunks = new Map<number, Set<string>>();
/** How long the last write of each tab took. */
const writeCost = new Map<number, number>();
/** Writes take at most about 1/WRITE_SHARE of the worker's time, however big the tab's state. */
const WRITE_SHARE = 5;

function markDirty(tabId: number, frameId: string, blockId: string | number): void {
  let set = dirty.get(tabId);
  if (!set) dirty.set(tabId, (set = new Set()));
  set.add(chunkKey(tabId, frameId, chunkOf(blockId)));
}

/** The block texts of a stored chunk; null when it is not one (unreadable, or another version's). */
function readChunk(value: unknown): Record<string, string> | null {
  if (typeof value !== 'string') return null;
  try {
    const part = JSON.parse(value) as unknown;
    if (!part || typeof part !== 'object') return null;
    return Object.fromEntries(Object.entries(part).filter(([, text]) => typeof text === 'string')) as Record<
      string,
      string
    >;
  } catch {
    return null;
  }
}

/** How long one turn of analysing read-back texts may take; other work gets through between turns. */
const REBUILD_TURN_MS = 20;

/**
 * Analyses the texts read back from storage (a new worker), in turns of the batch lane. Without a
 * matcher (the lexicon failed to load) the texts are kept for a later worker and nothing is shown.
 */
async function rebuild(frames: Record<string, FrameState>): Promise<void> {
  const todo = Object.entries(frames).flatMap(([frameId, frame]) =>
    Object.keys(frame.texts).map((id) => ({ frameId, frame, id })),
  );
  if (todo.length === 0) return;
  let matcher;
  try {
    ({ matcher } = await getMatcher());
  } catch (err) {
    console.warn('Wildtrace: could not analyse the kept page texts again', err);
    return;
  }
  // The same region as when the texts were first analysed, so the results come back the same.
  await loadRiskModel();
  const regions = new Map<FrameState, string | undefined>();
  for (const frame of Object.values(frames)) regions.set(frame, await regionForPage(frame.url));
  let next = 0;
  while (next < todo.length) {
    await inTurn(() => {
      const from = performance.now();
      do {
        const { frameId, frame, id } = todo[next++];
        const text = frame.texts[id];
        const block = toStoredBlock(
          Number(frameId),
          Number(id),
          text,
          analyzeLongText(text, matcher, { defaultRegion: regions.get(frame), ...modelOption() }),
        );
        if (block) frame.blocks[id] = block;
        else delete frame.texts[id];
      } while (next < todo.length && performance.now() - from < REBUILD_TURN_MS);
    });
  }
}

async function readTab(tabId: number): Promise<TabState> {
  const got = await browser.storage.session.get(key(tabId));
  const summary = got[key(tabId)] as StoredSummary | undefined;
  const stored = new Set<string>();
  storedChunks.set(tabId, stored);
  if (!summary) return { tabId, frames: {}, revision: 0, updatedAt: '' };
  const wanted = Object.entries(summary.frames).flatMap(([frameId, f]) =>
    (f.chunks ?? []).map((c) => chunkKey(tabId, frameId, c)),
  );
  const chunks = wanted.length ? await browser.storage.session.get(wanted) : {};
  const frames: Record<string, FrameState> = {};
  for (const [frameId, { chunks: list, ...rest }] of Object.entries(summary.frames)) {
    const texts: Record<string, string> = {};
    for (const c of list ?? []) {
      const k = chunkKey(tabId, frameId, c);
      const part = readChunk(chunks[k]);
      if (!part) continue;
      stored.add(k);
      Object.assign(texts, part);
    }
    frames[frameId] = { ...rest, blocks: {}, texts };
  }
  await rebuild(frames);
  return { tabId: summary.tabId, revision: summary.revision, updatedAt: summary.updatedAt, frames };
}

/** A tab's state, read back from storage.session once per worker life. */
export function loadTab(tabId: number): Promise<TabState> {
  let state = tabs.get(tabId);
  if (!state) {
    state = readTab(tabId);
    tabs.set(tabId, state);
  }
  return state;
}

/** The summary and the changed chunks of a tab, and the chunk keys to remove. */
function changesOf(tab: TabState): { set: Record<string, unknown>; remove: string[] } {
  const changed = dirty.get(tab.tabId) ?? new Set<string>();
  dirty.delete(tab.tabId);
  const stored = storedChunks.get(tab.tabId) ?? new Set<string>();
  storedChunks.set(tab.tabId, stored);
  const set: Record<string, unknown> = {};
  const frames: Record<string, StoredFrameSummary> = {};
  const present = new Set<string>();
  for (const [frameId, frame] of Object.entries(tab.frames)) {
    const { blocks: _blocks, texts, ...rest } = frame;
    // The frame's block ids by chunk; only the chunks to write become JSON.
    const byChunk = new Map<number, string[]>();
    for (const blockId in texts) {
      const c = chunkOf(blockId);
      const ids = byChunk.get(c);
      if (ids) ids.push(blockId);
      else byChunk.set(c, [blockId]);
    }
    for (const [c, ids] of byChunk) {
      const k = chunkKey(tab.tabId, frameId, c);
      present.add(k);
      if (!changed.has(k) && stored.has(k)) continue;
      const part: Record<string, string> = {};
      for (const id of ids) part[id] = texts[id];
      set[k] = JSON.stringify(part);
      stored.add(k);
    }
    frames[frameId] = { ...rest, chunks: [...byChunk.keys()] };
  }
  const remove = [...stored].filter((k) => !present.has(k));
  for (const k of remove) stored.delete(k);
  const summary: StoredSummary = { tabId: tab.tabId, revision: tab.revision, updatedAt: tab.updatedAt, frames };
  set[key(tab.tabId)] = summary;
  return { set, remove };
}

function persist(tab: TabState): void {
  // Throttled, not debounced: a stream of updates writes at most once per delay, never per message.
  if (timers.has(tab.tabId)) return;
  const delay = Math.max(PERSIST_DELAY_MS, WRITE_SHARE * (writeCost.get(tab.tabId) ?? 0));
  const due = performance.now() + delay;
  const write = () => {
    // Page text waiting to be analysed goes first: its results are what the officer waits for.
    const quiet = laneQuietFor();
    if (quiet < QUIET_MS && performance.now() - due < MAX_DEFER_MS) {
      timers.set(tab.tabId, setTimeout(write, QUIET_MS - quiet));
      return;
    }
    const started = performance.now();
    const revision = tab.revision;
    const { set, remove } = changesOf(tab);
    // The summary and its chunks go in one write, so a stopped worker never leaves a summary
    // pointing at chunks that were not written; emptied chunks are removed after.
    browser.storage.session
      .set(set)
      .then(() => (remove.length ? browser.storage.session.remove(remove) : undefined))
      .catch((err: unknown) => console.warn('Wildtrace: could not keep detection results', err))
      .finally(() => {
        writeCost.set(tab.tabId, performance.now() - started);
        timers.delete(tab.tabId);
        // Updates that came in while writing go with the next write.
        if (tab.revision !== revision && tabs.has(tab.tabId)) persist(tab);
      });
  };
  timers.set(tab.tabId, setTimeout(write, delay));
}

/** Turns one block's analysis into what is kept: shown hits with their snippets, indicators, risk. */
export function toStoredBlock(frameId: number, blockId: number, text: string, analysis: Analysis): StoredBlock | null {
  const hits: HitView[] = shownHits(analysis.hits).map((h) => ({
    ...h,
    frameId,
    blockId,
    before: text.slice(Math.max(0, h.start - SNIPPET), h.start),
    after: text.slice(h.end, h.end + SNIPPET),
  }));
  const { risk } = analysis;
  if (hits.length === 0 && analysis.indicators.length === 0 && risk.score === 0) return null;
  return {
    hits,
    indicators: analysis.indicators,
    risk: {
      score: risk.score,
      saleOffer: risk.saleOffer,
      snippet: text.slice(0, 120).replace(/\s+/g, ' ').trim(),
      signals: risk.score > 0 ? risk.signals : [],
      ...(risk.note ? { note: risk.note } : {}),
      ...(risk.probability !== undefined ? { probability: risk.probability } : {}),
      ...(risk.context ? { context: risk.context } : {}),
    },
  };
}

/**
 * Records one frame's update. A new document in the top frame drops every frame of the earlier
 * page; a late report from a frame of an earlier page is ignored. Returns false when ignored.
 */
export async function recordBlocks(
  tabId: number,
  frameId: number,
  doc: ScannedDocument,
  changed: { id: number; text: string; block: StoredBlock | null }[],
  removed: number[],
  cost?: { stats?: ScannerCost; analysed: { chars: number; ms: number } },
): Promise<boolean> {
  const tab = await loadTab(tabId);
  const top = tab.frames['0'];
  if (frameId !== 0 && top && doc.startedAt < top.startedAt) return false;
  if (frameId === 0 && top && top.docId !== doc.docId) {
    for (const [id, frame] of Object.entries(tab.frames))
      if (id === '0' || frame.startedAt < doc.startedAt) delete tab.frames[id];
  }
  let frame = tab.frames[String(frameId)];
  if (!frame || frame.docId !== doc.docId)
    frame = tab.frames[String(frameId)] = {
      docId: doc.docId,
      startedAt: doc.startedAt,
      url: doc.url,
      title: doc.title,
      blocks: {},
      texts: {},
    };
  frame.url = doc.url;
  frame.title = doc.title;
  if (BENCH_BUILD && cost) addCost(frame, cost.stats, cost.analysed);
  const frameKey = String(frameId);
  for (const { id, text, block } of changed) {
    const k = String(id);
    if (block) {
      frame.blocks[k] = block;
      frame.texts[k] = text;
    } else if (!(k in frame.blocks)) continue;
    else {
      delete frame.blocks[k];
      delete frame.texts[k];
    }
    markDirty(tabId, frameKey, id);
  }
  for (const id of removed) {
    const k = String(id);
    if (!(k in frame.blocks)) continue;
    delete frame.blocks[k];
    delete frame.texts[k];
    markDirty(tabId, frameKey, id);
  }
  tab.revision += 1;
  tab.updatedAt = new Date().toISOString();
  announce(tab);
  persist(tab);
  return true;
}

const announcing = new Set<number>();

/**
 * Shows a change at once: the badge, and a broadcast that makes an open popup or side panel ask
 * for the new results. Only the storage write waits for a pause (it is the costly part); a badge
 * update is one cheap call, made once per task however many frames reported in it.
 */
function announce(tab: TabState): void {
  if (announcing.has(tab.tabId)) return;
  announcing.add(tab.tabId);
  setTimeout(() => {
    announcing.delete(tab.tabId);
    if (!tabs.has(tab.tabId)) return;
    void updateBadge(tab);
    broadcastDetectionChange({ tabId: tab.tabId, revision: tab.revision });
  }, 0);
}

/** Shows every tab again (badge and open views): the watchlists changed. */
export function announceAll(): void {
  for (const tab of tabs.values()) void tab.then(announce, () => undefined);
}

/** Watched indicators on a tab: its seller indicators and the addresses of its frames. */
function tabWatchHits(tab: TabState) {
  const indicators: Indicator[] = [];
  const urls: string[] = [];
  for (const frame of Object.values(tab.frames)) {
    urls.push(frame.url);
    for (const b of Object.values(frame.blocks)) indicators.push(...b.indicators);
  }
  return watchHits(indicators, urls);
}

/** The badge text: the mentions, led by "!" when the page shows a watched indicator. */
export function badgeText(mentions: number, watched: boolean): string {
  const count = mentions === 0 ? '' : mentions > 999 ? '999+' : String(mentions);
  if (!watched) return count;
  return mentions > 99 ? '!99+' : `!${count}`;
}

/** Counts the wildlife mentions of a tab (overlapping hits are one mention; cues are none). */
export function mentionCount(tab: TabState): number {
  let n = 0;
  for (const frame of Object.values(tab.frames))
    for (const b of Object.values(frame.blocks)) n += countMentions(b.hits);
  return n;
}

async function updateBadge(tab: TabState): Promise<void> {
  const action = (browser.action ?? browser.browserAction) as typeof browser.action | undefined;
  if (!action) return;
  const count = mentionCount(tab);
  let offer = false;
  for (const frame of Object.values(tab.frames))
    for (const b of Object.values(frame.blocks)) offer ||= b.risk.saleOffer;
  const watched = tabWatchHits(tab).length > 0;
  try {
    await action.setBadgeText({ tabId: tab.tabId, text: badgeText(count, watched) });
    // A watched seller outranks a sale offer: purple, the badge's one other colour.
    await action.setBadgeBackgroundColor({
      tabId: tab.tabId,
      color: watched ? '#6a1b9a' : offer ? '#b00020' : '#5f6368',
    });
  } catch {
    // The tab was closed meanwhile.
  }
}

function buildView(tab: TabState): TabDetection {
  const hits: HitView[] = [];
  const blocks: BlockRiskView[] = [];
  const indicators: IndicatorView[] = [];
  const frameIds = Object.keys(tab.frames)
    .map(Number)
    .sort((a, b) => a - b);
  for (const frameId of frameIds) {
    const frame = tab.frames[String(frameId)];
    const ids = Object.keys(frame.blocks)
      .map(Number)
      .sort((a, b) => a - b);
    for (const blockId of ids) {
      const b = frame.blocks[String(blockId)];
      hits.push(...b.hits);
      if (b.risk.score > 0) blocks.push({ frameId, blockId, ...b.risk });
      for (const indicator of b.indicators) indicators.push({ frameId, blockId, indicator });
    }
  }
  blocks.sort((a, b) => Number(b.saleOffer) - Number(a.saleOffer) || b.score - a.score);
  const best = blocks[0] ?? null;
  const top = tab.frames['0'] ?? tab.frames[String(frameIds[0])];
  return {
    tabId: tab.tabId,
    url: top?.url ?? '',
    title: top?.title ?? '',
    updatedAt: tab.updatedAt,
    revision: tab.revision,
    hits,
    page: {
      score: best?.score ?? 0,
      saleOffer: blocks.some((b) => b.saleOffer),
      // The refit model's threshold when the officer applied one (risk-model.ts).
      threshold: (activeRiskModel()?.model ?? MODEL).threshold,
      best,
    },
    blocks,
    indicators,
    watchlist: tabWatchHits(tab),
    mentions: mentionCount(tab),
    frames: frameIds.length,
    ...(BENCH_BUILD && Object.values(tab.frames).some((f) => f.work)
      ? { work: totalWork(Object.values(tab.frames)) }
      : {}),
  };
}

/** Benchmark builds: adds a message's cost to the frame's running figures. */
function addCost(frame: FrameState, stats: ScannerCost | undefined, analysed: { chars: number; ms: number }): void {
  const work = (frame.work ??= {
    slices: 0,
    sliceMs: 0,
    longestSliceMs: 0,
    sendMs: 0,
    startupMs: 0,
    batches: 0,
    chars: 0,
    analysisMs: 0,
  });
  if (stats) {
    // The scanner's figures are running totals: the latest message has them all.
    work.slices = Math.max(work.slices, stats.slices);
    work.sliceMs = Math.max(work.sliceMs, stats.sliceMs ?? 0);
    work.longestSliceMs = Math.max(work.longestSliceMs, stats.longestSliceMs);
    work.sendMs = Math.max(work.sendMs, stats.sendMs ?? 0);
    work.startupMs = Math.max(work.startupMs, stats.startupMs ?? 0);
  }
  work.batches += 1;
  work.chars += analysed.chars;
  work.analysisMs += analysed.ms;
}

function totalWork(frames: readonly FrameState[]): DetectionWork {
  const total: DetectionWork = {
    slices: 0,
    sliceMs: 0,
    longestSliceMs: 0,
    sendMs: 0,
    startupMs: 0,
    batches: 0,
    chars: 0,
    analysisMs: 0,
  };
  for (const { work } of frames) {
    if (!work) continue;
    total.slices += work.slices;
    total.sliceMs += work.sliceMs;
    total.longestSliceMs = Math.max(total.longestSliceMs, work.longestSliceMs);
    total.sendMs += work.sendMs;
    total.startupMs = Math.max(total.startupMs, work.startupMs);
    total.batches += work.batches;
    total.chars += work.chars;
    total.analysisMs += work.analysisMs;
  }
  return total;
}

/** What the side panel shows for a tab, or null before its first report. */
export async function tabDetection(tabId: number): Promise<TabDetection | null> {
  await watchlistsReady();
  const tab = await loadTab(tabId);
  if (Object.keys(tab.frames).length === 0) return null;
  return buildView(tab);
}

/** The text of one kept block of a tab (blocks with findings are kept), or undefined. */
export async function blockText(tabId: number, frameId: number, blockId: number): Promise<string | undefined> {
  const tab = await loadTab(tabId);
  return tab.frames[String(frameId)]?.texts[String(blockId)];
}

/** Forgets a closed tab. */
export async function forgetDetection(tabId: number): Promise<void> {
  tabs.delete(tabId);
  clearTimeout(timers.get(tabId));
  timers.delete(tabId);
  writeCost.delete(tabId);
  dirty.delete(tabId);
  // A worker started after the tab's last write does not know its chunks: the summary lists them.
  const summary = (await browser.storage.session.get(key(tabId)))[key(tabId)] as StoredSummary | undefined;
  const chunks = new Set(storedChunks.get(tabId) ?? []);
  for (const [frameId, f] of Object.entries(summary?.frames ?? {}))
    for (const c of f.chunks ?? []) chunks.add(chunkKey(tabId, frameId, c));
  storedChunks.delete(tabId);
  await browser.storage.session.remove([key(tabId), ...chunks]);
}
