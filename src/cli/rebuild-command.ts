/**
 * `wildtrace rebuild FOLDER`: makes case files again from capture bundles, the files Wildtrace
 * saves one per capture where the browser keeps no evidence after it closes (Tor Browser).
 * Every bundle is verified first; one case file is written per case, then verified in turn.
 * Exit code 0 when every case was rebuilt and verifies and no bundle was left out, 1 otherwise,
 * 2 on bad usage or an unreadable folder. Node-only.
 */
import { open, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { caseFileName } from '../engine/export/case-export';
import { readBundles, writeRebuiltCase, type BundleFile } from '../engine/rebuild/rebuild';
import { verifyCaseFile } from '../engine/verify/verify-case';
import { bytesSource } from '../engine/verify/zip-reader';
import type { Command } from './main';
import { parseCommandLine, usageError } from './command-line';

const HELP = `Usage: wildtrace rebuild FOLDER [--out DIR]

Makes the case file of each case again from its capture bundles: the files Wildtrace saves in
Downloads/Wildtrace/<case>/ (capture-001-….zip, …) when the browser keeps no evidence after it
closes (Tor Browser, permanent private browsing). Give the folder that holds them (sub-folders
are read too). Each bundle is verified first; a bundle that does not verify is left out and named.

In the rebuilt file every capture, note, tag and audit entry keeps the officer's signature; the
manifest is signed with a one-off key of this run, which the file names, and \`wildtrace verify\`
checks the file against its signed audit log: every capture the log records must be in it.

Options:
  --out DIR     where to write the case files (default: the current folder)
  -h, --help    show this help

Exit code: 0 every case rebuilt and verified, 1 a bundle left out, a capture without bundle, or a
rebuilt file that does not verify, 2 bad usage or unreadable folder.`;

const TOOL = { name: 'wildtrace rebuild', version: '0.1.0' };

async function zipsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.zip'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const command: Command = {
  summary: 'make case files again from capture bundles (Tor Browser)',
  async run(args) {
    const parsed = parseCommandLine('rebuild', HELP, {
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      return usageError('rebuild', HELP, 'give exactly one folder');
    }
    const folder = positionals[0];
    const out = values.out ?? '.';
    let files: BundleFile[];
    try {
      const paths = await zipsUnder(folder);
      files = await Promise.all(paths.map(async (p) => ({ file: relative(folder, p), bytes: await readFile(p) })));
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      console.error(`wildtrace rebuild: cannot read ${folder}: ${reason}`);
      return 2;
    }
    if (!files.length) {
      console.error(`wildtrace rebuild: no .zip files in ${folder}`);
      return 1;
    }
    const { groups, refused } = await readBundles(files);
    let failed = refused.length;
    for (const r of refused) console.log(`Left out:  ${r.file} ${r.reason}`);
    for (const g of groups) {
      const label = `"${g.info.title}" (${g.info.caseId})`;
      if (g.missing.length) {
        console.log(`Case ${label}: NOT rebuilt, no bundle for captures ${g.missing.map((n) => `#${n}`).join(', ')}`);
        failed++;
        continue;
      }
      const now = new Date();
      // The case id keeps apart two cases of one title ("Unfiled – date" of two sessions).
      const name = caseFileName(g.info.title, now).replace(/\.zip$/, `-${g.info.caseId.slice(0, 8)}-rebuilt.zip`);
      const path = join(out, name);
      let handle;
      try {
        handle = await open(path, 'wx');
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        console.error(`wildtrace rebuild: cannot write ${path}: ${reason}`);
        return 2;
      }
      let ok = false;
      try {
        const result = await writeRebuiltCase(
          g,
          { write: async (chunk) => void (await handle.write(chunk)) },
          TOOL,
          now,
        );
        await handle.close();
        const report = await verifyCaseFile(bytesSource(await readFile(path)));
        ok = report.ok;
        const verdict = ok ? 'verifies' : `DOES NOT VERIFY (${report.problems.length} problems)`;
        console.log(
          `Case ${label}: ${result.captureCount} captures from ${g.bundles.length} bundles -> ${path}, ${verdict}`,
        );
      } catch (e) {
        await handle.close().catch(() => undefined);
        await rm(path, { force: true });
        console.log(`Case ${label}: NOT rebuilt: ${(e as Error).message}`);
      }
      if (!ok) failed++;
    }
    return failed ? 1 : 0;
  },
};

export default command;
