import { describe, expect, it } from 'vitest';
import { archivesFact } from '../../../src/engine/export/report-html';

describe('the report says which page archives a capture holds', () => {
  it.each([
    [
      ['page-archive.html', 'page.mhtml', 'page.html'],
      /^page-archive\.html \(self-contained .*\); page\.mhtml \(MHTML/,
    ],
    [['page-archive.html', 'page.html'], /^page-archive\.html \(self-contained HTML, styles and images inlined\)$/],
    [['page.mhtml', 'page.html'], /^page\.mhtml \(MHTML, Chromium\)$/],
    [['page.html', 'screenshot.png'], /^none: only the serialised DOM \(page\.html\), without images or styles$/],
  ])('%j', (names, want) => {
    expect(archivesFact(names)).toMatch(want);
  });
});
