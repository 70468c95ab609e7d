/**
 * Which characters of a text are already claimed by a match. A short list of claimed spans while
 * there are few (the usual case: a listing holds a handful of indicators), then a flag per UTF-16
 * unit, so checking a new span costs its length rather than the number of earlier matches (pages
 * can hold thousands). A flag array for every text was most of the cost of indicator extraction on
 * short blocks: allocating an ArrayBuffer is slow, most of all in an extension's service worker.
 */
const MAX_LISTED = 16;

export class ClaimedSpans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private flags: Uint8Array | null = null;

  constructor(private readonly length: number) {}

  /** True when no character of [start, end) is claimed. */
  isFree(start: number, end: number): boolean {
    if (this.flags) return !this.flags.subarray(start, end).includes(1);
    const from = Math.max(0, start);
    const to = Math.min(this.length, end);
    if (to <= from) return true;
    for (let i = 0; i < this.starts.length; i++) if (this.starts[i] < to && from < this.ends[i]) return false;
    return true;
  }

  claim(start: number, end: number): void {
    if (!this.flags) {
      const from = Math.max(0, start);
      const to = Math.min(this.length, end);
      if (to <= from) return;
      if (this.starts.length < MAX_LISTED) {
        this.starts.push(from);
        this.ends.push(to);
        return;
      }
      this.flags = new Uint8Array(this.length);
      for (let i = 0; i < this.starts.length; i++) this.flags.fill(1, this.starts[i], this.ends[i]);
    }
    this.flags.fill(1, start, end);
  }

  /** Claims [start, end) when it is free; returns whether it was. */
  tryClaim(start: number, end: number): boolean {
    if (!this.isFree(start, end)) return false;
    this.claim(start, end);
    return true;
  }
}
