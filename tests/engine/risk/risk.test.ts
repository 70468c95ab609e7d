/**
 * Risk scoring: each signal's effect on the score, the negations, caps, the verdict and blocks.
 * Hits are built by hand (the matcher's Hit shape) so these tests do not depend on the lexicon.
 */
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../../src/engine/indicators';
import type { Hit, Tactic, TermKind } from '../../../src/engine/matcher/hit';
import { findContextCues } from '../../../src/engine/risk/cues';
import { MODEL } from '../../../src/engine/risk/model';
import {
  analyzeBlocks,
  analyzeText,
  DEFAULT_WEIGHTS,
  resolveWeights,
  scoreBlocks,
  scoreText,
  type RiskScore,
  type SignalKind,
} from '../../../src/engine/risk';

const W = DEFAULT_WEIGHTS;

/** A trade-term hit for every occurrence of `term` (case-insensitive) in `text`. */
function term(text: string, word: string, termKind: TermKind, extra: Partial<Hit> = {}): Hit[] {
  const out: Hit[] = [];
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(word.toLowerCase()); at >= 0; at = lower.indexOf(word.toLowerCase(), at + 1)) {
    out.push({
      start: at,
      end: at + word.length,
      text: text.slice(at, at + word.length),
      term: word.toLowerCase(),
      kind: 'trade-term',
      termKind,
      tactics: [],
      editDistance: 0,
      confidence: 1,
      ...extra,
    });
  }
  return out;
}

/** A species hit at the first occurrence of `written`, resolving to `name` with `listing`. */
function species(
  text: string,
  written: string,
  name: string,
  listing: string,
  tactics: Tactic[] = [],
  confidence = 1,
): Hit {
  const at = text.indexOf(written);
  if (at < 0) throw new Error(`"${written}" not in "${text}"`);
  return {
    start: at,
    end: at + written.length,
    text: written,
    term: name,
    kind: 'species',
    taxon: { taxonId: name.length * 7919, name, rank: 'SPECIES', listing },
    tactics,
    editDistance: tactics.includes('misspelling') ? 1 : 0,
    confidence,
  };
}

function score(text: string, hits: Hit[], options = {}): RiskScore {
  return scoreText(text, hits, extractIndicators(text), options);
}
const kinds = (r: RiskScore) => r.signals.filter((s) => s.weight !== 0).map((s) => s.kind);
/** The domain rules' points of a result: the fitted model's input, before it makes them a probability. */
const points = (r: RiskScore) => Math.round(r.signals.reduce((t, s) => t + s.weight, 0) * 10) / 10;
const weightOf = (r: RiskScore, kind: SignalKind) =>
  r.signals.filter((s) => s.kind === kind).reduce((t, s) => t + s.weight, 0);

describe('subjects', () => {
  it.each([
    ['I', W.taxon.I],
    ['I/II', W.taxon.I],
    ['II', W.taxon.II],
    ['II/NC', W.taxon.II],
    ['III', W.taxon.III],
    ['', W.taxon.other],
  ])('a taxon listed in Appendix %j weighs %i', (listing, weight) => {
    const text = 'Testudo exampleana seen today';
    const r = score(text, [species(text, 'Testudo exampleana', 'Testudo exampleana', listing)]);
    expect(points(r)).toBe(weight);
    expect(r.hasSubject).toBe(true);
  });
  it('orders Appendix I > II > III', () => {
    expect(W.taxon.I).toBeGreaterThan(W.taxon.II);
    expect(W.taxon.II).toBeGreaterThan(W.taxon.III);
  });
  it('a product word is a subject', () => {
    const text = 'an ivory piece';
    expect(kinds(score(text, term(text, 'ivory', 'product')))).toContain('product');
  });
  it('counts a repeated subject once and a further distinct subject a little', () => {
    const text = 'ivory ivory and rhino horn';
    const r = score(text, [...term(text, 'ivory', 'product'), ...term(text, 'rhino horn', 'product')]);
    expect(points(r)).toBe(W.product + W.extraSubject);
  });
  it.each([
    [1, W.taxon.II],
    [W.fullConfidence, W.taxon.II],
    [W.fullConfidence / 2, W.taxon.II / 2],
    [W.minConfidence / 2, 0],
  ])(
    'a hit at confidence %d counts %d (full from fullConfidence, none under minConfidence)',
    (confidence, expected) => {
      const text = 'Python regius here';
      expect(points(score(text, [species(text, 'Python regius', 'Python regius', 'II', [], confidence)]))).toBe(
        expected,
      );
    },
  );
  it('a species name alone never reaches the verdict', () => {
    const text = 'Loxodonta africana';
    const r = score(text, [species(text, text, text, 'I')]);
    expect(r.score).toBeLessThan(W.threshold);
    expect(r.saleOffer).toBe(false);
  });
});

