/** Grouped folds: a group (seller, account, site) lands in one fold, decided by a fixed hash of its name. */

/** FNV-1a, 32 bits: fixed and platform-independent, so a fold never depends on the order of the data. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The fold (0..folds-1) of a group. */
export const foldOf = (group: string, folds: number) => fnv1a(`fold:${group}`) % folds;
