/**
 * The report's seller tally on disk counts exactly as the one in memory (any sightings, any
 * order), holds its sightings only inside the folder it was given, and leaves nothing there.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiskSellerTally } from '../../src/cli/disk-seller-tally';
import type { SellerIndicator } from '../../src/engine/intel/capture-facts';
import { type CaptureRef, MemorySellerTally, type SellerTally } from '../../src/engine/intel/seller-tally';

const sighting = fc.record({
  seller: fc.integer({ min: 0, max: 12 }),
  caseNo: fc.integer({ min: 0, max: 3 }),
  site: fc.constantFrom('a.example', 'b.example', 'c.example'),
  day: fc.integer({ min: 1, max: 28 }),
  number: fc.integer({ min: 1, max: 500 }),
});

type Sighting = typeof sighting extends fc.Arbitrary<infer T> ? T : never;

function feed(tally: SellerTally, sightings: Sighting[]): void {
  for (const [i, x] of sightings.entries()) {
    const seller: SellerIndicator =
      x.seller % 2
        ? { key: `phone:+4470${x.seller}`, type: 'phone', label: 'Phone', value: `+4470${x.seller}` }
        : { key: `handle:telegram:s${x.seller}`, type: 'handle', label: 'Telegram', value: `s${x.seller}` };
    const ref: CaptureRef = {
      caseId: `case-${x.caseNo}`,
      caseTitle: `Op "${x.caseNo}",\nnorth`,
      captureId: `capture-${i}`,
      number: x.number,
      capturedAt: `2025-03-${String(x.day).padStart(2, '0')}T10:00:00.000Z`,
      site: x.site,
      url: `https://${x.site}/item/${i}?q=ü`,
    };
    tally.add(seller, ref);
  }
}

describe('DiskSellerTally', () => {
  it('gives the results of the tally in memory', () => {
    const parent = mkdtempSync(join(tmpdir(), 'wildtrace-tally-'));
    fc.assert(
      fc.property(fc.array(sighting, { maxLength: 300 }), (sightings) => {
        const memory = new MemorySellerTally();
        const disk = new DiskSellerTally(parent);
        try {
          feed(memory, sightings);
          feed(disk, sightings);
          const m = memory.results();
          const d = disk.results();
          expect(d.count).toBe(m.count);
          expect(d.crossPosted).toEqual(m.crossPosted);
          const byKey = (rows: Iterable<{ key: string }>) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
          expect(byKey(d.all)).toEqual(byKey(m.all));
          // Cross-posted first in both, and every seller exactly once.
          expect([...d.all].slice(0, d.crossPosted.length)).toEqual(d.crossPosted);
          expect([...d.all]).toHaveLength(d.count);
          // Every capture of every cross-posted seller, beyond the rows' first MAX_CAPTURE_REFS.
          const pairs = (r: typeof d) =>
            [...r.crossPostedCaptures].map((x) => `${x.seller.key} ${x.capture.captureId}`).sort();
          expect(pairs(d)).toEqual(pairs(m));
          expect(pairs(d)).toHaveLength(d.crossPosted.reduce((n, r) => n + r.captures, 0));
        } finally {
          disk.dispose();
        }
      }),
      { numRuns: 100 },
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('keeps its sightings in a hidden folder of the given folder until disposed', () => {
    const parent = mkdtempSync(join(tmpdir(), 'wildtrace-tally-'));
    const disk = new DiskSellerTally(parent);
    disk.add(
      { key: 'phone:+447700900001', type: 'phone', label: 'Phone', value: '+447700900001' },
      { caseId: 'c', caseTitle: 'C', captureId: 'x', number: 1, capturedAt: '', site: 's', url: 'u' },
    );
    expect(disk.results().count).toBe(1);
    expect(readdirSync(parent)).toEqual([expect.stringMatching(/^\.wildtrace-sellers-/)]);
    disk.dispose();
    expect(readdirSync(parent)).toEqual([]);
  });
});
