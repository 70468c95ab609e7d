/** Node-only: loads the compiled lexicon asset from assets/lexicon/ (or another path). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledLexicon } from './compiled';
import { LEXICON_ASSET, loadLexicon } from './load';
import { REPO_ROOT } from './node-sources';

/** Path of the asset built by `npm run lexicon`. */
export const LEXICON_ASSET_PATH = join(REPO_ROOT, 'assets/lexicon', LEXICON_ASSET);

/** Reads and loads a compiled lexicon file (default: the bundled asset). */
export function loadLexiconFile(path = LEXICON_ASSET_PATH): CompiledLexicon {
  return loadLexicon(readFileSync(path));
}
