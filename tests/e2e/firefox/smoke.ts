/**
 * Firefox smoke test, run as its own Node process (it needs --experimental-websocket): web-ext
 * starts firefox-esr headless with the built extension on two local fixture pages; through
 * WebDriver BiDi the test asks the background, from the extension's welcome page, what the
 * content script reported: the word count of one page (the popup's summary) and the live
 * detection hits of both (what the sidebar shows). Prints one JSON line with the outcome.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO, serveFixtures } from '../../support/extension-harness';
import { BidiClient } from '../../support/bidi-client';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise((ok) => srv.close(ok));
  return port;
}

/** What live detection found on a page: mentions (not cues), their taxa, offer flag, indicator kinds. */
export interface PageFindings {
  title: string;
  mentions: string[];
  taxa: string[];
  saleOffer: boolean;
  indicators: string[];
}

export interface SmokeOutcome {
  wordCount: number;
  title: string;
  words: PageFindings;
  offer: PageFindings;
}

async function main(): Promise<SmokeOutcome> {
  const server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  const pageUrl = `${server.origin}/e2e/words.html`;
  const offerUrl = `${server.origin}/e2e/ff-hits.html`;
  const port = await freePort();
  const webExt = spawn(
    'npx',
    [
      'web-ext',
      'run',
      '--source-dir',
      join(REPO, '.output/firefox-mv2'),
      '--firefox',
      FIREFOX,
      '--no-input',
      '--no-reload',
      '--start-url',
      pageUrl,
      '--start-url',
      offerUrl,
      '--pref=datareporting.policy.dataSubmissionEnabled=false',
      `--arg=--remote-debugging-port=${port}`,
    ],
    { env: { ...process.env, MOZ_HEADLESS: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  webExt.stdout.on('data', (d) => (log += d));
  webExt.stderr.on('data', (d) => (log += d));
  try {
    const bidi = await BidiClient.connect(port, 60_000);
    await bidi.send('session.new', { capabilities: {} });
    // BiDi may not navigate to extension pages, but the welcome page opens itself on install;
    // from there, ask the background what the content script reported, as the popup does.
    const end = Date.now() + 45_000;
    let outcome: SmokeOutcome | null = null;
    let last = '';
    // Waits until the summary is in and both pages have mentions; the test then checks them.
    const ask =
      `(async () => {
      const tabs = await browser.tabs.query({});
      const ask = (type, tabId) => browser.runtime.sendMessage({ channel: 'wildtrace/v1', type, payload: { tabId } });
      const findings = async (url) => {
        const tab = tabs.find((t) => t.url === url);
        const found = tab ? await ask('detection/tab', tab.id) : null;
        if (!found || !found.ok || !found.value) return null;
        const hits = found.value.hits.filter((h) => h.kind !== 'cue');
        const sorted = (xs) => [...new Set(xs)].sort();
        return {
          title: found.value.title,
          mentions: sorted(hits.map((h) => h.text)),
          taxa: sorted(hits.filter((h) => h.taxon).map((h) => h.taxon.name)),
          saleOffer: found.value.page.saleOffer,
          indicators: sorted(found.value.indicators.map((i) => i.indicator.type)),
        };
      };
      const tab = tabs.find((t) => t.url === ${JSON.stringify(pageUrl)});
      const reply = tab ? await ask('tab/summary', tab.id) : null;
      const result = {
        wordCount: reply && reply.ok && reply.value ? reply.value.wordCount : null,
        title: reply && reply.ok && reply.value ? reply.value.title : null,
        words: await findings(${JSON.stringify(pageUrl)}),
        offer: await findings(${JSON.stringify(offerUrl)}),
      };
      const done = result.wordCount !== null && result.words && result.words.mentions.length > 0 ` +
      `&& result.offer && result.offer.mentions.length > 0;
      return JSON.stringify({ done, result });
    })()`;
    while (Date.now() < end && outcome === null) {
      await new Promise((r) => setTimeout(r, 500));
      const tree = await bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {});
      const welcome = tree.contexts.find(
        (c) => c.url.startsWith('moz-extension://') && c.url.endsWith('/welcome.html'),
      );
      if (!welcome) continue;
      last = (await bidi.evaluate(welcome.context, ask)) as string;
      const answer = JSON.parse(last) as { done: boolean; result: SmokeOutcome };
      if (answer.done) outcome = answer.result;
    }
    bidi.close();
    if (!outcome) throw new Error(`no complete report from the content script within 45 s; last answer: ${last}`);
    return outcome;
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- web-ext output ---\n${log.slice(-3000)}`, { cause: err });
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
