/**
 * Writes the ordinary (non-wildlife-offer) texts that `npm run eval` mixes with each labelled set's
 * positives to reach a patrol's base rate: marketplace listings of everyday goods, and news-like,
 * blog and encyclopedia pages, some about the wildlife trade (discussion, not offers). Written from
 * templates with a seeded generator, so the files are the same on every run:
 *
 *   npx tsx bench/data/generate-ordinary.ts     -> bench/data/ordinary-listings.jsonl, articles.jsonl
 *
 * Every row: {id, group, text}; `group` is the seller or site, so one seller's near-duplicates
 * never sit on both sides of a split. No row is a wildlife offer (label 0). Some listings use words
 * that are also wildlife names or materials in their everyday sense (colours, patterns, cars, a
 * programming language, "ready to ship"): ordinary marketplaces are full of them.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Mulberry32: a small seeded generator (the files must not change between runs). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = rng(20240517);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const ITEMS: readonly string[] = [
  'ivory white wedding dress, size 10, worn once',
  'ivory lace bridal veil, cathedral length',
  'chunky knit throw in ivory, 100% merino',
  'fabric sofa, 3 seater, ivory linen, pet free home',
  'crochet baby blanket, ivory and sage',
  'Farrow & Ball paint, ivory, 2.5 L, half used',
  'ivory satin bridesmaid shoes, size 6',
  'tortoiseshell glasses frames, Ray-Ban, barely used',
  'tortoiseshell hair claw clips, set of 4',
  'tortoiseshell sunglasses with case',
  'snakeskin print ankle boots, size 39',
  'snakeskin print midi skirt, Zara, M',
  'crocodile-embossed leather handbag, black',
  'croc-embossed faux leather belt',
  'leopard print coat, faux fur, size 12',
  'leopard print scarf, silk feel',
  'leopard gecko vivarium 60x45x30 with heat mat (no animal)',
  'Jaguar XF 2.0d 2016, full service history, 78k miles',
  'Jaguar F-Pace wheels 20 inch, set of four',
  'Learning Python, 5th edition, O\u2019Reilly, good condition',
  'Python Crash Course book, like new',
  'Black Market Trading: a thriller, paperback',
  'Tiger Balm red, 30 g, sealed',
  'Puma running shoes, size 9, black',
  'Mustang 2015 GT, manual, low miles',
  'Eagle Creek packing cubes, set of 3',
  'Dove soap bar multipack',
  'Crane Cams lifters, new in box',
  'Falcon tube rack, 50 ml',
  'Stingray bass guitar, sunburst',
  'Cobra golf driver, 10.5 degree',
  'Rhino Linings truck bed liner kit',
  'Bull bar for pickup, powder coated',
  'coral bedding set, double',
  'turtle neck jumper, cashmere blend, cream',
  'shark vacuum cleaner, cordless',
  'elephant grey cushion covers x2',
  'horn-rimmed reading glasses +1.5',
  'bone china tea set, 12 pieces',
  'rattan garden chairs, pair',
  'oak dining table, seats six',
  'iPhone 12 64 GB, unlocked, small scratch',
  'kids bike 16 inch, blue, stabilisers included',
  'Lego Star Wars Millennium Falcon 75257, complete',
  'Nespresso machine, descaled, with 20 pods',
  'standing desk, electric, 140 cm',
  'winter tyres 205/55 R16, 6 mm tread',
  'acoustic guitar, Yamaha F310, with bag',
  'baby car seat, ISOFIX base',
  'mountain bike, 29er, hydraulic brakes',
  'vintage record player, works',
  'air fryer 5.5 L, used twice',
  'handmade soy candles, lavender',
  'gaming chair, black and red',
  'camping tent, 4 person, used on two trips',
  'silver hoop earrings, sterling 925',
  'cast iron skillet, 26 cm, seasoned',
  'dog crate, large, folding',
  'hand-carved oak bowl, 30 cm',
  'carved wooden elephant bookends, fair trade',
  'mammoth sized beanbag, grey',
  'white gold pendant with pearl',
  'antique pine chest of drawers',
  'porcelain figurine of a shepherdess, 1950s',
  'wool rug, ivory and navy, 160x230',
];

const SALE = ['For sale', 'Selling', 'FS:', 'Available now', 'Brand new', 'Used', 'Clearance', ''];
const CTA = [
  'Ready to ship.',
  'Can ship next day.',
  'Ships within 24 h.',
  'Collection only.',
  'DM me if interested.',
  'Message me on WhatsApp +44 7700 900{n}.',
  'Order at https://shop.example.com/item/{n}',
  'Check the link in bio.',
  'Available in my shop.',
  'Free delivery over \u00a350.',
  'PayPal or bank transfer.',
  'No offers, no time wasters.',
  'Price is firm.',
  'Discount for quick sale.',
];
const PRICES = ['\u00a3{p}', '${p}', '\u20ac{p}', '{p} EUR', 'USD {p}', '{p} ono'];
const PLACES = ['Leeds', 'Austin, TX', 'Lyon', 'Melbourne', 'Toronto', 'Manchester', 'Denver', 'Cork'];

function listing(n: number): string {
  const price = pick(PRICES).replace('{p}', String(int(3, 900)));
  const parts = [pick(SALE), pick(ITEMS)];
  if (chance(0.85)) parts.push(price);
  if (chance(0.5)) parts.push(`Located in ${pick(PLACES)}.`);
  parts.push(pick(CTA).replace('{n}', String(100 + (n % 900))));
  if (chance(0.4)) parts.push(pick(CTA).replace('{n}', String(100 + (n % 900))));
  if (chance(0.2)) parts.push(`@${pick(['tortoise_tom', 'tiger_lily_shop', 'pandabuys', 'fox_vintage', 'owl_books'])}`);
  return parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
}

/** Articles: headline, byline, dateline, paragraphs; some with menus and ads around them. */
const MENU = 'Home | News | Sport | Business | Shop | Subscribe for $1 a week | Sign in';
const ADS = [
  'Advertisement: Summer sale, up to 50% discount on garden furniture. Shop now.',
  'Sponsored: Best price on home insurance, compare quotes today.',
  'Deals: This best-selling air fryer is available for $59.99 today only.',
];
const OUTLETS = [
  'The Daily Courier',
  'Coast News',
  'Metro Herald',
  'Regional Times',
  'Wildlife Watch Blog',
  'The Ledger',
];
const REPORTERS = ['Jane Okafor', 'Luis Moreno', 'Anna Schmidt', 'Tran Minh', 'Priya Nair', 'Tom Becker'];
const CITIES = ['NAIROBI, Kenya', 'HANOI, Vietnam', 'BANGKOK', 'LAGOS, Nigeria', 'JAKARTA', 'HONG KONG', 'LONDON'];

