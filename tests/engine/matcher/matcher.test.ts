/**
 * Matching engine: every tactic, table-driven from the labelled corpus, plus offsets, traps,
 * and hostile input (empty, 10 MB, binary garbage, unpaired surrogates).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleLexicon } from '../../../src/engine/lexicon/build';
import { importChecklist } from '../../../src/engine/lexicon/checklist-import';
import { compileLexicon } from '../../../src/engine/lexicon/compile';
import { loadLexicon } from '../../../src/engine/lexicon/load';
import { loadLexiconFile } from '../../../src/engine/lexicon/node-load';
import { parseAgencyTerms } from '../../../src/engine/lexicon/agency-import';
import type { Hit } from '../../../src/engine/matcher/hit';
import { isCommonEnglish } from '../../../src/engine/matcher/common-english';
import { createMatcher, type Matcher } from '../../../src/engine/matcher/matcher';
import { isDetection, sameReference, scoreCorpus, type LabelledText } from '../../../src/engine/matcher/quality';
import { checklistCsv, SMALL_ROWS } from '../../support/checklist-sample';

const corpus: LabelledText[] = readFileSync(new URL('../../fixtures/matcher/corpus.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));

let matcher: Matcher;
let exactOnly: Matcher;
beforeAll(() => {
  const lexicon = loadLexiconFile();
  matcher = createMatcher(lexicon);
  exactOnly = createMatcher(lexicon, { evasions: false });
}, 60_000);

const detections = (text: string, m = matcher) => m.match(text).filter((h) => isDetection(h, 0.5));

describe('labelled corpus: every mention found with its tactic', () => {
  const positives = corpus.flatMap((row) => row.mentions.map((m) => [row.id, m.tactic, m.text, row, m] as const));
  it.each(positives)('%s (%s): %j', (_id, tactic, _text, row, m) => {
    const start = row.text.indexOf(m.text);
    const hit = detections(row.text).find(
      (h) => h.start < start + m.text.length && h.end > start && sameReference(h, m),
    );
    expect(hit, JSON.stringify(matcher.match(row.text).map((h) => [h.text, h.term, h.confidence]))).toBeDefined();
    if (tactic !== 'exact') expect(hit!.tactics).toContain(tactic);
  });
});

describe('labelled corpus: traps and negatives stay quiet', () => {
  const negatives = corpus.filter((r) => r.negative).map((r) => [r.id, r.text, r] as const);
  it.each(negatives)('%s: %j', (_id, _text, row) => {
    const allowed = (row.allowed ?? []).map((a) => a.toLowerCase());
    const loud = detections(row.text).filter(
      (h) => !allowed.includes(h.text.toLowerCase()) && !allowed.includes(h.term.toLowerCase()),
    );
    expect(loud.map((h) => `${h.text} -> ${h.term} (${h.confidence})`)).toEqual([]);
  });
  it('scores precision and recall of 1 on the corpus it was written with', () => {
    const r = scoreCorpus(matcher, corpus);
    expect(r.overall.exactRecall).toBeGreaterThanOrEqual(0.97);
    expect(r.overall.evasionRecall).toBeGreaterThanOrEqual(0.9);
    expect(r.overall.precision).toBeGreaterThanOrEqual(0.95);
  });
});

describe('hit details', () => {
  it('fills taxon, listing and annotation', () => {
    const [hit] = detections('Loxodonta africana tusk');
    expect(hit).toMatchObject({ kind: 'species', term: 'Loxodonta africana', tactics: [], editDistance: 0 });
    expect(hit.taxon).toMatchObject({ taxonId: 4521, name: 'Loxodonta africana', rank: 'SPECIES', listing: 'I/II' });
    expect(hit.taxon!.annotation).toMatch(/Populations of BW, NA, ZA, ZW/);
  });
  it('reports a common name with its language and the accepted taxon', () => {
    const [hit] = detections('Pangolín malayo');
    expect(hit).toMatchObject({ term: 'Pangolín malayo', lang: 'es', taxon: { name: 'Manis javanica', listing: 'I' } });
  });
  it('reports "Included in X spp." as coveredBy', () => {
    expect(detections('Python reticulatus')[0].taxon!.coveredBy).toBe('Pythonidae spp.');
  });
  it('gives trade terms their kind, refers-to and annotation symbol of plants', () => {
    const [term] = detections('agarwood oil chips');
    expect(term).toMatchObject({ kind: 'trade-term', termKind: 'product', term: 'agarwood oil' });
    expect(detections('Aquilaria malaccensis')[0].taxon!.annotation).toMatch(/^#14/);
  });
  it('reports cues as cues', () => {
    expect(
      matcher
        .match('WTS python skin, for sale')
        .filter((h) => h.kind === 'cue')
        .map((h) => h.term),
    ).toEqual(['WTS', 'for sale']);
  });
  it.each([
    ['Aloe vera gel and Aloe ferox', ['Aloe ferox']],
    ['Budgerigar and Melopsittacus undulatus for sale', []],
  ])('suppresses names the checklist does not cover: %j', (text, expected) => {
    expect(
      detections(text)
        .filter((h) => h.kind === 'species')
        .map((h) => h.taxon!.name),
    ).toEqual(expected);
  });
  it('needs a capital for a one-word genus and exact case for forum abbreviations', () => {
    expect(detections('the python package').length).toBe(0);
    expect(matcher.match('fs wts cag').length).toBe(0);
    expect(matcher.match('FS: CAG, WTS').map((h) => h.term)).toEqual(['FS', 'CAG', 'WTS']);
  });
  it('takes the longest match', () => {
    expect(detections('Java Rock Python').map((h) => h.term)).toEqual(['Java Rock Python']);
    expect(detections('tiger bone wine').map((h) => h.term)).toEqual(['tiger bone']);
  });
  it('reads a plural in "es" only after a stem that takes it', () => {
    // "Fil" is the elephant in Azerbaijani: "files" is "file" plus "s".
    expect(matcher.match('Add files for tracking, ivory for sale').some((h) => h.term === 'Fil')).toBe(false);
    expect(detections('two fennec foxes').map((h) => h.term)).toEqual(['Fennec Fox']);
    expect(detections('Ball pythons, radiated tortoises and black rhinoceroses').map((h) => h.term)).toEqual([
      'Ball Python',
      'Radiated Tortoise',
      'Black Rhinoceros',
    ]);
  });
  it('does not join words across sentence breaks', () => {
    expect(detections('We saw a Python. Regius was the name of the dog.').some((h) => h.term === 'Python regius')).toBe(
      false,
    );
  });
  it('keeps code words only next to stronger signals', () => {
    expect(matcher.match('white jelly bone').length).toBe(0);
    expect(matcher.match('white jelly bone, elephant ivory for sale').map((h) => h.term)).toEqual([
      'white',
      'jelly',
      'bone',
      'elephant ivory',
      'for sale',
    ]);
  });
  it('exact-only mode finds names but undoes no evasion', () => {
    expect(detections('Python regius', exactOnly).length).toBe(1);
    expect(detections('Pyhton regius 1vory i.v.o.r.y #ivoryforsale', exactOnly).length).toBe(0);
  });
});

describe('a one-word species name needs company', () => {
  it.each([
    ['Bindings for Python are available; Python 3.12 is supported', 'Python'],
    ['The Tiger hash is no longer supported', 'Tiger'],
    ['Restart the Avahi daemon after the update', 'Avahi'],
  ])('alone it falls below the line: %s', (text, term) => {
    const hit = matcher.match(text).find((h) => h.term === term);
    expect(hit?.confidence).toBeLessThan(0.5);
  });
  it.each([
    ['Python for sale, DM me', 'Python'],
    ['Genuine Alligator Skin Wallet', 'Alligator'],
    ['Real Python skull 12.5 cm', 'Python'],
    ['Tiger and Manis javanica', 'Tiger'],
  ])('with a cue, a trade word or another name it stays: %s', (text, term) => {
    expect(detections(text).map((h) => h.term)).toContain(term);
  });
  it('a name in another language written as a given name before a surname is a person', () => {
    // "Daniel" is the fallow deer in Polish, "lar" a gibbon in Swedish.
    expect(matcher.match('Thanks to Daniel Bevenius and Lars Hecking; ivory for sale').map((h) => h.term)).toEqual([
      'ivory',
      'for sale',
    ]);
  });
  it('another one-word name is no company', () => {
    expect(detections('Tiger and Python').length).toBe(0);
  });
});

describe('group names in the singular', () => {
  it.each([
    ['Genuine Crocodile Hornback Skin Leather Clutch', 'Crocodile', 'Crocodylia'],
    ['Real Crocodile Skull Taxidermy', 'Crocodile', 'Crocodylia'],
    ['Old whale bone carving', 'Whale', 'Cetacea'],
    ['Black coral bracelet for sale', 'Black Coral', 'Antipatharia'],
    ['Sea turtle shell, DM for price', 'Sea turtle', 'Cheloniidae'],
    ['WTS: tortoise hatchlings, captive bred', 'Tortoise', 'Testudinidae'],
  ])('a plural group name is also found in the singular: %s', (text, term, taxon) => {
    expect(detections(text).find((h) => h.term === term)).toMatchObject({
      taxon: { name: taxon },
      tactics: [],
      editDistance: 0,
    });
  });
  it.each([
    ['libs/mpi/include/boost/mpi/python/skeleton_and_content.hpp', 'Python'],
    ['Pink feather boa for the party', 'Boa'],
    ['The crocodile smiled at the children', 'Crocodile'],
    ['Adopt a cat: vaccinated, for sale to a good home', 'Cat'],
    // A sale cue is no company for a derived singular: everyday products carry these words.
    ['Teddy bear for sale, brand new with tags', 'Bear'],
    ['Monkey bars playground set for sale', 'Monkey'],
    ['Parrot cage for sale, large', 'Parrot'],
    ['Dolphin swim goggles for sale', 'Dolphin'],
  ])('without an animal part or a species beside it, it stays quiet: %s', (text, term) => {
    expect(detections(text).map((h) => h.term)).not.toContain(term);
  });
});

describe('trade vocabulary of European markets', () => {
  it.each([
    ['Schildpatt Kamm zu verkaufen', ['Schildpatt', 'zu verkaufen']],
    ['Gebe 1.1 Python regius ab', ['gebe', 'Python regius']],
    ['Ivoor te koop', ['ivoor', 'te koop']],
    ['Vendesi avorio antico', ['vendesi', 'avorio']],
    ['Vende-se marfim', ['vende-se', 'marfim']],
  ])('%s', (text, terms) => {
    expect(
      matcher
        .match(text)
        .filter((h) => h.confidence >= 0.5)
        .map((h) => h.term),
    ).toEqual(terms);
  });
});

describe('one-word misspellings', () => {
  it('keep the first letter: another first letter is mostly another word', () => {
    // "anilla" (Spanish: a leg ring) is one deletion from Vanilla.
    expect(detections('Hembra con anilla y papeles').map((h) => h.term)).toEqual([]);
    expect(detections('Pyhton for sale').map((h) => [h.term, h.tactics])).toContainEqual(['Python', ['misspelling']]);
  });
});

describe('common English words that look like names', () => {
  it('are not read as a name in another language without company in that language', () => {
    // "once" (French: snow leopard), "all" (Icelandic: eel, once folded), "drop" (Polish: great bustard).
    expect(detections('Once you see it: antique ivory set, all in good shape, price drop').map((h) => h.term)).toEqual([
      'ivory',
    ]);
    expect(matcher.match("Vends peau d'once, prix sur demande").map((h) => h.term)).toEqual(['vends', 'Once', 'prix']);
    // An English or scientific name of the same spelling is matched as itself.
    expect(detections('Tiger claw and python skin').map((h) => h.term)).toEqual(['tiger claw', 'python skin']);
  });
  it('keeps an unaccented name or cue of the same language as its company', () => {
    expect(matcher.match('ban nga voi gia re').map((h) => h.term)).toEqual(['bán', 'ngà voi', 'giá']);
  });
  it('are never read as misspellings', () => {
    // "manner" is one letter from the lanner falcon; "winner" from "winter".
    expect(matcher.match('in the manner of Perron, ivory chandelier for sale').map((h) => h.term)).toEqual([
      'ivory',
      'for sale',
    ]);
    expect(detections('Lanner falcon for sale, and a laner too').map((h) => h.term)).toContain('Lanner Falcon');
  });
  it('do not make a misspelled name of plain English words', () => {
    const text =
      'Call python with -B; the python module and the file monitor were removed; field added. Ivory for sale.';
    expect(detections(text).map((h) => h.term)).toEqual(['ivory']);
    // A misspelled part that is an English word still counts beside a name part that is not one.
    expect(detections('Geochelone elegance for sale').map((h) => h.term)).toEqual(['Geochelone elegans']);
    // The singular of a group's plural name ("Sea turtles") is a name of its own, no misspelling.
    const turtle = detections('Leatherback Sea Turtle, green 1979').find((h) => h.term === 'Sea turtle');
    expect(turtle).toMatchObject({ taxon: { name: 'Cheloniidae' }, tactics: [], editDistance: 0 });
  });
  it('come from SCOWL with its licence', () => {
    const asset = JSON.parse(
      readFileSync(new URL('../../../assets/english/common-words.json', import.meta.url), 'utf8'),
    ) as { licence: string; byLength: string[] };
    expect(asset.licence).toContain('Kevin Atkinson');
    const words = asset.byLength.flatMap((group, len) =>
      len === 0 ? [] : (group.match(new RegExp(`.{${len}}`, 'g')) ?? []),
    );
    expect(words.length).toBeGreaterThan(10_000);
    expect(words).toEqual(expect.arrayContaining(['all', 'drop', 'file', 'manner', 'monitor', 'once']));
    expect(words.every(isCommonEnglish)).toBe(true);
    expect(
      ['pyhton', 'javnica', 'ivоry', 'mann', 'manners1', '', 'aa', 'zzzzzz', 'x'.repeat(40)].some(isCommonEnglish),
    ).toBe(false);
  });
});

describe('traps lower the confidence', () => {
  it.each([
    ['Learn Python programming with pandas', 'Python'],
    ['Jaguar XF diesel, low mileage', 'Jaguar'],
    ['Cobra golf driver with stiff shaft', 'Cobra'],
    ['Puma running shoes, size 42', 'Puma'],
  ])('%j', (text, word) => {
    const hit = matcher.match(text).find((h) => h.text === word);
    if (hit) expect(hit.confidence).toBeLessThan(0.2);
  });
  it('keeps the animal when the context is wildlife', () => {
    expect(detections('Jaguar pelt and skull, Panthera onca, for sale').map((h) => h.text)).toContain('Jaguar');
  });
  it('faux ivory is reported far below a plain mention', () => {
    const faux = matcher.match('faux ivory chess set').find((h) => h.term === 'ivory')!;
    expect(faux.confidence).toBeLessThan(0.3);
    expect(detections('Tiger Balm for sore muscles').filter((h) => h.kind === 'species')).toEqual([]);
  });
  it.each([
    ['We ship worldwide, fast delivery, for sale', 'ship'],
    ['Crane for sale, 20 ton, low hours', 'Crane'],
    ['Hobby kit for sale, barely used', 'Hobby'],
  ])('an everyday word beside a sale cue only is no species: %j', (text, word) => {
    expect(detections(text).filter((h) => h.text === word && h.kind === 'species')).toEqual([]);
  });
  it('an everyday word beside a species stays, at low confidence', () => {
    const hit = matcher.match('Merlin and Peregrine falcons for sale').find((h) => h.text === 'Merlin')!;
    expect(hit.taxon?.name).toBe('Falco columbarius');
    expect(hit.confidence).toBe(0.5);
  });
});

function expectOffsets(text: string, hits: Hit[]): void {
  for (const h of hits) {
    expect(h.start).toBeGreaterThanOrEqual(0);
    expect(h.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(h.start, h.end)).toBe(h.text);
  }
}

describe('offsets point into the original text', () => {
  it.each(corpus.map((r) => [r.id, r.text] as const))('%s', (_id, text) => expectOffsets(text, matcher.match(text)));
  it('around emoji, combining accents, zero-width characters and CJK', () => {
    const text = '🐍🐍 Pyth\u200bon re\u0301gius 🐘 出售象牙\u200b和穿山甲片 — pango\u00adlin scales';
    const hits = matcher.match(text);
    expectOffsets(text, hits);
    expect(hits.map((h) => h.term)).toEqual(
      expect.arrayContaining(['Python regius', '出售', '象牙', '穿山甲片', 'pangolin scales']),
    );
  });
  it('for substrings inside long runs of Chinese', () => {
    const text = '这是一段很长的中文文本'.repeat(50) + '出售象牙' + '其他文字'.repeat(50);
    const hits = matcher.match(text);
    expectOffsets(text, hits);
    expect(hits.map((h) => h.text)).toEqual(['出售', '象牙']);
  });
});

describe('hostile input', () => {
  it('empty and blank input', () => {
    expect(matcher.match('')).toEqual([]);
    expect(matcher.match(' \n\t ')).toEqual([]);
    expect(matcher.match(undefined as unknown as string)).toEqual([]);
  });
  it('10 MB of text with mentions at both ends', () => {
    const filler = 'The quick brown fox jumps over the lazy dog while data flows through pipelines. ';
    const text = 'Pyhton regius for sale. ' + filler.repeat(Math.ceil(10e6 / filler.length)) + ' Manis javanica scales';
    const hits = matcher.match(text);
    expect(hits[0].term).toBe('Python regius');
    expect(hits.at(-1)!.taxon?.name ?? hits.at(-1)!.term).toMatch(/Manis javanica|pangolin/);
    expectOffsets(text, [hits[0], hits.at(-1)!]);
  }, 60_000);
  it('binary garbage', () => {
    let seed = 42;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) & 0xff;
    const bytes = Uint8Array.from({ length: 200_000 }, rnd);
    for (const text of [
      new TextDecoder().decode(bytes),
      String.fromCharCode(...bytes.subarray(0, 50_000)),
      Array.from({ length: 20_000 }, () => String.fromCharCode(rnd() * 256 + rnd())).join(''),
    ]) {
      expectOffsets(text, matcher.match(text));
    }
  });
  it('unpaired surrogates and a lone high surrogate at the end', () => {
    const text = '\ud800ivory\udc00 Python regius\ud83d';
    const hits = matcher.match(text);
    expectOffsets(text, hits);
    expect(hits.map((h) => h.term)).toEqual(['ivory', 'Python regius']);
  });
  it('very long words and runs of single letters', () => {
    const text = 'a'.repeat(100_000) + ' ' + 'a b '.repeat(10_000) + 'ivory';
    expectOffsets(text, matcher.match(text));
  });
});

describe('agency keywords', () => {
  it('are matched once compiled into a lexicon', async () => {
    const checklist = importChecklist(checklistCsv(SMALL_ROWS), { fileName: 'small.csv' });
    const terms = parseAgencyTerms(
      'term,kind,language,note\nsnow flakes,code,en,ivory in our cases\nmarfil blanco,product,es,\n',
      { listName: 'ops' },
    );
    const lex = assembleLexicon({ checklist, extraNames: [], terms, sources: [] });
    const m = createMatcher(loadLexicon(await compileLexicon(lex)));
    expect(m.match('Se vende marfil blanco').map((h) => [h.term, h.termKind])).toEqual([['marfil blanco', 'product']]);
    expect(m.match('snow flakes').length).toBe(0);
    expect(m.match('snow flakes and Manis javanica').map((h) => h.term)).toEqual(['snow flakes', 'Manis javanica']);
  });

  it.each([
    ['a misspelled word of a Cyrillic name', 'Продаю слоновую кость', 'слоновая кость', 'слоновую кость'],
    ['a misspelled one-word Cyrillic term', 'Продаю муссурана', 'мусурана', 'муссурана'],
    ['traditional characters for a simplified term', '出售鱷魚皮', '鳄鱼皮', '鱷魚皮'],
    ['simplified characters for a traditional term', '出售鳄鱼皮', '鱷魚皮', '鳄鱼皮'],
  ])('finds %s', async (_what, text, term, written) => {
    const checklist = importChecklist(checklistCsv(SMALL_ROWS), { fileName: 'small.csv' });
    const csv = `term,kind,language,note\n${term},product,ru,\nпродаю,sale-cue,ru,\n出售,sale-cue,zh,\n`;
    const lex = assembleLexicon({
      checklist,
      extraNames: [],
      terms: parseAgencyTerms(csv, { listName: 'ops' }),
      sources: [],
    });
    const m = createMatcher(loadLexicon(await compileLexicon(lex)));
    const hit = m.match(text).find((h) => h.termKind === 'product');
    expect(hit?.text).toBe(written);
    expect(hit?.term).toBe(term);
  });
});
