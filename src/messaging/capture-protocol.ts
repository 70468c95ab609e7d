/**
 * Messages between the background and the content script of a tab's top frame during a capture.
 * They travel on browser.tabs.sendMessage (background -> content script only), never on the
 * runtime channel a page could reach, and the content script checks the sender.
 */

import type { HitTarget } from '../engine/evidence/hit-locate';

/** Marks capture messages so nothing else is mistaken for one. */
export const CAPTURE_CHANNEL = 'wildtrace/capture-collect' as const;

/** A rectangle in CSS pixels relative to the viewport, with the hit text it surrounds. */
export interface HitRect {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  /** The hit's position in hits.json (its kind decides the box colour). */
  hit?: number;
}

/** What the background asks the top frame for. */
export type CollectRequest =
  /** `hits`: the hits of hits.json to box, each with its offsets and context in its block's text. */
  | { channel: typeof CAPTURE_CHANNEL; kind: 'collect'; hits: HitTarget[] }
  /** Full-page image: scroll to `y` (CSS px) and answer the position reached once painted. */
  | { channel: typeof CAPTURE_CHANNEL; kind: 'scroll'; y: number }
  | { channel: typeof CAPTURE_CHANNEL; kind: 'restore'; x: number; y: number }
  /** A removal re-check: the HTTP status of the page's own load, as the page's navigation timing has it. */
  | { channel: typeof CAPTURE_CHANNEL; kind: 'navigation' }
  /** The self-contained HTML archive of the page (content/page-archive.ts), `savedAt` ISO time. */
  | { channel: typeof CAPTURE_CHANNEL; kind: 'archive'; savedAt: string };

/** The answer to a navigation request: the status, or null when the browser does not expose it. */
export interface NavigationReply {
  url: string;
  status: number | null;
}

/** The page as its top frame sees it at capture time. */
export interface CollectedPage {
  url: string;
  title: string;
  /** Serialised DOM (with open shadow roots where the browser can serialise them). */
  html: string;
  htmlMethod: string;
  text: string;
  viewport: { width: number; height: number; devicePixelRatio: number };
  scroll: { x: number; y: number };
  documentHeight: number;
  /** Boxes around the hit texts visible in the viewport. */
  hitRects: HitRect[];
  /** Milliseconds spent on each part in the page (diagnostics). */
  timings: Record<string, number>;
}

/** The self-contained HTML archive of the page, and what it could not inline. */
export interface PageArchive {
  html: string;
  images: { inlined: number; missing: number };
  stylesheets: { inlined: number; missing: number };
  /** Image and stylesheet addresses that could not be inlined without a network request (at most 50). */
  missing: string[];
  method: string;
}

/** The answer to a scroll request. */
export interface ScrollReply {
  y: number;
}

/** True when `m` is a capture request. */
export function isCollectRequest(m: unknown): m is CollectRequest {
  return typeof m === 'object' && m !== null && (m as { channel?: unknown }).channel === CAPTURE_CHANNEL;
}
