/**
 * Firefox smoke test, run as its own Node process (it needs --experimental-websocket): web-ext
 * starts firefox-esr headless with the built extension on two local fixture pages; through
 * WebDriver BiDi the test asks the background, from the extension's welcome page, what the
 * content script reported: the word count of one page (the popup's summary) and the live
 * detection hits of both (what the sidebar shows). Prints one JSON line with the outcome.
 */
import { join } from 'node:path';
import { REPO, serveFixtures } from '../../support/extension-harness';
import { type FirefoxSession, runAsScript, until, withFirefox } from '../../support/firefox-harness';

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

interface TabView {
  title: string;
  hits: { kind: string; text: string; taxon?: { name: string } }[];
  page: { saleOffer: boolean };
  indicators: { indicator: { type: string } }[];
}

const sorted = (xs: string[]) => [...new Set(xs)].sort();

/** What the side panel would show for a tab, asked of the background as the side panel does. */
async function findings(ff: FirefoxSession, tabId: number): Promise<PageFindings | undefined> {
  const view = await ff.send<TabView | null>('detection/tab', { tabId });
  if (!view) return undefined;
  const hits = view.hits.filter((h) => h.kind !== 'cue');
  return {
    title: view.title,
    mentions: sorted(hits.map((h) => h.text)),
    taxa: sorted(hits.flatMap((h) => (h.taxon ? [h.taxon.name] : []))),
    saleOffer: view.page.saleOffer,
    indicators: sorted(view.indicators.map((i) => i.indicator.type)),
  };
}

async function main(): Promise<SmokeOutcome> {
  const server = await serveFixtures({ '/e2e/': join(REPO, 'tests/fixtures/e2e') });
  const pageUrl = `${server.origin}/e2e/words.html`;
  const offerUrl = `${server.origin}/e2e/ff-hits.html`;
  try {
    return await withFirefox({ startUrls: [pageUrl, offerUrl] }, async (ff) => {
      const pageTab = await ff.tabIdOf(pageUrl, 45_000);
      const offerTab = await ff.tabIdOf(offerUrl, 45_000);
      // Waits until the summary is in and both pages have mentions; the test then checks them.
      return until(
        async () => {
          const summary = await ff.send<{ wordCount: number; title: string } | null>('tab/summary', {
            tabId: pageTab,
          });
          const words = await findings(ff, pageTab);
          const offer = await findings(ff, offerTab);
          if (!summary || !words?.mentions.length || !offer?.mentions.length) return undefined;
          return { wordCount: summary.wordCount, title: summary.title, words, offer };
        },
        45_000,
        'the content script’s report on both pages',
      );
    });
  } finally {
    await server.close();
  }
}

runAsScript(main);
