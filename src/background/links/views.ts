/**
 * Pure assembly of the links views from the index and the captures' facts, so what the side panel
 * shows is unit-tested without a browser.
 */
import type { Indicator } from '../../engine/indicators/types';
import {
  buildCaseGraph,
  findSeenBefore,
  linkedCaptures,
  linkKeys,
  parseKey,
  type IndicatorIndex,
} from '../../engine/links';
import type { CaseCaptureLinks, CaseLinksView, LinkedCaptureView, SeenBeforeView } from '../../messaging/routes/links';

/** Looks up a capture's facts; undefined when it is gone (it is then left out). */
export type CaptureLookup = (captureId: string) => Promise<LinkedCaptureView | undefined>;

/** Newest first: the officer usually wants the latest sighting on top. */
const newestFirst = (a: LinkedCaptureView, b: LinkedCaptureView) =>
  a.capturedAt < b.capturedAt ? 1 : a.capturedAt > b.capturedAt ? -1 : a.captureId.localeCompare(b.captureId);

/** An address without its fragment: "#photos" is the same page. */
const pageOf = (url: string) => url.replace(/#.*$/s, '');

/**
 * "Seen before" for a page's indicators: other captures only. Captures of the very page shown
 * (`pageUrl`, fragment ignored) are left out, since they only repeat what the officer is looking
 * at; `samePageCaptures` counts them.
 */
export async function seenBeforeView(
  index: IndicatorIndex,
  indexed: number,
  indicators: readonly Indicator[],
  lookup: CaptureLookup,
  pageUrl?: string,
): Promise<SeenBeforeView> {
  const checked = new Set(indicators.flatMap((i) => linkKeys(i))).size;
  const here = pageUrl ? pageOf(pageUrl) : undefined;
  const samePage = new Set<string>();
  const items = [];
  for (const seen of findSeenBefore(index, indicators)) {
    const captures: LinkedCaptureView[] = [];
    for (const id of seen.captureIds) {
      const c = await lookup(id);
      if (!c) continue;
      if (here !== undefined && pageOf(c.url) === here) samePage.add(c.captureId);
      else captures.push(c);
    }
    if (!captures.length) continue;
    const { type, value } = parseKey(seen.key);
    items.push({
      key: seen.key,
      type,
      value,
      shown: seen.indicators[0]?.value ?? value,
      captures: captures.sort(newestFirst),
    });
  }
  return { checked, items, indexed, samePageCaptures: samePage.size };
}

/** Linked captures and graph of one case (`caseCaptures` in case order, with their indicators). */
export async function caseLinksView(
  caseId: string,
  index: IndicatorIndex,
  caseCaptures: readonly { view: LinkedCaptureView; indicators: readonly Indicator[] }[],
  lookup: CaptureLookup,
): Promise<CaseLinksView> {
  const captures: CaseCaptureLinks[] = [];
  for (const { view } of caseCaptures) {
    const linked = [];
    for (const l of linkedCaptures(index, view.captureId)) {
      const other = await lookup(l.captureId);
      if (other) linked.push({ ...other, keys: l.keys });
    }
    if (linked.length) captures.push({ capture: view, linked });
  }
  const graph = buildCaseGraph(
    caseCaptures.map((c) => ({ captureId: c.view.captureId, url: c.view.url, indicators: c.indicators })),
  );
  // Capture nodes are labelled "#n" (their place in the case) rather than a long URL.
  const seq = new Map(caseCaptures.map((c) => [`capture:${c.view.captureId}`, `#${c.view.sequence + 1}`]));
  return {
    caseId,
    captures,
    graph: { ...graph, nodes: graph.nodes.map((n) => (seq.has(n.id) ? { ...n, label: seq.get(n.id)! } : n)) },
  };
}
