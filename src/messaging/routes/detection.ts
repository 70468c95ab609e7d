import type { Indicator } from '../../engine/indicators/types';
import type { Hit } from '../../engine/matcher/hit';
import type { WatchHit } from '../../engine/watchlist/match';
import type { ContextContribution, RiskSignal } from '../../engine/risk/types';
import type { Route, SenderRules } from '../route';

/** The document a content script reports for: one per frame and page load. */
export interface ScannedDocument {
  /** Random id of this document's content script instance. */
  docId: string;
  /** performance.timeOrigin: lets the background drop frames of an earlier page. */
  startedAt: number;
  url: string;
  title: string;
}

/** A block whose text changed (empty text: the block is gone or has no text now). */
export interface BlockText {
  id: number;
  text: string;
}

/** Content script -> background: changed blocks of one frame. */
export interface BlocksUpdate {
  doc: ScannedDocument;
  blocks: BlockText[];
  /** Blocks that left the page. */
  removed: number[];
  /** Benchmark builds only: the scanner's own cost so far in this frame. */
  stats?: ScannerCost;
}

/** What the scanner took of a frame's main thread so far (its tasks are its slices). */
export interface ScannerCost {
  /** The longest slice. */
  longestSliceMs: number;
  slices: number;
  /** All slices together. */
  sliceMs?: number;
  /** Of those, the time spent handing messages to the browser (it copies them on the tab's thread). */
  sendMs?: number;
  /** The content script's first task: its evaluation and start (the scan's slices come after). */
  startupMs?: number;
}

/**
 * Benchmark builds only: what reading a tab cost, the scanners' slices in its frames and the
 * analysis in the worker.
 */
export interface DetectionWork {
  slices: number;
  sliceMs: number;
  /** The longest main-thread slice the scanner took in any frame of the tab. */
  longestSliceMs: number;
  /** Of the slices' time, handing messages to the browser. */
  sendMs: number;
  /** The longest first task of a frame's content script. */
  startupMs: number;
  /** Messages of page text analysed, their characters and the worker's time on them. */
  batches: number;
  chars: number;
  analysisMs: number;
}

/** Hits of one block, offsets into the block's text (for painting and showing them in the page). */
export interface BlockHits {
  id: number;
  hits: Hit[];
}

export interface BlocksReply {
  /**
   * In trainer mode, the hits of the sent blocks that have some (a sent block not listed has none);
   * in covert mode none: the tab does not need them (the side panel gets them from the background).
   */
  results: BlockHits[];
  /** Trainer mode is on for this tab or site: paint the hits. */
  trainer: boolean;
}

/** A hit as the side panel shows it. */
export interface HitView extends Hit {
  frameId: number;
  blockId: number;
  /** Text before and after the match, from the same block. */
  before: string;
  after: string;
}

/** One block's risk as the side panel shows it. */
export interface BlockRiskView {
  frameId: number;
  blockId: number;
  score: number;
  saleOffer: boolean;
  /** The start of the block's text, to recognise it. */
  snippet: string;
  signals: RiskSignal[];
  note?: string;
  /** The model's probability of an offer (0..1) and the log-odds not tied to one signal. */
  probability?: number;
  context?: ContextContribution[];
}

export interface IndicatorView {
  frameId: number;
  blockId: number;
  indicator: Indicator;
}

/** Everything detection knows about a tab. */
export interface TabDetection {
  tabId: number;
  url: string;
  title: string;
  updatedAt: string;
  /** Grows with every change, so a view can tell it is out of date. */
  revision: number;
  hits: HitView[];
  page: { score: number; saleOffer: boolean; threshold: number; best: BlockRiskView | null };
  /** Blocks with a score above 0, riskiest first. */
  blocks: BlockRiskView[];
  indicators: IndicatorView[];
  /** Watched indicators on the page (the officer's watchlists), for the side panel and captures. */
  watchlist?: WatchHit[];
  /** Wildlife mentions, as the badge counts them (overlapping hits are one; cues are none). */
  mentions: number;
  frames: number;
  /** Benchmark builds only. */
  work?: DetectionWork;
}

/** Trainer mode switches for a tab and for its site. */
export interface TrainerState {
  tab: boolean;
  site: boolean;
  /** The site (origin) the switch applies to. */
  origin: string;
}

/** Live detection on pages. */
export interface DetectionRoutes {
  /** Content script -> background: match changed blocks; answers their hits. */
  'detection/blocks': Route<BlocksUpdate, BlocksReply, 'content-script'>;
  /** UI -> background: the tab's hits, risk and indicators (null before the first report). */
  'detection/tab': Route<{ tabId: number }, TabDetection | null, 'extension-page'>;
  /** UI -> background: scroll the page to a hit (in covert mode this is the one visible act). */
  'detection/reveal': Route<
    { tabId: number; frameId: number; blockId: number; start: number; end: number },
    { shown: boolean },
    'extension-page'
  >;
  /** UI -> background: trainer mode switches of a tab. */
  'detection/trainer/get': Route<{ tabId: number }, TrainerState, 'extension-page'>;
  /** UI -> background: turn trainer mode on or off for the tab or its whole site. */
  'detection/trainer/set': Route<{ tabId: number; scope: 'tab' | 'site'; on: boolean }, TrainerState, 'extension-page'>;
}

export const DETECTION_SENDERS: SenderRules<DetectionRoutes> = {
  'detection/blocks': 'content-script',
  'detection/tab': 'extension-page',
  'detection/reveal': 'extension-page',
  'detection/trainer/get': 'extension-page',
  'detection/trainer/set': 'extension-page',
};

/** Background -> content script commands (sent with tabs.sendMessage, checked by sender). */
export type DetectionCommand =
  | { channel: 'wildtrace/v1'; type: 'detection/reveal'; blockId: number; start: number; end: number }
  | { channel: 'wildtrace/v1'; type: 'detection/trainer'; on: boolean };
