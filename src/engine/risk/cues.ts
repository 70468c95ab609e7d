/**
 * Context vocabulary the scorer reads around wildlife mentions: sale, buy and contact cues,
 * derivative/object words, imitation, depiction and fossil words, and words of discussion (news,
 * advocacy, enforcement). The matcher's lexicon has the core trade terms; this adds the ordinary
 * words of commerce and discussion that are too common to be lexicon entries but tell an offer
 * from an article. Matcher cue hits and these are merged (same span counted once).
 */
import { around, digitRunStarts, matchAtStarts, sticky } from '../indicators/anchored';
import { PhraseMatcher } from '../indicators/phrases';
import { foldString } from '../text/fold';
import { isCommonEnglish } from '../matcher/common-english';

export type CueKind =
  | 'sale-cue'
  | 'buy-cue'
  | 'contact-cue'
  | 'product-form'
  | 'imitation'
  | 'depiction'
  | 'fossil'
  | 'discussion'
  | 'cover'
  | 'link';

export interface Cue {
  kind: CueKind;
  start: number;
  end: number;
  text: string;
  /**
   * The vocabulary entry (lower case, without a closing `*`), the matcher term, or the name of a
   * pattern ('isbn', 'lot <number>'): the key ADJACENT_ONLY and ITEM_CUES are looked up by. Signals
   * show `text`, never this.
   */
  term: string;
  /**
   * A sale or buy cue turned into its opposite by the words just before it ("would never sell",
   * "illegal to buy"): listed, but no commerce. False for every other kind.
   */
  negated: boolean;
}

