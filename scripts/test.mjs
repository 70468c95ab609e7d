// `npm test`: type-check, lint (ESLint and Prettier), unit tests, build, end-to-end tests in
// Chromium and the Firefox smoke test. Every step runs even when an earlier one fails, and the
// total is printed as one line.
// On a fresh machine it first installs what the tests drive (the locked packages, and Debian's
// chromium, firefox-esr and openssl when missing and apt-get can be used).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!existsSync('node_modules/.bin/vitest')) {
  console.log('=== installing the locked packages: npm ci');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
// Debian's package names match the commands they install.
const missing = ['chromium', 'firefox-esr', 'openssl'].filter((cmd) => !has(cmd));
if (missing.length) {
  const root = process.getuid?.() === 0;
  if (has('apt-get') && (root || has('sudo'))) {
    console.log(`=== installing ${missing.join(', ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (...args) =>
      spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['apt-get', ...args], { stdio: 'inherit', env });
    apt('update', '-qq');
    apt('install', '-y', '-qq', ...missing);
  } else {
    console.log(
      `Missing ${missing.join(', ')}: install them (Debian: apt-get install -y ${missing.join(' ')}); ` +
        'the tests that need them will fail.',
    );
  }
}

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

if (step('type-check', 'npx', ['tsc', '--noEmit'])) passed++;
else failed++;
if (step('lint', 'npm', ['run', '--silent', 'lint'])) passed++;
else failed++;
step('unit', 'npx', ['vitest', 'run', '--project', 'unit'], { WILDTRACE_REPORT: 'unit' });
if (!countVitest('unit')) failed++;
const built = step('build', 'npx', ['wxt', 'build']) && step('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
if (built) passed++;
else failed++;
if (built) {
  step('e2e', 'npx', ['vitest', 'run', '--project', 'e2e'], { WILDTRACE_REPORT: 'e2e' });
  if (!countVitest('e2e')) failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedSteps > 0 ? 1 : 0);
