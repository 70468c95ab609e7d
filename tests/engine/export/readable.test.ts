/**
 * The pieces the report and the tables are written with: box colours by kind (in step with
 * trainer mode), capture times in UTC and local time, and indicators in words.
 */
import { describe, expect, it, vi } from 'vitest';
import { PAYMENT_CHANNELS, SHIPPING_CARRIERS } from '../../../src/engine/indicators/channels';
import { PAINT_KINDS } from '../../../src/engine/matcher/paint-kind';
import { ANNOTATION_KINDS, ANNOTATION_STYLES, annotationKindOf } from '../../../src/engine/export/annotation-style';
import { wildlifeMentions } from '../../../src/engine/export/context';
import { groupIndicators, indicatorRow } from '../../../src/engine/export/indicator-rows';
import { knownBrandName, nameOf } from '../../../src/engine/indicators/brand-names';
import { captureTimes, localIso, offsetMinutes } from '../../../src/engine/export/times';

vi.mock('webextension-polyfill', () => ({
  default: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('box colours of the annotated screenshot', () => {
  it('are the kinds and fill colours of trainer mode, and its legend words', async () => {
    const { PAINT_COLOURS } = await import('../../../src/content/trainer');
    expect(ANNOTATION_KINDS).toEqual(PAINT_KINDS);
    for (const k of PAINT_KINDS) expect(ANNOTATION_STYLES[k].fill, k).toBe(PAINT_COLOURS[k]);
    const { default: strings } = await import('../../../locales/detection.json', { with: { type: 'json' } });
    const key = (k: string) => `trainerKind${k[0].toUpperCase()}${k.slice(1)}` as keyof typeof strings;
    for (const k of PAINT_KINDS) expect(ANNOTATION_STYLES[k].label, k).toBe((strings[key(k)] as { en: string }).en);
  });

  it('have outlines that stand out on white pages (3:1) and differ from kind to kind', () => {
    for (const k of ANNOTATION_KINDS)
      expect(contrast(ANNOTATION_STYLES[k].line, '#ffffff'), k).toBeGreaterThanOrEqual(3);
    expect(new Set(ANNOTATION_KINDS.map((k) => ANNOTATION_STYLES[k].line)).size).toBe(ANNOTATION_KINDS.length);
  });

  it('read the kind of a stored hit as trainer mode paints it, whatever the JSON holds', () => {
    const taxon = (listing: string) => ({ taxonId: 1, name: 'x', rank: 'SPECIES', listing });
    expect(annotationKindOf({ kind: 'species', tactics: [], taxon: taxon('I/II') })).toBe('app1');
    expect(annotationKindOf({ kind: 'species', tactics: [], taxon: taxon('II') })).toBe('app2');
    expect(annotationKindOf({ kind: 'species', tactics: ['misspelling'], taxon: taxon('I') })).toBe('evasion');
    expect(annotationKindOf({ kind: 'trade-term', termKind: 'code', tactics: [] })).toBe('code');
    expect(annotationKindOf({ kind: 'hashtag', tactics: ['hashtag'] })).toBe('hashtag');
    expect(annotationKindOf({ kind: 'cue', termKind: 'sale-cue', tactics: [] })).toBe('cue');
    expect(annotationKindOf({ kind: 'trade-term', termKind: 'product', tactics: [] })).toBe('product');
    for (const junk of [null, 'x', 42, [], { tactics: 'x', taxon: 'y' }])
      expect(annotationKindOf(junk)).toBe('product');
  });
});

describe('capture times', () => {
  it.each([
    ['+01:00', 60],
    ['-05:30', -330],
    ['+00:00', 0],
    ['+14:00', 840],
    ['1:00', undefined],
    ['', undefined],
  ])('offset %s is %s minutes', (offset, minutes) => expect(offsetMinutes(offset)).toBe(minutes));

  it('gives the local wall-clock time of a UTC instant, across midnight and with half-hour offsets', () => {
    expect(localIso('2025-03-01T10:00:00.005Z', '+01:00')).toBe('2025-03-01T11:00:00.005+01:00');
    expect(localIso('2025-12-31T23:30:00.000Z', '+05:30')).toBe('2026-01-01T05:00:00.000+05:30');
    expect(localIso('2025-01-01T02:00:00.000Z', '-05:00')).toBe('2024-12-31T21:00:00.000-05:00');
    expect(localIso('not a time', '+01:00')).toBeUndefined();
  });

  it('names the zone when the capture recorded it, else the offset only', () => {
    expect(
      captureTimes({ capturedAt: '2025-07-01T22:30:00.250Z', localOffset: '+02:00', timeZone: 'Europe/Paris' }),
    ).toEqual({
      utc: '2025-07-01 22:30:00.250 UTC',
      local: '2025-07-02 00:30:00.250 Europe/Paris (UTC+02:00)',
      localIso: '2025-07-02T00:30:00.250+02:00',
      timeZone: 'Europe/Paris',
    });
    expect(captureTimes({ capturedAt: '2025-07-01T22:30:00.250Z', localOffset: '+02:00' }).local).toBe(
      '2025-07-02 00:30:00.250 (UTC+02:00)',
    );
    expect(captureTimes({ capturedAt: 'garbage', localOffset: '+02:00' })).toEqual({ utc: 'garbage' });
  });
});

describe('indicators in words', () => {
  it('gives every payment channel and carrier a name, not an id', () => {
    for (const { id } of [...PAYMENT_CHANNELS, ...SHIPPING_CARRIERS]) {
      expect(nameOf(id), id).not.toMatch(/-|^[a-z]/);
    }
    expect(nameOf('jt-express')).toBe('J&T Express');
    expect(nameOf('new-bank_pay')).toBe('New bank pay');
    // Only the table's own entries are brands: inherited object keys are not.
    expect(nameOf('constructor')).toBe('Constructor');
    expect(knownBrandName('toString')).toBeUndefined();
    expect(knownBrandName('WhatsApp')).toBe('WhatsApp');
  });

  it('reads phones in E.164, says when the country is unknown, and keeps unknown fields as words', () => {
    expect(
      indicatorRow({
        type: 'phone',
        value: '06 12 34 56 78',
        normalized: '+33612345678',
        details: { country: 'FR', e164: true },
      }),
    ).toMatchObject({
      group: 'contact',
      label: 'Phone',
      value: '+33612345678',
      written: '06 12 34 56 78',
      details: 'country FR',
    });
    expect(
      indicatorRow({ type: 'phone', value: '0912 345', normalized: '0912345', details: { e164: false } }).details,
    ).toBe('country unknown: digits as written, not E.164');
    expect(indicatorRow({ type: 'pager', value: '123', beeps: 3, nested: { a: 1 } })).toMatchObject({
      group: 'other',
      label: 'Pager',
      value: '123',
      details: 'beeps: 3',
    });
    expect(indicatorRow('loose text')).toMatchObject({ label: 'Unknown', value: 'loose text' });
    expect(indicatorRow({ type: 'price', value: '¥500', details: { amount: 500, currency: 'CNY/JPY' } })).toMatchObject(
      { value: '500 CNY/JPY', details: 'currency ambiguous (CNY/JPY)' },
    );
  });

  it('groups contacts first and counts repeats once', () => {
    const phone = { type: 'phone', value: '+44 7700 900121', normalized: '+447700900121', details: { e164: true } };
    const groups = groupIndicators([
      { type: 'price', value: '5 EUR', details: { amount: 5, currency: 'EUR' } },
      phone,
      { ...phone, value: '+447700900121' },
      { type: 'shipping', value: 'DHL', details: { carrier: 'dhl' } },
    ]);
    expect(groups.map((g) => g.group)).toEqual(['contact', 'shipping', 'price']);
    expect(groups[0].items).toEqual([
      expect.objectContaining({ count: 2, written: ['+44 7700 900121', '+447700900121'] }),
    ]);
  });
});

describe('wildlife mentions', () => {
  it('are counted as the badge counts them: overlapping hits once, cues never, block by block', () => {
    const hit = (start: number, end: number, kind: string, blockId = 1) => ({ start, end, kind, frameId: 0, blockId });
    const hits = [
      hit(0, 13, 'hashtag'), // "#ivoryforsale"
      hit(1, 6, 'trade-term'), // the "ivory" inside it
      hit(20, 28, 'cue'),
      hit(30, 43, 'species'),
      hit(0, 13, 'species', 2), // the same offsets in another block: another mention
    ];
    expect(wildlifeMentions(hits)).toBe(3);
    expect(wildlifeMentions([])).toBe(0);
    expect(wildlifeMentions([null, 'x', { kind: 'species' }])).toBe(0);
  });
});
