/** What the content script reports about the visible text of one frame. */
export interface PageSummary {
  url: string;
  title: string;
  textLength: number;
  wordCount: number;
}

/** What the background keeps per tab: the top frame's summary plus totals over all frames. */
export interface TabSummary extends PageSummary {
  tabId: number;
  frames: number;
  updatedAt: string;
}

// A word is a run of letters, marks and digits, with inner apostrophes or hyphens ("don't",
// "Hoàng-Anh"). Scripts written without spaces count one word per character run.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*/gu;

/** Counts the words of a text, Unicode-aware (JavaScript's `\w` and `\b` are ASCII-only). */
export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}

/** Summarises a frame's visible text. */
export function summarizeText(url: string, title: string, text: string): PageSummary {
  return { url, title, textLength: text.length, wordCount: countWords(text) };
}
