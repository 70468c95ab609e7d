/**
 * The re-check reminder: an alarm every few hours counts the notified listings whose re-check is
 * due and says so in the toolbar button's tooltip (outside every page, so no page can see it);
 * the side panel lists them. The alarm only reads the evidence store: it fetches nothing, and a
 * re-check still needs the officer's click.
 */
import browser from 'webextension-polyfill';
import { t } from '../../browser/i18n';
import { loadRemovalSettings } from './settings';
import { dueCount } from './table';

const ALARM = 'removal/reminder';
const PERIOD_MINUTES = 180;

export async function refreshReminder(): Promise<number> {
  const due = await dueCount((await loadRemovalSettings()).reminderDays);
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setTitle({ title: due > 0 ? `${t('extName')}: ${t('rmRechecksDue', String(due))}` : t('extName') });
  return due;
}

export function installRemovalReminders(): void {
  if (!browser.alarms) return;
  void browser.alarms.create(ALARM, { delayInMinutes: 1, periodInMinutes: PERIOD_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void refreshReminder().catch(() => undefined);
  });
}