describe('commerce signals', () => {
  const base = 'Carved ivory bangle';
  it.each([
    ['sale cue', `${base} for sale`, 'sale-cue'],
    ['price', `${base} $250`, 'price'],
    ['phone', `${base}, call +1 202 555 0143`, 'contact'],
    ['messenger', `${base}, t.me/example_shop`, 'contact'],
    ['e-mail', `${base}, seller@example.com`, 'contact'],
    ['payment', `${base}, PayPal`, 'payment'],
    ['shipping', `${base}, DHL`, 'shipping'],
    ['buy cue', `Wanted: ${base}`, 'buy-cue'],
    ['contact cue', `${base}, contact me`, 'contact-cue'],
    ['zh sale cue', `象牙手镯出售`, 'sale-cue'],
    ['vi sale cue', `vòng ngà voi cần bán`, 'sale-cue'],
    ['id sale cue', `gelang gading dijual`, 'sale-cue'],
    ['es sale cue', `pulsera de marfil se vende`, 'sale-cue'],
  ])('%s raises the score', (_label, text, kind) => {
    const subjectWord = ['ivory', '象牙', 'ngà voi', 'gading', 'marfil'].find((s) => text.includes(s))!;
    const hits = term(text, subjectWord, 'product');
    const without = scoreText(text, hits, []).score;
    const r = score(text, hits);
    expect(kinds(r)).toContain(kind);
    expect(r.hasCommerce).toBe(true);
    if (kind !== 'sale-cue' && kind !== 'buy-cue' && kind !== 'contact-cue') expect(r.score).toBeGreaterThan(without);
  });
  it('a product with a sale cue is a sale offer; without a cue it is not', () => {
    const offer = 'ivory carving for sale';
    expect(score(offer, term(offer, 'ivory', 'product')).saleOffer).toBe(true);
    const mention = 'an ivory carving in the museum';
    expect(score(mention, term(mention, 'ivory', 'product')).saleOffer).toBe(false);
  });
  it('caps each group: ten prices count like two', () => {
    const text = `ivory ${Array.from({ length: 10 }, (_, i) => `$${100 + i}`).join(' ')}`;
    const r = score(text, term(text, 'ivory', 'product'));
    expect(weightOf(r, 'price')).toBe(W.caps.price);
    expect(r.signals.filter((s) => s.kind === 'price' && s.weight === 0).length).toBeGreaterThan(0);
  });
  it('caps the score at noSubjectCap without a wildlife subject, and says so', () => {
    const text = 'For sale $250, PayPal, DHL, call +1 202 555 0143, contact me';
    const r = score(text, []);
    expect(r.score).toBeLessThanOrEqual(W.noSubjectCap);
    expect(r.saleOffer).toBe(false);
    const lots = score(text, [], { model: { ...MODEL, intercept: 5 } });
    expect(lots.score).toBe(W.noSubjectCap);
    expect(lots.note).toMatch(/no wildlife subject/);
    expect(r.saleOffer).toBe(false);
  });
  it('takes sale cues from the matcher too, counting an overlapping context cue once', () => {
    const text = 'ivory for sale';
    const hits = [...term(text, 'ivory', 'product'), ...term(text, 'for sale', 'sale-cue')];
    expect(score(text, hits).signals.filter((s) => s.kind === 'sale-cue')).toHaveLength(1);
  });
});

