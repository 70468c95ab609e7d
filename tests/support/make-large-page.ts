/**
 * Builds a large marketplace page (>= 1 MB of HTML, thousands of listings) for live-detection
 * benchmarks. The same seed always gives the same bytes, and the result says how many listings carry
 * each planted mention, so a benchmark can check that the scan was complete, not just fast.
 *
 * CLI: `npx tsx tests/support/make-large-page.ts out.html [--seed 42] [--listings 5000]`
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HitKind, Tactic } from '../../src/engine/matcher/hit';

export interface LargePageOptions {
  /** PRNG seed; default 42. */
  seed?: number;
  /** Listings to write at least; default 5,000. */
  listings?: number;
  /** Keep adding listings until the HTML has at least this many UTF-8 bytes; default 1,100,000. */
  minBytes?: number;
  /** Share of listings that carry a planted mention, 0..1; default 0.15. */
  plantedShare?: number;
}

/** A mention planted in some listings, in the shape of expected.json hits. */
export interface PlantedMention {
  text: string;
  kind: HitKind;
  taxon?: string;
  term?: string;
  tactics?: Tactic[];
}

export interface LargePage {
  html: string;
  bytes: number;
  listings: number;
  /** How many listings carry each planted mention (each listing carries at most one). */
  planted: { mention: PlantedMention; listings: number }[];
  /** Listings with a false-positive trap (Python course, Jaguar car, Tiger Balm, faux ivory). */
  traps: number;
}

export const PLANTED_MENTIONS: PlantedMention[] = [
  { text: 'Python regius', kind: 'species', taxon: 'Python regius' },
  { text: 'Pyhton regius', kind: 'species', taxon: 'Python regius', tactics: ['misspelling'] },
  { text: 'Manis javanica', kind: 'species', taxon: 'Manis javanica' },
  { text: 'Manis javnica', kind: 'species', taxon: 'Manis javanica', tactics: ['misspelling'] },
  { text: 'Psittacus erithacus', kind: 'species', taxon: 'Psittacus erithacus' },
  { text: 'Shinisaurus crocodilurus', kind: 'species', taxon: 'Shinisaurus crocodilurus' },
  { text: 'Astrochelys radiata', kind: 'species', taxon: 'Astrochelys radiata' },
  { text: 'Rhinoplax vigil', kind: 'species', taxon: 'Rhinoplax vigil' },
  { text: 'ivory', kind: 'trade-term', term: 'ivory' },
  { text: '1vory', kind: 'trade-term', term: 'ivory', tactics: ['leetspeak'] },
  { text: 'i.v.o.r.y', kind: 'trade-term', term: 'ivory', tactics: ['split-letters'] },
  { text: 'pangolin scales', kind: 'trade-term', term: 'pangolin scales' },
  { text: 'p4ngolin scales', kind: 'trade-term', term: 'pangolin scales', tactics: ['leetspeak'] },
  { text: 'rhino horn', kind: 'trade-term', term: 'rhino horn' },
  { text: 'tiger bone', kind: 'trade-term', term: 'tiger bone' },
  { text: 'cow bone', kind: 'trade-term', term: 'cow bone', tactics: ['code-word'] },
  { text: 'agarwood', kind: 'trade-term', term: 'agarwood' },
  { text: '#ivoryforsale', kind: 'hashtag', tactics: ['hashtag'] },
  { text: '#pangolinscales', kind: 'hashtag', tactics: ['hashtag'] },
];

const TRAPS = [
  'Python programming course, 12 video lessons, certificate included',
  'Jaguar XE saloon, full service history, one owner',
  'Tiger Balm red ointment, pack of three',
  'Faux ivory resin chess set, replica of a museum piece',
];

const ADJECTIVES = [
  'vintage',
  'modern',
  'handmade',
  'compact',
  'sturdy',
  'lightweight',
  'classic',
  'spacious',
  'quiet',
  'bright',
];
const PRODUCTS = [
  'bookshelf',
  'desk lamp',
  'road bike',
  'coffee grinder',
  'garden bench',
  'terrarium',
  'rice cooker',
  'camping tent',
  'guitar amp',
  'office chair',
  'fish tank',
  'bird cage',
];
const SENTENCES = [
  'Used for two years and kept indoors.',
  'Small scratch on one side, see photos.',
  'Collection from the town centre or local delivery for a fee.',
  'Comes with the original box and manual.',
  'Smoke-free and pet-free home.',
  'Price is firm, no offers please.',
  'Works perfectly, only selling because we are moving.',
  'Can send more photos on request.',
];
const SELLERS = [
  'anna_demo',
  'ben_demo',
  'chloe_demo',
  'dev_demo',
  'emeka_demo',
  'farah_demo',
  'goran_demo',
  'hana_demo',
];

