/**
 * The false-positive judge: weighs every mention against its neighbours and turns the ones that
 * stand into Hits. In order:
 *   1. names in another language that read as common English words drop out, unless another
 *      mention in their language is near (LanguageChecks);
 *   2. each mention gets a confidence from its kind of entry and the evasions undone, lowered by a
 *      trap's context ("Python" near "pip", traps.ts) or a negation ("faux ivory"); a name in a
 *      user handle ("@tortoise_tom") is a person's name and drops out (everyday-readings.ts);
 *   3. a one-word species name with no other confident mention, clear cue or word of the trade
 *      within reach goes below the detection line ("Python" the language, "Tiger" the hash);
 *   4. weak terms, code words, lone misspellings and negations count only next to a strong
 *      mention or a clear sale or contact cue (less for everyday names), else they are dropped;
 *      an everyday name in a verb's place ("ready to ship") and a colour code word used as a
 *      colour ("black market") are dropped whatever is near;
 *   5. what remains above minConfidence becomes a Hit (HitBuilder).
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EVERYDAY_NAMES } from '../lexicon/everyday-names';
import { EF_DERIVED, EF_WEAK, EK_TERM } from '../lexicon/format';
import { foldString } from '../text/fold';
import { tokenString, type Tokens } from '../text/tokenize';
import { isCommonEnglishToken } from './common-english';
import {
  ALONE_CONFIDENCE,
  NEGATION_REACH_TOKENS,
  baseConfidence,
  isOneWordSpecies,
  nearSpan,
  type MentionTraits,
} from './confidence';
import type { EntryDetailsCache } from './entry-details';
import type { Hit } from './hit';
import { HitBuilder } from './hit-builder';
import { LanguageChecks } from './language-checks';
import { TACTIC_ABBREVIATED_GENUS, TACTIC_MISSPELLING, type Mention } from './mention-and-reading';
import { NearbyWords } from './nearby-words';
import type { TextScan } from './text-scan';
import { TRAP_CONFIDENCE, mayBeTrap, trapContext } from './traps';
import { inUserHandle, isColourWord, namesAPattern, readsAsColour, readsAsVerb } from './everyday-readings';

export class FalsePositiveJudge {
  private readonly lexicon: CompiledLexicon;
  private readonly details: EntryDetailsCache;
  private readonly minConfidence: number;
  /** How far (UTF-16 units) company may stand (MatcherOptions.contextChars). */
  private readonly contextChars: number;
  private readonly languages: LanguageChecks;
  private readonly nearbyWords: NearbyWords;
  private readonly hits: HitBuilder;

  constructor(lexicon: CompiledLexicon, details: EntryDetailsCache, minConfidence: number, contextChars: number) {
    this.lexicon = lexicon;
    this.details = details;
    this.minConfidence = minConfidence;
    this.contextChars = contextChars;
    this.languages = new LanguageChecks(lexicon, contextChars);
    this.nearbyWords = new NearbyWords(lexicon, contextChars);
    this.hits = new HitBuilder(details);
  }

  /** The hits among `found` (the scan's live mentions, in text order), weighed as the header says. */
  judge(scan: TextScan, found: Mention[]): Hit[] {
    const mentions = this.withoutEnglishLookalikes(scan.tokens, found);
    const traits = this.traitsOf(mentions);
    this.weighAlone(scan, mentions, traits);
    const cueAt = clearCueSpans(mentions, traits);
    const strongAt = this.weighOneWordSpecies(scan, mentions, traits, cueAt);
    return this.hitsWithCompany(scan, mentions, traits, strongAt, cueAt);
  }

  // ---------------------------------------------------------------- 1. English look-alikes

  /** A name in another language written like a common English word needs company in its language. */
  private withoutEnglishLookalikes(tokens: Tokens, found: Mention[]): Mention[] {
    const languages = this.languages;
    const anyLookalike = found.some((m) => languages.inOtherLanguage(m) && isCommonEnglishToken(tokens, m.firstToken));
    return anyLookalike ? found.filter((_, i) => !languages.isEnglishLookalike(i, found, tokens)) : found;
  }

  /** What the judge needs of each mention's entry. */
  private traitsOf(mentions: Mention[]): MentionTraits[] {
    const lexicon = this.lexicon;
    const traits: MentionTraits[] = new Array(mentions.length);
    for (let i = 0; i < mentions.length; i++) {
      const mention = mentions[i];
      const entryKind = lexicon.entryKind[mention.entry];
      const entryFlags = lexicon.entryFlags[mention.entry];
      const termKind = lexicon.termKindOf(entryKind);
      const cue = termKind === 'sale-cue' || termKind === 'buy-cue' || termKind === 'contact-cue';
      const negation = termKind === 'negation';
      // Negations matter only next to what they negate, so they need company like weak terms.
      const weakTerm = (entryFlags & EF_WEAK) !== 0 || termKind === 'code';
      const needsCompany = negation || (!cue && (mention.weakMisspelling || weakTerm));
      const strong = !cue && !needsCompany;
      traits[i] = { entryKind, entryFlags, termKind, cue, negation, needsCompany, strong, confidence: 0 };
    }
    return traits;
  }

  // ---------------------------------------------------------------- 2. confidence before company

  /** Confidence from the kind of entry and the evasions, lowered by traps and negations. */
  private weighAlone(scan: TextScan, mentions: Mention[], traits: MentionTraits[]): void {
    const text = scan.text;
    const negations: Mention[] = [];
    for (let i = 0; i < mentions.length; i++) if (traits[i].negation) negations.push(mentions[i]);
    for (let i = 0; i < mentions.length; i++) {
      const mention = mentions[i];
      const trait = traits[i];
      let confidence = baseConfidence(trait.entryKind, trait.entryFlags, trait.termKind);
      if (mention.tactics & TACTIC_MISSPELLING) confidence -= 0.1 * mention.editDistance;
      if (mention.tactics & TACTIC_ABBREVIATED_GENUS) {
        confidence = Math.min(confidence, mention.guessedGenus ? 0.6 : 0.8);
      }
      if (mention.weakMisspelling) confidence = Math.min(confidence, 0.5);
      if (!trait.negation && !trait.cue && inUserHandle(text, mention.start, mention.end)) {
        trait.strong = false;
        trait.confidence = 0;
        continue;
      }
      if (!trait.negation && !trait.cue) {
        // Trap words: "Python" next to "programming", "Jaguar" next to "XF".
        const oneWord = mention.firstToken === mention.lastToken && !mention.hashtagText;
        if (oneWord && mayBeTrap(text, mention.start, mention.end)) {
          const trap = trapContext(foldString(text.slice(mention.start, mention.end)).replace(/[^a-z]/g, ''));
          if (trap && this.nearbyWords.hasContextWord(scan.tokens, mention.firstToken, trap)) {
            confidence = TRAP_CONFIDENCE;
          }
        }
        // "crocodile-embossed", "snake-effect": the pattern of the animal, like an imitation.
        if (namesAPattern(text, scan.tokens, mention)) confidence *= 0.3;
        // Negations: "faux ivory", "ivory resin", "replica tiger claw". A depiction or toy word
        // ("figurine", "print", "plush") cancels an animal, not a material: an ivory figurine is ivory.
        for (const negation of negations) {
          const tokensBefore = mention.firstToken - negation.lastToken;
          const tokensAfter = negation.firstToken - mention.lastToken;
          const before = negation.lastToken < mention.firstToken && tokensBefore <= NEGATION_REACH_TOKENS;
          const after = negation.firstToken > mention.lastToken && tokensAfter <= 2;
          if (!before && !after) continue;
          const imitation = (this.details.of(negation.entry).refersTo ?? '').startsWith('imitation');
          if (imitation || trait.entryKind < EK_TERM) confidence *= 0.3;
        }
      }
      trait.confidence = confidence;
    }
  }

  // ---------------------------------------------------------------- 3. one-word species names

  /**
   * Company for a one-word species name: a confident mention that is not one too, a clear cue, or
   * a word of the trade. A genus or one-word name with none of these near it is mostly something
   * else ("Python" the language, "Avahi" the network daemon, "Tiger" the hash): it goes below the
   * detection line, and keeps no weak term company. `cueAt` holds the clear cues' spans. Returns
   * the spans (flattened start, end) of the strong mentions that stay confident: the company weak
   * terms need.
   */
  private weighOneWordSpecies(scan: TextScan, mentions: Mention[], traits: MentionTraits[], cueAt: number[]): number[] {
    const beyondOneWordAt: number[] = [];
    for (let i = 0; i < mentions.length; i++) {
      const trait = traits[i];
      if (trait.strong && trait.confidence >= 0.5 && !isOneWordSpecies(trait, mentions[i])) {
        beyondOneWordAt.push(mentions[i].start, mentions[i].end);
      }
    }
    const reach = this.contextChars;
    const strongAt: number[] = [];
    for (let i = 0; i < mentions.length; i++) {
      const mention = mentions[i];
      const trait = traits[i];
      if (
        trait.strong &&
        isOneWordSpecies(trait, mention) &&
        !nearSpan(mention, beyondOneWordAt, reach) &&
        !nearSpan(mention, cueAt, reach) &&
        !this.nearbyWords.nearWildlifeWord(scan.tokens, mention.firstToken)
      ) {
        trait.confidence = Math.min(trait.confidence, ALONE_CONFIDENCE);
      }
      if (trait.strong && trait.confidence >= 0.5) strongAt.push(mention.start, mention.end);
    }
    return strongAt;
  }

  // ---------------------------------------------------------------- 4 and 5. company, then hits

  /** Keeps weak mentions only beside company, rounds every confidence and builds the hits. */
  private hitsWithCompany(
    scan: TextScan,
    mentions: Mention[],
    traits: MentionTraits[],
    strongAt: number[],
    cueAt: number[],
  ): Hit[] {
    const tokens = scan.tokens;
    const reach = this.contextChars;
    const hits: Hit[] = [];
    let starts: Set<number> | undefined;
    for (let i = 0; i < mentions.length; i++) {
      const mention = mentions[i];
      const trait = traits[i];
      const { entryKind, termKind, negation } = trait;
      // A user name (weighAlone): no hit at any confidence.
      if (trait.confidence === 0) continue;
      let confidence = trait.confidence;
      if (trait.needsCompany) {
        if (this.languages.looksLikePersonName(mention, entryKind, tokens)) continue;
        const everyday = isEveryday(entryKind, mention, tokens);
        if (everyday && readsAsVerb(scan.text, tokens, mention)) continue;
        if (termKind === 'code' && readsAsColour(scan.text, tokens, mention, (starts ??= startsOf(mentions)))) continue;
        // A group name beside a part of the animal ("Crocodile skin") is company enough for itself.
        const strongNear =
          nearSpan(mention, strongAt, reach) ||
          (!everyday && this.nearbyWords.besideAnimalPart(scan, entryKind, mention));
        // A derived singular ("Bear", "Monkey") beside a sale cue is as often a product ("teddy
        // bear for sale", "monkey bars for sale"): it needs a mention or an animal part.
        const cueEnough = !everyday && !(trait.entryFlags & EF_DERIVED);
        if (!strongNear && (!cueEnough || !nearSpan(mention, cueAt, reach))) continue;
        // A colour stands for the goods only beside them: a sale cue is in every listing of a black bag.
        if (termKind === 'code' && !strongNear && isColourWord(tokens, mention)) continue;
        if (everyday) confidence = Math.min(confidence, 0.5);
        // A code word next to a species or product is worth more than one next to a cue only.
        if (termKind === 'code') confidence = strongNear ? 0.6 : 0.5;
        else if (!negation && !strongNear) confidence = Math.min(confidence, 0.5);
      }
      confidence = Math.round(Math.max(0.01, Math.min(1, confidence)) * 100) / 100;
      if (confidence < this.minConfidence) continue;
      hits.push(this.hits.build(scan.text, mention, trait, confidence));
    }
    return hits;
  }
}

/**
 * Spans (flattened start, end) of the clear sale or contact cues ("for sale", "WTS"; not "wanted"
 * or "price"): company for weak terms and for one-word species names.
 */
function clearCueSpans(mentions: Mention[], traits: MentionTraits[]): number[] {
  const cueAt: number[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const trait = traits[i];
    if (trait.cue && trait.termKind !== 'buy-cue' && !(trait.entryFlags & EF_WEAK)) {
      cueAt.push(mentions[i].start, mentions[i].end);
    }
  }
  return cueAt;
}

/** The first token of each mention. */
function startsOf(mentions: Mention[]): Set<number> {
  const starts = new Set<number>();
  for (const m of mentions) starts.add(m.firstToken);
  return starts;
}

/** A one-word species name that is mostly an everyday word (lexicon/everyday-names.ts). */
function isEveryday(kind: number, mention: Mention, tokens: Tokens): boolean {
  if (kind >= EK_TERM || mention.firstToken !== mention.lastToken || tokens.len[mention.firstToken] > 8) return false;
  return EVERYDAY_NAMES.has(tokenString(tokens, mention.firstToken));
}
