import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { copyBundledAssets } from './scripts/bundled-assets';
import { buildMessages } from './scripts/locales';
import { TSA_ORIGINS } from './src/background/evidence/tsa-origins';

/**
 * Extension-page CSP: only our own scripts, no plugins, no remote anything. connect-src also
 * names the RFC 3161 time-stamping authorities (src/background/evidence/tsa-origins.ts), contacted only
 * when the officer opts in to trusted timestamps.
 */
const EXTENSION_PAGE_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; " +
  `form-action 'none'; img-src 'self' data: blob:; style-src 'self'; connect-src 'self' ${TSA_ORIGINS.join(' ')}`;

/**
 * `WILDTRACE_BENCH=1 wxt build` makes the benchmark build in .output/bench: the only build whose
 * scanner and worker report their own timings (src/browser/bench-build.ts).
 */
const BENCH = process.env.WILDTRACE_BENCH === '1';

export default defineConfig({
  imports: false,
  outDir: BENCH ? '.output/bench' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    define: { __WILDTRACE_BENCH__: JSON.stringify(BENCH) },
    // Covert mode: WXT's content-script context announces itself to the page; ours stays silent.
    resolve: { alias: { 'wxt/utils/content-script-context': resolve('src/content/quiet-context.ts') } },
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...copyBundledAssets(), ...buildMessages());
    },
  },
  manifest: ({ browser, manifestVersion }) => {
    const chromeOnly = browser === 'chrome' ? ['pageCapture', 'sidePanel'] : [];
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      // alarms: the removal re-check reminder (src/background/removal/reminders.ts); no install warning.
      permissions: ['storage', 'unlimitedStorage', 'downloads', 'alarms', ...chromeOnly],
      host_permissions: ['<all_urls>'],
      icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
      action: { default_title: '__MSG_extName__' },
      commands: {
        'capture-page': {
          suggested_key: { default: 'Alt+Shift+E' },
          description: '__MSG_commandCapture__',
        },
      },
      content_security_policy: manifestVersion === 3 ? { extension_pages: EXTENSION_PAGE_CSP } : EXTENSION_PAGE_CSP,
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'wildtrace@wildtrace.invalid',
                strict_min_version: '115.0',
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : {}),
    };
  },
});