describe('code words and evasions', () => {
  it('a code word alone adds nothing and says why', () => {
    const text = 'white and black';
    const r = score(text, [...term(text, 'white', 'code'), ...term(text, 'black', 'code')]);
    expect(r.score).toBe(0);
    expect(r.signals.every((s) => s.kind === 'code-word' && s.note?.includes('no stronger signal'))).toBe(true);
  });
  it('a code word counts next to a sale cue', () => {
    const text = 'white material for sale, DM for price';
    const withCode = score(text, term(text, 'white', 'code'));
    expect(weightOf(withCode, 'code-word')).toBe(W.codeWord);
  });
  it.each<[Tactic, boolean]>([
    ['misspelling', true],
    ['leetspeak', true],
    ['split-letters', true],
    ['homoglyph', true],
    ['hashtag', false],
    ['accents', false],
    ['abbreviated-genus', false],
  ])('tactic %s counts as evasion: %s', (tactic, counts) => {
    const text = 'Manis javnica scales';
    const r = score(text, [species(text, 'Manis javnica', 'Manis javanica', 'I', [tactic])]);
    expect(weightOf(r, 'evasion')).toBe(counts ? W.evasion : 0);
  });
});

describe('negations', () => {
  it.each([
    ['faux', 'Faux ivory bangle for sale $20'],
    ['replica', 'Ivory tusk replica for sale $20'],
    ['resin', 'resin ivory carving for sale $20'],
    ['celluloid', 'French ivory celluloid comb for sale $20'],
    ['"French ivory" (a celluloid trade name)', 'French Ivory dresser set for sale $20'],
    ['print (adjacent)', 'ivory print scarf for sale $20'],
  ])('%s cancels the ivory subject', (_label, text) => {
    const r = score(text, term(text, 'ivory', 'product'));
    expect(r.hasSubject).toBe(false);
    expect(r.saleOffer).toBe(false);
    expect(r.score).toBeLessThanOrEqual(W.noSubjectCap);
    expect(
      r.signals.some((s) => s.kind === 'imitation' && s.weight < 0) || r.signals.some((s) => s.kind === 'colour'),
    ).toBe(true);
  });
  it('a far-away "print" does not cancel the subject', () => {
    const text = 'Carved ivory netsuke for sale $250. Also available: a large print of a landscape painting';
    expect(score(text, term(text, 'ivory', 'product')).saleOffer).toBe(true);
  });
  it.each([
    ['stamp', 'MALAWI stamp, Loxodonta africana, 1975, for sale $2'],
    ['figurine', 'Porcelain Loxodonta africana figurine for sale $12'],
    ['plush', 'Loxodonta africana plush for sale $12'],
    ['a Stanley Gibbons number', 'MALAWI 1975 Loxodonta africana (SG 481) for sale $2'],
    ['a Scott number', 'Loxodonta africana 10c Scott #1234 for sale $2'],
    ['a Yvert et Tellier number', 'Loxodonta africana [YT899] for sale $2'],
    ['an ISBN', 'Loxodonta africana: natural history and care 978-1-938850-42-4 for sale $20'],
    ['a toy maker', 'Schleich Loxodonta africana calf for sale $12'],
    ['a philatelic grade', 'UGANDA 1995 Loxodonta africana 100/- - FINE USED 100SH for sale $2'],
    [
      'an ISBN far along the same line',
      'Loxodonta africana: the complete guide to natural history, breeding and care 9781938850424 for sale $20',
    ],
  ])('depiction "%s" cancels an animal name', (_label, text) => {
    const r = score(text, [species(text, 'Loxodonta africana', 'Loxodonta africana', 'I')]);
    expect(r.hasSubject).toBe(false);
    expect(r.saleOffer).toBe(false);
    expect(weightOf(r, 'depiction')).toBeLessThan(0);
  });
  it('an ISBN on another line, or far away, says nothing of the animal', () => {
    for (const text of [
      'Loxodonta africana tusk for sale $2000\nAlso: a field guide, 9781938850424',
      `Loxodonta africana tusk for sale $2000. ${'x'.repeat(150)} 9781938850424`,
    ]) {
      expect(score(text, [species(text, 'Loxodonta africana', 'Loxodonta africana', 'I')]).saleOffer).toBe(true);
    }
  });
  it('letters and digits that only look like a catalogue number are no stamp', () => {
    const text = 'Loxodonta africana tusk, SGD 450, Scottish buyer, ref 9781234, for sale $2000';
    expect(weightOf(score(text, [species(text, 'Loxodonta africana', 'Loxodonta africana', 'I')]), 'depiction')).toBe(
      0,
    );
  });
  it('a depiction word does not cancel a material: an ivory figurine is ivory', () => {
    const text = 'Mammoth ivory figurine for sale $250';
    expect(score(text, term(text, 'mammoth ivory', 'product')).saleOffer).toBe(true);
  });
  it.each([
    ['ivory silk quilt for sale $80'],
    ['Vintage Ivory Bakelite Telephone for sale $80'],
    ['Distressed grey, gold and ivory finish, for sale $80'],
    ['Pale ivory cardigan, for sale $80'],
    ['War mask from Ivory Coast for sale $80'],
  ])('ivory as a colour or place is not a subject: %j', (text) => {
    const r = score(text, term(text, 'ivory', 'product'));
    expect(r.hasSubject).toBe(false);
    expect(r.saleOffer).toBe(false);
  });
  it.each([
    ['carved in ivory, for sale $80'],
    ['ivory and silver tankard, for sale $80'],
    ['silver and ivory knives for sale $80'],
  ])('ivory as a material stays a subject: %j', (text) => {
    expect(score(text, term(text, 'ivory', 'product')).saleOffer).toBe(true);
  });
  it.each([['none of us would buy ivory carvings'], ['it is illegal to sell ivory bangles'], ['we never sell ivory']])(
    'a negated sale cue does not count: %j',
    (text) => {
      const r = score(text, term(text, 'ivory', 'product'));
      expect(r.signals.find((s) => s.kind === 'sale-cue')).toMatchObject({
        weight: 0,
        note: expect.stringContaining('negated'),
      });
      expect(r.saleOffer).toBe(false);
    },
  );
  it('a bill number marks legislative discussion', () => {
    const text = 'Carved ivory fan, banned if HB 5578 passes';
    expect(
      score(text, term(text, 'ivory', 'product'))
        .signals.filter((s) => s.kind === 'discussion')
        .map((s) => s.text),
    ).toEqual(['banned', 'HB 5578']);
  });
  it('a discussion word overlapping a species hit still counts', () => {
    const text = 'Save elephants: ivory for sale is a crime';
    const r = score(text, [species(text, 'elephants', 'Elephantidae', 'I'), ...term(text, 'ivory', 'product')]);
    expect(r.signals.some((s) => s.kind === 'discussion' && s.text === 'Save elephants')).toBe(true);
  });
  it('discussion words subtract, up to their cap', () => {
    const text = 'Poached ivory seized: the ban and the law and the petition; smuggling continues';
    const r = score(text, term(text, 'ivory', 'product'));
    expect(weightOf(r, 'discussion')).toBe(-W.caps.discussion);
    expect(r.score).toBe(0);
  });
});

