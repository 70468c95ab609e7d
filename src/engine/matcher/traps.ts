/**
 * False-positive traps: lexicon words that are also the names of products, brands or things
 * (Python the language, Jaguar the car, Amazon the company, Cobra golf clubs, Tiger Balm).
 * When words of the trap's context stand near the hit, its confidence drops to TRAP_CONFIDENCE.
 *
 * The word lists are data, in word-lists.json: they grow as pages show new collisions,
 * and a list edit should not read as a code change. The JSON is imported statically, so the
 * extension's bundles and Node get the same lists. Keys and words are folded (lower case, no
 * accents).
 */
import { foldChar } from '../text/fold';
import wordLists from './word-lists.json';

export const TRAP_CONFIDENCE = 0.1;

/** Trap word -> the words whose presence nearby makes it the other thing ("python" -> "pip", "django"). */
const TRAP_CONTEXT: Record<string, string[]> = wordLists.trapContextWords;

const TRAP_SETS = new Map<string, Set<string>>(Object.entries(TRAP_CONTEXT).map(([k, v]) => [k, new Set(v)]));

/**
 * Hash of the a-z letters of a folded word. Not the word hash (text/word-hash.ts): mayBeTrap reads
 * the original text, where a hit may hold other characters, and needs only a yes/no filter.
 */
const letterHash = (s: string) => {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
};
// Hashes of every trap key and its plural, so that most hits are cleared without building strings.
const TRAP_HASHES = new Set<number>(Object.keys(TRAP_CONTEXT).flatMap((k) => [letterHash(k), letterHash(k + 's')]));

/**
 * False when text[start, end) cannot be a trap word: the a-z letters of its folded form are no
 * trap key (nor its plural). A cheap filter before trapContext, which needs the folded string.
 */
export function mayBeTrap(text: string, start: number, end: number): boolean {
  let h = 0;
  for (let i = start; i < end; i++) {
    const f = foldChar(text.charCodeAt(i));
    if (f >= 97 && f <= 122) h = (Math.imul(h, 31) + f) | 0;
  }
  return TRAP_HASHES.has(h);
}

/** The context words that make `folded` (a folded one-word hit) a trap, or undefined. */
export function trapContext(folded: string): Set<string> | undefined {
  return TRAP_SETS.get(folded) ?? (folded.endsWith('s') ? TRAP_SETS.get(folded.slice(0, -1)) : undefined);
}

/**
 * Parts and derivatives of an animal, and its young: right beside a group name that needs company
 * ("Crocodile skin", "Bear claw", "Eagle feathers", "tortoise hatchlings") they make it the animal.
 */
export const ANIMAL_PART_WORDS: ReadonlySet<string> = new Set(wordLists.animalPartWords);

/**
 * Words of the wildlife trade around a one-word species name ("Alligator Skin Wallet", "Python
 * skull", "ostrich feathers", "Caiman Tail Boots"): company enough for it, like a sale cue. The
 * animal parts above and the words of wildlifeTradeWords, folded English; words that are just as
 * often technical ("shell", "tail", "scale", "mount", "live") are left out.
 */
export const WILDLIFE_WORDS: ReadonlySet<string> = new Set([
  ...wordLists.animalPartWords,
  ...wordLists.wildlifeTradeWords,
]);
