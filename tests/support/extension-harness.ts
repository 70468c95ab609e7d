/**
 * End-to-end harness: serves fixture pages on 127.0.0.1, launches Debian's Chromium headless
 * with the built extension, and guards the network: every request made during a test must go to
 * the local server or stay inside the browser (extension, data: and blob: URLs).
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHANNEL, type MessageType, type Reply, type RequestOf, type ResponseOf } from '../../src/messaging/protocol';
import type { TabDetection } from '../../src/messaging/routes/detection';

export const REPO = resolve(import.meta.dirname, '../..');
export const CHROME_BUILD = join(REPO, '.output/chrome-mv3');
/** The benchmark build (`WILDTRACE_BENCH=1 wxt build`): reports the scanner's and worker's timings. */
export const BENCH_CHROME_BUILD = join(REPO, '.output/bench/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file server on 127.0.0.1 over the given folders, mounted at URL prefixes. */
export async function serveFixtures(
  mounts: Record<string, string>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!path.startsWith(prefix)) continue;
      const root = resolve(dir);
      let file = normalize(join(root, path.slice(prefix.length)));
      if (file !== root && !file.startsWith(root + sep)) break;
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) break;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Requests that left for anywhere but the allowed origins. */
  strayRequests: string[];
  /** The DevTools HTTP port (`/json/list`), when launched with `remoteDebugging`. */
  devtoolsPort?: number;
  /** Opens one of the extension's pages (popup.html, sidepanel.html, ...) as a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Sends a protocol message from an extension page, exactly as the popup would. */
  sendAsExtension<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<Reply<ResponseOf<K>>>;
  /** The browser's id for the tab showing `url`. */
  tabIdOf(url: string): Promise<number>;
  /** Stops the extension's service worker, as Chrome does when it is idle. */
  stopServiceWorker(): Promise<void>;
  /** The current service worker (it may have been restarted). */
  currentWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Also listen for DevTools on a free local port (`--remote-debugging-port=0`; the port is read
   * from the profile's DevToolsActivePort): the real toolbar popup is reachable only through it.
   */
  remoteDebugging?: boolean;
  /** Renders pages at this device scale factor (Playwright's emulation, as a HiDPI screen would). */
  deviceScaleFactor?: number;
  /**
   * More command-line switches for Chromium. With any, Playwright's viewport emulation is off
   * (`viewport: null`), so switches such as `--force-device-scale-factor` take effect.
   */
  extraArgs?: string[];
}

/** Launches Chromium with the built extension (`build`) loaded and the network guard on. */
export async function launchWithExtension(
  allowedOrigins: string[],
  build = CHROME_BUILD,
  options: LaunchOptions = {},
): Promise<ExtensionSession> {
  if (!existsSync(join(build, 'manifest.json'))) throw new Error(`no build in ${build}: run npm run build`);
  // Lets Playwright report requests made by the service worker as well as by pages.
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  const profile = mkdtempSync(join(tmpdir(), 'wildtrace-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
    ...(options.extraArgs?.length ? { viewport: null } : {}),
    args: [
      `--disable-extensions-except=${build}`,
      `--load-extension=${build}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Port 0: the browser picks a free port and writes it into the profile; it listens on 127.0.0.1 only.
      ...(options.remoteDebugging ? ['--remote-debugging-port=0'] : []),
      ...(options.extraArgs ?? []),
    ],
  });
  const devtoolsPort = options.remoteDebugging ? await readDevtoolsPort(profile) : undefined;
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const allowed = [...allowedOrigins, `chrome-extension://${extensionId}`];
  const strayRequests: string[] = [];
  context.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!allowed.some((o) => url === o || url.startsWith(o + '/'))) strayRequests.push(url);
  });

  // Playwright keeps the same Worker object across a stop and restart of the extension's worker.
  const currentWorker = async () =>
    context.serviceWorkers().find((w) => w.url().includes(extensionId)) ??
    (await context.waitForEvent('serviceworker'));
  let messenger: Page | undefined;
  const session: ExtensionSession = {
    context,
    extensionId,
    worker,
    strayRequests,
    ...(devtoolsPort ? { devtoolsPort } : {}),
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async sendAsExtension(type, payload) {
      messenger ??= await session.openExtensionPage('welcome.html');
      return messenger.evaluate((msg) => chrome.runtime.sendMessage(msg), {
        channel: CHANNEL,
        type,
        payload,
      } as const) as never;
    },
    async tabIdOf(url) {
      const w = await currentWorker();
      const id = await w.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
      if (typeof id !== 'number') throw new Error(`no tab shows ${url}`);
      return id;
    },
    currentWorker,
    async stopServiceWorker() {
      // The ServiceWorker domain of an extension page's session sees the extension's worker.
      const page = await session.openExtensionPage('welcome.html');
      const cdp = await context.newCDPSession(page);
      const stopped = new Promise<void>((ok) =>
        cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
          if (e.versions.some((v) => v.scriptURL.includes(extensionId) && v.runningStatus === 'stopped')) ok();
        }),
      );
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
      await cdp.detach();
      await page.close();
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}

