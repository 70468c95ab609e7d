/**
 * Seller indicators: the contact, payment, shipping and price details an offer carries. Shared by
 * the risk scorer, the "seen before" index, captures and exports, so fields are only ever added.
 */

/** The kinds of indicator the extractors find. */
export type IndicatorType = 'phone' | 'email' | 'messenger' | 'social' | 'crypto' | 'payment' | 'shipping' | 'price';

export interface PhoneDetails {
  /** ISO 3166-1 alpha-2 region, when libphonenumber could tell it. */
  country?: string;
  /** True when `normalized` is E.164 (+CC...); false when only the digits are known. */
  e164: boolean;
}

export type MessengerPlatform =
  | 'whatsapp'
  | 'telegram'
  | 'wechat'
  | 'line'
  | 'signal'
  | 'viber'
  | 'zalo'
  | 'kik'
  | 'snapchat'
  | 'discord'
  | 'skype'
  | 'kakaotalk';

export interface MessengerDetails {
  platform: MessengerPlatform;
  /** Handle or number, without the platform prefix. */
  handle: string;
  /** How it was written: a link (wa.me/...), an @handle, or a labelled ID ("WeChat: abc"). */
  form: 'link' | 'handle' | 'labelled-id';
}

export type SocialPlatform =
  | 'facebook'
  | 'instagram'
  | 'tiktok'
  | 'x'
  | 'youtube'
  | 'vk'
  | 'weibo'
  | 'pinterest'
  | 'reddit'
  | 'linkedin'
  | 'threads';

export interface SocialDetails {
  platform: SocialPlatform;
  /** Profile name or page id as it appears in the URL or after the label (case kept). */
  handle: string;
  /** A labelled handle ("IG: @seller"), not a profile link. */
  form?: 'labelled-id';
}

export type CryptoChain = 'bitcoin' | 'ethereum' | 'tron';

export interface CryptoDetails {
  chain: CryptoChain;
  /** p2pkh / p2sh (base58), p2wpkh / p2wsh (SegWit v0), p2tr (Taproot), account (Ethereum, Tron). */
  format: 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'segwit' | 'account';
  /**
   * 'verified': the address checksum was checked and holds. 'no-checksum': an all-lower or
   * all-upper Ethereum address, which carries no checksum (EIP-55) and so cannot be checked.
   */
  checksum: 'verified' | 'no-checksum';
  network: 'mainnet' | 'testnet';
}

export interface PaymentDetails {
  /** Stable channel id, e.g. "paypal", "western-union", "bank-transfer", "cash-on-delivery". */
  channel: string;
  lang?: string;
}

export interface ShippingDetails {
  /** Stable carrier id, e.g. "dhl", "fedex", "sf-express". */
  carrier: string;
}

export interface PriceDetails {
  amount: number;
  /** ISO 4217 code; "CNY/JPY" when "¥" cannot tell yuan from yen. */
  currency: string;
}

interface IndicatorOf<T extends IndicatorType, D> {
  type: T;
  /** The text as found, i.e. `text.slice(start, end)`. */
  value: string;
  /** The comparable form used to link captures (E.164 phone, lower-case e-mail, ...). */
  normalized: string;
  /** UTF-16 offsets into the original text, [start, end). */
  start: number;
  end: number;
  details: D;
}

export type PhoneIndicator = IndicatorOf<'phone', PhoneDetails>;
export type EmailIndicator = IndicatorOf<'email', { domain: string }>;
export type MessengerIndicator = IndicatorOf<'messenger', MessengerDetails>;
export type SocialIndicator = IndicatorOf<'social', SocialDetails>;
export type CryptoIndicator = IndicatorOf<'crypto', CryptoDetails>;
export type PaymentIndicator = IndicatorOf<'payment', PaymentDetails>;
export type ShippingIndicator = IndicatorOf<'shipping', ShippingDetails>;
export type PriceIndicator = IndicatorOf<'price', PriceDetails>;

/** One indicator found in a text. */
export type Indicator =
  | PhoneIndicator
  | EmailIndicator
  | MessengerIndicator
  | SocialIndicator
  | CryptoIndicator
  | PaymentIndicator
  | ShippingIndicator
  | PriceIndicator;

/** The types that identify a seller (used for "seen before" links); the rest are context. */
export const IDENTIFYING_TYPES: readonly IndicatorType[] = ['phone', 'email', 'messenger', 'social', 'crypto'];
