import { describe, expect, it } from 'vitest';
import { countWords } from '../../../src/engine/text/page-summary';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../src/engine/settings/settings';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['Ball python for sale', 4],
    ["don't sell ivory-carvings", 3],
    ['Cámara de marfil, 120 €', 4],
    ['Bán ngà voi giá rẻ', 5],
    ['象牙 出售', 2],
  ])('%j has %i words', (text, n) => expect(countWords(text)).toBe(n));
});

describe('mergeSettings', () => {
  it('keeps covert mode on by default', () => expect(DEFAULT_SETTINGS.covertMode).toBe(true));
  it('takes known keys of the right type only', () => {
    const merged = mergeSettings({ ...DEFAULT_SETTINGS }, { officerName: '  Ana  ', covertMode: 'no', extra: 1 });
    expect(merged).toEqual({ officerName: 'Ana', agency: '', covertMode: true, phoneRegion: '' });
  });
  it('keeps a phone region the parser knows, upper-cased; "" clears it; anything else changes nothing', () => {
    const vn = mergeSettings({ ...DEFAULT_SETTINGS }, { phoneRegion: 'vn' });
    expect(vn.phoneRegion).toBe('VN');
    expect(mergeSettings(vn, { phoneRegion: 'XX' }).phoneRegion).toBe('VN');
    expect(mergeSettings(vn, { phoneRegion: 7 }).phoneRegion).toBe('VN');
    expect(mergeSettings(vn, { phoneRegion: '' }).phoneRegion).toBe('');
  });
  it('ignores garbage', () => {
    expect(mergeSettings({ ...DEFAULT_SETTINGS }, null)).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings({ ...DEFAULT_SETTINGS }, 'x')).toEqual(DEFAULT_SETTINGS);
  });
});
