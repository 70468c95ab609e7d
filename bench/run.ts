/**
 * `npm run bench`: runs every `bench/*.bench.ts` section in turn, each in its own process so
 * one section's memory does not skew the next. A section prints its own table of figures and
 * ratios against the peers it measures in the same run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const sections = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failures = 0;
for (const file of sections) {
  console.log(`\n##### ${file}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `${dir}${file}`], { stdio: 'inherit' });
  if (r.status !== 0) failures++;
}
process.exit(failures ? 1 : 0);