/** Case-insensitive entries; `*` ends a prefix ("sell*" = sell, sells, selling, seller). */
const VOCABULARY: Record<Exclude<CueKind, 'link'>, string[]> = {
  'sale-cue': [
    // en
    'for sale',
    'on sale',
    'sale',
    'sell*',
    'sold',
    'buy',
    'buy now',
    'buy it now',
    'price*',
    'priced',
    'offer',
    'special offer',
    'discount*',
    'in stock',
    'available',
    'order now',
    'to order',
    'pre-order',
    'preorder',
    'shop',
    'store',
    'auction*',
    'estimate*',
    'est.',
    'showroom',
    'webshop',
    'online shop',
    'catalogue',
    'catalog',
    'link in bio',
    // An offer whose only call to action is a link or a shop.
    'link in my bio',
    'check the link',
    'check link',
    'offer link',
    'order link',
    'shop link',
    'link to order',
    'link to buy',
    'order at',
    'order here',
    'order via',
    'buy here',
    'in my shop',
    'my store',
    'new items',
    'in store',
    'check this',
    'check it',
    'bid',
    'bids',
    'bidding',
    'consigned',
    'dealer*',
    'check out',
    'new stock',
    'just arrived',
    'new arrival*',
    'free shipping',
    'shipping',
    'ship worldwide',
    'worldwide shipping',
    'delivery',
    'wholesale',
    'retail',
    'obo',
    'ono',
    'dm for price',
    'pm for price',
    'inbox for price',
    'serious buyers',
    'wts',
    'etsy',
    'ebay',
    'for purchase',
    'purchase',
    // es
    'se vende',
    'vendo',
    'venta',
    'a la venta',
    'precio',
    'envío',
    'envíos',
    'subasta',
    'oferta',
    'tienda',
    'comprar',
    // fr
    'à vendre',
    'vends',
    'vente',
    'prix',
    'enchère*',
    'livraison',
    'boutique',
    'acheter',
    // de
    'verkaufe',
    'verkauf',
    'zu verkaufen',
    'biete',
    'preis',
    'versand',
    'auktion',
    // zh (no word boundaries)
    '出售',
    '转让',
    '特价',
    '价格',
    '包邮',
    '现货',
    '批发',
    '拍卖',
    '私聊',
    '代购',
    '下单',
    // vi
    'bán',
    'cần bán',
    'giá',
    'giá rẻ',
    'ship toàn quốc',
    'freeship',
    'còn hàng',
    'đặt hàng',
    // id
    'jual',
    'dijual',
    'harga',
    'ready stock',
    'kirim',
    'ongkir',
    'murah',
    'lelang',
  ],
  'buy-cue': [
    'wanted',
    'looking for',
    'wtb',
    'want to buy',
    'busco',
    'compro',
    'cherche',
    'achète',
    'suche',
    '求购',
    'cần mua',
    'dicari',
    'cari',
  ],
  'contact-cue': [
    'contact me',
    'contact us',
    'dm me',
    'pm me',
    'message me',
    'inbox me',
    'text me',
    'call me',
    'whatsapp me',
    'dm',
    'contáctame',
    'contacto',
    'escríbeme',
    'contactez',
    'kontakt',
    'liên hệ',
    'inbox',
    'hubungi',
    '联系',
    '加微信',
    '私信',
  ],
  // Words that make the mention an object in trade rather than the animal or a colour.
  'product-form': [
    'carved',
    'carving*',
    'hand carved',
    'carver',
    'netsuke',
    'okimono',
    'figure',
    'figures',
    'statue*',
    'sculpture*',
    'sculpted',
    'bangle*',
    'bracelet*',
    'bead*',
    'necklace*',
    'pendant*',
    'chopsticks',
    'inlaid',
    'inlay',
    'tusk*',
    'horn',
    'horns',
    'skin',
    'skins',
    'hide',
    'hides',
    'pelt*',
    'leather',
    'skull*',
    'claw*',
    'tooth',
    'teeth',
    'jaw',
    'jaws',
    'fins',
    'cartilage',
    'rostrum',
    'gill plate*',
    'gill raker*',
    'liver oil',
    'timber',
    'lumber',
    'decking',
    'sawn',
    'sawnwood',
    'logs',
    'plank*',
    'veneer',
    'plywood',
    'scale',
    'scales',
    'shell',
    'bone*',
    'fur',
    'feather*',
    'taxidermy',
    'mounted',
    'trophy',
    'specimen*',
    'powder',
    'raw',
    'piece*',
    'antique*',
    'antiquities',
    'handle',
    'handled',
    'grip*',
    'miniature*',
    'scrimshaw',
    'live',
    'hatchling*',
    'juvenile*',
    'cb',
    'captive bred',
    'genuine',
    'real',
    'authentic',
    'solid',
    'original',
    'talla',
    'tallado',
    'mandíbula*',
    'aletas',
    'mâchoire*',
    'ailerons',
    'piel',
    'cuerno',
    'colmillo',
    'sculpté',
    'peau',
    'défense',
    'corne',
    '雕',
    '雕刻',
    '手镯',
    '手串',
    '摆件',
    '原料',
    '工艺品',
    'vòng',
    'tượng',
    'ukiran',
    'kulit',
    'gading',
  ],
  imitation: [
    'faux',
    'fake',
    'replica*',
    'resin',
    'plastic',
    'imitation*',
    'synthetic',
    'artificial',
    'vegan',
    'celluloid',
    'bakelite',
    'ivorine',
    'french ivory',
    'bonded',
    'acrylic',
    'polyresin',
    'polyurethane',
    'pu leather',
    'simili',
    // These only count right next to the subject ("croc print", "ivory-look"): see ADJACENT_ONLY.
    'embossed',
    'print',
    'printed',
    'pattern',
    'effect',
    'look',
    'style',
    'réplica',
    'imitación',
    'sintético',
    'imitação',
    '仿',
    '仿制',
    '树脂',
    'giả',
    'nhựa',
    'tiruan',
    'palsu',
  ],
  // A fossil is no specimen of a listed species: "megalodon tooth", "fossil shark teeth".
  fossil: [
    'fossil*',
    'megalodon',
    'otodus',
    'carcharocles',
    'petrified',
    'prehistoric',
    'miocene',
    'pliocene',
    'eocene',
    'cretaceous',
    'fósil',
    'fósiles',
    'fosilizado*',
    'fosilizada*',
    'fossile*',
    'versteinert*',
  ],
  depiction: [
    'figurine*',
    'stamp',
    'stamps',
    'postage',
    'mnh',
    'first day cover',
    'postcard*',
    'plush',
    'stuffed toy',
    'soft toy',
    'toy',
    'toys',
    'puzzle',
    'book',
    'paperback',
    'hardcover',
    'dvd',
    'vhs',
    'poster*',
    'sticker*',
    'patch',
    'iron-on',
    't-shirt',
    'tee',
    'shirt',
    'mug',
    'keychain',
    'ornament',
    'action figure',
    'lego',
    'cartoon',
    'drawing',
    'engraving',
    'lithograph',
    'photo print',
    'costume',
    'mask',
    'cast',
    'model',
    'kit',
    'coin',
    'banknote',
    'pin',
    'brooch',
    'jigsaw',
    'isbn',
    'guide',
    'handbook',
    'encyclopedia',
    'magazine',
    'fdc',
    'yvert',
    'philately',
    'philatelic',
    'souvenir sheet',
    'miniature sheet',
    'sheetlet',
    'mint never hinged',
    'fine used',
    'very fine used',
    'vfu',
    'imperf',
    'imperforate',
    'se-tenant',
    'stahlstich',
    'holzstich',
    'kupferstich',
    'druck',
    'sello',
    'sellos',
    'timbre',
    'timbres',
    'gravure',
    'peluche',
    'jouet',
    'juguete',
    '邮票',
    '玩具',
    '毛绒',
    // Makers of toy and model animals, listed by brand on every marketplace.
    'schleich',
    'collecta',
    'papo',
    'safari ltd',
    'breyer',
    'mojo fun',
    'wild republic',
  ],
  // A claim of a legal or exempt source that the trade in elephant ivory hides behind: mammoth
  // ivory is not CITES-listed, pre-Convention and antique items are exempt only with papers.
  cover: [
    'legal ivory',
    'legal mammoth',
    'mammoth ivory',
    'mammoth tusk*',
    'fossil ivory',
    'pre-ban',
    'pre ban',
    'preban',
    'pre-convention',
    'pre convention',
    'pre-cites',
    'pre cites',
    'pre-1947',
    'pre 1947',
    'pre-1975',
    'pre 1975',
    'pre-1989',
    'pre 1989',
    'pre-1990',
    'with certificate',
    'with a certificate',
    'certificate of age',
    'cites certificate',
    'cites permit',
    'legally sourced',
    'legal to sell',
    'legal to own',
    'old stock',
  ],
  discussion: [
    'ban',
    'bans',
    'banned',
    'banning',
    'illegal',
    'illegally',
    'law',
    'laws',
    'bill',
    'legislation',
    'petition',
    'poach*',
    'seize*',
    'seizure*',
    'confiscat*',
    'smuggl*',
    'traffick*',
    'arrest*',
    'crackdown',
    'crush',
    'destroyed',
    'destroy',
    'conservation*',
    'endangered',
    'extinction',
    'save elephants',
    'save the elephants',
    'campaign*',
    'investigation',
    'prosecut*',
    'sentenced',
    'ranger*',
    'wildlife crime',
    'oppose',
    'opposing',
    'contraband',
    'regulation*',
    'regulatory',
    'legislat*',
    'lawmakers',
    'government',
    'ministry',
    'parliament',
    'congress',
    'veto',
    'activist*',
    'policy',
    // Zoos, sanctuaries and museums show and explain animals; they do not sell them.
    'zoo',
    'zoos',
    'sanctuary',
    'sanctuaries',
    'museum',
    'exhibit',
    'adopt an animal',
    'keepers',
    'enclosure',
    'prohibición',
    'prohibido',
    'caza furtiva',
    'incautación',
    'interdiction',
    'interdit',
    'braconnage',
    'saisie',
    '禁止',
    '走私',
    '查获',
    '盗猎',
    'cấm',
    'buôn lậu',
    'bắt giữ',
    'larangan',
    'penyelundupan',
    'disita',
  ],
};

