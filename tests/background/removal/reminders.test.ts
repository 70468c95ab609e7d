/**
 * The re-check reminder: the alarm counts notified listings not found removed once the agency's
 * delay has passed, over every open case, and says so in the toolbar button's tooltip only. The
 * real evidence service and Dexie store on fake-indexeddb; only the browser is faked.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const local = new Map<string, unknown>();
  const titles: unknown[] = [];
  const alarms: { name: string; info: unknown }[] = [];
  const listeners: ((a: { name: string }) => void)[] = [];
  const browser = {
    storage: {
      local: {
        async get(key: string) {
          return local.has(key) ? { [key]: structuredClone(local.get(key)) } : {};
        },
        async set(items: Record<string, unknown>) {
          for (const [k, v] of Object.entries(items)) local.set(k, structuredClone(v));
        },
      },
    },
    action: {
      async setTitle(details: unknown) {
        titles.push(details);
      },
    },
    alarms: {
      async create(name: string, info: unknown) {
        alarms.push({ name, info });
      },
      onAlarm: { addListener: (l: (a: { name: string }) => void) => listeners.push(l) },
    },
    i18n: { getMessage: (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(' ') },
  };
  return { local, titles, alarms, listeners, browser };
});
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { evidenceStore } = await import('../../../src/browser/evidence-db/dexie-store');
const { installSigner } = await import('../../../src/background/evidence/service');
const { appendCapture, createCase, logAudit } = await import('../../../src/engine/evidence/operations');
const { noticeDraft } = await import('../../../src/engine/removal/records');
const { installRemovalReminders, refreshReminder } = await import('../../../src/background/removal/reminders');
const { sampleMetadata } = await import('../../support/evidence-fixture');

const DAY = 86_400_000;

async function notifiedDaysAgo(days: number) {
  const store = evidenceStore();
  const signer = await installSigner();
  const info = await createCase(store, signer, { title: `Case ${days}`, officer: 'Jane', agency: 'Unit' });
  const c = await appendCapture(store, signer, {
    caseId: info.caseId,
    metadata: sampleMetadata(info, 1, 'https://market.example/1'),
    artefacts: [{ name: 'text.txt', body: new TextEncoder().encode('Python regius for sale') }],
  });
  const at = new Date(Date.now() - days * DAY);
  const draft = noticeDraft(
    {
      caseId: info.caseId,
      platform: 'market.example',
      kind: 'marketplace',
      language: 'en',
      channel: 'email',
      subject: 'Removal request',
      body: 'Please remove https://market.example/1',
      listings: [{ captureId: c.body.captureId, recordHash: c.hash, url: 'https://market.example/1' }],
    },
    'Jane',
    'a'.repeat(64),
    at,
  );
  await logAudit(store, signer, draft, { now: () => at });
}

describe('the removal re-check reminder', () => {
  it('is an alarm every 3 hours that only updates the toolbar tooltip', async () => {
    installRemovalReminders();
    expect(fake.alarms).toEqual([{ name: 'removal/reminder', info: { delayInMinutes: 1, periodInMinutes: 180 } }]);
    expect(fake.listeners).toHaveLength(1);
  });

  it('counts listings notified longer ago than the agency delay, in open cases', async () => {
    await notifiedDaysAgo(2);
    expect(await refreshReminder()).toBe(0);
    expect(fake.titles.at(-1)).toEqual({ title: 'extName' });
    await notifiedDaysAgo(8);
    await notifiedDaysAgo(30);
    expect(await refreshReminder()).toBe(2);
    expect(fake.titles.at(-1)).toEqual({ title: 'extName: rmRechecksDue 2' });
    fake.local.set('removal/settings', { reminderDays: 1 });
    fake.listeners[0]({ name: 'removal/reminder' });
    await vi.waitFor(() => expect(fake.titles.at(-1)).toEqual({ title: 'extName: rmRechecksDue 3' }));
    fake.local.set('removal/settings', { reminderDays: 0 });
    expect(await refreshReminder()).toBe(0);
    expect(fake.titles.at(-1)).toEqual({ title: 'extName' });
  });
});