/** The port Chromium wrote into `<profile>/DevToolsActivePort` (its first line) once DevTools listens. */
async function readDevtoolsPort(profile: string): Promise<number> {
  const file = join(profile, 'DevToolsActivePort');
  return eventually(
    async () => {
      const port = existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : NaN;
      return port > 0 ? port : undefined;
    },
    10_000,
    'the DevTools port',
  );
}

/**
 * Launches as launchWithExtension does, with Chromium saving downloads under their real names
 * (Playwright would rename them) into ~/Downloads of a throw-away HOME, and the officer's name and
 * agency set.
 */
export async function launchWithRealDownloads(
  allowedOrigins: string[],
): Promise<{ ext: ExtensionSession; downloads: string }> {
  const home = mkdtempSync(join(tmpdir(), 'wildtrace-home-'));
  const downloads = join(home, 'Downloads');
  mkdirSync(downloads);
  const realHome = process.env.HOME;
  process.env.HOME = home;
  let ext: ExtensionSession;
  try {
    ext = await launchWithExtension(allowedOrigins);
  } finally {
    process.env.HOME = realHome;
  }
  const page = await ext.openExtensionPage('welcome.html');
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('Browser.setDownloadBehavior' as never, { behavior: 'default' } as never);
  ok(await ext.sendAsExtension('settings/set', { officerName: 'Officer Test', agency: 'Example Wildlife Unit' }));
  return { ext, downloads };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The value of a background reply; throws with the background's error. */
export function ok<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/**
 * Polls live detection's view of a tab until `found` makes something of it (a value other than
 * undefined), and returns that.
 */
export function detected<T>(
  ext: ExtensionSession,
  tabId: number,
  found: (view: TabDetection) => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  return eventually(
    async () => {
      const view = ok(await ext.sendAsExtension('detection/tab', { tabId }));
      return view ? found(view) : undefined;
    },
    timeoutMs,
    what,
  );
}

/**
 * Opens `url` in a new tab and waits until live detection reports an indicator whose
 * "type:normalized" key is `key`; returns the tab id.
 */
export async function openUntilIndicator(ext: ExtensionSession, url: string, key: string): Promise<number> {
  const page = await ext.context.newPage();
  await page.goto(url);
  const tabId = await ext.tabIdOf(url);
  await detected(
    ext,
    tabId,
    (d) => (d.indicators.some((v) => `${v.indicator.type}:${v.indicator.normalized}` === key) ? true : undefined),
    `live detection indicators of ${url}`,
  );
  return tabId;
}

/**
 * Closes the browser and the fixture server, then applies the network guard: fails when any
 * request left for somewhere other than the allowed origins during the run.
 */
export async function closeGuarded(
  ext: ExtensionSession | undefined,
  server?: { close(): Promise<void> },
): Promise<void> {
  const stray = ext?.strayRequests ?? [];
  await ext?.close();
  await server?.close();
  if (stray.length) throw new Error(`requests left the test machine: ${stray.join(', ')}`);
}