const TRADE_STORIES: readonly string[][] = [
  [
    'Customs officers seized 3.2 tonnes of elephant ivory hidden in a container declared as timber.',
    'Officials said the tusks would have sold for about $2.4 million on the black market.',
    'The seller, a trading company registered last year, is under investigation, the agency said.',
    'Conservation groups welcomed the seizure and called for a total ban on the domestic ivory trade.',
  ],
  [
    'Police arrested two men accused of smuggling pangolin scales through the airport.',
    'The scales, packed in 14 suitcases, were available to buyers who contacted the suspects online.',
    'Pangolins are the most trafficked mammals in the world, according to conservation researchers.',
    'The men face up to ten years in prison if convicted.',
  ],
  [
    'A report published on Tuesday found hundreds of listings for rhino horn and tiger bone on social media.',
    'Researchers said sellers often use code words and move buyers to private messaging apps.',
    'Prices for rhino horn were quoted at up to $60,000 per kilogram, the report said.',
    'The platforms said they removed the accounts after being notified.',
  ],
  [
    'Auction houses in the city will no longer sell items containing elephant ivory, the council decided.',
    'Antique dealers argued that pre-ban pieces with a certificate should be exempt.',
    'Campaigners say legal sales of antique ivory provide cover for newly poached tusks.',
    'The new rules take effect in January, with fines of up to \u00a3250,000.',
  ],
  [
    'Rangers rescued 40 tortoises from a truck near the border on Saturday.',
    'The radiated tortoises, a protected species, were destined for the pet trade, officials said.',
    'A wildlife sanctuary is caring for the animals until they can be returned to the wild.',
    'Officials did not say how much the animals would have sold for.',
  ],
];
const OTHER_STORIES: readonly string[][] = [
  [
    'A juvenile humpback whale stranded on the beach at dawn was refloated by volunteers on Sunday.',
    'Marine biologists said the whale appeared healthy and swam out to sea with the tide.',
    'Residents were asked to keep their distance while rescuers worked.',
  ],
  [
    'The town council approved a new budget of $4.5 million for road repairs and the public library.',
    'The library will open a maker space with 3D printers available to residents free of charge.',
    'A public meeting on the plans is scheduled for next Thursday at 7 pm.',
  ],
  [
    'Madagascar is an island country in the Indian Ocean, off the coast of East Africa.',
    'Its economy relies on agriculture, notably vanilla, cloves and coffee, and on tourism.',
    'The island is home to many species found nowhere else, including lemurs and chameleons.',
    'The capital and largest city is Antananarivo.',
  ],
  [
    'Shares of the carmaker rose 4% after it reported record sales of electric models.',
    'Analysts said the discount on older models helped clear inventory before the new year.',
    'The company expects deliveries to grow by a fifth next year.',
  ],
  [
    'The new version of the programming language adds pattern matching and faster startup.',
    'Developers can download it from the official website; packages are available for most systems.',
    'Python remains one of the most popular languages for data science, a survey found.',
  ],
  [
    'Local zoo welcomes a pair of snow leopard cubs, the first born there in a decade.',
    'Visitors will be able to see the cubs from next month, the zoo said.',
    'Snow leopards are listed as vulnerable; the zoo takes part in a breeding programme.',
  ],
];

