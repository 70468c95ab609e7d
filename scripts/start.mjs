// `npm start`: builds the extension and opens Chromium with it loaded, on the training index.
// Without a display it builds and says how to load the extension by hand.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' });

const dir = resolve('.output/chrome-mv3');
const firefoxDir = resolve('.output/firefox-mv2');
const chromium =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const howTo = `
The extension is built:
  Chrome/Chromium: ${dir}
    open chrome://extensions, switch on "Developer mode", click "Load unpacked" and choose that folder.
  Firefox:         ${firefoxDir}
    open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…" and choose its manifest.json.
`;

if (!chromium || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
  console.log(howTo);
  if (!chromium) console.log('No Chromium found (set CHROMIUM_PATH to use another).');
  else console.log('No display is available, so no browser was started.');
  process.exit(0);
}

/** Chromium's id for an unpacked extension: SHA-256 of its path, first 32 hex digits mapped to a-p. */
const extensionId = (path) =>
  [...createHash('sha256').update(path).digest('hex').slice(0, 32)]
    .map((c) => String.fromCharCode(97 + parseInt(c, 16)))
    .join('');
const trainingIndex = `chrome-extension://${extensionId(dir)}/training/index.html`;

const profile = mkdtempSync(join(tmpdir(), 'wildtrace-'));
console.log(howTo);
console.log(`Starting ${chromium} with Wildtrace loaded (profile ${profile}).`);
// A fresh profile: the extension also opens its welcome page when it is installed.
spawn(
  chromium,
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    trainingIndex,
  ],
  { stdio: 'inherit' },
).on('exit', (code) => process.exit(code ?? 0));
