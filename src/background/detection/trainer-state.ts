/**
 * Trainer mode switches: per tab (storage.session, gone with the browser session) and per site
 * (storage.local list of origins). Off everywhere by default: covert is the default.
 */
import browser from 'webextension-polyfill';
import { CHANNEL } from '../../messaging/protocol';
import type { DetectionCommand, TrainerState } from '../../messaging/routes/detection';

const TAB_KEY = (tabId: number) => `trainer:tab:${tabId}`;
const SITES_KEY = 'trainerSites';

/** The origin of an address, or '' for addresses without one (about:, data:). */
export function originOf(url: string | undefined): string {
  try {
    const origin = new URL(url ?? '').origin;
    return origin === 'null' ? '' : origin;
  } catch {
    return '';
  }
}

async function tabOrigin(tabId: number): Promise<string> {
  try {
    return originOf((await browser.tabs.get(tabId)).url);
  } catch {
    return '';
  }
}

/** The trainer switches for a tab. */
export async function trainerState(tabId: number): Promise<TrainerState> {
  const origin = await tabOrigin(tabId);
  const [session, local] = await Promise.all([
    browser.storage.session.get(TAB_KEY(tabId)),
    browser.storage.local.get(SITES_KEY),
  ]);
  const sites = (local[SITES_KEY] as string[] | undefined) ?? [];
  return { tab: session[TAB_KEY(tabId)] === true, site: origin !== '' && sites.includes(origin), origin };
}

/**
 * Whether each tab's hits are painted, kept in memory: every batch of page text asks, and asking the
 * browser each time (the tab's address, both storage areas) queued three round trips per batch
 * behind the storage writes. Forgotten when a switch or the tab's address changes.
 */
const paintedTabs = new Map<number, Promise<boolean>>();
let watching = false;

function watchSwitches(): void {
  if (watching) return;
  watching = true;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SITES_KEY in changes) paintedTabs.clear();
    if (area !== 'session') return;
    for (const k of Object.keys(changes))
      if (k.startsWith('trainer:tab:')) paintedTabs.delete(Number(k.slice('trainer:tab:'.length)));
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) paintedTabs.delete(tabId);
  });
}

/** True when the tab's hits are painted. */
export function trainerOn(tabId: number): Promise<boolean> {
  watchSwitches();
  let on = paintedTabs.get(tabId);
  if (!on) {
    on = trainerState(tabId).then((s) => s.tab || s.site);
    paintedTabs.set(tabId, on);
    on.catch(() => paintedTabs.delete(tabId));
  }
  return on;
}

/** Sends a command to every frame of a tab's content script; a tab without one is left alone. */
export async function tellTab(tabId: number, command: DetectionCommand, frameId?: number): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, command, frameId === undefined ? undefined : { frameId });
}

/** Turns trainer mode on or off for a tab or its site and tells the tab's frames. */
export async function setTrainer(tabId: number, scope: 'tab' | 'site', on: boolean): Promise<TrainerState> {
  paintedTabs.delete(tabId);
  if (scope === 'tab') {
    if (on) await browser.storage.session.set({ [TAB_KEY(tabId)]: true });
    else await browser.storage.session.remove(TAB_KEY(tabId));
  } else {
    const origin = await tabOrigin(tabId);
    if (!origin) throw new Error('this page has no site to remember');
    const local = await browser.storage.local.get(SITES_KEY);
    const sites = new Set((local[SITES_KEY] as string[] | undefined) ?? []);
    if (on) sites.add(origin);
    else sites.delete(origin);
    await browser.storage.local.set({ [SITES_KEY]: [...sites].sort() });
  }
  const state = await trainerState(tabId);
  // A site switch changes every tab of that site.
  if (scope === 'site') paintedTabs.clear();
  paintedTabs.set(tabId, Promise.resolve(state.tab || state.site));
  await tellTab(tabId, { channel: CHANNEL, type: 'detection/trainer', on: state.tab || state.site }).catch(
    () => undefined,
  );
  return state;
}

/** Forgets a closed tab's switch. */
export async function forgetTrainerTab(tabId: number): Promise<void> {
  paintedTabs.delete(tabId);
  await browser.storage.session.remove(TAB_KEY(tabId));
}
