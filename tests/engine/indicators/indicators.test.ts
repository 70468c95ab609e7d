/**
 * Indicator extractors, table-driven: valid and invalid examples per type. Only fictitious data:
 * +1 202 555 01xx numbers, example.com/.org domains, spec test vectors (BIP-173, BIP-350, EIP-55)
 * and addresses built from all-zero or patterned payloads.
 */
import { describe, expect, it } from 'vitest';
import { base58CheckDecode, base58CheckEncode } from '../../../src/engine/indicators/base58';
import { decodeSegwit, encodeSegwit } from '../../../src/engine/indicators/bech32';
import { keccak256, toChecksumAddress } from '../../../src/engine/indicators/keccak';
import { PhraseMatcher } from '../../../src/engine/indicators/phrases';
import { parseAmount } from '../../../src/engine/indicators/price';
import {
  extractIndicators,
  findCryptoAddresses,
  findEmails,
  findMessengers,
  findPaymentChannels,
  findPhones,
  findPrices,
  findShippingCarriers,
  findSocialProfiles,
  type Indicator,
} from '../../../src/engine/indicators';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** Every indicator's value must be exactly the text at its offsets. */
function expectOffsets(text: string, found: Indicator[]) {
  for (const i of found) expect(text.slice(i.start, i.end)).toBe(i.value);
}

