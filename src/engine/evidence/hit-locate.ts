/**
 * Where a stored hit is in the page at capture time, for the boxes of the annotated screenshot.
 *
 * Live detection reports each hit with UTF-16 offsets into the text of one block of the page (a
 * listing, a post, the rest of the body) and the text right before and after it. At capture time
 * the content script reads the blocks again the same way (src/browser/page-text/collect.ts), and
 * a hit is boxed where that block text holds exactly the hit's text with exactly its context, so
 * a box surrounds the hit and nothing else: never "ship" inside "shipping", never a word that
 * merely looks like a hit. Searching the page for the hit's words, as before, boxed both.
 */

/** What the content script needs to find one hit (index: its position in hits.json). */
export interface HitTarget {
  index: number;
  text: string;
  start: number;
  end: number;
  /** Up to 60 characters of the block before and after the hit, as live detection read them. */
  before?: string;
  after?: string;
}

/** How much context live detection keeps on each side (src/background/detection/tab-results.ts). */
export const HIT_CONTEXT_CHARS = 60;

/** At most this many targets are sent to the page (the boxes of one viewport need far fewer). */
export const MAX_HIT_TARGETS = 1000;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const offset = (v: unknown): number | undefined =>
  Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : undefined;

/**
 * The hits of hits.json that can be looked for in the top frame: with text and offsets, not from
 * another frame (frames have their own coordinates; their hits get no box).
 */
export function hitTargetsOf(hits: readonly unknown[]): HitTarget[] {
  const out: HitTarget[] = [];
  for (const [index, raw] of hits.entries()) {
    if (!raw || typeof raw !== 'object') continue;
    const h = raw as Record<string, unknown>;
    const text = str(h.text);
    const start = offset(h.start);
    const end = offset(h.end);
    if (!text || !text.trim() || start === undefined || end === undefined || end - start !== text.length) continue;
    if (h.frameId !== undefined && h.frameId !== 0) continue;
    const before = str(h.before);
    const after = str(h.after);
    out.push({
      index,
      text,
      start,
      end,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
    });
    if (out.length >= MAX_HIT_TARGETS) break;
  }
  return out;
}

/**
 * Where `t` is in a block's text: its own offsets when the text and context are there, else (the
 * block changed a little between detection and capture) the one place where the hit with its whole
 * context appears. Undefined when the block does not hold this hit.
 */
export function locateInBlock(blockText: string, t: HitTarget): { start: number; end: number } | undefined {
  const { before, after } = t;
  const contextAt = (start: number) =>
    blockText.slice(start, start + t.text.length) === t.text &&
    (before === undefined || (start >= before.length && blockText.slice(start - before.length, start) === before)) &&
    (after === undefined || blockText.slice(start + t.text.length, start + t.text.length + after.length) === after);
  if (t.start <= blockText.length && contextAt(t.start)) return { start: t.start, end: t.start + t.text.length };
  // Without context a hit cannot be told from the same letters elsewhere: only its own offsets count.
  if (before === undefined || after === undefined) return undefined;
  const whole = before + t.text + after;
  let found: number | undefined;
  for (let at = blockText.indexOf(whole); at >= 0; at = blockText.indexOf(whole, at + 1)) {
    const start = at + before.length;
    // A context cut short by the block's edge must be at that edge.
    if (before.length < HIT_CONTEXT_CHARS && at !== 0) continue;
    if (after.length < HIT_CONTEXT_CHARS && start + t.text.length + after.length !== blockText.length) continue;
    if (found !== undefined) return undefined; // twice: cannot tell which one
    found = start;
  }
  return found === undefined ? undefined : { start: found, end: found + t.text.length };
}
