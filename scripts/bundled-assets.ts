import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folders of `assets/` that ship inside the extension, copied as they are. */
const SHIPPED_FOLDERS = ['lexicon', 'training'];

/**
 * Lists the bundled data files (compiled lexicon, training pages) that the build copies into the
 * extension, so the extension always loads the asset that `npm run lexicon` produced.
 */
export function copyBundledAssets(root = resolve('assets')): { absoluteSrc: string; relativeDest: string }[] {
  const out: { absoluteSrc: string; relativeDest: string }[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'README.md') continue;
      const abs = join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(abs, relPath);
      else out.push({ absoluteSrc: abs, relativeDest: relPath });
    }
  };
  for (const folder of SHIPPED_FOLDERS) {
    const dir = join(root, folder);
    if (existsSync(dir)) walk(dir, folder);
  }
  return out;
}
