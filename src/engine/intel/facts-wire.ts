/**
 * Capture facts as plain JSON, for the message channel between the background and the Trends
 * page: Chromium sends messages as JSON, where a Map or a Set arrives as an empty object.
 */
import type { CaptureFacts } from './capture-facts';

/** CaptureFacts with its Maps as entry lists and its Set as a list. */
export interface CaptureFactsWire extends Omit<CaptureFacts, 'taxa' | 'terms' | 'tactics' | 'channels'> {
  taxa: [string, { listing: string; mentions: number }][];
  terms: [string, number][];
  tactics: [string, number][];
  channels: string[];
}

/** The facts as they travel. */
export function factsToWire(f: CaptureFacts): CaptureFactsWire {
  return { ...f, taxa: [...f.taxa], terms: [...f.terms], tactics: [...f.tactics], channels: [...f.channels] };
}

/** The facts again from what travelled. */
export function factsFromWire(w: CaptureFactsWire): CaptureFacts {
  return {
    ...w,
    taxa: new Map(w.taxa),
    terms: new Map(w.terms),
    tactics: new Map(w.tactics),
    channels: new Set(w.channels),
  };
}
