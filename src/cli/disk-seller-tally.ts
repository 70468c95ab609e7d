/**
 * The seller tally of `wildtrace report`, kept on disk so memory stays flat however many case
 * files are read: most sellers are seen once, so in memory the tally would grow with the captures.
 * Each sighting is appended as one JSON line to one of PARTITIONS files, chosen by a hash of the
 * seller's key, so every sighting of a seller lands in the same file; the results read one file
 * at a time into a MemorySellerTally (src/engine/intel/seller-tally.ts), so memory holds one
 * partition's sellers, about 1/PARTITIONS of them. The files live in a hidden folder inside the
 * report's folder (sellers are case data: they stay where the officer chose to write, not in
 * the system's temporary folder) and are removed by dispose().
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SellerIndicator } from '../engine/intel/capture-facts';
import {
  bySpread,
  type CaptureRef,
  isCrossPosted,
  MemorySellerTally,
  type SellerResults,
  type SellerRow,
  type SellerTally,
} from '../engine/intel/seller-tally';

export const PARTITIONS = 256;
/** Characters buffered per partition before they are appended to its file. */
const FLUSH_CHARS = 16 * 1024;

/** key, type, label, value, then the capture: case id and title, capture id and number, time, site, URL. */
type Line = [string, SellerIndicator['type'], string, string, string, string, string, number, string, string, string];

/** FNV-1a, 32 bits: spreads keys evenly over the partitions. */
function partitionOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % PARTITIONS;
}

export class DiskSellerTally implements SellerTally {
  private readonly dir: string;
  private readonly pending: string[] = new Array<string>(PARTITIONS).fill('');

  /** Makes the folder for the sightings inside `parent` (which must exist). */
  constructor(parent: string) {
    this.dir = mkdtempSync(join(parent, '.wildtrace-sellers-'));
  }

  add(s: SellerIndicator, r: CaptureRef): void {
    const line: Line = [
      s.key,
      s.type,
      s.label,
      s.value,
      r.caseId,
      r.caseTitle,
      r.captureId,
      r.number,
      r.capturedAt,
      r.site,
      r.url,
    ];
    const p = partitionOf(s.key);
    this.pending[p] += `${JSON.stringify(line)}\n`;
    if (this.pending[p].length >= FLUSH_CHARS) this.flush(p);
  }

  private file(p: number): string {
    return join(this.dir, `${p}.jsonl`);
  }

  private flush(p: number): void {
    if (!this.pending[p]) return;
    appendFileSync(this.file(p), this.pending[p]);
    this.pending[p] = '';
  }

  /** One partition's sellers, read back from its file in the order they were seen. */
  private partition(p: number): SellerResults {
    const tally = new MemorySellerTally();
    const path = this.file(p);
    if (existsSync(path)) {
      for (const text of readFileSync(path, 'utf8').split('\n')) {
        if (!text) continue;
        const [key, type, label, value, caseId, caseTitle, captureId, number, capturedAt, site, url] = JSON.parse(
          text,
        ) as Line;
        tally.add({ key, type, label, value }, { caseId, caseTitle, captureId, number, capturedAt, site, url });
      }
    }
    return tally.results();
  }

  results(): SellerResults {
    for (let p = 0; p < PARTITIONS; p++) this.flush(p);
    let count = 0;
    const crossPosted: SellerRow[] = [];
    // The parts holding a cross-posted seller: the only ones crossPostedCaptures reads again.
    const withCrossPosted: number[] = [];
    for (let p = 0; p < PARTITIONS; p++) {
      const r = this.partition(p);
      count += r.count;
      crossPosted.push(...r.crossPosted);
      if (r.crossPosted.length) withCrossPosted.push(p);
    }
    crossPosted.sort(bySpread);
    const partition = (p: number) => this.partition(p);
    return {
      count,
      crossPosted,
      all: {
        *[Symbol.iterator]() {
          yield* crossPosted;
          for (let p = 0; p < PARTITIONS; p++) {
            for (const row of partition(p).all) if (!isCrossPosted(row)) yield row;
          }
        },
      },
      // Partition by partition: grouped by seller, not in crossPosted's order.
      crossPostedCaptures: {
        *[Symbol.iterator]() {
          for (const p of withCrossPosted) yield* partition(p).crossPostedCaptures;
        },
      },
    };
  }

  /** Removes the sightings from disk. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
