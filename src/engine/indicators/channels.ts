/**
 * Payment channels and shipping carriers named in a text. Each entry is a stable id plus the
 * spellings we are sure of, by language. Short upper-case acronyms (UPS, EMS, TNT, COD) are
 * matched case-sensitively: "ups" and "cod" are ordinary words.
 */
import { PhraseMatcher } from './phrases';
import type { PaymentIndicator, ShippingIndicator } from './types';

interface TermRule {
  id: string;
  /** Case-insensitive spellings. */
  terms?: string[];
  /** Case-sensitive spellings (acronyms). */
  exact?: string[];
  lang?: string;
}

export const PAYMENT_CHANNELS: TermRule[] = [
  { id: 'paypal', terms: ['paypal', 'pay pal', 'paypal.me'] },
  { id: 'western-union', terms: ['western union', 'westernunion', '西联汇款', '西联'] },
  { id: 'moneygram', terms: ['moneygram', 'money gram', '速汇金'] },
  { id: 'alipay', terms: ['alipay', 'ali pay', '支付宝', '支付寶', 'zhifubao'] },
  { id: 'wechat-pay', terms: ['wechat pay', 'wechatpay', 'weixin pay', '微信支付', '微信转账', '微信收款'] },
  {
    id: 'bank-transfer',
    terms: ['bank transfer', 'wire transfer', 'bank wire', 'bank deposit', 'direct deposit'],
    lang: 'en',
  },
  { id: 'bank-transfer', terms: ['transferencia bancaria', 'depósito bancario', 'deposito bancario'], lang: 'es' },
  { id: 'bank-transfer', terms: ['virement bancaire', 'virement'], lang: 'fr' },
  { id: 'bank-transfer', terms: ['银行转账', '银行汇款', '銀行轉帳', '银行卡转账'], lang: 'zh' },
  { id: 'bank-transfer', terms: ['chuyển khoản', 'chuyen khoan', 'ck ngân hàng'], lang: 'vi' },
  { id: 'bank-transfer', terms: ['transfer bank', 'transfer antar bank', 'tf bank'], lang: 'id' },
  { id: 'cash-on-delivery', terms: ['cash on delivery', 'pay on delivery'], exact: ['COD'], lang: 'en' },
  {
    id: 'cash-on-delivery',
    terms: ['contra reembolso', 'contrareembolso', 'pago contra entrega', 'pago al recibir'],
    lang: 'es',
  },
  {
    id: 'cash-on-delivery',
    terms: ['paiement à la livraison', 'contre remboursement', 'contre-remboursement'],
    lang: 'fr',
  },
  { id: 'cash-on-delivery', terms: ['货到付款', '貨到付款'], lang: 'zh' },
  { id: 'cash-on-delivery', terms: ['thanh toán khi nhận hàng', 'nhận hàng thanh toán', 'ship cod'], lang: 'vi' },
  { id: 'cash-on-delivery', terms: ['bayar di tempat', 'bayar ditempat'], lang: 'id' },
  { id: 'venmo', terms: ['venmo'] },
  { id: 'cash-app', terms: ['cash app', 'cashapp'] },
  { id: 'zelle', terms: ['zelle'] },
  { id: 'skrill', terms: ['skrill'] },
  { id: 'revolut', terms: ['revolut'] },
  { id: 'wise', terms: ['transferwise'] },
  { id: 'gcash', terms: ['gcash'] },
  { id: 'momo', terms: ['ví momo', 'momo wallet'], lang: 'vi' },
  { id: 'gopay', terms: ['gopay'] },
  { id: 'dana', exact: ['DANA'], lang: 'id' },
  { id: 'shopeepay', terms: ['shopeepay', 'shopee pay'] },
  { id: 'bizum', terms: ['bizum'], lang: 'es' },
  { id: 'mercado-pago', terms: ['mercado pago', 'mercadopago'] },
  { id: 'pix', terms: ['chave pix', 'pix key'], exact: ['PIX'], lang: 'pt' },
  { id: 'paytm', terms: ['paytm'] },
  { id: 'apple-pay', terms: ['apple pay'] },
  { id: 'google-pay', terms: ['google pay', 'gpay'] },
  { id: 'ovo', exact: ['OVO'] },
  { id: 'crypto', terms: ['bitcoin', 'usdt', 'tether', 'ethereum', 'crypto'], exact: ['BTC', 'ETH'] },
];

