/**
 * Which characters of a text are already claimed by a match: a flag per UTF-16 unit, so checking a
 * new span costs its length rather than the number of earlier matches (pages can hold thousands).
 */
export class ClaimedSpans {
  private readonly flags: Uint8Array;

  constructor(length: number) {
    this.flags = new Uint8Array(length);
  }

  /** True when no character of [start, end) is claimed. */
  isFree(start: number, end: number): boolean {
    return !this.flags.subarray(start, end).includes(1);
  }

  claim(start: number, end: number): void {
    this.flags.fill(1, start, end);
  }

  /** Claims [start, end) when it is free; returns whether it was. */
  tryClaim(start: number, end: number): boolean {
    if (!this.isFree(start, end)) return false;
    this.claim(start, end);
    return true;
  }
}