describe('hash primitives', () => {
  it.each([
    ['', 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'],
    ['abc', '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45'],
  ])('keccak256(%j) is the Ethereum Keccak, not SHA3', (input, digest) => {
    expect(hex(keccak256(new TextEncoder().encode(input)))).toBe(digest);
  });
  it.each([
    // EIP-55 specification test vectors.
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ])('EIP-55 checksum of %s', (address) => {
    expect(toChecksumAddress(address.toLowerCase())).toBe(address);
  });
  it('base58check round-trips and rejects a changed character', () => {
    const payload = Uint8Array.from([0x00, ...new Array(20).fill(0x42)]);
    const encoded = base58CheckEncode(payload);
    expect(hex(base58CheckDecode(encoded)!)).toBe(hex(payload));
    const tampered = encoded.slice(0, -1) + (encoded.endsWith('z') ? 'y' : 'z');
    expect(base58CheckDecode(tampered)).toBeNull();
  });
  it('bech32m round-trips a taproot program and bech32 a v0 program', () => {
    const program = new Uint8Array(32).fill(7);
    expect(decodeSegwit(encodeSegwit('bc', 1, program))?.version).toBe(1);
    expect(decodeSegwit(encodeSegwit('bc', 0, program.subarray(0, 20)))?.program.length).toBe(20);
  });
});

const btcP2sh = base58CheckEncode(Uint8Array.from([0x05, ...new Array(20).fill(0x11)]));
const tronOther = base58CheckEncode(Uint8Array.from([0x41, ...new Array(20).fill(0x22)]));

describe('crypto addresses', () => {
  it.each([
    ['1111111111111111111114oLvT2', 'bitcoin', 'p2pkh', '1111111111111111111114oLvT2'],
    [btcP2sh, 'bitcoin', 'p2sh', btcP2sh],
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bitcoin', 'p2wpkh', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    [
      'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3',
      'bitcoin',
      'p2wsh',
      'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3',
    ],
    [
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
      'bitcoin',
      'p2tr',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    ],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'ethereum', 'account', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'],
    ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'ethereum', 'account', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'],
    ['T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb', 'tron', 'account', 'T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb'],
    [tronOther, 'tron', 'account', tronOther],
  ])('finds %s', (address, chain, format, normalized) => {
    const text = `Pay to: ${address}, thanks`;
    const [found, ...rest] = findCryptoAddresses(text);
    expect(rest).toHaveLength(0);
    expect(found).toMatchObject({ value: address, normalized, details: { chain, format } });
    expectOffsets(text, [found]);
  });
  it('marks uniform-case Ethereum addresses as carrying no checksum', () => {
    expect(findCryptoAddresses('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')[0].details.checksum).toBe('no-checksum');
    expect(findCryptoAddresses('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')[0].details.checksum).toBe('verified');
  });
  it.each([
    ['bitcoin legacy with a bad checksum', '1111111111111111111114oLvT3'],
    ['bitcoin with a character outside base58', '1111111111111111111114oLvT0'],
    ['bech32 with one character changed', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T5'],
    [
      'taproot encoded with bech32 instead of bech32m',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd',
    ],
    ['v0 encoded with bech32m', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh'],
    ['bech32 in mixed case', 'bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    ['ethereum with a wrong EIP-55 case', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'],
    ['ethereum too short', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea'],
    ['ethereum too long', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00'],
    ['tron with a bad checksum', 'T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwc'],
    ['a long ordinary word', 'Thisisnotanaddressatallbutalongword'],
  ])('rejects %s', (_label, value) => {
    expect(findCryptoAddresses(`wallet ${value} here`)).toEqual([]);
  });
});

describe('phones', () => {
  it.each([
    ['Call +1 202-555-0143 now', undefined, '+12025550143', 'US'],
    ['Tel: +1 (202) 555 0199', undefined, '+12025550199', 'US'],
    ['gọi 0912 345 678', 'VN', '+84912345678', 'VN'],
    ['hubungi +62 812-3456-7890', undefined, '+6281234567890', 'ID'],
    ['appelez 06 12 34 56 78', 'FR', '+33612345678', 'FR'],
  ])('finds %j (region %s)', (text, region, e164, country) => {
    const found = findPhones(text, { defaultRegion: region });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ normalized: e164, details: { country, e164: true } });
    expectOffsets(text, found);
  });
  it('keeps a labelled national number it cannot place as digits, marked not E.164', () => {
    const [found] = findPhones('SĐT: 0912 345 678');
    expect(found).toMatchObject({ value: '0912 345 678', normalized: '0912345678', details: { e164: false } });
  });
  it.each([
    ['Call/text (202) 555-0143 evenings', '(202) 555-0143'],
    ['WhatsApp me at 0912 345 678', '0912 345 678'],
    ['llamar al 612 34 56 78', '612 34 56 78'],
  ])('finds a labelled number across short joining words: %j', (text, value) => {
    expect(findPhones(text).map((p) => p.value)).toEqual([value]);
  });
  it.each([
    ['a year range', 'from 1999-2005'],
    ['a price', 'only 250 USD'],
    ['a short number', 'lot 375'],
    ['a national number with no region and no label', 'see 0912 345 678'],
    ['a label far from the digits', 'call me after the auction closes on lot 1234567'],
  ])('ignores %s', (_label, text) => {
    expect(findPhones(text)).toEqual([]);
  });
});

describe('e-mails', () => {
  it.each([
    ['mail seller@example.com today', 'seller@example.com'],
    ['Contact: Seller.Name+ivory@Example.ORG.', 'seller.name+ivory@example.org'],
    ['write seller [at] example [dot] com', 'seller@example.com'],
    ['write seller(at)example(dot)net', 'seller@example.net'],
  ])('finds %j', (text, normalized) => {
    const found = findEmails(text);
    expect(found.map((f) => f.normalized)).toEqual([normalized]);
    expectOffsets(text, found);
  });
  it.each(['meet at home dot com', 'user@localhost', '@handle only', 'a@b'])('ignores %j', (text) => {
    expect(findEmails(text)).toEqual([]);
  });
});

describe('messengers', () => {
  it.each([
    ['order via wa.me/12025550143', 'whatsapp:+12025550143', 'link'],
    ['https://api.whatsapp.com/send?phone=12025550143&text=hi', 'whatsapp:+12025550143', 'link'],
    ['WhatsApp: +1 202 555 0143', 'whatsapp:+12025550143', 'labelled-id'],
    ['WA 0812-3456-7890', 'whatsapp:081234567890', 'labelled-id'],
    ['join t.me/example_shop', 'telegram:example_shop', 'link'],
    ['Telegram @Example_Seller', 'telegram:example_seller', 'handle'],
    ['TG: example_seller', 'telegram:example_seller', 'labelled-id'],
    ['WeChat: seller_2024', 'wechat:seller_2024', 'labelled-id'],
    ['加微信：abcdef123', 'wechat:abcdef123', 'labelled-id'],
    ['微信号: seller-01', 'wechat:seller-01', 'labelled-id'],
    ['Line ID: shop.example.', 'line:shop.example', 'labelled-id'],
    ['line.me/ti/p/~shopexample', 'line:shopexample', 'link'],
    ['Zalo: 0912 345 678', 'zalo:0912345678', 'labelled-id'],
    ['kik: turtle_lover99', 'kik:turtle_lover99', 'labelled-id'],
    ['add me on Snapchat @ivory.king', 'snapchat:ivory.king', 'handle'],
    ['Discord: reptile_room', 'discord:reptile_room', 'labelled-id'],
    ['Skype ID reptile.shop', 'skype:reptile.shop', 'labelled-id'],
    ['카톡: turtlehouse', 'kakaotalk:turtlehouse', 'labelled-id'],
  ])('finds %j', (text, normalized, form) => {
    const found = findMessengers(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ normalized, details: { form } });
    expectOffsets(text, found);
  });
  it('normalises a labelled WhatsApp national number to E.164 with a region hint', () => {
    expect(findMessengers('WA: 0812-3456-7890', { defaultRegion: 'ID' })[0].normalized).toBe('whatsapp:+6281234567890');
  });
  it.each([
    ['a bare @mention', 'thanks @someone for the photo'],
    ['"line" in prose', 'the line was long'],
    ['a too-short Telegram handle', 'Telegram @abc'],
    ['t.me with no handle', 'visit t.me/'],
    ['"snap" as a word', 'oh snap the lid broke'],
  ])('ignores %s', (_label, text) => {
    expect(findMessengers(text)).toEqual([]);
  });
});

describe('social profiles', () => {
  it.each([
    ['https://www.facebook.com/example.page/', 'facebook:example.page'],
    ['m.facebook.com/profile.php?id=100000000000001', 'facebook:100000000000001'],
    ['instagram.com/Example.Shop', 'instagram:example.shop'],
    ['https://www.tiktok.com/@example_shop', 'tiktok:example_shop'],
    ['twitter.com/ExampleShop', 'x:exampleshop'],
    ['https://x.com/example', 'x:example'],
    ['youtube.com/@exampleshop', 'youtube:exampleshop'],
    ['vk.com/example_shop', 'vk:example_shop'],
    ['weibo.com/u/1234567890', 'weibo:1234567890'],
    ['IG @exotic.pets.id', 'instagram:exotic.pets.id'],
    ['Insta: Reptile_House', 'instagram:reptile_house'],
    ['follow on TikTok @tortoise.world', 'tiktok:tortoise.world'],
  ])('finds %j', (text, normalized) => {
    const found = findSocialProfiles(text);
    expect(found.map((f) => f.normalized)).toEqual([normalized]);
    expectOffsets(text, found);
  });
  it.each([
    'https://www.facebook.com/sharer/sharer.php?u=x',
    'https://www.instagram.com/p/ABCdef123/',
    'https://twitter.com/intent/tweet?text=x',
    'https://example.com/instagram',
    'posted on IG yesterday',
    'IG: 2 posts',
  ])('ignores non-profile %j', (text) => {
    expect(findSocialProfiles(text)).toEqual([]);
  });
});

describe('payment channels and carriers', () => {
  it.each([
    ['Pay by PayPal', 'paypal', undefined],
    ['via Western Union', 'western-union', undefined],
    ['MoneyGram accepted', 'moneygram', undefined],
    ['支付宝付款', 'alipay', undefined],
    ['WeChat Pay ok', 'wechat-pay', undefined],
    ['微信支付', 'wechat-pay', undefined],
    ['bank transfer only', 'bank-transfer', 'en'],
    ['transferencia bancaria', 'bank-transfer', 'es'],
    ['paiement par virement', 'bank-transfer', 'fr'],
    ['银行转账', 'bank-transfer', 'zh'],
    ['chuyển khoản trước', 'bank-transfer', 'vi'],
    ['transfer bank BCA', 'bank-transfer', 'id'],
    ['cash on delivery', 'cash-on-delivery', 'en'],
    ['COD available', 'cash-on-delivery', 'en'],
    ['envío contra reembolso', 'cash-on-delivery', 'es'],
    ['paiement à la livraison', 'cash-on-delivery', 'fr'],
    ['货到付款', 'cash-on-delivery', 'zh'],
    ['ship cod toàn quốc', 'cash-on-delivery', 'vi'],
    ['bisa bayar di tempat', 'cash-on-delivery', 'id'],
    ['pago por Bizum', 'bizum', 'es'],
    ['Mercado Pago o efectivo', 'mercado-pago', undefined],
    ['pagamento via PIX', 'pix', 'pt'],
    ['bayar pakai DANA', 'dana', 'id'],
  ])('payment %j', (text, channel, lang) => {
    const found = findPaymentChannels(text);
    expect(found.map((f) => f.normalized)).toEqual([channel]);
    expect(found[0].details.lang).toBe(lang);
    expectOffsets(text, found);
  });
  it.each([
    'the cod fish was fresh',
    'paypalace hotel',
    'western unions of states',
    'more pix on request',
    'Dana sent the photos',
  ])('no payment channel in %j', (text) => {
    expect(findPaymentChannels(text)).toEqual([]);
  });
  it.each([
    ['ship by DHL', 'dhl'],
    ['FedEx or UPS', 'fedex,ups'],
    ['EMS worldwide', 'ems'],
    ['TNT express', 'tnt'],
    ['Aramex', 'aramex'],
    ['SF Express / 顺丰', 'sf-express,sf-express'],
    ['J&T Express', 'jt-express'],
    ['Viettel Post', 'viettel-post'],
  ])('carrier %j', (text, carriers) => {
    const found = findShippingCarriers(text);
    expect(found.map((f) => f.normalized).join(',')).toBe(carriers);
    expectOffsets(text, found);
  });
  it.each(['cheer ups and downs', 'the ems of the band', 'dhlx'])('no carrier in %j', (text) => {
    expect(findShippingCarriers(text)).toEqual([]);
  });
});

describe('prices', () => {
  it.each([
    ['listing numbers', '1234567 '],
    ['digit groups', '123 '],
    ['decimals', '12,5 '],
  ])('still finds the price after a page of %s', (_label, unit) => {
    const text = `${unit.repeat(20_000)}now $250 only`;
    expect(findPrices(text).map((p) => p.value)).toEqual(['$250']);
  });
  it.each([
    ['$250', 250, 'USD'],
    ['250 USD', 250, 'USD'],
    ['US$ 1,200.50', 1200.5, 'USD'],
    ['1.500 €', 1500, 'EUR'],
    ['12,50 €', 12.5, 'EUR'],
    ['£7,600', 7600, 'GBP'],
    ['Rp 2.000.000', 2000000, 'IDR'],
    ['Rp2jt', 2000000, 'IDR'],
    ['2 juta', 2000000, 'IDR'],
    ['2 triệu', 2000000, 'VND'],
    ['500.000đ', 500000, 'VND'],
    ['¥300', 300, 'CNY/JPY'],
    ['¥300元', 300, 'CNY'],
    ['300元', 300, 'CNY'],
    ['3万元', 30000, 'CNY'],
    ['5k USD', 5000, 'USD'],
    ['HK$500', 500, 'HKD'],
    ['RM 150', 150, 'MYR'],
    ['20 dollars', 20, 'USD'],
  ])('%j', (text, amount, currency) => {
    const found = findPrices(`price ${text} ok`);
    expect(found).toHaveLength(1);
    expect(found[0].details).toEqual({ amount, currency });
    expect(found[0].value).toBe(text);
  });
  it.each(['about 2021 items', '5 kg', 'lot 375', 'room 12.5', '100% genuine'])('no price in %j', (text) => {
    expect(findPrices(text)).toEqual([]);
  });
  it.each([
    ['1.500', '', 1500],
    ['1,500.50', '', 1500.5],
    ['1.500,50', '', 1500.5],
    ['12,5', '', 12.5],
    ['2.000.000', 'IDR', 2000000],
    ['1.50', '', 1.5],
  ])('parseAmount(%j, %j)', (raw, currency, value) => {
    expect(parseAmount(raw, currency)).toBe(value);
  });
});

describe('extractIndicators', () => {
  const text =
    'Ivory bangle for sale $250. WhatsApp: +1 202 555 0143 or wa.me/12025550199, mail seller@example.com, ' +
    'pay PayPal or BTC 1111111111111111111114oLvT2, ship DHL. instagram.com/example.shop';

  it('finds every type once, sorted, with exact offsets', () => {
    const found = extractIndicators(text);
    expectOffsets(text, found);
    expect(found.map((f) => `${f.type}:${f.normalized}`)).toEqual([
      'price:250 USD',
      'messenger:whatsapp:+12025550143',
      'messenger:whatsapp:+12025550199',
      'email:seller@example.com',
      'payment:paypal',
      'payment:crypto',
      'crypto:1111111111111111111114oLvT2',
      'shipping:dhl',
      'social:instagram:example.shop',
    ]);
    expect([...found].sort((a, b) => a.start - b.start)).toEqual(found);
  });
  it('keeps the more specific indicator when two overlap (no phone inside a WhatsApp link)', () => {
    expect(extractIndicators('wa.me/12025550143').map((f) => f.type)).toEqual(['messenger']);
  });
  it('limits to the requested types', () => {
    expect(extractIndicators(text, { types: ['price'] }).map((f) => f.type)).toEqual(['price']);
  });
  it.each(['', '   ', '\u0000\uD800 garbage \uDFFF', 'x'.repeat(100_000)])('copes with odd input %#', (input) => {
    expect(Array.isArray(extractIndicators(input))).toBe(true);
  });
});

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher([
    { phrase: 'for sale', value: 'sale' },
    { phrase: 'sell*', value: 'sell' },
    { phrase: 'j&t express', value: 'jt' },
    { phrase: 'est.', value: 'estimate' },
    { phrase: 'UPS', value: 'ups', caseSensitive: true },
    { phrase: '微信支付', value: 'wechat-pay' },
    { phrase: '微信', value: 'wechat' },
  ]);
  it.each([
    ['Ivory FOR  SALE', ['sale']],
    ['for-sale sign', ['sale']],
    ['seller selling sells', ['sell', 'sell', 'sell']],
    ['resell', []],
    ['via J&T Express', ['jt']],
    ['J T express', []],
    ['est. £400', ['estimate']],
    ["c'est bon, est", []],
    ['by UPS', ['ups']],
    ['ups and downs', []],
    ['微信支付或微信', ['wechat-pay', 'wechat']],
  ])('%j -> %j', (text, values) => {
    expect(matcher.find(text).map((m) => m.value)).toEqual(values);
  });
  it('gives offsets into the text', () => {
    const text = 'Now: for sale!';
    const [m] = matcher.find(text);
    expect(text.slice(m.start, m.end)).toBe('for sale');
  });

  it.each([
    ['a capital I with a dot, whose lower case is longer', 'İSTANBUL: seller, for sale', ['seller', 'for sale']],
    ['a Greek capital sigma before an apostrophe', "ΟΔΟΣ'Α sells for sale", ['sells', 'for sale']],
    ['letters outside the BMP', '𝐀𝐁 selling 😀 for sale', ['selling', 'for sale']],
  ])('keeps offsets with %s', (_name, text, found) => {
    expect(matcher.find(text).map((m) => text.slice(m.start, m.end))).toEqual(found);
  });

  it('finds the same in a long text as in its short parts', () => {
    const part = 'Carved bangle for sale, seller ships by UPS or J&T Express, est. 1900; ';
    const long = part.repeat(200);
    const one = matcher.find(part).map((m) => [m.start, m.value]);
    const all = matcher.find(long).map((m) => [m.start, m.value]);
    expect(all).toEqual(
      Array.from({ length: 200 }, (_, i) =>
        one.map(([start, value]) => [(start as number) + i * part.length, value]),
      ).flat(),
    );
  });

  it('finds the phrases of a dictionary made after a text was read, and of dictionaries past the 31st', () => {
    const text = 'rare okimono and a netsuke for sale';
    expect(matcher.find(text).map((m) => m.value)).toEqual(['sale']);
    const more = Array.from(
      { length: 40 },
      (_, i) => new PhraseMatcher([{ phrase: i % 2 ? 'netsuke' : 'okimono', value: i }]),
    );
    expect(more.map((m) => m.find(text).map((x) => x.phrase))).toEqual(
      more.map((_, i) => [i % 2 ? 'netsuke' : 'okimono']),
    );
  });
});
