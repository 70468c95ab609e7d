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
  /** Points this signal added (negative: removed) after confidence and caps. */
  weight: number;
  /** Why the weight differs from the base weight ("cap reached", "no stronger signal"...). */
  note?: string;
}

export interface RiskScore {
  /** 0..100. */
  score: number;
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
  /** Every signal, in text order; the weights add up to the score before clamping. */
  signals: RiskSignal[];
}
