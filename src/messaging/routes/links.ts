import type { CaseGraph } from '../../engine/links/graph';
import type { Route, SenderRules } from '../route';

/** A capture as the links views show it (enough to find it again in its case). */
export interface LinkedCaptureView {
  captureId: string;
  caseId: string;
  caseTitle: string;
  /** Position in its case (0-based; shown as #n+1). */
  sequence: number;
  capturedAt: string;
  url: string;
  title: string;
  recordHash: string;
  /**
   * The capture is of the page the officer is looking at now (same URL). "Seen before" no longer
   * lists such captures (it counts them in `samePageCaptures`); kept for older callers.
   */
  samePage?: boolean;
}

/** One indicator of the current page already seen in stored captures. */
export interface SeenBeforeItem {
  /** Link key, "type:normalized", e.g. "phone:+447700900123". */
  key: string;
  type: string;
  /** The normalised value, and the text as the page writes it. */
  value: string;
  shown: string;
  captures: LinkedCaptureView[];
}

export interface SeenBeforeView {
  /** Identifying indicators on the page (phones, e-mails, handles, wallets, profiles). */
  checked: number;
  items: SeenBeforeItem[];
  /** Captures indexed in this browser. */
  indexed: number;
  /** Captures of the page shown (same address) that share its indicators; they are not in `items`. */
  samePageCaptures?: number;
}

/** A capture of the case and the captures (in any case) sharing indicators with it. */
export interface CaseCaptureLinks {
  capture: LinkedCaptureView;
  linked: (LinkedCaptureView & { keys: string[] })[];
}

export interface CaseLinksView {
  caseId: string;
  /** Captures of the case that share at least one indicator with another capture. */
  captures: CaseCaptureLinks[];
  /** Sellers, captures, indicators and sites of the case's captures. */
  graph: CaseGraph;
}

/** Links between captures: "seen before", the case view's links and graph, index upkeep. */
export interface LinksRoutes {
  /** UI -> background: the tab's indicators (from live detection) already seen in captures. */
  'links/seen-before': Route<{ tabId: number }, SeenBeforeView, 'extension-page'>;
  /** UI -> background: linked captures and the graph of a case. */
  'links/case': Route<{ caseId: string }, CaseLinksView, 'extension-page'>;
  /** UI -> background: rebuild the indicator index from every stored capture. */
  'links/rebuild': Route<Record<string, never>, { captures: number; keys: number }, 'extension-page'>;
}

export const LINKS_SENDERS: SenderRules<LinksRoutes> = {
  'links/seen-before': 'extension-page',
  'links/case': 'extension-page',
  'links/rebuild': 'extension-page',
};
