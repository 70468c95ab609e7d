/**
 * One-word common names of listed taxa that are mostly an everyday word ("Ship", "Hobby",
 * "Merlin", "Vera"). The lists are data (everyday-names.json), tuned against false positives on
 * ordinary pages; the compiler flags the names weak with them, and the matcher reads the strictest
 * list when it weighs a hit. They live with the lexicon so that the compiler needs nothing from
 * the matcher. Words are folded (lower case, no accents).
 */
import everydayNames from './everyday-names.json';

/**
 * Names the lexicon compiler flags weak, so that they count only next to a stronger signal.
 * Spanish and French one-word names are treated alike because they collide with words of other
 * languages ("Once" is the snow leopard in French, eleven in Spanish; "Canal", "Diana", "Tuna",
 * "Chagrin", "Sauvegarde").
 */
export const EVERYDAY_ENGLISH: ReadonlySet<string> = new Set(everydayNames.everydayEnglish);

/**
 * The strictest of those: names far more often an everyday word than the animal ("cat" is the
 * domestic cat, which CITES does not cover, "ship" a sturgeon, "hobby" and "merlin" falcons,
 * "crane" a bird and a machine, "drill" a primate). Beside a sale cue alone they are the seller's
 * words ("we ship worldwide"), so the matcher counts them only next to another species or product;
 * the compiler does not match a group's name in the singular when it is one of them ("Cats").
 * Names of traded plants such as "cactus" or "ginseng" are not here, since a cue next to them is a
 * real signal.
 */
export const EVERYDAY_NAMES: ReadonlySet<string> = new Set(everydayNames.everydayNames);
