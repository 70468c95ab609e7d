import { describe, expect, it } from 'vitest';
import { findPhones } from '../../../src/engine/indicators';
import { normalizeRegion, phoneRegionFor, regionOfUrl } from '../../../src/engine/indicators/region';

describe('the region phone numbers without a country code are read in', () => {
  it.each([
    ['https://cho.example.vn/rao-vat/123', 'VN'],
    ['https://www.ebay.co.uk/itm/1', 'GB'],
    ['https://www.olx.co.id/item/1', 'ID'],
    ['http://milanuncios.es/x', 'ES'],
    ['https://shop.example.com/item', undefined],
    ['https://reptiles.example.io/', undefined],
    ['https://t.co/abc', undefined],
    ['https://192.168.0.1/', undefined],
    ['not a url', undefined],
  ])('%s -> %s', (url, region) => {
    expect(regionOfUrl(url)).toBe(region);
  });
  it('falls back to the home region, and a country domain wins over it', () => {
    expect(phoneRegionFor('https://shop.example.com/', 'vn')).toBe('VN');
    expect(phoneRegionFor('https://www.ebay.co.uk/', 'VN')).toBe('GB');
    expect(phoneRegionFor('https://shop.example.com/', '')).toBeUndefined();
  });
  it.each([
    ['vn', 'VN'],
    [' GB ', 'GB'],
    ['XX', undefined],
    ['USA', undefined],
    [42, undefined],
    [null, undefined],
  ])('normalizeRegion(%j) -> %s', (code, region) => {
    expect(normalizeRegion(code)).toBe(region);
  });
  it('places a national number with the region, and not without one', () => {
    const text = 'Radiated tortoise, ring 202 555 0143 after six';
    expect(findPhones(text, { defaultRegion: phoneRegionFor('https://www.example.us/ad') })).toMatchObject([
      { normalized: '+12025550143', details: { country: 'US', e164: true } },
    ]);
    expect(findPhones(text)).toEqual([]);
  });
});
