/**
 * Watchlist entries: the indicators a partner agency shares (phones, messenger and social
 * handles, wallets, e-mails, domains), each reduced to the key live detection compares:
 * phone in E.164, handle without "@" and e-mail in lower case (any platform), wallet as written
 * unless its format ignores case (bech32, 0x hex: lower case), domain as a host name without "www.".
 */
import { parsePhone } from '../indicators/phone';

export type WatchType = 'phone' | 'email' | 'handle' | 'wallet' | 'domain';
export const WATCH_TYPES: readonly WatchType[] = ['phone', 'email', 'handle', 'wallet', 'domain'];

export interface WatchEntry {
  type: WatchType;
  /** As the officer reads it: "+447700900001", "ivory_king", "seller@mail.example". */
  value: string;
  /** Where the handle lives ("Telegram"), when the list says. */
  platform?: string;
}

export interface Watchlist {
  id: string;
  name: string;
  /** File name and format it came from. */
  source: string;
  importedAt: string;
  entries: WatchEntry[];
}

export class WatchlistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WatchlistError';
  }
}

/** Types as partner files write them, mapped to ours. */
const TYPE_ALIASES: Readonly<Record<string, WatchType>> = {
  phone: 'phone',
  'phone-number': 'phone',
  tel: 'phone',
  email: 'email',
  'e-mail': 'email',
  'email-addr': 'email',
  handle: 'handle',
  messenger: 'handle',
  social: 'handle',
  account: 'handle',
  'user-account': 'handle',
  wallet: 'wallet',
  crypto: 'wallet',
  'crypto-wallet': 'wallet',
  'cryptocurrency-wallet': 'wallet',
  domain: 'domain',
  'domain-name': 'domain',
  site: 'domain',
};

export function watchType(raw: string): WatchType | undefined {
  return TYPE_ALIASES[raw.trim().toLowerCase()];
}

const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/;

/** Checks and normalises one entry; throws WatchlistError saying what is wrong. */
export function normalizeEntry(type: WatchType, raw: string, platform?: string): WatchEntry {
  const value = raw.trim();
  if (!value) throw new WatchlistError(`empty ${type}`);
  if (value.length > 256) throw new WatchlistError(`${type} longer than 256 characters`);
  const withPlatform = (e: WatchEntry): WatchEntry => (platform?.trim() ? { ...e, platform: platform.trim() } : e);
  switch (type) {
    case 'phone': {
      if (!value.startsWith('+'))
        throw new WatchlistError(`phone "${value}" must be international (+ and country code)`);
      const parsed = parsePhone(value);
      if (!parsed) throw new WatchlistError(`"${value}" is not a phone number`);
      return { type, value: parsed.e164 };
    }
    case 'email':
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) throw new WatchlistError(`"${value}" is not an e-mail address`);
      return { type, value: value.toLowerCase() };
    case 'handle': {
      const handle = value.replace(/^@/, '');
      if (!/^[\p{L}\p{N}_.+-]{2,64}$/u.test(handle)) throw new WatchlistError(`"${value}" is not a handle`);
      // A WhatsApp or Viber "handle" that is a number is watched as that phone.
      if (/^\+\d{7,15}$/.test(handle)) return normalizeEntry('phone', handle);
      return withPlatform({ type, value: handle });
    }
    case 'wallet':
      if (!/^[A-Za-z0-9]{20,100}$/.test(value)) throw new WatchlistError(`"${value}" is not a wallet address`);
      return withPlatform({ type, value });
    case 'domain': {
      let host = value.toLowerCase();
      if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
        try {
          host = new URL(host).hostname;
        } catch {
          throw new WatchlistError(`"${value}" is not a domain`);
        }
      }
      host = host.replace(/^www\./, '').replace(/\.$/, '');
      if (!HOST.test(host)) throw new WatchlistError(`"${value}" is not a domain`);
      return { type, value: host };
    }
  }
}

// Bech32 (bc1…, ltc1…) is written all in one case, either; 0x addresses carry a checksum in their
// case (EIP-55) but name the same account in any case. Base58 (1…, 3…, T…) is case-sensitive:
// lower-casing it would make two different wallets one.
const BECH32 = /^[a-z]{1,83}1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{6,}$/i;
const HEX_ACCOUNT = /^0x[0-9a-f]{40}$/i;
const ignoresCase = (wallet: string) =>
  HEX_ACCOUNT.test(wallet) ||
  (BECH32.test(wallet) && (wallet === wallet.toLowerCase() || wallet === wallet.toUpperCase()));

/** The value an entry of this type is compared on. */
export function comparableValue(type: WatchType, value: string): string {
  if (type === 'phone') return value;
  if (type === 'wallet') return ignoresCase(value) ? value.toLowerCase() : value;
  return value.toLowerCase();
}

/** The key an entry is matched under. */
export function entryKey(e: Pick<WatchEntry, 'type' | 'value'>): string {
  return `${e.type}:${comparableValue(e.type, e.value)}`;
}
