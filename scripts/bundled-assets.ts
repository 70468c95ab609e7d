import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folders of `assets/` that ship inside the extension. */
const SHIPPED_FOLDERS = ['lexicon', 'training'];

/**
 * Content scripts never run in extension pages, so the bundled training pages load the content
 * script themselves: the officer sees them scanned exactly like a web page. The copies served
 * over HTTP by the tests stay untouched (there the real content script runs).
 */
export const TRAINING_SCANNER_TAG = '<script src="/content-scripts/content.js" defer></script>';

type PublicFile = { absoluteSrc: string; relativeDest: string } | { contents: string; relativeDest: string };

/** Adds the scanner tag to a training page, before `</body>` (or at the end). */
export function withTrainingScanner(html: string): string {
  const at = html.search(/<\/body>/i);
  return at < 0 ? html + TRAINING_SCANNER_TAG : html.slice(0, at) + TRAINING_SCANNER_TAG + '\n' + html.slice(at);
}

/**
 * Lists the bundled data files (compiled lexicon, training pages) that the build copies into the
 * extension, so the extension always loads the assets in the repository.
 */
export function copyBundledAssets(root = resolve('assets')): PublicFile[] {
  const out: PublicFile[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'README.md') continue;
      const abs = join(dir, entry.name);
      const relPath = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(abs, relPath);
      else if (relPath.startsWith('training/') && entry.name.endsWith('.html')) {
        out.push({ contents: withTrainingScanner(readFileSync(abs, 'utf8')), relativeDest: relPath });
      } else out.push({ absoluteSrc: abs, relativeDest: relPath });
    }
  };
  for (const folder of SHIPPED_FOLDERS) {
    const dir = join(root, folder);
    if (existsSync(dir)) walk(dir, folder);
  }
  return out;
}
