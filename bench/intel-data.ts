/**
 * Synthetic captures for the intelligence benchmarks (report, Trends page): varied taxa, sites,
 * days, terms and seller indicators; most phones and handles are the capture's own, the rest come
 * from small shared pools, so cross-posting exists.
 */
import { hashtag, ind, species, term, type FixtureCapture } from '../tests/support/intel-fixture';

const TAXA: [string, string][] = Array.from({ length: 60 }, (_, i) => [
  `Taxon${i} species${i}`,
  ['I', 'II', 'III'][i % 3],
]);
const TERMS = ['ivory', 'horn', 'scales', 'skin', 'pet', 'cb', 'wc', 'baby'];
const CODES = ['white gold', 'plastic', 'bone carving', 'black medicine'];

/** Capture `i` of case file (or case) number `file`, drawn from `r`. */
export function captureAt(r: () => number, file: number, i: number): FixtureCapture {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const [name, listing] = pick(TAXA);
  const unique = `${String(file).padStart(4, '0')}${String(i).padStart(4, '0')}`;
  const phone = r() < 0.8 ? `+4478${unique}` : `+4477009${String(Math.floor(r() * 2000)).padStart(5, '0')}`;
  const handle = r() < 0.7 ? `seller_${unique}` : `shared_${Math.floor(r() * 1000)}`;
  return {
    url: `https://site${Math.floor(r() * 200)}.example/item/${unique}`,
    capturedAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 700) * 86_400_000).toISOString(),
    hits: [
      species(name, listing, r() < 0.3 ? ['misspelling'] : []),
      term(pick(TERMS), 'product'),
      ...(r() < 0.3 ? [term(pick(CODES), 'code', ['code-word'])] : []),
      hashtag(`#${pick(TERMS)}forsale`),
    ],
    indicators: [
      ind.phone(phone),
      ind.messenger('telegram', handle),
      ind.payment(pick(['paypal', 'western-union', 'bank-transfer'])),
      ind.shipping(pick(['dhl', 'fedex', 'ems'])),
      ind.price(Math.round(r() * 2000), pick(['USD', 'EUR'])),
    ],
  };
}
