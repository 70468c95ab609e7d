/** Where removal requests go in a case file (docs/export-format.md). */

export const REMOVALS_FOLDER = 'removals';
export const REMOVALS_CSV = 'removals.csv';

/** The archive path of a notice: its number in the case (#1 first) and the start of its audit hash. */
export function noticePath(n: { hash: string }, index: number): string {
  return `${REMOVALS_FOLDER}/notice-${String(index + 1).padStart(3, '0')}-${n.hash.slice(0, 8)}.txt`;
}
