/**
 * Warms the worker's analysis up before the first page's text arrives: the first batches of a page
 * otherwise run with cold (unoptimised) matcher, indicator and scoring code, several times slower.
 * A small built-in listing text exercises the same paths: names, misspellings, hashtags, trade
 * terms, prices, contacts and sale cues.
 */
import type { Matcher } from '../../src/matcher/matcher';
import { analyzeBlockText } from './analyze-block';

const SAMPLE = [
  'For sale: baby Python regius (ball python), captive bred, pyhton regius morphs available. Price 150 EUR, shipping worldwide.',
  'Real ivory carving, elephant tusk, old stock. Contact WhatsApp +44 7700 900123 or mail seller@example.com. #ivory #pangolin',
  'Se vende loro gris africano (Psittacus erithacus), papeles en regla, envío discreto. Precio 800 USD, pago por PayPal.',
  'A vendre: tortue Testudo graeca, écailles de tortue, corne de rhinocéros. Prix sur demande, livraison rapide, DM pour infos.',
  'Cheap shark fin, pangolin scales, tiger bone wine, rhino horn powder. Buy now, limited stock, t.me/seller, $45 per kg.',
  'Discussion: zoo visit, the museum shows how CITES Appendix I protects Panthera tigris and Loxodonta africana.',
].join('\n\n');

/** Analyses the sample `rounds` times, one round per task so real batches are not held up long. */
export async function warmUp(matcher: Matcher, rounds = 12, turn: <T>(work: () => Promise<T>) => Promise<T> = (w) => w()): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await turn(async () => void analyzeBlockText(SAMPLE, matcher));
  return performance.now() - started;
}
