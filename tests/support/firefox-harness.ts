/**
 * Firefox end-to-end harness: web-ext starts firefox-esr headless with the built MV2 extension
 * (`npx wxt build -b firefox`) in a profile folder the test owns, and the test drives it through
 * WebDriver BiDi (firefox-esr speaks it on --remote-debugging-port; Playwright's Firefox needs a
 * patched build, which Debian's firefox-esr is not). BiDi cannot open extension pages, but it
 * can run script in those that are open (the welcome page opens itself on install), and from
 * there `tabs.create` opens the others. Needs Node's WebSocket: run under --experimental-websocket.
 *
 * The profile folder survives the browser (web-ext --keep-profile-changes), so a test can stop
 * Firefox and start it again on the same profile and download folder, as an officer's restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BidiClient } from './bidi-client';
import { REPO } from './extension-harness';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = join(REPO, '.output/firefox-mv2');
/** The Firefox build's add-on id (wxt.config.ts, browser_specific_settings.gecko.id). */
export const GECKO_ID = 'wildtrace@wildtrace.invalid';

/** Tor Browser's two defaults that matter to the extension. */
export const TOR_BROWSER_PREFS: Readonly<Record<string, string | boolean>> = {
  'browser.privatebrowsing.autostart': true,
  'privacy.resistFingerprinting': true,
};

export interface FirefoxLaunch {
  /** A folder of its own: the profile (kept between launches). */
  profileDir: string;
  /** Where downloads land, without asking. */
  downloadDir: string;
  startUrls: string[];
  prefs?: Record<string, string | boolean | number>;
  /** Grant "Run in Private Windows", as the officer does in about:addons. */
  allowPrivate?: boolean;
}

