/**
 * Warms the worker's analysis up before the first page's text arrives. V8 optimises a function
 * only after many calls: on a fresh worker the first few thousand blocks of a page ran with cold
 * matcher, indicator and scoring code, three to five times slower (a large page's first pass took
 * about 0.6 s more than the next). Built-in listing-like texts, varied like real listings (names,
 * misspellings, hashtags, emoji, trade terms, prices, contacts, sale cues, other languages),
 * exercise the same paths. The calls are spread over short turns so a page's batches are not held up.
 */
import type { Matcher } from '../../engine/matcher/matcher';
import type { Analysis } from '../../engine/risk';
import { analyzeLongText } from '../../engine/risk/windows';

const SENTENCES = [
  'For sale: baby Python regius (ball python), captive bred, pyhton regius morphs available.',
  'Price 150 EUR, shipping worldwide.',
  'Real ivory carving, elephant tusk, old stock.',
  'Contact WhatsApp +44 7700 900### or mail seller@example.com.',
  '#ivory #pangolin #reptilesofinstagram 🐍🐘',
  'Se vende loro gris africano (Psittacus erithacus), papeles en regla, envío discreto.',
  'Precio 800 USD, pago por PayPal.',
  'A vendre: tortue Testudo graeca, écailles de tortue, corne de rhinocéros.',
  'Prix sur demande, livraison rapide, DM pour infos.',
  'Cheap shark fin, pangolin scales, tiger bone wine, rhino horn powder.',
  'Buy now, limited stock, t.me/sellerbox, $45 per kg.',
  'Discussion: the museum shows how CITES Appendix I protects Panthera tigris and Loxodonta africana.',
  'Works perfectly, only selling because we are moving.',
  'Price is firm, no offers please.',
  'Small scratch on one side, see photos.',
  'Faux ivory resin chess set, replica of a museum piece.',
  'Manis javnica scales, 1vory bangle, i.v.o.r.y netsuke.',
  'Bán ngà voi giá rẻ, liên hệ zalo 0912345678, ship toàn quốc.',
  '出售象牙手镯，价格私聊，加微信 ivory888，包邮。',
  'Dijual sisik trenggiling, harga murah, hubungi WA 08123456789.',
  'Wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, wa.me/447700900123, instagram.com/ivory.shop',
  'Ships with DHL or EMS; COD available. £276 · emeka_demo · listing 12',
  'Python course for beginners, Jaguar car parts, Tiger Balm.',
  'Looking for Shinisaurus crocodilurus, Astrochelys radiata, Rhinoplax vigil casque. WTB.',
  // The scorer's rarer paths: colours, places and discussion hashtags, negations beside a subject,
  // a negated sale cue, labelled phones, code words, links, a low-confidence name, pattern cues,
  // a text whose lower case is longer ("İ"), phrases with a required gap ("j&t", "paypal.me").
  'Vintage ivory silk scarf, pale ivory colour, #ivoryban #saveelephants #IvoryCoast.',
  'Elephant ivory figurine, croc print bag, faux tortoiseshell comb.',
  'Not for sale, would never sell it. Call 0912 345 ### or tel: +1 202 555 0###.',
  'Cow bone and white plastic beads, golden jade, see https://shop.example.com/item/123 or www.example.org/shop.',
  'Tiger figurine and elephant stamp set, plush panda toy.',
  'Lot 375: ivory netsuke, 20% off this week; HB 5578 would ban the trade.',
  'Ships from İstanbul by J&T Express, pay by Western Union or paypal.me/example.',
];

/** `count` varied texts of one to three sentences each, the same on every run. */
export function warmUpTexts(count: number): string[] {
  const texts: string[] = [];
  let seed = 42;
  // A 32-bit LCG: Math.imul keeps the product exact (a float product past 2^53 lost its low bits,
  // and the texts used three of the sentences); the high bits vary best, so they pick.
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return (seed >>> 16) % n;
  };
  for (let i = 0; i < count; i++) {
    const parts = [`#${i} listing`];
    // "###" takes three digits: numbers differ from text to text, as sellers' numbers do, so the
    // phone parser is warmed up too (its answers are cached per number).
    for (let k = 1 + next(3); k > 0; k--)
      parts.push(SENTENCES[next(SENTENCES.length)].replaceAll('###', () => String(100 + next(900))));
    texts.push(parts.join(next(3) === 0 ? '\n' : ' '));
  }
  return texts;
}

/**
 * Analyses `calls` built-in texts, in turns of about `sliceMs`; returns the time it took. `keep`
 * gets each analysis, so that what the worker does with a page's analyses (turning them into the
 * results it keeps) is warm too: cold, that step alone took ~90 ms on the large bench page, ~35 warm.
 */
export async function warmUp(
  matcher: Matcher,
  calls = 2000,
  turn: <T>(work: () => Promise<T>) => Promise<T> = (w) => w(),
  sliceMs = 10,
  keep: (text: string, analysis: Analysis) => unknown = () => undefined,
): Promise<number> {
  const started = performance.now();
  const texts = warmUpTexts(Math.min(calls, 400));
  let done = 0;
  while (done < calls) {
    await turn(async () => {
      const from = performance.now();
      // At least one text per turn, so the warm-up always ends.
      do {
        const text = texts[done++ % texts.length];
        keep(text, analyzeLongText(text, matcher));
      } while (done < calls && performance.now() - from < sliceMs);
    });
  }
  return performance.now() - started;
}