describe('matcher hits the scorer reads with care', () => {
  it.each([
    [
      'a misspelled cue ("telling" for "selling")',
      { text: 'telling', term: 'selling', tactics: ['misspelling'] as Tactic[] },
    ],
    ['an accent-folded cue ("ban" for Vietnamese "bán")', { text: 'ban', term: 'bán', tactics: [] as Tactic[] }],
  ])('ignores %s', (_label, cue) => {
    const text = `ivory ${cue.text} here`;
    const at = text.indexOf(cue.text, 6);
    const cueHit: Hit = {
      start: at,
      end: at + cue.text.length,
      text: cue.text,
      term: cue.term,
      kind: 'cue',
      termKind: 'sale-cue',
      tactics: cue.tactics,
      editDistance: 1,
      confidence: 0.5,
    };
    const r = score(text, [...term(text, 'ivory', 'product'), cueHit]);
    expect(r.signals.some((s) => s.kind === 'sale-cue')).toBe(false);
  });
  it('undoes the matcher negation discount on a material and decides itself', () => {
    const text = 'Mammoth ivory figurine for sale $250';
    const discounted = term(text, 'mammoth ivory', 'product', { confidence: 0.24 });
    const negation = term(text, 'figurine', 'negation', { confidence: 0.5 });
    const r = score(text, [...discounted, ...negation]);
    expect(r.signals.find((s) => s.kind === 'product')?.weight).toBe(W.product);
    expect(r.saleOffer).toBe(true);
  });
  it('still cancels an imitation the matcher discounted, and shows it', () => {
    const text = 'Faux ivory bangle for sale $20';
    const r = score(text, [
      ...term(text, 'ivory', 'product', { confidence: 0.24 }),
      ...term(text, 'faux', 'negation', { confidence: 0.5 }),
    ]);
    expect(r.saleOffer).toBe(false);
    expect(r.signals.some((s) => s.kind === 'imitation' && s.weight < 0)).toBe(true);
  });
  it('never revives a trap below minConfidence', () => {
    const text = 'print("hi") in Python for sale';
    const trap = species(text, 'Python', 'Python', 'II', [], 0.1);
    const r = score(text, [trap, ...term(text, 'print', 'negation')]);
    expect(r.hasSubject).toBe(false);
  });
  it.each([
    ['#IvoryBan', true],
    ['#saveelephants', true],
    ['#IvoryCarving', false],
  ])('hashtag %s is discussion: %s', (tag, isDiscussion) => {
    const text = `ivory bangle for sale ${tag}`;
    const at = text.indexOf(tag);
    const tagHit: Hit = {
      start: at,
      end: at + tag.length,
      text: tag,
      term: 'ivory',
      kind: 'hashtag',
      termKind: 'product',
      tactics: ['hashtag'],
      editDistance: 0,
      confidence: 0.8,
    };
    const r = score(text, [...term(text, 'ivory', 'product').filter((h) => h.start < at), tagHit]);
    expect(r.signals.some((s) => s.kind === 'discussion')).toBe(isDiscussion);
  });
  it.each([['#IvoryCoast'], ['#ivorysilk']])('hashtag %s is not the material', (tag) => {
    const text = `mask for sale ${tag}`;
    const at = text.indexOf(tag);
    const r = score(text, [
      {
        start: at,
        end: at + tag.length,
        text: tag,
        term: 'ivory',
        kind: 'hashtag',
        termKind: 'product',
        tactics: ['hashtag'],
        editDistance: 0,
        confidence: 0.8,
      },
    ]);
    expect(r.hasSubject).toBe(false);
  });
});

