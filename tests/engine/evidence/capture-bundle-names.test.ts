import { describe, expect, it } from 'vitest';
import { captureBundlePath, caseBundleFolder } from '../../../src/engine/evidence/capture-bundle-names';
import type { StoredCapture } from '../../../src/engine/evidence/model';

const capture = (sequence: number, hash: string) => ({ body: { sequence }, hash }) as unknown as StoredCapture;
const info = { caseId: '0fcea22e-5dd4-4256-8815-c381a2281c59', title: 'Op. Scales <2025> / Ñandú' };

describe('capture bundle names', () => {
  it('puts each case in a folder of its own, safe as a path, named by title and id', () => {
    expect(caseBundleFolder(info)).toBe('Wildtrace/Op-Scales-2025-N-andu-0fcea22e');
    expect(caseBundleFolder({ caseId: info.caseId, title: '../..' })).toBe('Wildtrace/case-0fcea22e');
  });

  it('names a bundle by capture number and record hash', () => {
    expect(captureBundlePath(info, capture(0, 'f954c326106333795a12'))).toBe(
      'Wildtrace/Op-Scales-2025-N-andu-0fcea22e/capture-001-f954c3261063.zip',
    );
    expect(captureBundlePath(info, capture(1234, 'ab'.repeat(32)))).toMatch(/\/capture-1235-abababababab\.zip$/);
  });
});
