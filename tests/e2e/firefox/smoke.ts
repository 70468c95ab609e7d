/**
 * Firefox smoke test, run as its own Node process (it needs --experimental-websocket): web-ext
 * starts firefox-esr headless with the built extension on a local fixture page; through
 * WebDriver BiDi the test opens the extension's popup for that page and reads the word count the
 * content script reported. Prints one JSON line with the outcome.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO, serveFixtures } from '../harness';
import { BidiClient } from './bidi-client';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise((ok) => srv.close(ok));
  return port;
}

async function main(): Promise<{ wordCount: number; title: string }> {
  const server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  const pageUrl = `${server.origin}/e2e/words.html`;
  const port = await freePort();
  const webExt = spawn('npx', [
    'web-ext', 'run', '--source-dir', join(REPO, '.output/firefox-mv2'), '--firefox', FIREFOX,
    '--no-input', '--no-reload', '--start-url', pageUrl,
    '--pref=datareporting.policy.dataSubmissionEnabled=false',
    `--arg=--remote-debugging-port=${port}`,
  ], { env: { ...process.env, MOZ_HEADLESS: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  webExt.stdout.on('data', (d) => (log += d));
  webExt.stderr.on('data', (d) => (log += d));
  try {
    const bidi = await BidiClient.connect(port, 60_000);
    await bidi.send('session.new', { capabilities: {} });
    // BiDi may not navigate to extension pages, but the welcome page opens itself on install;
    // from there, ask the background what the content script reported, as the popup does.
    const end = Date.now() + 45_000;
    let outcome: { wordCount: number; title: string } | null = null;
    const ask = `(async () => {
      const tab = (await browser.tabs.query({})).find((t) => t.url === ${JSON.stringify(pageUrl)});
      if (!tab) return '';
      const reply = await browser.runtime.sendMessage({ channel: 'wildtrace/v1', type: 'tab/summary', payload: { tabId: tab.id } });
      return reply && reply.ok && reply.value ? JSON.stringify({ wordCount: reply.value.wordCount, title: reply.value.title }) : '';
    })()`;
    while (Date.now() < end && outcome === null) {
      await new Promise((r) => setTimeout(r, 500));
      const tree = await bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {});
      const welcome = tree.contexts.find((c) => c.url.startsWith('moz-extension://') && c.url.endsWith('/welcome.html'));
      if (!welcome) continue;
      const answer = (await bidi.evaluate(welcome.context, ask)) as string;
      if (answer) outcome = JSON.parse(answer);
    }
    bidi.close();
    if (!outcome) throw new Error('no report from the content script within 45 s');
    return outcome;
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- web-ext output ---\n${log.slice(-3000)}`);
  } finally {
    try {
      process.kill(-webExt.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await server.close();
  }
}

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