describe('explanation', () => {
  const text = 'Carved ivory bangle for sale, $250, WhatsApp +1 202 555 0143';
  const r = score(text, term(text, 'ivory', 'product'));
  it('every signal points at its text', () => {
    for (const s of r.signals) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
  it("the score is the model's probability of the signals, each signal's share of the log-odds listed", () => {
    const context = (r.context ?? []).reduce((t, c) => t + c.logOdds, 0);
    const logOdds = r.signals.reduce((t, s) => t + (s.logOdds ?? 0), context);
    expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-logOdds)), 2);
    expect(r.score).toBe(Math.round(100 * r.probability!));
    expect(r.context?.[0]).toMatchObject({ feature: 'base', logOdds: expect.any(Number) });
    for (const s of r.signals) expect(Math.sign(s.logOdds ?? 0)).toBe(s.weight === 0 ? 0 : Math.sign(s.weight));
  });
  it('signals are in text order', () => {
    expect(r.signals.map((s) => s.start)).toEqual([...r.signals.map((s) => s.start)].sort((a, b) => a - b));
  });
  it("the verdict follows the model's threshold; an agency's refit model is passed in", () => {
    expect(r.saleOffer).toBe(true);
    expect(r.threshold).toBe(MODEL.threshold);
    const strict = score(text, term(text, 'ivory', 'product'), { model: { ...MODEL, threshold: 99 } });
    expect(strict.saleOffer).toBe(false);
    expect(strict.threshold).toBe(99);
    const refit = score(text, term(text, 'ivory', 'product'), { model: { ...MODEL, intercept: MODEL.intercept - 3 } });
    expect(refit.score).toBeLessThan(r.score);
  });
  it('resolveWeights merges nested overrides over the defaults', () => {
    const w = resolveWeights({ taxon: { I: 60 }, caps: { price: 5 } });
    expect(w.taxon).toEqual({ ...W.taxon, I: 60 });
    expect(w.caps.price).toBe(5);
    expect(w.caps.saleCue).toBe(W.caps.saleCue);
  });
  it.each(['', ' ', '\uD800'])('copes with empty or odd text %j', (t) => {
    expect(scoreText(t, [], [])).toMatchObject({ score: 0, saleOffer: false, signals: [] });
  });
});

