/**
 * `npm run lexicon`: rebuilds assets/lexicon/ from ../shared/data (checklist, extra names, trade
 * terms) and src/lexicon/sources/: lexicon.wtlx (what the matcher loads), lexicon-details.json.gz
 * (the full lexicon, read on demand) and lexicon-version.json. The files are deterministic; the
 * version record keeps its build time when the content did not change, so rerunning on the same
 * data changes nothing.
 *
 * Usage: npm run lexicon [-- --data DIR]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assetFiles } from '../src/engine/lexicon/asset';
import { compileLexicon } from '../src/engine/lexicon/compile';
import { LEXICON_ASSET, LEXICON_DETAILS_ASSET, LEXICON_VERSION_FILE, loadLexicon } from '../src/engine/lexicon/load';
import { DEFAULT_DATA_DIR, REPO_ROOT, buildLexiconFromData } from '../src/engine/lexicon/node-sources';

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
const previous = existsSync(versionPath)
  ? (JSON.parse(readFileSync(versionPath, 'utf8')) as { contentHash?: string; builtAt?: string })
  : {};
const builtAt =
  previous.contentHash === loaded.contentHash && previous.builtAt ? previous.builtAt : new Date().toISOString();
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
    'UNEP-WCMC (2017). The Checklist of CITES Species Website. CITES Secretariat, Geneva, Switzerland. ' +
    'Compiled by UNEP-WCMC, Cambridge, United Kingdom.',
};
writeFileSync(join(outDir, LEXICON_ASSET), hot);
writeFileSync(join(outDir, LEXICON_DETAILS_ASSET), details);
writeFileSync(versionPath, JSON.stringify(record, null, 2) + '\n');
const hotMb = (hot.length / 1e6).toFixed(2);
const inflatedMb = (record.inflatedBytes / 1e6).toFixed(2);
const detailsMb = (details.length / 1e6).toFixed(2);
const importSeconds = ((tImport - t0) / 1000).toFixed(1);
const compileSeconds = ((tCompile - tImport) / 1000).toFixed(1);
console.log(
  `lexicon: ${lexicon.taxa.length} taxa, ${loaded.entryKind.length} names and terms; ${LEXICON_ASSET} ${hotMb} MB ` +
    `(${inflatedMb} MB inflated), ${LEXICON_DETAILS_ASSET} ${detailsMb} MB; ` +
    `import ${importSeconds} s, compile ${compileSeconds} s`,
);