export interface FirefoxSession {
  bidi: BidiClient;
  /** Runs an async expression in an open extension page (`path`, e.g. "/welcome.html"). */
  inExtensionPage(path: string, expression: string): Promise<unknown>;
  /** Waits until an extension page at `path` is open; returns its BiDi context. */
  extensionPage(path: string, timeoutMs?: number): Promise<string>;
  /** Opens an extension page (`path` with its query) in a new tab, from the welcome page. */
  openExtensionPage(path: string): Promise<string>;
  /**
   * Sends a protocol message from an open extension page (the welcome page unless `from` says),
   * as the extension's own pages do; resolves to the reply's value, throws its error.
   */
  send<T = unknown>(type: string, payload: unknown, from?: string): Promise<T>;
  /** The id of the tab showing `url`, once there is one. */
  tabIdOf(url: string, timeoutMs?: number): Promise<number>;
  /** Puts files in the file input `selector` of a context, as the officer picks them (input and change events). */
  setFiles(context: string, selector: string, paths: string[]): Promise<void>;
  /** Clicks the field `selector` and types `text` into it with key events, as the officer does. */
  type(context: string, selector: string, text: string): Promise<void>;
  /** Saves a PNG of a context's viewport. */
  screenshot(context: string, file: string): Promise<void>;
  /** The web-ext and Firefox output so far (for failure messages). */
  log(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise((ok) => srv.close(ok));
  return port;
}

/**
 * The permission Firefox keeps for "Run in Private Windows" (extension-preferences.json in the
 * profile): seeded before start, because temporary add-ons are not allowed there by default.
 */
function allowInPrivateWindows(profileDir: string): void {
  const grant = { [GECKO_ID]: { permissions: ['internal:privateBrowsingAllowed'], origins: [] } };
  writeFileSync(join(profileDir, 'extension-preferences.json'), JSON.stringify(grant));
}

/** Starts firefox-esr with the extension; resolves once BiDi answers. */
export async function launchFirefox(o: FirefoxLaunch): Promise<FirefoxSession> {
  if (o.allowPrivate) allowInPrivateWindows(o.profileDir);
  const port = await freePort();
  const prefs: Record<string, string | boolean | number> = {
    'datareporting.policy.dataSubmissionEnabled': false,
    'browser.download.dir': o.downloadDir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    ...o.prefs,
  };
  const args = [
    'web-ext',
    'run',
    '--source-dir',
    FIREFOX_BUILD,
    '--firefox',
    FIREFOX,
    '--firefox-profile',
    o.profileDir,
    '--keep-profile-changes',
    '--no-input',
    '--no-reload',
    ...o.startUrls.flatMap((u) => ['--start-url', u]),
    ...Object.entries(prefs).map(([k, v]) => `--pref=${k}=${String(v)}`),
    `--arg=--remote-debugging-port=${port}`,
  ];
  const child: ChildProcess = spawn('npx', args, {
    cwd: REPO,
    env: { ...process.env, MOZ_HEADLESS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return; // already gone
    }
    // Firefox writes the profile on the way out; the next launch must find it whole.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  };
  let bidi: BidiClient;
  try {
    bidi = await BidiClient.connect(port, 60_000);
    await bidi.send('session.new', { capabilities: {} });
  } catch (err) {
    await stop();
    throw new Error(`Firefox did not start: ${(err as Error).message}\n${out.slice(-3000)}`, { cause: err });
  }

  const extensionPage = async (path: string, timeoutMs = 30_000): Promise<string> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const tree = await bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {});
      const found = tree.contexts.find((c) => c.url.startsWith('moz-extension://') && new URL(c.url).pathname === path);
      if (found) return found.context;
      if (Date.now() > end) throw new Error(`no extension page ${path} within ${timeoutMs} ms\n${out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const inExtensionPage = async (path: string, expression: string) =>
    bidi.evaluate(await extensionPage(path), expression);
  const elementOf = async (context: string, selector: string) => {
    const r = await bidi.send<{ type: string; result?: { type: string; sharedId?: string } }>('script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(selector)})`,
      target: { context },
      awaitPromise: false,
    });
    if (r.result?.type !== 'node' || !r.result.sharedId) throw new Error(`no element ${selector}`);
    return { sharedId: r.result.sharedId };
  };
  return {
    bidi,
    extensionPage,
    inExtensionPage,
    openExtensionPage: async (path) => {
      const before = new Set(
        (await bidi.send<{ contexts: { context: string }[] }>('browsingContext.getTree', {})).contexts.map(
          (c) => c.context,
        ),
      );
      await inExtensionPage('/welcome.html', `browser.tabs.create({ url: ${JSON.stringify(path)} }).then(() => true)`);
      const pathname = path.replace(/[?#].*$/, '');
      return until(
        async () => {
          const tree = await bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {});
          return tree.contexts.find(
            (c) =>
              !before.has(c.context) && c.url.startsWith('moz-extension://') && new URL(c.url).pathname === pathname,
          )?.context;
        },
        30_000,
        `the extension page ${path}`,
      );
    },
    send: async <T>(type: string, payload: unknown, from = '/welcome.html') => {
      const reply = JSON.parse(
        (await inExtensionPage(
          from,
          `browser.runtime.sendMessage(${JSON.stringify({ channel: 'wildtrace/v1', type, payload })})` +
            `.then((r) => JSON.stringify(r ?? null))`,
        )) as string,
      ) as { ok: boolean; value?: T; error?: string } | null;
      if (!reply?.ok) throw new Error(`${type}: ${reply?.error ?? 'no reply'}`);
      return reply.value as T;
    },
    tabIdOf: (url, timeoutMs = 30_000) =>
      until(
        async () =>
          ((await inExtensionPage(
            '/welcome.html',
            `browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(url)})?.id ?? null)`,
          )) as number | null) ?? undefined,
        timeoutMs,
        `a tab showing ${url}`,
      ),
    setFiles: async (context, selector, paths) => {
      await bidi.send('input.setFiles', { context, element: await elementOf(context, selector), files: paths });
    },
    type: async (context, selector, text) => {
      const element = await elementOf(context, selector);
      await bidi.send('script.callFunction', {
        functionDeclaration: '(el) => el.scrollIntoView({ block: "center" })',
        arguments: [element],
        target: { context },
        awaitPromise: false,
      });
      await bidi.send('input.performActions', {
        context,
        actions: [
          {
            type: 'pointer',
            id: 'mouse',
            actions: [
              { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element } },
              { type: 'pointerDown', button: 0 },
              { type: 'pointerUp', button: 0 },
            ],
          },
          {
            type: 'key',
            id: 'keyboard',
            actions: [
              ...[{ type: 'pause' }, { type: 'pause' }, { type: 'pause' }],
              ...[...text].flatMap((value) => [
                { type: 'keyDown', value },
                { type: 'keyUp', value },
              ]),
            ],
          },
        ],
      });
      await bidi.send('input.releaseActions', { context });
    },
    screenshot: async (context, file) => {
      const shot = await bidi.send<{ data: string }>('browsingContext.captureScreenshot', { context });
      writeFileSync(file, Buffer.from(shot.data, 'base64'));
    },
    log: () => out,
    close: async () => {
      bidi.close();
      await stop();
    },
  };
}

/**
 * Launches Firefox, runs `work` with it and closes it; a failure carries the end of web-ext's
 * output. Without a profile or downloads folder, fresh ones are made and removed afterwards.
 */
export async function withFirefox<T>(
  o: Omit<FirefoxLaunch, 'profileDir' | 'downloadDir'> & Partial<Pick<FirefoxLaunch, 'profileDir' | 'downloadDir'>>,
  work: (ff: FirefoxSession) => Promise<T>,
): Promise<T> {
  const made: string[] = [];
  const temp = (what: string) => {
    const dir = mkdtempSync(join(tmpdir(), `wildtrace-ff-${what}-`));
    made.push(dir);
    return dir;
  };
  let ff: FirefoxSession | undefined;
  try {
    ff = await launchFirefox({
      ...o,
      profileDir: o.profileDir ?? temp('profile'),
      downloadDir: o.downloadDir ?? temp('downloads'),
    });
    return await work(ff);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- web-ext output ---\n${ff?.log().slice(-3000) ?? ''}`, {
      cause: err,
    });
  } finally {
    await ff?.close();
    for (const d of made) rmSync(d, { recursive: true, force: true });
  }
}

/** Polls `probe` until it returns a value other than undefined. */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Runs a browser-side script's `main` as its own Node process does: its result as one JSON line
 * on stdout (the e2e test parses the last line), exit code 1 with the error on stderr.
 */
export function runAsScript(main: () => Promise<unknown>): void {
  main().then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
