/** Watchlist files (STIX from `wildtrace report` and partners, CSV) and live matching against them. */
import { describe, expect, it } from 'vitest';
import { IntelAggregator } from '../../../src/engine/intel/aggregator';
import { alertStixBundle } from '../../../src/engine/intel/alert-stix';
import { captureFacts } from '../../../src/engine/intel/capture-facts';
import { WatchlistError } from '../../../src/engine/watchlist/entries';
import { buildWatchIndex, matchWatchlists } from '../../../src/engine/watchlist/match';
import { parseWatchlistFile } from '../../../src/engine/watchlist/parse';
import { ind } from '../../support/intel-fixture';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('watchlist files', () => {
  it('reads the STIX bundle `wildtrace report` writes, value for value', async () => {
    const agg = new IntelAggregator();
    const capture = {
      captureId: 'a',
      sequence: 0,
      metadata: { finalUrl: 'https://a.example/', capturedAt: '2025-01-01T00:00:00.000Z' },
    };
    const found = [
      ind.phone('+447700900001'),
      ind.messenger('telegram', 'Ivory_King'),
      ind.email('s@m.example'),
      ind.wallet('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'),
    ];
    agg.add(captureFacts({ caseId: 'c', title: 'C' }, capture as never, [], found));
    let text = '';
    for await (const c of alertStixBundle(agg.summary(), { generatedAt: '2025-01-02T00:00:00Z', producer: 'P' }))
      text += c;
    expect(parseWatchlistFile(bytes(text))).toEqual([
      { type: 'email', value: 's@m.example' },
      { type: 'handle', value: 'Ivory_King', platform: 'Telegram' },
      { type: 'phone', value: '+447700900001' },
      { type: 'wallet', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', platform: 'Bitcoin wallet' },
    ]);
  });

  it('reads a partner bundle by its patterns and observables', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--1',
      objects: [
        { type: 'identity', id: 'identity--1', name: 'Partner' },
        {
          type: 'indicator',
          id: 'indicator--1',
          pattern_type: 'stix',
          pattern: "[email-addr:value = 'Dealer@X.example'] OR [domain-name:value = 'www.reptiles-shop.example']",
        },
        {
          type: 'indicator',
          id: 'indicator--2',
          pattern: "[user-account:account_type = 'phone' AND user-account:account_login = '+44 7700 900 002']",
        },
        { type: 'indicator', id: 'indicator--3', pattern_type: 'sigma', pattern: 'whatever' },
        { type: 'user-account', id: 'user-account--1', account_type: 'instagram', account_login: '@scales.dealer' },
      ],
    };
    expect(parseWatchlistFile(bytes(JSON.stringify(bundle)))).toEqual([
      { type: 'email', value: 'dealer@x.example' },
      { type: 'domain', value: 'reptiles-shop.example' },
      { type: 'phone', value: '+447700900002' },
      { type: 'handle', value: 'scales.dealer', platform: 'instagram' },
    ]);
  });

  it('reads a CSV with type and value columns, and the sellers.csv of a report', () => {
    const csv =
      'Type,Value,Platform\r\nphone,+1 202 555 0143,\r\nhandle,@ivory_king,Telegram\r\ndomain,https://www.shop.example/x,\r\n';
    expect(parseWatchlistFile(bytes(csv))).toEqual([
      { type: 'phone', value: '+12025550143' },
      { type: 'handle', value: 'ivory_king', platform: 'Telegram' },
      { type: 'domain', value: 'shop.example' },
    ]);
    const sellers =
      '\uFEFFtype,label,value,captures\r\nphone,Phone,+447700900001,2\r\nhandle,Telegram,ivory_king,2\r\n';
    expect(parseWatchlistFile(bytes(sellers)).map((e) => e.value)).toEqual(['+447700900001', 'ivory_king']);
  });

  it.each([
    ['', /empty/],
    ['{"type":"bundle"', /not valid JSON/],
    ['{"type":"report","objects":[]}', /not a STIX 2.1 bundle/],
    ['name,number\r\nx,1\r\n', /"type" and a "value" column/],
    [
      'type,value\r\nphone,+447700900001\r\nphone,07700 900001\r\nfax,1\r\n',
      /line 3: phone "07700 900001" must be international.*line 4: unknown type "fax"/,
    ],
    ['type,value\r\n', /holds no phone/],
  ])('refuses %j whole, saying why', (text, reason) => {
    expect(() => parseWatchlistFile(bytes(text))).toThrow(WatchlistError);
    expect(() => parseWatchlistFile(bytes(text))).toThrow(reason);
    if (text) expect(() => parseWatchlistFile(bytes(text))).toThrow(/Nothing was imported/);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => parseWatchlistFile(new Uint8Array([0x74, 0xff, 0xfe]))).toThrow(/not UTF-8/);
  });
});

