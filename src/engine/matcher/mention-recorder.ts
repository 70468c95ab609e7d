/**
 * Records a name found on a span of tokens as a Mention: picks the entry of the trie node the span
 * reached that the text's case allows, marks the span's tokens covered, and refuses the readings
 * that are plain English or a misspelled first letter. Every part that finds whole names through
 * the trie (the exact pass, the abbreviated-genus finder, the reading walk) records them here, so
 * the rules for which entry a span stands for live in one place.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EF_CAPITALIZED, EF_CASE_SENSITIVE, EK_EXCLUDED } from '../lexicon/format';
import { F_UPPER_FIRST, F_ZERO_WIDTH, tokenString, type Tokens } from '../text/tokenize';
import { isCommonEnglishToken } from './common-english';
import type { EntryDetailsCache } from './entry-details';
import { TACTIC_ABBREVIATED_GENUS, TACTIC_MISSPELLING, TACTIC_SPLIT_LETTERS } from './mention-and-reading';
import type { TextScan } from './text-scan';

export class MentionRecorder {
  private readonly lexicon: CompiledLexicon;
  private readonly details: EntryDetailsCache;

  constructor(lexicon: CompiledLexicon, details: EntryDetailsCache) {
    this.lexicon = lexicon;
    this.details = details;
  }

  /**
   * Records the name that tokens firstToken..lastToken spell, ending at trie node `node`, found
   * through the evasions in `tactics`. False when no entry of the node fits (case rules, plain
   * English); true, with nothing recorded, for a name the annotation excludes (Aloe vera), which
   * is matched only so that its parts are not.
   */
  record(
    scan: TextScan,
    firstToken: number,
    lastToken: number,
    node: number,
    tactics: number,
    editDistance: number,
    weakMisspelling = false,
  ): boolean {
    const lexicon = this.lexicon;
    const tokens = scan.tokens;
    if (tactics & TACTIC_MISSPELLING && this.plainEnglish(tokens, firstToken, lastToken, node)) return false;
    // A one-word name misspelled at its first letter is mostly another word ("anilla", Spanish for
    // a ring, is not Vanilla): people rarely get the first letter wrong, and nothing else vouches for it.
    if (
      tactics === TACTIC_MISSPELLING &&
      firstToken === lastToken &&
      node < lexicon.wordCount &&
      tokens.chars[tokens.charStart[firstToken]] !== lexicon.wordChars[lexicon.wordStart[node]]
    ) {
      return false;
    }
    const start = tokens.start[firstToken];
    const end = tokens.end[lastToken];
    const firstEntry = lexicon.nodeEntryStart[node];
    const endEntry = lexicon.nodeEntryStart[node + 1];
    for (let entry = firstEntry; entry < endEntry; entry++) {
      const entryFlags = lexicon.entryFlags[entry];
      // The spelling comes from the details cache: rebuilding it each time cost more than the rest of the lookup.
      if (
        entryFlags & EF_CASE_SENSITIVE &&
        (tactics !== 0 || scan.text.slice(start, end) !== this.details.of(entry).term)
      ) {
        continue;
      }
      const capitalized = (tokens.flags[firstToken] & F_UPPER_FIRST) !== 0;
      if (entryFlags & EF_CAPITALIZED && !capitalized && !(tactics & TACTIC_ABBREVIATED_GENUS)) continue;
      for (let token = firstToken; token <= lastToken; token++) {
        scan.covered[token] = 1;
        if (tokens.flags[token] & F_ZERO_WIDTH) tactics |= TACTIC_SPLIT_LETTERS;
      }
      if (lexicon.entryKind[entry] === EK_EXCLUDED) return true;
      scan.mentions.push({ start, end, firstToken, lastToken, entry, tactics, editDistance, weakMisspelling });
      return true;
    }
    return false;
  }

  /**
   * A misspelled name whose every word is a common English word ("file monitor" for Nile Monitor,
   * "python module" for Python molure) is plain English, unless its words differ from the name's
   * only by a plural ending ("Sea Turtle" for "Sea turtles").
   */
  private plainEnglish(tokens: Tokens, firstToken: number, lastToken: number, node: number): boolean {
    for (let token = firstToken; token <= lastToken; token++) if (!isCommonEnglishToken(tokens, token)) return false;
    const words = this.lexicon.nodeWords(node);
    if (words.length !== lastToken - firstToken + 1) return true;
    for (let token = firstToken; token <= lastToken; token++) {
      const a = tokenString(tokens, token);
      const b = words[token - firstToken];
      if (a !== b && a + 's' !== b && b + 's' !== a && a + 'es' !== b && b + 'es' !== a) return true;
    }
    return false;
  }
}
