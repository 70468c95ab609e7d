/**
 * Which characters of a text are already claimed by a match: a flag per UTF-16 unit, so checking a
 * new span costs its length rather than the number of earlier matches (pages can hold thousands).
 * The flags are allocated on the first claim: most texts hold no indicator of a given type.
 */
export class ClaimedSpans {
  private flags: Uint8Array | null = null;

  constructor(private readonly length: number) {}

  /** True when no character of [start, end) is claimed. */
  isFree(start: number, end: number): boolean {
    return !this.flags || !this.flags.subarray(start, end).includes(1);
  }

  claim(start: number, end: number): void {
    (this.flags ??= new Uint8Array(this.length)).fill(1, start, end);
  }

  /** Claims [start, end) when it is free; returns whether it was. */
  tryClaim(start: number, end: number): boolean {
    if (!this.isFree(start, end)) return false;
    this.claim(start, end);
    return true;
  }
}
