/** What the risk scorer returns: a score, a verdict and the explanation behind both. */

export type SignalKind =
  | 'taxon'
  | 'product'
  | 'product-form'
  | 'evasion'
  | 'code-word'
  | 'sale-cue'
  | 'buy-cue'
  | 'contact-cue'
  | 'price'
  | 'contact'
  | 'payment'
  | 'shipping'
  | 'link'
  | 'imitation'
  | 'depiction'
  | 'colour'
  | 'cover'
  | 'discussion';

/** One reason the score moved (or, with weight 0, a finding that was deliberately not counted). */
export interface RiskSignal {
  kind: SignalKind;
  /** Human-readable reason, e.g. 'Appendix I taxon "Loxodonta africana"'. */
  label: string;
  /** The text at [start, end). */
  text: string;
  /** UTF-16 offsets into the scored text (into the page text for block results). */
  start: number;
  end: number;
  /** Points the domain rules give this signal (negative: removed) after confidence and caps: the model's input. */
  weight: number;
  /** What the fitted model made of those points: its share of the log-odds of an offer (negative: against). */
  logOdds?: number;
  /** Why the weight differs from the base weight ("cap reached", "no stronger signal"...). */
  note?: string;
}

/** What a feature of the text as a whole (not one signal) added to the log-odds. */
export interface ContextContribution {
  /**
   * 'base' (the model's intercept: most texts are not offers), 'both' (a subject and commerce
   * together), 'article' (byline, dateline...), 'prose' (long text).
   */
  feature: 'base' | 'both' | 'article' | 'prose';
  /** The feature's value (a count for article marks, log2 of the length for prose). */
  value: number;
  logOdds: number;
}

export interface RiskScore {
  /** 0..100: the model's probability of an offer to sell, in percent. */
  score: number;
  /** That probability, 0..1, calibrated at the model's base rate (absent in results kept from before the model). */
  probability?: number;
  /** The verdict: this text looks like an offer to sell (or buy) wildlife. */
  saleOffer: boolean;
  threshold: number;
  /** A wildlife subject (listed taxon or product) was found and not negated. */
  hasSubject: boolean;
  /**
   * At least one commerce signal (sale cue, price, contact, payment, shipping...) was found; a sale
   * or buy cue negated by the words before it ("would never sell") is none.
   */
  hasCommerce: boolean;
  /** Set when a rule limited the score, e.g. "no wildlife subject: score capped at 25". */
  note?: string;
  /** Every signal, in text order, with its points and its share of the log-odds. */
  signals: RiskSignal[];
  /** The rest of the log-odds: the base rate, a subject and commerce together, article conventions, long prose. */
  context?: ContextContribution[];
}
