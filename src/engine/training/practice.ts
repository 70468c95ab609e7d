/**
 * Practice mode scoring: a trainee marks the words they find suspicious on a training page,
 * then Wildtrace's own findings are revealed and compared. Everything here is plain data so the
 * same scoring runs in the extension page and in tests.
 */

/** A word of the page text: its offsets in the text and the word itself. */
export interface Word {
  index: number;
  start: number;
  end: number;
  text: string;
}

/** Something Wildtrace flags on the page: a matcher hit or a seller indicator. */
export interface Target {
  start: number;
  end: number;
  text: string;
  /** What it is, shown to the trainee (e.g. "species · Appendix I", "phone"). */
  label: string;
}

/** The outcome of one practice round. */
export interface PracticeResult {
  /** Targets with at least one marked word inside. */
  found: Target[];
  /** Targets the trainee did not mark. */
  missed: Target[];
  /** Marked words that belong to no target. */
  wrong: Word[];
  /** 0..100: the F1 of the trainee's marks (recall over targets, precision over marked words). */
  score: number;
}

// Letters, marks and digits with inner apostrophes, dots or hyphens, so "p4ngolin",
// "i.v.o.r.y" and "don't" each stay one clickable word; a leading # or @ stays with the word.
const WORD = /[#@]?[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*/gu;

/** Splits a text into clickable words with their offsets. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    words.push({ index: words.length, start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  return words;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Scores a trainee's marks against Wildtrace's targets. A target counts as found when any
 * marked word overlaps it; a marked word is wrong when it overlaps no target. Several marked
 * words inside one target (a split-letter name) count once.
 */
export function scorePractice(
  words: readonly Word[],
  marked: ReadonlySet<number>,
  targets: readonly Target[],
): PracticeResult {
  const markedWords = words.filter((w) => marked.has(w.index));
  const found: Target[] = [];
  const missed: Target[] = [];
  for (const target of targets) (markedWords.some((w) => overlaps(w, target)) ? found : missed).push(target);
  const wrong = markedWords.filter((w) => !targets.some((t) => overlaps(w, t)));
  const recall = targets.length ? found.length / targets.length : 1;
  const precision = markedWords.length
    ? (markedWords.length - wrong.length) / markedWords.length
    : targets.length
      ? 0
      : 1;
  const score = recall + precision === 0 ? 0 : Math.round((200 * recall * precision) / (recall + precision));
  return { found, missed, wrong, score };
}

/** Merges overlapping targets so one disguised mention is one thing to find. */
export function mergeTargets(targets: readonly Target[]): Target[] {
  const sorted = [...targets].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Target[] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last && overlaps(last, t)) {
      if (t.end > last.end)
        out[out.length - 1] = { ...last, end: t.end, text: last.text + t.text.slice(last.end - t.start) };
      continue;
    }
    out.push({ ...t });
  }
  return out;
}
