/** Language codes of the source files (ISO 639-2/3, "ENG", "en") mapped to ISO 639-1 where one exists. */
const ISO3_TO_1: Record<string, string> = {
  eng: 'en', fra: 'fr', fre: 'fr', spa: 'es', swe: 'sv', nld: 'nl', dut: 'nl', deu: 'de', ger: 'de', ita: 'it',
  fin: 'fi', dan: 'da', por: 'pt', pol: 'pl', hun: 'hu', rus: 'ru', ces: 'cs', cze: 'cs', nor: 'no', msa: 'ms',
  may: 'ms', zlm: 'ms', afr: 'af', jpn: 'ja', est: 'et', isl: 'is', ice: 'is', ron: 'ro', rum: 'ro', sqi: 'sq',
  alb: 'sq', tur: 'tr', hrv: 'hr', mlt: 'mt', tgl: 'tl', slk: 'sk', slo: 'sk', ara: 'ar', swa: 'sw', lit: 'lt',
  ell: 'el', gre: 'el', smo: 'sm', srp: 'sr', tha: 'th', ind: 'id', bul: 'bg', sin: 'si', khm: 'km', slv: 'sl',
  zho: 'zh', chi: 'zh', vie: 'vi', san: 'sa', tel: 'te', kan: 'kn', mar: 'mr', ben: 'bn', bng: 'bn', guj: 'gu',
  mri: 'mi', mao: 'mi', mlg: 'mg', kik: 'ki', pan: 'pa', hin: 'hi', hnd: 'hi', kor: 'ko', heb: 'he', ukr: 'uk',
  lav: 'lv', cat: 'ca', eus: 'eu', glg: 'gl', fas: 'fa', per: 'fa', urd: 'ur', nep: 'ne', mya: 'my', lao: 'lo',
};

/** Normalises a language code to lower-case ISO 639-1 when possible ("ENG" gives "en"); "" stays "". */
export function normalizeLang(code: string): string {
  const c = code.trim().toLowerCase();
  if (c.length === 3 && ISO3_TO_1[c]) return ISO3_TO_1[c];
  return c;
}