function article(n: number, story: readonly string[], trade: boolean): string {
  const outlet = pick(OUTLETS);
  const lines: string[] = [];
  if (chance(0.7)) lines.push(MENU);
  lines.push(story[0].split(' ').slice(0, 9).join(' '));
  lines.push(`By ${pick(REPORTERS)}, ${outlet}`);
  lines.push(
    `Published ${int(1, 28)} ${pick(['March', 'June', 'October'])} 202${int(0, 4)}, ${int(7, 21)}:0${int(0, 9)} GMT`,
  );
  const paragraphs = [...story];
  const first = `${pick(CITIES)} (${outlet}) \u2014 ${paragraphs.shift()}`;
  lines.push('', first);
  for (const p of paragraphs) {
    lines.push('', p);
    if (chance(0.25)) lines.push('', pick(ADS));
  }
  if (trade && chance(0.5)) lines.push('', 'Read more: How online marketplaces fight wildlife trafficking');
  if (chance(0.6))
    lines.push('', `\u00a9 ${outlet} ${2020 + (n % 5)}. All rights reserved. Contact us: news@example.org`);
  return lines.join('\n');
}

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const listings: string[] = [];
  for (let n = 0; n < 1500; n++) {
    const row = { id: `listing-${n}`, group: `seller:${n % 300}`, text: listing(n) };
    listings.push(JSON.stringify(row));
  }
  writeFileSync(resolve(here, 'ordinary-listings.jsonl'), `${listings.join('\n')}\n`);
  const articles: string[] = [];
  for (let n = 0; n < 120; n++) {
    const trade = n % 2 === 0;
    const k = n >> 1;
    const story = trade ? TRADE_STORIES[k % TRADE_STORIES.length] : OTHER_STORIES[k % OTHER_STORIES.length];
    // Grouped by story: the same story told by several outlets is one near-duplicate group.
    const group = `story:${trade ? 'trade' : 'other'}-${k % (trade ? TRADE_STORIES.length : OTHER_STORIES.length)}`;
    const text = article(n, story, trade);
    articles.push(JSON.stringify({ id: `article-${n}`, group, topic: trade ? 'wildlife-trade' : 'other', text }));
  }
  writeFileSync(resolve(here, 'articles.jsonl'), `${articles.join('\n')}\n`);
  console.log(`wrote ${listings.length} listings, ${articles.length} articles`);
}

main();