export const SHIPPING_CARRIERS: TermRule[] = [
  { id: 'dhl', terms: ['dhl'] },
  { id: 'fedex', terms: ['fedex', 'fed ex', '联邦快递'] },
  { id: 'ups', exact: ['UPS'] },
  { id: 'usps', terms: ['usps'] },
  { id: 'ems', exact: ['EMS'], terms: ['邮政ems', '邮政特快专递'] },
  { id: 'tnt', exact: ['TNT'] },
  { id: 'aramex', terms: ['aramex'] },
  { id: 'sf-express', terms: ['sf express', 'sf-express', 'sfexpress', '顺丰', '順豐'] },
  { id: 'jt-express', terms: ['j&t express', 'j&t', 'jnt express', '极兔'] },
  { id: 'china-post', terms: ['china post', '中国邮政'] },
  { id: 'yanwen', terms: ['yanwen', '燕文'] },
  { id: '4px', terms: ['4px'] },
  { id: 'cainiao', terms: ['cainiao', '菜鸟'] },
  { id: 'yunexpress', terms: ['yunexpress', 'yun express'] },
  { id: 'yto', terms: ['yto express', '圆通'] },
  { id: 'zto', terms: ['zto express', '中通快递', '中通'] },
  { id: 'sto', terms: ['sto express', '申通'] },
  { id: 'yunda', terms: ['yunda', '韵达'] },
  { id: 'royal-mail', terms: ['royal mail'] },
  { id: 'parcelforce', terms: ['parcelforce'] },
  { id: 'evri', terms: ['evri'] },
  { id: 'dpd', exact: ['DPD'] },
  { id: 'gls', exact: ['GLS'] },
  { id: 'colissimo', terms: ['colissimo'] },
  { id: 'chronopost', terms: ['chronopost'] },
  { id: 'la-poste', terms: ['la poste'] },
  { id: 'correos', terms: ['correos express', 'correos'] },
  { id: 'seur', exact: ['SEUR'] },
  { id: 'jne', exact: ['JNE'] },
  { id: 'sicepat', terms: ['sicepat'] },
  { id: 'pos-indonesia', terms: ['pos indonesia'] },
  { id: 'ninja-van', terms: ['ninja van', 'ninjavan'] },
  { id: 'lalamove', terms: ['lalamove'] },
  { id: 'grab-express', terms: ['grabexpress', 'grab express'] },
  { id: 'viettel-post', terms: ['viettel post', 'viettelpost'] },
  { id: 'vnpost', terms: ['vnpost', 'vietnam post'] },
  { id: 'ghn', terms: ['giao hàng nhanh'], exact: ['GHN'] },
  { id: 'ghtk', terms: ['giao hàng tiết kiệm'], exact: ['GHTK'] },
  { id: 'kerry-express', terms: ['kerry express'] },
  { id: 'flash-express', terms: ['flash express'] },
  { id: 'pos-laju', terms: ['pos laju', 'poslaju'] },
];

/** One phrase dictionary per table; acronyms are case-sensitive entries. */
function compile(table: TermRule[]): PhraseMatcher<TermRule> {
  return new PhraseMatcher(
    table.flatMap((rule) => [
      ...(rule.terms ?? []).map((phrase) => ({ phrase, value: rule })),
      ...(rule.exact ?? []).map((phrase) => ({ phrase, value: rule, caseSensitive: true })),
    ]),
  );
}

const PAYMENT = compile(PAYMENT_CHANNELS);
const SHIPPING = compile(SHIPPING_CARRIERS);

/** Finds payment channels named in `text`. */
export function findPaymentChannels(text: string): PaymentIndicator[] {
  return PAYMENT.find(text).map(({ start, end, value: rule }) => ({
    type: 'payment',
    value: text.slice(start, end),
    normalized: rule.id,
    start,
    end,
    details: rule.lang ? { channel: rule.id, lang: rule.lang } : { channel: rule.id },
  }));
}

/** Finds shipping and courier companies named in `text`. */
export function findShippingCarriers(text: string): ShippingIndicator[] {
  return SHIPPING.find(text).map(({ start, end, value: rule }) => ({
    type: 'shipping',
    value: text.slice(start, end),
    normalized: rule.id,
    start,
    end,
    details: { carrier: rule.id },
  }));
}