describe('scoreBlocks', () => {
  const page = 'Home | Shop | For sale\nNews: elephants seen in the park.\nCarved ivory bangle, $250, DM me';
  const blocks = page.split('\n').map((text, i, all) => {
    const offset = all.slice(0, i).reduce((t, b) => t + b.length + 1, 0);
    const hits = [...term(text, 'ivory', 'product')];
    return { id: `b${i}`, text, offset, hits, indicators: extractIndicators(text) };
  });
  const result = scoreBlocks(blocks);
  it('scores each block and takes the riskiest as the page score', () => {
    expect(result.blocks.map((b) => b.id)).toEqual(['b0', 'b1', 'b2']);
    expect(result.page.bestBlock).toBe(2);
    expect(result.page.score).toBe(result.blocks[2].score);
    expect(result.page.saleOffer).toBe(true);
    expect(result.blocks[0].saleOffer).toBe(false);
  });
  it('shifts signal offsets into the page text', () => {
    for (const b of result.blocks) for (const s of b.signals) expect(page.slice(s.start, s.end)).toBe(s.text);
  });
  it('gives a zero page score for no blocks', () => {
    expect(scoreBlocks([]).page).toMatchObject({ score: 0, saleOffer: false, bestBlock: -1 });
  });
});

describe('analyzeText / analyzeBlocks', () => {
  const source = (text: string) => term(text, 'ivory', 'product');
  it('runs hits, indicators and risk for a text', () => {
    const text = 'Carved ivory bangle $250, WhatsApp +1 202 555 0143';
    const a = analyzeText(text, source);
    expect(a.hits.map((h) => h.term)).toEqual(['ivory']);
    expect(a.indicators.map((i) => i.type)).toEqual(['price', 'messenger']);
    expect(a.risk.saleOffer).toBe(true);
  });
  it('accepts a matcher object as well as a function', () => {
    expect(analyzeText('ivory for sale', { match: source }).risk.saleOffer).toBe(true);
  });
  it('returns block hits, indicators and signals with page offsets', () => {
    const page = 'News about elephants.\nIvory bangle for sale $250';
    const blocks = [
      { id: 'a', text: 'News about elephants.', offset: 0 },
      { id: 'b', text: 'Ivory bangle for sale $250', offset: 22 },
    ];
    const result = analyzeBlocks(blocks, source);
    expect(result.risk.page.bestBlock).toBe(1);
    const b = result.blocks[1];
    for (const item of [...b.hits, ...b.risk.signals]) expect(page.slice(item.start, item.end)).toBe(item.text);
    for (const item of b.indicators) expect(page.slice(item.start, item.end)).toBe(item.value);
  });
});

