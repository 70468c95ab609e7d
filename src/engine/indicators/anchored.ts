/**
 * Regular-expression matching tried only at candidate starts. A global RegExp whose pattern starts
 * with a look-behind or a character class is tried by V8 at every position of the text, which is
 * what made indicator extraction slow on long pages. When a cheap scan (indexOf, a literal or a
 * simple class) can list a superset of the positions where a match may start, trying a sticky
 * copy of the RegExp there, in ascending order, gives exactly the matches `matchAll` would.
 *
 * Positions are plain arrays rather than generators: these run for every block of every page, and
 * a generator costs an object per position and optimises late.
 */

/**
 * The matches of the sticky RegExp `sticky` (flag "y") that `text.matchAll` would give with its
 * global twin, provided `starts` lists, in ascending order, every position where a match can start.
 */
export function matchAtStarts(sticky: RegExp, text: string, starts: readonly number[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  for (const start of starts) {
    if (start < from) continue;
    sticky.lastIndex = start;
    const m = sticky.exec(text);
    if (!m) continue;
    out.push(m);
    from = start + Math.max(1, m[0].length);
  }
  return out;
}

/** The sticky twin of a global RegExp. */
export function sticky(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.replace('g', '') + 'y');
}

/**
 * Every position in [trigger - before, trigger + after] for each trigger, ascending and without
 * repeats (triggers must be ascending).
 */
export function around(triggers: readonly number[], before: number, after = 0, length = Infinity): number[] {
  const out: number[] = [];
  let next = 0;
  for (const t of triggers) {
    const last = Math.min(length - 1, t + after);
    for (let p = Math.max(next, t - before); p <= last; p++) out.push(p);
    if (last + 1 > next) next = last + 1;
  }
  return out;
}

/** Positions of `needle` in `text`, ascending. */
export function positionsOf(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** Start positions of the runs of ASCII digits in `text`, ascending. */
export function digitRunStarts(text: string): number[] {
  const out: number[] = [];
  const n = text.length;
  let prevDigit = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit && !prevDigit) out.push(i);
    prevDigit = digit;
  }
  return out;
}
