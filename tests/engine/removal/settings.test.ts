import { describe, expect, it } from 'vitest';
import { DEFAULT_REMOVAL_SETTINGS, mergeRemovalSettings } from '../../../src/engine/removal/settings';
import { timeToRemovalByPlatform, type RemovalRow } from '../../../src/engine/removal/records';

const base = () => structuredClone(DEFAULT_REMOVAL_SETTINGS);

describe('removal settings', () => {
  it('keeps known fields, trims text and bounds the reminder', () => {
    const s = mergeRemovalSettings(base(), {
      contact: '  unit@agency.example ',
      legalBasis: ' Art. 8 ',
      reminderDays: 900,
      other: 'ignored',
    });
    expect(s).toEqual({ contact: 'unit@agency.example', legalBasis: 'Art. 8', reminderDays: 365, templates: {} });
    expect(mergeRemovalSettings(base(), { reminderDays: -3 }).reminderDays).toBe(0);
    expect(mergeRemovalSettings(base(), { reminderDays: 2.5 }).reminderDays).toBe(7);
    expect(mergeRemovalSettings(base(), 'junk')).toEqual(base());
  });

  it('stores an agency template, refuses a broken one, and restores the default on null', () => {
    const tpl = { subject: 'Ref {reference}', body: 'Hello {platform}\n{listings}' };
    const s = mergeRemovalSettings(base(), { templates: { social: { fr: tpl } } });
    expect(s.templates).toEqual({ social: { fr: tpl } });
    expect(() => mergeRemovalSettings(s, { templates: { social: { es: { subject: 'x', body: '{oops}' } } } })).toThrow(
      'social template (es): {oops} in the body is not a placeholder; the body must contain {listings}',
    );
    expect(mergeRemovalSettings(s, { templates: { social: { fr: null } } }).templates).toEqual({ social: {} });
    expect(s.templates.social?.fr).toEqual(tpl); // the base is not changed
  });
});

describe('time to removal per platform', () => {
  const row = (platform: string, ms: number | null): RemovalRow => ({
    noticeHash: 'h',
    captureId: `${platform}-${ms}`,
    url: `https://${platform}/x`,
    platform,
    channel: 'email',
    notifiedAt: '2025-03-01T00:00:00.000Z',
    lastCheck: null,
    removedAt: ms === null ? null : '2025-03-02T00:00:00.000Z',
    timeToRemovalMs: ms,
    checks: 1,
  });
  it('counts notified and removed listings with the median and longest time', () => {
    expect(
      timeToRemovalByPlatform([
        row('b.example', 10),
        row('a.example', 4),
        row('b.example', 30),
        row('b.example', null),
      ]),
    ).toEqual([
      { platform: 'a.example', notified: 1, removed: 1, medianMs: 4, maxMs: 4 },
      { platform: 'b.example', notified: 3, removed: 2, medianMs: 20, maxMs: 30 },
    ]);
  });
});
