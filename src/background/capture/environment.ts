/** Who and what took a capture: browser, OS, extension and lexicon versions. */
import browser from 'webextension-polyfill';

interface UaData {
  getHighEntropyValues(hints: string[]): Promise<{
    fullVersionList?: { brand: string; version: string }[];
    platform?: string;
    platformVersion?: string;
    architecture?: string;
  }>;
}

/** Browser name and version, e.g. "Chromium 150.0.7000.1". */
export async function browserDescription(): Promise<string> {
  const info = await (
    browser.runtime as { getBrowserInfo?: () => Promise<{ name: string; version: string }> }
  ).getBrowserInfo?.();
  if (info) return `${info.name} ${info.version}`;
  const ua = (navigator as Navigator & { userAgentData?: UaData }).userAgentData;
  if (ua) {
    const v = await ua.getHighEntropyValues(['fullVersionList']);
    const brand =
      v.fullVersionList?.find((b) => !/Not.?A.?Brand/i.test(b.brand) && b.brand !== 'Chromium') ??
      v.fullVersionList?.find((b) => b.brand === 'Chromium');
    if (brand) return `${brand.brand} ${brand.version}`;
  }
  return navigator.userAgent;
}

/** Operating system and architecture, e.g. "linux x86-64". */
export async function osDescription(): Promise<string> {
  const p = await browser.runtime.getPlatformInfo();
  return `${p.os} ${p.arch}`;
}

let lexiconVersion: Promise<string> | undefined;
/** The lexicon version shipped with the extension: checklist date and content hash. */
export function lexiconVersionOf(): Promise<string> {
  lexiconVersion ??= (async () => {
    try {
      const res = await fetch(browser.runtime.getURL('/lexicon/lexicon-version.json'));
      const v = (await res.json()) as { contentHash?: string; checklist?: { date?: string }; schema?: number };
      const hash = String(v.contentHash ?? '').slice(0, 16);
      return `checklist ${v.checklist?.date ?? '?'}, schema ${v.schema ?? '?'}, sha256 ${hash}`;
    } catch {
      return 'unknown';
    }
  })();
  return lexiconVersion;
}
