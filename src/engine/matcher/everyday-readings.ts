/**
 * Readings of a word that make it something other than a wildlife mention, whatever the word:
 *   - a user name or handle ("@tortoise_tom", "tortoise.tom@example.com"): it names a person;
 *   - an everyday name in a verb's place ("ready to ship", "we ship worldwide", "ships within
 *     24 h"): a name of an animal is a noun, so a word led by "to", "can", "we"... or followed by
 *     "within", "worldwide", "next day"... is the verb;
 *   - a colour code word used as a colour ("black market", "black and red", "ivory white"): the
 *     code word stands for the goods on its own, so one that qualifies a following noun or sits in
 *     a list of colours is the colour.
 *   - an animal name that qualifies a pattern ("crocodile-embossed", "snake-effect", "leopard
 *     look"): the pattern, not the animal.
 * The word lists are data (word-lists.json). Every test reads only the tokens beside one mention,
 * so it costs nothing on text without mentions.
 */
import { tokenString, type Tokens } from '../text/tokenize';
import type { Mention } from './mention-and-reading';
import wordLists from './word-lists.json';

const VERB_LEADS: ReadonlySet<string> = new Set(wordLists.verbLeadWords);
const VERB_TAILS: ReadonlySet<string> = new Set(wordLists.verbTailWords);
export const COLOUR_WORDS: ReadonlySet<string> = new Set(wordLists.colourWords);
const PATTERN_WORDS: ReadonlySet<string> = new Set(wordLists.patternWords);
/** Words after a colour code word that leave it a noun ("white for sale", "black 2 kg"). */
const COLOUR_FOLLOWERS: ReadonlySet<string> = new Set(wordLists.colourFollowerWords);

const isHandleChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c > 0x7f;
const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 0x7f;

/**
 * True when text[start, end) lies in, or runs into, a user name: "@name" (a handle), or the part
 * of an e-mail address before its "@".
 */
export function inUserHandle(text: string, start: number, end: number): boolean {
  // A handle that starts before the mention: walk back over handle characters to an "@".
  let i = start;
  while (i > 0 && isHandleChar(text.charCodeAt(i - 1))) i--;
  if (i > 0 && text.charCodeAt(i - 1) === 64) return true;
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === 64) return true;
  // The local part of an e-mail address: the word runs on into "@".
  let j = end;
  while (j < text.length && isHandleChar(text.charCodeAt(j))) j++;
  return j < text.length && j > end - 1 && text.charCodeAt(j) === 64 && isWordChar(text.charCodeAt(j + 1));
}

/** True when text[from, to) between two words is only spaces (one phrase). */
function spaceGap(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0) return false;
  }
  return true;
}

/** True when text[from, to) is a hyphen or spaces. */
function joinGap(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0 && c !== 0x2d) return false;
  }
  return true;
}

/** The folded word of token k, or '' (past either end, or a token longer than any listed word). */
const wordAt = (tokens: Tokens, k: number) =>
  k >= 0 && k < tokens.count && tokens.len[k] <= 16 ? tokenString(tokens, k) : '';

/** A one-word mention in a verb's place: led by "to", "can", "we"... or followed by "within", "worldwide"... */
export function readsAsVerb(text: string, tokens: Tokens, mention: Mention): boolean {
  const first = mention.firstToken;
  const last = mention.lastToken;
  if (first > 0 && spaceGap(text, tokens.end[first - 1], tokens.start[first])) {
    if (VERB_LEADS.has(wordAt(tokens, first - 1).replace(/'/g, ''))) return true;
  }
  return last + 1 < tokens.count && spaceGap(text, tokens.end[last], tokens.start[last + 1])
    ? VERB_TAILS.has(wordAt(tokens, last + 1))
    : false;
}

/**
 * A one-word code word that is a colour, used as one: followed in the same phrase by a word it
 * qualifies ("black market", "red dress"), or next to another colour ("black and red", "ivory
 * white"). Not when the next word is one a noun is followed by ("white for sale", "black 2 kg"), or a
 * mention itself (`mentionStarts`: the first tokens of the text's mentions).
 */
export function readsAsColour(
  text: string,
  tokens: Tokens,
  mention: Mention,
  mentionStarts: ReadonlySet<number>,
): boolean {
  const k = mention.firstToken;
  if (k !== mention.lastToken || !COLOUR_WORDS.has(wordAt(tokens, k))) return false;
  const next = k + 1 < tokens.count && joinGap(text, tokens.end[k], tokens.start[k + 1]) ? wordAt(tokens, k + 1) : '';
  // The next word qualified by the colour, unless it is a mention of its own ("white jelly bone").
  if (next && /^\p{L}+$/u.test(next) && !COLOUR_FOLLOWERS.has(next) && !mentionStarts.has(k + 1)) return true;
  const prev = k > 0 && joinGap(text, tokens.end[k - 1], tokens.start[k]) ? wordAt(tokens, k - 1) : '';
  if (COLOUR_WORDS.has(prev)) return true;
  // A list of colours: "black and red", "red & black", "navy/white", "white, black".
  const linked = (a: number, b: number) => {
    const gap = text.slice(tokens.end[a], tokens.start[b]).trim().toLowerCase();
    return gap === '&' || gap === '/' || gap === ',' || gap === 'and' || gap === 'or';
  };
  if (k > 0 && linked(k - 1, k) && COLOUR_WORDS.has(wordAt(tokens, k - 1))) return true;
  if (k + 1 < tokens.count && linked(k, k + 1) && COLOUR_WORDS.has(wordAt(tokens, k + 1))) return true;
  // "black and red": the link is a word token of its own.
  const linkWord = (w: string) => w === 'and' || w === 'or';
  if (k > 1 && linkWord(wordAt(tokens, k - 1)) && COLOUR_WORDS.has(wordAt(tokens, k - 2))) return true;
  return k + 2 < tokens.count && linkWord(wordAt(tokens, k + 1)) && COLOUR_WORDS.has(wordAt(tokens, k + 2));
}

/** True when the mention is one colour word (a colour code word stands for goods only beside them). */
export const isColourWord = (tokens: Tokens, mention: Mention) =>
  mention.firstToken === mention.lastToken && COLOUR_WORDS.has(wordAt(tokens, mention.firstToken));

/** A name right before a pattern word ("crocodile-embossed", "croc effect"): a pattern, not the animal. */
export function namesAPattern(text: string, tokens: Tokens, mention: Mention): boolean {
  const k = mention.lastToken + 1;
  return k < tokens.count && joinGap(text, tokens.end[k - 1], tokens.start[k]) && PATTERN_WORDS.has(wordAt(tokens, k));
}
