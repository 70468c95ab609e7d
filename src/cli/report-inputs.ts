/** The case files named on the command line: files as given, folders searched for *.zip (sorted). */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

async function zipsUnder(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) await zipsUnder(path, out);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.zip')) out.push(path);
  }
}

/** Every case file to read, each once; throws with a clear message for a path that does not exist. */
export async function caseFilePaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch (e) {
      throw new Error(`cannot open ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
    }
    if (info.isDirectory()) await zipsUnder(p, out);
    else out.push(p);
  }
  return [...new Set(out)];
}