/**
 * A phrase of several words typed without its accents ("gia re", "lien he", "a vendre"), as
 * Vietnamese often is, under the accented term; not when every word is a common English one ("can
 * ban" is English, not "cần bán"). One such word alone ("ban") is too ambiguous to add.
 */
function accentlessForm(phrase: string): string | null {
  if (!phrase.includes(' ')) return null;
  const folded = foldString(phrase);
  if (folded === phrase.toLowerCase()) return null;
  return folded.split(' ').every(isCommonEnglish) ? null : folded;
}

/** The whole vocabulary as one phrase dictionary (see src/engine/indicators/phrases.ts for the syntax). */
const VOCABULARY_MATCHER = new PhraseMatcher(
  Object.entries(VOCABULARY).flatMap(([kind, list]) =>
    list.flatMap((phrase) => {
      const value = { kind: kind as CueKind, term: phrase.replace(/\*$/, '').toLowerCase() };
      const folded = accentlessForm(phrase);
      return folded
        ? [
            { phrase, value },
            { phrase: folded, value },
          ]
        : [{ phrase, value }];
    }),
  ),
);

/** Imitation words too common to count anywhere near the subject: only directly beside it. */
export const ADJACENT_ONLY = new Set(['embossed', 'print', 'printed', 'pattern', 'effect', 'look', 'style']);