/** Mulberry32: a small, fast, seedable PRNG (the same seed gives the same sequence everywhere). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Builds the page; deterministic for a given set of options. */
export function makeLargePage(options: LargePageOptions = {}): LargePage {
  const { seed = 42, listings: wanted = 5000, minBytes = 1_100_000, plantedShare = 0.15 } = options;
  if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`listings must be a positive integer, got ${wanted}`);
  if (!(plantedShare >= 0 && plantedShare <= 1))
    throw new Error(`plantedShare must be within 0..1, got ${plantedShare}`);
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const encoder = new TextEncoder();
  const counts = new Map<PlantedMention, number>(PLANTED_MENTIONS.map((m) => [m, 0]));
  let traps = 0;

  const head =
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<title>BigBazaar — ${wanted} listings (benchmark fixture, seed ${seed})</title>\n` +
    '<meta name="description" content="Large generated marketplace page for Wildtrace benchmarks.">\n' +
    '<link rel="stylesheet" href="fixtures.css">\n</head>\n<body>\n' +
    '<header>BigBazaar (bigbazaar.example) — generated benchmark page</header>\n<main id="listings">\n';
  const tail = '</main>\n</body>\n</html>\n';
  const chunks: string[] = [head];
  let bytes = encoder.encode(head).length + encoder.encode(tail).length;
  let count = 0;

  while (count < wanted || bytes < minBytes) {
    count += 1;
    const title = `${pick(ADJECTIVES)} ${pick(PRODUCTS)}`;
    const body = [pick(SENTENCES), pick(SENTENCES), pick(SENTENCES)];
    const roll = random();
    if (roll < plantedShare) {
      const mention = pick(PLANTED_MENTIONS);
      counts.set(mention, (counts.get(mention) ?? 0) + 1);
      body.splice(1, 0, `Also selling ${mention.text}, message me for details.`);
    } else if (roll < plantedShare + 0.03) {
      traps += 1;
      body.splice(1, 0, pick(TRAPS) + '.');
    }
    const price = (5 + Math.floor(random() * 995)).toString();
    const chunk =
      `<article class="listing" id="l${count}"><h2>#${count} ${escapeHtml(title)}</h2>` +
      `<p>${escapeHtml(body.join(' '))}</p>` +
      `<p class="muted"><span class="price">£${price}</span> · ${pick(SELLERS)} · listing ${count}</p></article>\n`;
    chunks.push(chunk);
    bytes += encoder.encode(chunk).length;
  }
  chunks.push(tail);
  return {
    html: chunks.join(''),
    bytes,
    listings: count,
    planted: PLANTED_MENTIONS.map((mention) => ({ mention, listings: counts.get(mention) ?? 0 })),
    traps,
  };
}

/** CLI entry: writes the page to a file and prints a one-line summary. */
async function cli(argv: string[]): Promise<number> {
  const { parseArgs } = await import('node:util');
  const { writeFileSync } = await import('node:fs');
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { seed: { type: 'string' }, listings: { type: 'string' } },
    });
  } catch (error) {
    console.error(`make-large-page: ${(error as Error).message}`);
    return 2;
  }
  const [out] = parsed.positionals;
  if (!out) {
    console.error('Usage: make-large-page.ts <out.html> [--seed N] [--listings N]');
    return 2;
  }
  const seed = parsed.values.seed === undefined ? undefined : Number(parsed.values.seed);
  const listings = parsed.values.listings === undefined ? undefined : Number(parsed.values.listings);
  if ((seed !== undefined && !Number.isInteger(seed)) || (listings !== undefined && !Number.isInteger(listings))) {
    console.error('make-large-page: --seed and --listings take integers');
    return 2;
  }
  const page = makeLargePage({ seed, listings });
  writeFileSync(out, page.html);
  const planted = page.planted.reduce((n, p) => n + p.listings, 0);
  console.log(
    `${out}: ${page.bytes} bytes, ${page.listings} listings, ${planted} with planted mentions, ${page.traps} traps`,
  );
  return 0;
}

const invokedDirectly = Boolean(process.argv[1]) && pathToFileURL(resolve(process.argv[1])).href === import.meta.url;
if (invokedDirectly)
  cli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
