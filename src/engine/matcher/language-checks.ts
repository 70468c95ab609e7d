/**
 * The judge's checks on names in other languages, which collide with English and with people's
 * names: a one-word name written like a common English word ("once" is the snow leopard in French,
 * "all" the eel in Icelandic) needs another hit in its language nearby; a capitalised one before
 * an unknown capitalised word is a given name ("Daniel Bevenius", not the Polish fallow deer).
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EK_EXTRA_SYNONYM, EK_SCIENTIFIC, EK_SYNONYM, EK_TERM } from '../lexicon/format';
import { F_HARD_GAP, F_INNER_UPPER, F_LETTER, F_UPPER_FIRST, type Tokens } from '../text/tokenize';
import { isCommonEnglishToken } from './common-english';
import type { Mention } from './mention-and-reading';
import { wordOfToken } from './word-lookup';

export class LanguageChecks {
  private readonly lexicon: CompiledLexicon;
  /** How far (UTF-16 units) company in the same language may stand (MatcherOptions.contextChars). */
  private readonly contextChars: number;

  constructor(lexicon: CompiledLexicon, contextChars: number) {
    this.lexicon = lexicon;
    this.contextChars = contextChars;
  }

  /** A one-word name, not from a hashtag, in a language other than English. */
  inOtherLanguage(mention: Mention): boolean {
    return mention.firstToken === mention.lastToken && !mention.hashtagText && this.entryInOtherLanguage(mention.entry);
  }

  /**
   * A one-word name in another language, written like a common English word ("once", "all",
   * "ban"): true unless another mention of the text, within reach, is in that language.
   */
  isEnglishLookalike(index: number, mentions: Mention[], tokens: Tokens): boolean {
    const mention = mentions[index];
    if (!this.inOtherLanguage(mention) || !isCommonEnglishToken(tokens, mention.firstToken)) return false;
    const lexicon = this.lexicon;
    const lang = lexicon.entryLang[mention.entry];
    // Not when the same spelling is also an English or scientific name ("Tiger").
    const node = lexicon.nodeOfEntry(mention.entry);
    for (let entry = lexicon.nodeEntryStart[node]; entry < lexicon.nodeEntryStart[node + 1]; entry++) {
      const kind = lexicon.entryKind[entry];
      if (lexicon.langs[lexicon.entryLang[entry]] === 'en') return false;
      if (kind === EK_SCIENTIFIC || kind === EK_SYNONYM || kind === EK_EXTRA_SYNONYM) return false;
    }
    const reach = this.contextChars;
    for (let j = 0; j < mentions.length; j++) {
      const other = mentions[j];
      if (j === index || lexicon.entryLang[other.entry] !== lang) continue;
      if (other.start > mention.end + reach || other.end < mention.start - reach) continue;
      // Company that is itself a look-alike proves nothing ("all" beside "once").
      if (other.firstToken === other.lastToken && isCommonEnglishToken(tokens, other.firstToken)) continue;
      return false;
    }
    return true;
  }

  /**
   * A one-word name in another language written as a given name before a surname ("Daniel
   * Bevenius", "Lars Hecking"): a capitalised word followed by another that the lexicon does not
   * know. Polish "daniel" (the fallow deer) or Swedish "lar" rarely come so.
   */
  looksLikePersonName(mention: Mention, kind: number, tokens: Tokens): boolean {
    const token = mention.firstToken;
    const next = token + 1;
    if (kind >= EK_TERM || token !== mention.lastToken || next >= tokens.count) return false;
    if (!(tokens.flags[token] & F_UPPER_FIRST) || !this.entryInOtherLanguage(mention.entry)) return false;
    const f = tokens.flags[next];
    // A capitalised word, all lower case after its first letter, with no break before it.
    const shape = f & (F_UPPER_FIRST | F_LETTER | F_HARD_GAP | F_INNER_UPPER);
    const capitalizedWord = shape === (F_UPPER_FIRST | F_LETTER);
    return capitalizedWord && tokens.len[next] >= 2 && wordOfToken(this.lexicon, tokens, next) < 0;
  }

  /** Entry `entry` names its taxon or term in a language, and not in English. */
  private entryInOtherLanguage(entry: number): boolean {
    const code = this.lexicon.langs[this.lexicon.entryLang[entry]];
    return !!code && code !== 'en';
  }
}