/**
 * Depiction cues that say what the listed item is (a book's ISBN, a stamp's catalogue number or
 * philatelic grade): they apply to every animal named on the same line, as far as
 * RiskWeights.itemChars, where other cues reach only nearChars ("… Carpet Python … Breeding
 * Natural History Care 9781938850424").
 */
export const ITEM_CUES = new Set([
  'isbn',
  'stamp catalogue number',
  'mnh',
  'mint never hinged',
  'fine used',
  'very fine used',
  'vfu',
  'fdc',
  'first day cover',
  'souvenir sheet',
  'miniature sheet',
  'sheetlet',
  'imperf',
  'imperforate',
  'se-tenant',
  'yvert',
  'paperback',
  'hardcover',
]);

/** Where a pattern cue may start in a text: anywhere (the pattern scans it), or only at these positions. */
type CueStarts = 'anywhere' | readonly number[];

/**
 * Cues that need a pattern rather than a word: "lot 375", "20% off", a bill number. Every one
 * needs a digit, and `startsIn` narrows where it can start, so most blocks are not scanned at all.
 */
interface PatternCue {
  kind: CueKind;
  term: string;
  pattern: RegExp;
  startsIn: (text: string, digitRuns: readonly number[]) => CueStarts;
}

const PATTERN_CUES: PatternCue[] = [
  { kind: 'sale-cue', term: 'lot <number>', pattern: /lot\s*(?:no\.?\s*)?#?\d+/giu, startsIn: () => 'anywhere' },
  {
    kind: 'sale-cue',
    term: '% off',
    pattern: /\d+\s*%\s*off(?![\p{L}])/giu,
    startsIn: (text) => (text.includes('%') ? 'anywhere' : []),
  },
  // A bill number ("HB 5578", "S.B. 227", "H.R. 2345") means legislation is being discussed. Its
  // number is a digit run with at most "H.B. " (5 characters) before it: tried only there.
  {
    kind: 'discussion',
    term: 'bill number',
    pattern: /(?:[HSA]\.?B\.?|H\.?R\.?)\s?\d{2,5}(?![\p{L}\p{N}])/giu,
    startsIn: (_text, runs) => around(runs, 5),
  },
  // An ISBN-13 (978/979 and ten more digits, hyphens allowed): a book about the animal.
  {
    kind: 'depiction',
    term: 'isbn',
    pattern: /97[89](?:-?\d){10}(?![\p{N}])/gu,
    startsIn: (text, runs) => runs.filter((r) => text.startsWith('97', r)),
  },
  // A stamp catalogue number (Stanley Gibbons "SG804", Yvert et Tellier "YT899", Scott, Michel):
  // an animal on a postage stamp, not the animal. At most "Scott #" (7 characters) before the digits.
  {
    kind: 'depiction',
    term: 'stamp catalogue number',
    pattern: /(?:SG|YT|Scott|Sc\s?#|Yvert|Michel)\s?(?:#|No\.?|Nr\.?)?\s?\d{1,4}[a-z]?(?![\p{L}\p{N}])/gu,
    startsIn: (_text, runs) => around(runs, 8),
  },
];
const PATTERN_AT = PATTERN_CUES.map((c) => sticky(c.pattern));
const URL_PATTERN = /(?:https?:\/\/|www\.)[^\s<>"']+/giu;

/** Finds the context cues in `text`, sorted by position. */
export function findContextCues(text: string): Cue[] {
  const out: Cue[] = [];
  for (const m of VOCABULARY_MATCHER.find(text)) {
    const { kind, term } = m.value;
    const negated = cueNegated(kind, text, m.start);
    out.push({ kind, start: m.start, end: m.end, text: text.slice(m.start, m.end), term, negated });
  }
  const runs = digitRunStarts(text);
  for (let k = 0; k < PATTERN_CUES.length && runs.length > 0; k++) {
    const { kind, term, pattern, startsIn } = PATTERN_CUES[k];
    const starts = startsIn(text, runs);
    for (const m of starts === 'anywhere' ? text.matchAll(pattern) : matchAtStarts(PATTERN_AT[k], text, starts)) {
      // Word boundary before, checked here: a look-behind would be tried at every position.
      if (m.index! > 0 && /[\p{L}\p{N}]/u.test(text[m.index! - 1])) continue;
      const start = m.index!;
      out.push({ kind, start, end: start + m[0].length, text: m[0], term, negated: cueNegated(kind, text, start) });
    }
  }
  for (const m of text.matchAll(URL_PATTERN)) {
    out.push({ kind: 'link', start: m.index!, end: m.index! + m[0].length, text: m[0], term: 'link', negated: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Words that, shortly before a sale cue, turn it into its opposite ("would never buy", "illegal to
 * sell"); regular-expression alternatives.
 */
const NEGATORS = [
  'not',
  'no',
  'never',
  "don'?t",
  "doesn'?t",
  "won'?t",
  "wouldn'?t",
  'none',
  'nobody',
  'stop',
  'illegal to',
  'ban on',
  'banning',
  'bans',
  'banned',
  'against',
  'without',
];
const SALE_NEGATORS = new RegExp(String.raw`(?<![\p{L}])(?:${NEGATORS.join('|')})(?:\s+\p{L}+){0,3}\s+$`, 'iu');

/** True when a cue of `kind` at `start` is a sale or buy cue negated by the words just before it. */
export function cueNegated(kind: CueKind, text: string, start: number): boolean {
  if (kind !== 'sale-cue' && kind !== 'buy-cue') return false;
  return SALE_NEGATORS.test(text.slice(Math.max(0, start - 40), start));
}

/** Stems that make a hashtag about the trade debate rather than an offer: #ivoryban, #saveelephants. */
const HASHTAG_DISCUSSION = [
  'ban',
  'bans',
  'law',
  'laws',
  'act',
  'save',
  'stop',
  'poach',
  'protect',
  'extinct',
  'illegal',
  'traffick',
  'smuggl',
  'seiz',
  'crime',
  'endangered',
];

/** The discussion stem a hashtag starts or ends with, e.g. "ban" for "#IvoryBan"; null if none. */
export function hashtagDiscussion(tag: string): string | null {
  const t = tag.replace(/^#/, '').toLowerCase();
  return HASHTAG_DISCUSSION.find((s) => t.length > s.length + 2 && (t.startsWith(s) || t.endsWith(s))) ?? null;
}

/**
 * Goods that come in colours: a colour-capable product word right before or after one names its
 * colour ("ivory silk", "crochet baby blanket, ivory and sage", "throw in ivory").
 */
const COLOUR_NOUNS = new Set(
  (
    'silk satin lace linen cotton wool leather suede velvet chiffon tulle organza fabric yarn cashmere knit cowl ' +
    'scarf dress gown blouse shirt sweater cardigan coat jacket shoes heels boots sandals bag purse handbag paint ' +
    'painted colour color colored coloured tone shade finish enamel glaze glazed porcelain china ceramic stoneware ' +
    'bakelite celluloid plastic white cream rose blush roses wedding bridal tablecloth napkins curtains carpet rug ' +
    'sofa cushion pillow towel bedspread quilt duvet paper card cards ' +
    'envelope envelopes ribbon lining candle candles tile tiles ' +
    'blanket throw crochet knitted merino acrylic polyester chair armchair ottoman headboard bedding sheets ' +
    'rug rugs emulsion eggshell gloss matt matte glasses sunglasses eyeglasses frames spectacles eyewear acetate ' +
    'hair clip clips claw barrette headband nail nails polish lipstick tights socks veil tie'
  ).split(' '),
);
/** Colours: a colour-capable word listed with one of these names a colour ("ivory and navy", "ivory white"). */
const COLOURS = [
  'white',
  'black',
  'grey',
  'gray',
  'cream',
  'pink',
  'blue',
  'green',
  'red',
  'beige',
  'brown',
  'navy',
  'taupe',
  'champagne',
  'blush',
  'yellow',
  'purple',
  'orange',
  'sage',
  'mint',
  'olive',
  'teal',
  'peach',
  'burgundy',
  'mustard',
  'charcoal',
  'lilac',
  'lavender',
  'mauve',
  'khaki',
];
const COLOUR_SET = new Set(COLOURS);
const COLOUR_LIST = new RegExp(String.raw`\b(?:${COLOURS.join('|')})(?:\s*,\s*\p{L}+)*\s*(?:,|and|&|\/)\s*$`, 'u');
/** Words that make a colour-capable word the material whatever the goods around it. */
const MATERIAL_AFTER = new Set(
  (
    'inlay inlaid carving carvings carved netsuke tusk tusks figurine figure statue bangle bracelet beads ' +
    'handle handles okimono chopsticks seal'
  ).split(' '),
);
/** Product words that are also colour (or place) names. */
export const COLOUR_TERMS = new Set(['ivory', 'tortoiseshell', 'coral', 'ivoire', 'marfil', 'elfenbein', 'jade']);

/**
 * Why the product word at [start, end) does not name the material: 'colour' when followed by a
 * material, garment or furnishing noun or a colour ("ivory silk", "ivory white"), qualified as a
 * shade ("pale ivory"), listed with other colours ("grey and ivory", "ivory and navy"), or right
 * after such goods ("wool rug, ivory", "cowl in ivory"); 'place' for "Ivory Coast". Null when it
 * may well be the material: a carved object follows ("ivory netsuke", "ivory inlay"), or nothing
 * says colour ("carved in ivory").
 */
export function notTheMaterial(text: string, start: number, end: number): 'colour' | 'place' | null {
  // A hashtag ("#IvoryCoast", "#ivorysilk"): read the rest of the tag as the next word.
  if (text[start] === '#') {
    const tag = text.slice(start + 1, end);
    const words = tag
      .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
      .toLowerCase()
      .split(' ');
    const rest = words.length > 1 ? words.slice(1).join('') : '';
    const lower = tag.toLowerCase();
    const term = [...COLOUR_TERMS].find((c) => lower.startsWith(c));
    const next = rest || (term ? lower.slice(term.length) : '');
    if (next === 'coast') return 'place';
    return next && COLOUR_NOUNS.has(next) ? 'colour' : null;
  }
  const after = /^[\s-]*(?:and\s+\p{L}+\s+)?(\p{L}+)/u.exec(text.slice(end, end + 40));
  const next = after?.[1].toLowerCase();
  if (next === 'coast') return 'place';
  if (next && MATERIAL_AFTER.has(next)) return null;
  if (next && (COLOUR_NOUNS.has(next) || COLOUR_SET.has(next))) return 'colour';
  // "ivory and navy", "ivory & sage", "ivory/white": listed with a colour.
  const listed = /^\s*(?:,|and|&|\/)\s*(\p{L}+)/u.exec(text.slice(end, end + 30));
  if (listed && COLOUR_SET.has(listed[1].toLowerCase())) return 'colour';
  const before = text.slice(Math.max(0, start - 60), start).toLowerCase();
  // "blush ivory", "pale ivory"; or a list of colours ("grey, gold and ivory"). Metals are left
  // out of the list: "silver and ivory" is usually two materials.
  if (/\b(?:blush|pale|light|dark|warm|soft|off|antique white)[\s-]+$/.test(before)) return 'colour';
  if (COLOUR_LIST.test(before)) return 'colour';
  // The goods it is the colour of, right before it: "wool rug, ivory", "throw in ivory".
  const goods = /(\p{L}+)(?:\s*,\s*|\s+in\s+)$/u.exec(before);
  if (goods && COLOUR_NOUNS.has(goods[1]) && !COLOUR_SET.has(goods[1])) return 'colour';
  return null;
}
