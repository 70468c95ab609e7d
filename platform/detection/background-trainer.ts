/**
 * Trainer mode switches: per tab (storage.session, gone with the browser session) and per site
 * (storage.local list of origins). Off everywhere by default: covert is the default.
 */
import browser from 'webextension-polyfill';
import { CHANNEL } from '../../src/messaging/protocol';
import type { DetectionCommand, TrainerState } from '../../src/messaging/routes/detection';

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
  const [session, local] = await Promise.all([browser.storage.session.get(TAB_KEY(tabId)), browser.storage.local.get(SITES_KEY)]);
  const sites = (local[SITES_KEY] as string[] | undefined) ?? [];
  return { tab: session[TAB_KEY(tabId)] === true, site: origin !== '' && sites.includes(origin), origin };
}

/** True when the tab's hits are painted. */
export async function trainerOn(tabId: number): Promise<boolean> {
  const s = await trainerState(tabId);
  return s.tab || s.site;
}

/** Sends a command to every frame of a tab's content script; a tab without one is left alone. */
export async function tellTab(tabId: number, command: DetectionCommand, frameId?: number): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, command, frameId === undefined ? undefined : { frameId });
}

/** Turns trainer mode on or off for a tab or its site and tells the tab's frames. */
export async function setTrainer(tabId: number, scope: 'tab' | 'site', on: boolean): Promise<TrainerState> {
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
  await tellTab(tabId, { channel: CHANNEL, type: 'detection/trainer', on: state.tab || state.site }).catch(() => undefined);
  return state;
}

/** Forgets a closed tab's switch. */
export async function forgetTrainerTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(TAB_KEY(tabId));
}