describe('live matching', () => {
  const index = buildWatchIndex([
    {
      id: '1',
      name: 'Partner A',
      source: 'a.json',
      importedAt: '',
      entries: [
        { type: 'phone', value: '+447700900001' },
        { type: 'domain', value: 'shop.example' },
      ],
    },
    {
      id: '2',
      name: 'Partner B',
      source: 'b.csv',
      importedAt: '',
      entries: [{ type: 'handle', value: 'Ivory_King', platform: 'Telegram' }],
    },
  ]);

  it('flags a watched phone (also as a WhatsApp number), handle (any platform, any case) and domain', () => {
    const hits = matchWatchlists(
      index,
      [
        ind.messenger('whatsapp', '+447700900001'),
        ind.messenger('telegram', '@IVORY_KING'),
        ind.phone('+447700900009'),
      ],
      ['https://m.shop.example/item'],
    );
    expect(hits).toEqual([
      { list: 'Partner A', type: 'phone', value: '+447700900001' },
      { list: 'Partner A', type: 'domain', value: 'shop.example' },
      { list: 'Partner B', type: 'handle', value: 'Ivory_King', platform: 'Telegram' },
    ]);
  });

  it('flags an indicator on two lists once per list, and looks up only seller indicators', () => {
    const twice = buildWatchIndex([
      { id: '1', name: 'A', source: 'a.csv', importedAt: '', entries: [{ type: 'email', value: 'x@shop.example' }] },
      { id: '2', name: 'B', source: 'b.csv', importedAt: '', entries: [{ type: 'email', value: 'X@Shop.example' }] },
    ]);
    expect(twice.size).toBe(2);
    expect(matchWatchlists(twice, [ind.email('X@SHOP.example'), ind.payment('paypal')], [])).toEqual([
      { list: 'A', type: 'email', value: 'x@shop.example' },
      { list: 'B', type: 'email', value: 'X@Shop.example' },
    ]);
    // A payment channel's name is never a watched handle, even when a list holds that word.
    const paypal = buildWatchIndex([
      { id: '3', name: 'C', source: 'c.csv', importedAt: '', entries: [{ type: 'handle', value: 'paypal' }] },
    ]);
    expect(matchWatchlists(paypal, [ind.payment('paypal')], [])).toEqual([]);
  });

  it('finds nothing on a page without watched indicators', () => {
    expect(matchWatchlists(index, [ind.phone('+447700900009')], ['https://other.example/'])).toEqual([]);
    expect(matchWatchlists(buildWatchIndex([]), [ind.phone('+447700900001')], [])).toEqual([]);
  });

  it('compares wallets in case only where their format ignores case', () => {
    const legacy = '1BoatSLRHtKNngkdXEeobR76b53LETtpyT'; // base58: case-sensitive
    const bech32 = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
    const account = '0x52908400098527886E0F7030069857D2E4169EE7'; // EIP-55 checksum case
    const wallets = buildWatchIndex([
      {
        id: '1',
        name: 'W',
        source: 'w.csv',
        importedAt: '',
        entries: [legacy, bech32.toUpperCase(), account].map((value) => ({ type: 'wallet' as const, value })),
      },
    ]);
    const found = (value: string) => matchWatchlists(wallets, [ind.wallet(value)], []).map((h) => h.value);
    expect(found(legacy)).toEqual([legacy]);
    // Another base58 address that differs only in case is another wallet.
    expect(found(legacy.toLowerCase())).toEqual([]);
    expect(found(legacy.replace('Boat', 'boat'))).toEqual([]);
    expect(found(bech32)).toEqual([bech32.toUpperCase()]);
    expect(found(account.toLowerCase())).toEqual([account]);
  });
});
