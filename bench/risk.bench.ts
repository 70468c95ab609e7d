/**
 * `npm run bench` section for the risk engine: throughput of indicator extraction, the context
 * vocabulary and scoring on ~1 MB of listing-like text, beside a floor (lower-case the text and
 * walk its words) measured in the same run; then the evaluation summary (`npm run eval`).
 */
import { extractIndicators } from '../src/engine/indicators';
import { findContextCues, scoreText } from '../src/engine/risk';
import type { Hit } from '../src/engine/matcher/hit';
import { createHitSource, formatEvaluation, loadEvalSets, runEvaluation } from './eval';

// Fictitious listing lines: reserved numbers, example.com, spec-vector addresses.
const LINES = [
  'Carved ivory bangle for sale, $250 or best offer. WhatsApp +1 202 555 0143, ship DHL worldwide.',
  'Vintage ivory silk scarf, pale ivory colour, free shipping, PayPal accepted.',
  'Report: customs seized 300 kg of pangolin scales; the ban on the trade is enforced by rangers.',
  'Ball python hatchlings CB 2024, 1.500 €, contact seller@example.com or t.me/example_shop.',
  '象牙手镯出售 价格 ¥300元 加微信：abcdef123 顺丰包邮',
  'Bán vòng ngà voi giá 2 triệu, liên hệ Zalo: 0912 345 678, ship COD toàn quốc.',
  'Jual gelang gading, harga Rp 2.000.000, transfer bank, kirim JNE. instagram.com/example.shop',
  'Pay in BTC 1111111111111111111114oLvT2 or bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 only.',
  'Faux ivory resin figurine, replica of an antique netsuke, £12.',
  'Elephants were seen near the river this morning; the park reopens on Monday at 10 am.',
];

// Ordinary page prose: few indicators, as on most pages an officer opens.
const PROSE = [
  'The museum reopened its natural history wing on Saturday, with new galleries on African savannah mammals.',
  'Volunteers counted birds along the river; the annual report will be published in the spring newsletter.',
  'Our shop is closed on public holidays. Opening hours and directions are on the contact page.',
  'A review of the new phone: the battery lasts two days, the camera is good in daylight and weak at night.',
];

function corpus(targetChars: number, lines = LINES): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < targetChars; i++) {
    const line = `${lines[i % lines.length]} #${i}`;
    parts.push(line);
    n += line.length + 1;
  }
  return parts.join('\n');
}

/** Hand-built hits for every "ivory" so scoring is measured without the matcher. */
function ivoryHits(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(/ivory|象牙|ngà voi|gading|pangolin scales|ball python/gi)) {
    out.push({
      start: m.index!,
      end: m.index! + m[0].length,
      text: m[0],
      term: m[0].toLowerCase(),
      kind: 'trade-term',
      termKind: 'product',
      tactics: [],
      editDistance: 0,
      confidence: 1,
    });
  }
  return out;
}

function time(label: string, run: () => unknown, chars: number): { label: string; ms: number; mcps: number } {
  run(); // warm-up
  const rounds = 3;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) run();
  const ms = (performance.now() - started) / rounds;
  return { label, ms, mcps: chars / ms / 1000 };
}

async function main() {
  const text = corpus(1_000_000);
  const prose = corpus(1_000_000, PROSE);
  const blocks = text.split('\n');
  const blockHits = blocks.map(ivoryHits);
  const blockIndicators = blocks.map((b) => extractIndicators(b));
  const source = await createHitSource();
  const rows: { label: string; ms: number; mcps: number }[] = [
    time(
      'floor: lower-case + walk words',
      () => {
        let words = 0;
        for (const _ of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) words++;
        return words;
      },
      text.length,
    ),
    time('extractIndicators (whole text)', () => extractIndicators(text), text.length),
    time('extractIndicators (per block)', () => blocks.map((b) => extractIndicators(b)), text.length),
    time('extractIndicators (ordinary prose)', () => extractIndicators(prose), prose.length),
    time('findContextCues (whole text)', () => findContextCues(text), text.length),
    time(
      'scoreText per block (hits given)',
      () => blocks.map((b, i) => scoreText(b, blockHits[i], blockIndicators[i])),
      text.length,
    ),
    time(
      'matcher per block',
      () => blocks.map((b) => (typeof source === 'function' ? source(b) : source.match(b))),
      text.length,
    ),
  ];
  const floor = rows[0].mcps;
  console.log(
    `Risk engine on ${(text.length / 1e6).toFixed(2)} M chars of listing lines (an indicator every ~60 chars) ` +
      `in ${blocks.length} blocks,`,
  );
  console.log('and on 1 M chars of ordinary prose; mean of 3 runs after a warm-up, all in this run\n');
  console.log('step                                     ms      M chars/s   x floor');
  for (const r of rows)
    console.log(
      `${r.label.padEnd(38)} ${r.ms.toFixed(1).padStart(8)}  ${r.mcps.toFixed(2).padStart(9)}   ` +
        `${(r.mcps / floor).toFixed(3)}`,
    );

  const { sets, missing } = loadEvalSets();
  for (const file of missing) console.log(`\neval: skipped ${file}: not present`);
  if (sets.length) console.log(`\n${formatEvaluation(runEvaluation(sets, source))}`);
}

await main();