describe('everyday-word safeguards', () => {
  it.each([
    ['a plural of an unaccented word', 'bans', 'bán'],
    ['an unaccented spelling', 'ban', 'bán'],
  ])('does not take %s as an accented sale cue', (_name, written, cueTerm) => {
    const text = `Ivory ${written} everywhere`;
    const at = text.indexOf(written);
    const cue: Hit = {
      start: at,
      end: at + written.length,
      text: written,
      term: cueTerm,
      kind: 'cue',
      termKind: 'sale-cue',
      lang: 'vi',
      tactics: [],
      editDistance: 0,
      confidence: 1,
    };
    expect(kinds(score(text, [...term(text, 'ivory', 'product'), cue]))).not.toContain('sale-cue');
  });

  it('keeps a cue phrase of several words typed without its accents (Vietnamese often is)', () => {
    const text = 'Nga voi, ship toan quoc';
    const at = text.indexOf('ship toan quoc');
    const cue: Hit = {
      start: at,
      end: at + 14,
      text: 'ship toan quoc',
      term: 'ship toàn quốc',
      kind: 'cue',
      termKind: 'sale-cue',
      lang: 'vi',
      tactics: ['accents'],
      editDistance: 0,
      confidence: 0.6,
    };
    expect(kinds(score(text, [...term(text, 'Nga voi', 'product'), cue]))).toContain('sale-cue');
  });

  it.each([
    ['Ban cu li gia re', true],
    [
      `${'Home | About us | Contact | Sign in | My account | Help | Shopping cart | '.repeat(6)}\nBan cu li gia re`,
      true,
    ],
    ['Vietnam to ban cu li trade', false],
    ['Vietnam: a ban on cu li trade', false],
  ])(
    'reads an unaccented "ban" as "bán" only right before a name in its language, in a text that is not English: %j',
    (text, sale) => {
      const at = text.search(/ban/i);
      const cue: Hit = {
        start: at,
        end: at + 3,
        text: text.slice(at, at + 3),
        term: 'bán',
        kind: 'cue',
        termKind: 'sale-cue',
        lang: 'vi',
        tactics: [],
        editDistance: 0,
        confidence: 1,
      };
      const loris = { ...species(text, 'cu li', 'Nycticebus', 'I'), lang: 'vi' };
      const kindsFound = kinds(score(text, [cue, loris]));
      expect(kindsFound.includes('sale-cue')).toBe(sale);
      expect(kindsFound.includes('discussion')).toBe(!sale);
    },
  );

  it('finds cue phrases of the vocabulary typed without their accents, unless they are English words', () => {
    expect(findContextCues('Ban te te java gia re, lien he').map((c) => [c.kind, c.term])).toEqual(
      expect.arrayContaining([
        ['sale-cue', 'giá rẻ'],
        ['contact-cue', 'liên hệ'],
      ]),
    );
    expect(findContextCues('governments can ban the trade').map((c) => c.kind)).toEqual(['discussion']);
  });

  it('keeps an accented cue written with its accents', () => {
    const text = 'Ngà voi bán giá rẻ';
    const at = text.indexOf('bán');
    const cue: Hit = {
      start: at,
      end: at + 3,
      text: 'bán',
      term: 'bán',
      kind: 'cue',
      termKind: 'sale-cue',
      lang: 'vi',
      tactics: [],
      editDistance: 0,
      confidence: 1,
    };
    expect(kinds(score(text, [...term(text, 'ngà voi', 'product'), cue]))).toContain('sale-cue');
  });

  it('weighs a one-word common name less than the scientific name', () => {
    const text = 'Tiger here. Panthera tigris there.';
    const common = score(text, [{ ...species(text, 'Tiger', 'Panthera tigris', 'I'), term: 'Tiger' }]);
    const scientific = score(text, [species(text, 'Panthera tigris', 'Panthera tigris', 'I')]);
    expect(weightOf(common, 'taxon')).toBe(weightOf(scientific, 'taxon') * W.oneWordCommonName);
  });

  it('still calls a one-word name with sale, price and contact an offer', () => {
    const text = 'Vendo loro hablador, 200 €, WhatsApp +1 202-555-0143';
    const r = score(text, [
      { ...species(text, 'loro', 'Amazona aestiva', 'II'), term: 'loro' },
      ...term(text, 'vendo', 'sale-cue', { kind: 'cue' }),
    ]);
    expect(r.saleOffer).toBe(true);
  });

  it('reads a zoo or sanctuary page as discussion', () => {
    const text = 'Meet the pangolins at our zoo. Adopt an animal from £30.';
    expect(kinds(score(text, term(text, 'pangolins', 'product')))).toContain('discussion');
  });
});
