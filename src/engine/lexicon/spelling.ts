/**
 * Display spellings rebuilt from folded words, so the compiled lexicon need not store 98,000
 * names: most are the words with a capital first letter ("Python reticulatus") or a capital on
 * every word ("Reticulated Python"); the rest differ from one of those in a few characters
 * (accents, hyphens, apostrophes: "Hvid ørefasan", "Flecken-Aguti") and are stored as patches.
 * The compiler and the loader share these functions, so a spelling rebuilds exactly or is kept whole.
 */
import { NC_CAPITAL_FIRST, NC_CAPITAL_WORDS, NC_LOWER } from './format';

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The words joined by spaces, with the capitals of rule `how` (format.ts NC_LOWER .. NC_CAPITAL_WORDS). */
export function spellWords(words: string[], how: number): string {
  if (how === NC_CAPITAL_WORDS) return words.map(capitalized).join(' ');
  const lower = words.join(' ');
  return how === NC_CAPITAL_FIRST ? capitalized(lower) : lower;
}

/** Patch offsets are stored as one character from "0" on; keep them clear of surrogates. */
const MAX_PATCH_OFFSET = 0xd000;

/**
 * A patch turning a rebuilt spelling into `text`: the rule digit, then for each differing UTF-16
 * unit one character for its offset (48 + offset) and the unit itself; or "=" and the whole text
 * when no rule gives the same length or the patch is not shorter.
 */
export function namePatch(text: string, words: string[]): string {
  let best = '=' + text;
  for (const how of [NC_LOWER, NC_CAPITAL_FIRST, NC_CAPITAL_WORDS]) {
    const base = spellWords(words, how);
    if (base.length !== text.length || base.length >= MAX_PATCH_OFFSET) continue;
    let patch = String(how);
    for (let k = 0; k < base.length && patch.length < best.length; k++)
      if (base[k] !== text[k]) patch += String.fromCharCode(48 + k) + text[k];
    if (patch.length < best.length) best = patch;
  }
  return best;
}

/** Applies a patch made by namePatch to the entry's folded words. */
export function applyNamePatch(patch: string, words: string[]): string {
  if (patch.charCodeAt(0) === 0x3d) return patch.slice(1);
  const base = spellWords(words, patch.charCodeAt(0) - 48);
  let out = '';
  let last = 0;
  for (let k = 1; k + 1 < patch.length; k += 2) {
    const at = patch.charCodeAt(k) - 48;
    out += base.slice(last, at) + patch[k + 1];
    last = at + 1;
  }
  return out + base.slice(last);
}
