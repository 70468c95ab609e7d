/**
 * Crypto-currency addresses: Bitcoin (Base58Check legacy/P2SH, Bech32 SegWit v0, Bech32m Taproot),
 * Ethereum (EIP-55) and Tron (Base58Check, version 0x41). A string that only looks like an address
 * (bad checksum, wrong length or version) is not reported: a false wallet would mislead a link.
 */
import { matchAtStarts, sticky } from './anchored';
import { base58CheckDecode } from './base58';
import { decodeSegwit } from './bech32';
import { toChecksumAddress } from './keccak';
import type { CryptoDetails, CryptoIndicator } from './types';

const B58 = '[1-9A-HJ-NP-Za-km-z]';
// Letters or digits on either side mean we are inside a longer token, not at an address.
const PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    String.raw`(?<eth>0x[0-9a-fA-F]{40})` +
    String.raw`|(?<bech>(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87})` +
    String.raw`|(?<tron>T${B58}{33})` +
    String.raw`|(?<btc>[123mn]${B58}{25,34})` +
    String.raw`)(?![\p{L}\p{N}])`,
  'gu',
);

const PATTERN_AT = sticky(PATTERN);
/** The shortest address: "bc1" and eight characters. */
const MIN_LENGTH = 11;

/**
 * Where an address can start: an address is a run of ASCII letters and digits with no letter or
 * digit before it, so only the starts of such runs at least MIN_LENGTH long are tried (a global
 * RegExp starting with a look-behind is tried at every position of the text).
 */
function runStarts(text: string): number[] {
  const out: number[] = [];
  const n = text.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0;
    const lower = c | 32;
    if ((c >= 48 && c <= 57) || (lower >= 97 && lower <= 122)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start >= MIN_LENGTH) out.push(start);
    start = -1;
  }
  return out;
}

const BASE58_VERSIONS: Record<number, Pick<CryptoDetails, 'format' | 'network'>> = {
  0x00: { format: 'p2pkh', network: 'mainnet' },
  0x05: { format: 'p2sh', network: 'mainnet' },
  0x6f: { format: 'p2pkh', network: 'testnet' },
  0xc4: { format: 'p2sh', network: 'testnet' },
};

function classifyBase58Bitcoin(value: string): CryptoDetails | null {
  const payload = base58CheckDecode(value);
  if (!payload || payload.length !== 21) return null;
  const kind = BASE58_VERSIONS[payload[0]];
  return kind ? { chain: 'bitcoin', checksum: 'verified', ...kind } : null;
}

function classifyTron(value: string): CryptoDetails | null {
  const payload = base58CheckDecode(value);
  if (!payload || payload.length !== 21 || payload[0] !== 0x41) return null;
  return { chain: 'tron', format: 'account', checksum: 'verified', network: 'mainnet' };
}

function classifySegwit(value: string): CryptoDetails | null {
  const decoded = decodeSegwit(value);
  if (!decoded || (decoded.hrp !== 'bc' && decoded.hrp !== 'tb')) return null;
  const { version, program } = decoded;
  const format: CryptoDetails['format'] =
    version === 0
      ? program.length === 20
        ? 'p2wpkh'
        : 'p2wsh'
      : version === 1 && program.length === 32
        ? 'p2tr'
        : 'segwit';
  return { chain: 'bitcoin', format, checksum: 'verified', network: decoded.hrp === 'bc' ? 'mainnet' : 'testnet' };
}

function classifyEthereum(value: string): CryptoDetails | null {
  const hex = value.slice(2);
  const uniformCase = hex === hex.toLowerCase() || hex === hex.toUpperCase();
  // EIP-55: mixed case IS the checksum; all-lower/all-upper addresses carry none.
  if (!uniformCase && toChecksumAddress(value) !== `0x${hex}`) return null;
  return {
    chain: 'ethereum',
    format: 'account',
    checksum: uniformCase ? 'no-checksum' : 'verified',
    network: 'mainnet',
  };
}

/** The comparable form: Bech32 and Ethereum are case-insensitive, Base58 is not. */
function normalize(value: string, details: CryptoDetails): string {
  if (
    details.chain === 'ethereum' ||
    details.format.startsWith('p2w') ||
    details.format === 'p2tr' ||
    details.format === 'segwit'
  ) {
    return value.toLowerCase();
  }
  return value;
}

/** Finds valid crypto-currency addresses in `text`. */
export function findCryptoAddresses(text: string): CryptoIndicator[] {
  const out: CryptoIndicator[] = [];
  for (const m of matchAtStarts(PATTERN_AT, text, runStarts(text))) {
    const g = m.groups!;
    const value = m[0];
    const details = g.eth
      ? classifyEthereum(value)
      : g.bech
        ? classifySegwit(value)
        : g.tron
          ? classifyTron(value)
          : classifyBase58Bitcoin(value);
    if (!details) continue;
    out.push({
      type: 'crypto',
      value,
      normalized: normalize(value, details),
      start: m.index!,
      end: m.index! + value.length,
      details,
    });
  }
  return out;
}
