// `npm test`: type-check, unit tests, build, end-to-end tests in Chromium and the Firefox smoke
// test. Every step runs even when an earlier one fails, and the total is printed as one line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

rmSync('.test-results', { recursive: true, force: true });
mkdirSync('.test-results');

let failedSteps = 0;
let passed = 0;
let failed = 0;

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  if (!ok) failedSteps++;
  return ok;
}

function countVitest(name) {
  const file = `.test-results/${name}.json`;
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  return true;
}

if (step('type-check', 'npx', ['tsc', '--noEmit'])) passed++; else failed++;
step('unit', 'npx', ['vitest', 'run', '--project', 'unit'], { WILDTRACE_REPORT: 'unit' });
if (!countVitest('unit')) failed++;
const built = step('build', 'npx', ['wxt', 'build']) && step('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
if (built) passed++; else failed++;
if (built) {
  step('e2e', 'npx', ['vitest', 'run', '--project', 'e2e'], { WILDTRACE_REPORT: 'e2e' });
  if (!countVitest('e2e')) failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedSteps > 0 ? 1 : 0);
