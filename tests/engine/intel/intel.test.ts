/** The pieces of the cross-case report: calendar buckets, seller keys, hostile text, STIX patterns. */
import { describe, expect, it } from 'vitest';
import { IntelAggregator } from '../../../src/engine/intel/aggregator';
import { alertStixBundle, stixPattern } from '../../../src/engine/intel/alert-stix';
import { captureFacts, sellerIndicator } from '../../../src/engine/intel/capture-facts';
import { cyberAlertHtml } from '../../../src/engine/intel/cyber-alert-html';
import { isoMonth, isoWeek } from '../../../src/engine/intel/time-buckets';
import { ind, species } from '../../support/intel-fixture';

describe('calendar buckets', () => {
  it.each([
    ['2025-03-03T10:00:00Z', '2025-W10'],
    ['2024-12-30T00:00:00Z', '2025-W01'], // Monday of the week holding 2 January 2025
    ['2021-01-03T23:59:59Z', '2020-W53'], // Sunday ending 2020's week 53
    ['2026-01-01T00:00:00Z', '2026-W01'],
  ])('%s is in ISO week %s', (iso, week) => expect(isoWeek(iso)).toBe(week));

  it('reads months in UTC and refuses what is not a time', () => {
    expect(isoMonth('2025-03-31T23:30:00-02:00')).toBe('2025-04');
    expect(isoWeek('yesterday')).toBeUndefined();
    expect(isoMonth('')).toBeUndefined();
  });
});

describe('seller keys', () => {
  it('files a WhatsApp number as the phone it is, and handles without case or @', () => {
    expect(sellerIndicator(ind.messenger('whatsapp', '+447700900001'))?.key).toBe('phone:+447700900001');
    expect(sellerIndicator(ind.phone('+447700900001'))?.key).toBe('phone:+447700900001');
    expect(sellerIndicator(ind.messenger('telegram', '@Ivory_King'))?.key).toBe('handle:telegram:ivory_king');
    expect(sellerIndicator(ind.email('A@B.example'))?.key).toBe('email:a@b.example');
    expect(sellerIndicator(ind.price(5, 'USD'))).toBeUndefined();
    expect(sellerIndicator('garbage')).toBeUndefined();
  });
});

describe('hostile stored text', () => {
  it('is escaped in the report and never becomes markup or a link', () => {
    const agg = new IntelAggregator();
    const evil = '<img src=x onerror=alert(1)>';
    const facts = captureFacts(
      { caseId: 'c1', title: `</title><script>alert(1)</script>` },
      {
        captureId: 'x1',
        sequence: 0,
        metadata: { finalUrl: `https://evil.example/"><script>alert(2)</script>`, capturedAt: '2025-01-01T00:00:00Z' },
      } as never,
      [species(evil, '<b>I</b>'), { kind: 'hashtag', text: '#<svg onload=alert(3)>' }, null, 42],
      [ind.messenger('telegram', evil), { type: 'phone', value: 7 }, 'junk'],
    );
    agg.add(facts);
    agg.add({ ...facts, caseId: 'c2' });
    const html = cyberAlertHtml(agg.summary(), [{ name: evil, status: 'included', captures: 2 }], {
      generatedAt: '2025-01-02T00:00:00Z',
      tool: { name: 'wildtrace', version: 'test' },
      scope: evil,
    });
    expect(html).not.toMatch(/<script|<img|<svg onload|<a /i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('STIX patterns', () => {
  it('escape quotes and backslashes in values', () => {
    expect(stixPattern({ type: 'handle', label: 'Telegram', value: "o'brien\\x" })).toBe(
      "[user-account:account_type = 'telegram' AND user-account:account_login = 'o\\'brien\\\\x']",
    );
    expect(stixPattern({ type: 'wallet', label: 'Bitcoin wallet', value: 'bc1q' })).toBe(
      "[user-account:account_type = 'bitcoin-wallet' AND user-account:account_login = 'bc1q']",
    );
  });

  it('writes a bundle that parses, one indicator per seller key', async () => {
    const agg = new IntelAggregator();
    const base = {
      captureId: 'a',
      sequence: 0,
      metadata: { finalUrl: 'https://a.example/', capturedAt: '2025-01-01T00:00:00Z' },
    };
    agg.add(
      captureFacts({ caseId: 'c', title: 'C' }, base as never, [], [ind.phone('+15550100'), ind.email('x@y.example')]),
    );
    let text = '';
    for await (const chunk of alertStixBundle(agg.summary(), {
      generatedAt: '2025-02-01T00:00:00Z',
      producer: 'Agency',
    }))
      text += chunk;
    const bundle = JSON.parse(text);
    expect(bundle.objects.map((o: { type: string }) => o.type)).toEqual(['identity', 'indicator', 'indicator']);
    expect(bundle.objects[1].x_wildtrace_indicator).toEqual({ type: 'email', label: 'E-mail', value: 'x@y.example' });
  });
});
