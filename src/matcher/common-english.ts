/**
 * Common English words (SCOWL sizes 10 and 20, assets/english/common-words.json), in a module of
 * their own so that only the matcher bundles them (not the lexicon compiler). The matcher never
 * reads one as a misspelled one-word name ("manner" is not the lanner falcon), accepts a misspelled
 * name made only of them only when it differs by a plural ending ("file monitor" is not the Nile
 * monitor), and reads one as a one-word name in another language only beside another hit in that
 * language ("once" is the snow leopard in French, "all" the eel in Icelandic "áll").
 */
import commonWords from '../../assets/english/common-words.json';
import { hashWord } from './tokenize';

export const COMMON_ENGLISH: ReadonlySet<string> = new Set(commonWords.words.split(' '));
/** Their word hashes, so most tokens are ruled out without building a string. */
export const COMMON_ENGLISH_HASHES: ReadonlySet<number> = new Set([...COMMON_ENGLISH].map(hashWord));
