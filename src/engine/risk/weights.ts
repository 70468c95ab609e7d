/**
 * Risk weights: the ONE place an agency tunes how a text's signals add up to its 0..100 score.
 *
 * How a score is made (see score.ts):
 *   1. Subject: the strongest wildlife mention (a listed taxon by appendix, or a product word such
 *      as "ivory", "rhino horn", "穿山甲"), plus `extraSubject` per further distinct subject, plus
 *      `productForm` when a derivative/object word ("carved", "skin", "netsuke", "tusk") sits next
 *      to it. A hit under `fullConfidence` counts in proportion to the matcher's confidence.
 *   2. Evasion: each subject found through an evasion (misspelling, leetspeak, split letters,
 *      homoglyphs...) adds `evasion`: hiding a name is itself a sign of intent.
 *   3. Commerce: sale cues, prices, contact details, payment channels, shipping companies, buy and
 *      contact cues, links; each group is capped so ten prices do not outweigh one product.
 *   4. Code words ("white", "cow bone"...) count only when a subject or a commerce signal is
 *      present; alone they are listed with weight 0.
 *   5. Negations subtract: an imitation word ("faux", "resin", "replica") or a depiction word
 *      ("stamp", "figurine" of an animal, "plush") within `nearChars` of a subject, on its line,
 *      removes that subject's weight (the share set by `imitation` / `depiction`); a cue that says
 *      what the listed item is (an ISBN, a stamp's catalogue number or grade) reaches `itemChars`
 *      along the line; a product word used as a colour or place ("ivory silk", "Ivory Coast") is
 *      not a subject at all; each discussion word (ban, poaching, seizure, petition) removes
 *      `discussion` points.
 *   6. The sum is clamped to 0..100. Without any subject the score cannot exceed `noSubjectCap`:
 *      a sale page with no wildlife mention is not a wildlife offer.
 *
 * Verdict: `saleOffer` is true when the score is at least `threshold` (default 50) AND there is a
 * subject AND at least one commerce signal. With the defaults, a product word plus one sale cue
 * (30 + 20) or a price (30 + 20) reaches it, as does a described object with a link ("carved
 * ivory netsuke https://...": 30 + 15 + 10); a species name alone (at most 40) never does, nor a
 * product word with only a link (30 + 10).
 *
 * How the defaults were set: by hand, reading the development 60% of the labelled ivory tweets
 * (deterministic split by hash of the id, bench/eval.ts) and checking that each change also made
 * sense for pages in general (marketplaces, classifieds, social posts); the held-out 40% was only
 * ever scored, never read or tuned on. See src/engine/risk/README.md for the figures.
 */

export interface RiskWeights {
  /** Subject weight of a listed taxon by appendix; "I/II" split listings take the higher. */
  taxon: { I: number; II: number; III: number; other: number };
  /** A product trade term ("ivory", "pangolin scales", "象牙"). */
  product: number;
  /** Each further distinct subject (another taxon or product). */
  extraSubject: number;
  /** A derivative/object word next to the subject ("carved", "skin", "tusk", "netsuke"). */
  productForm: number;
  /** A subject found through an evasion tactic (per hit). */
  evasion: number;
  /** A code word, counted only next to a stronger signal. */
  codeWord: number;
  saleCue: number;
  buyCue: number;
  contactCue: number;
  price: number;
  /** An identifying contact: phone, e-mail, messenger, social profile, crypto wallet. */
  contact: number;
  payment: number;
  shipping: number;
  /**
   * A URL written in the text of a block that has a subject: in posts, the link to the listing or
   * shop. Counts as commerce (so "carved ivory netsuke https://..." is an offer).
   */
  link: number;
  /**
   * Share (0..1) of a subject's weight removed by an imitation word next to it: faux, fake,
   * replica, resin, plastic, celluloid, "croc print"...
   */
  imitation: number;
  /** Share (0..1) removed by a depiction word next to an animal name: stamp, figurine, plush, book... */
  depiction: number;
  /** Points removed per distinct discussion word: ban, poaching, seized, petition, smuggling... */
  discussion: number;
  /**
   * A claim of a legal or exempt source beside a subject ("mammoth ivory", "pre-ban", "antique
   * with certificate"): not a reason to drop the offer but one to look at it, since such claims
   * cover elephant ivory. Counted once.
   */
  cover: number;
  /** Most each group may add (or, for negative groups, subtract: give a positive number). */
  caps: {
    subject: number;
    productForm: number;
    evasion: number;
    codeWord: number;
    saleCue: number;
    buyCue: number;
    contactCue: number;
    price: number;
    contact: number;
    payment: number;
    shipping: number;
    link: number;
    /** All commerce groups together. */
    commerce: number;
    /** Most all discussion words together may remove. */
    discussion: number;
  };
  /** Highest score a text without any wildlife subject can get. */
  noSubjectCap: number;
  /** Characters either side of a subject within which a negation or product-form word applies. */
  nearChars: number;
  /** The same for a cue that says what the listed item is (ITEM_CUES in cues.ts), on the subject's line. */
  itemChars: number;
  /** Matcher hits below this confidence are ignored (the matcher gives traps such as "Python" the language 0.1). */
  minConfidence: number;
  /**
   * Confidence at which a hit counts in full; below it, a subject or code word counts in
   * proportion (the matcher gives a plain exact name 0.8, a negated one much less).
   */
  fullConfidence: number;
  /**
   * Factor on the weight of a species found only by a one-word common name ("Tiger", "Mango",
   * "Loro"): such words are often everyday words in some language, so alone they weigh less than a
   * scientific name or a longer common name.
   */
  oneWordCommonName: number;
  /** Verdict threshold on the 0..100 score. */
  threshold: number;
}

export const DEFAULT_WEIGHTS: RiskWeights = {
  taxon: { I: 40, II: 32, III: 25, other: 15 },
  product: 30,
  extraSubject: 5,
  productForm: 15,
  evasion: 10,
  codeWord: 8,
  saleCue: 20,
  buyCue: 10,
  contactCue: 10,
  price: 20,
  contact: 12,
  payment: 10,
  shipping: 8,
  link: 10,
  imitation: 1,
  depiction: 1,
  discussion: 25,
  cover: 10,
  caps: {
    subject: 50,
    productForm: 15,
    evasion: 20,
    codeWord: 16,
    saleCue: 30,
    buyCue: 10,
    contactCue: 10,
    price: 25,
    contact: 24,
    payment: 15,
    shipping: 10,
    link: 10,
    commerce: 55,
    discussion: 50,
  },
  noSubjectCap: 25,
  nearChars: 40,
  itemChars: 150,
  minConfidence: 0.15,
  fullConfidence: 0.8,
  oneWordCommonName: 0.5,
  threshold: 50,
};

/** Deep-merges agency overrides over the defaults. */
export function resolveWeights(
  overrides: Partial<Omit<RiskWeights, 'taxon' | 'caps'>> & {
    taxon?: Partial<RiskWeights['taxon']>;
    caps?: Partial<RiskWeights['caps']>;
  } = {},
): RiskWeights {
  return {
    ...DEFAULT_WEIGHTS,
    ...overrides,
    taxon: { ...DEFAULT_WEIGHTS.taxon, ...overrides.taxon },
    caps: { ...DEFAULT_WEIGHTS.caps, ...overrides.caps },
  };
}
