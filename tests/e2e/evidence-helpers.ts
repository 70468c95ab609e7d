/**
 * Helpers for the evidence e2e tests: wait for a hit before capturing, read the extension's
 * IndexedDB (raw, from an extension page), hash stored Blobs there, and check records, chain,
 * signatures and audit in Node.
 */
import type { Page } from 'playwright-core';
import { detected, type ExtensionSession } from '../support/extension-harness';
import type { AuditEntry, StoredCapture } from '../../src/engine/evidence/model';

/** Waits until live detection on the tab reports a hit with this text (so a capture has it). */
export function hitDetected(ext: ExtensionSession, tabId: number, text: string): Promise<true> {
  return detected(ext, tabId, (d) => (d.hits.some((h) => h.text === text) ? true : undefined), `the hit "${text}"`);
}

/** A rectangle in image pixels. */
export type Box = { x: number; y: number; w: number; h: number };

/** What measureImages finds in a capture's stored images. */
export interface ImageMeasures {
  /** For each box, the share of its pixels that differ between the screenshot and its annotated copy. */
  changed: number[];
  /** Of `lines`, the colours present anywhere on the annotated copy. */
  linesFound: string[];
  /** For each point, the full-page image's colour there ("#rrggbb"). */
  pointColours: string[];
}

/**
 * Reads a capture's images in an extension page and measures them there (the pixels are too many
 * to send back). The full-page image is read only when points are asked for.
 */
export function measureImages(
  reader: Page,
  captureId: string,
  o: { boxes: Box[]; lines?: string[]; points?: { x: number; y: number }[] },
): Promise<ImageMeasures> {
  return reader.evaluate(
    async ({ captureId, boxes, lines, points }) => {
      const db = await new Promise<IDBDatabase>((ok) => {
        const q = indexedDB.open('wildtrace-evidence');
        q.onsuccess = () => ok(q.result);
      });
      const pixels = async (name: string) => {
        const row = await new Promise<{ body: Blob }>((ok) => {
          const q = db.transaction('artefacts').objectStore('artefacts').get([captureId, name]);
          q.onsuccess = () => ok(q.result);
        });
        const bitmap = await createImageBitmap(row.body);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return { width: bitmap.width, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
      };
      const hex = (d: Uint8ClampedArray, i: number) =>
        '#' + [0, 1, 2].map((k) => d[i + k].toString(16).padStart(2, '0')).join('');
      const plain = await pixels('screenshot.png');
      const annotated = await pixels('screenshot-annotated.png');
      const full = points.length ? await pixels('screenshot-full.png') : undefined;
      db.close();
      const changed = boxes.map((b) => {
        let n = 0;
        for (let y = b.y; y < b.y + b.h; y++) {
          for (let x = b.x; x < b.x + b.w; x++) {
            const i = (y * plain.width + x) * 4;
            if ([0, 1, 2].some((k) => plain.data[i + k] !== annotated.data[i + k])) n++;
          }
        }
        return n / (b.w * b.h);
      });
      const found = new Set<string>();
      if (lines.length)
        for (let i = 0; i < annotated.data.length; i += 4) {
          const colour = hex(annotated.data, i);
          if (lines.includes(colour)) found.add(colour);
        }
      const pointColours = points.map(({ x, y }) => hex(full!.data, (y * full!.width + x) * 4));
      return { changed, linesFound: [...found], pointColours };
    },
    { captureId, boxes: o.boxes, lines: o.lines ?? [], points: o.points ?? [] },
  );
}

/** What an extension page finds in the evidence database. */
export interface StoredSnapshot {
  captures: { captureId: string; caseId: string; sequence: number; capture: StoredCapture }[];
  artefacts: {
    captureId: string;
    name: string;
    size: number;
    sha256: string;
    blobSize: number;
    blobSha256: string;
    isBlob: boolean;
  }[];
  audit: AuditEntry[];
}

/** Reads every capture, artefact (hashing its Blob in the page) and audit entry. */
export async function readEvidenceDb(page: Page): Promise<StoredSnapshot> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('wildtrace-evidence');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = <T>(name: string) =>
      new Promise<T[]>((ok, fail) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result as T[]);
        r.onerror = () => fail(r.error);
      });
    const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
    const captures = await all<{ captureId: string; caseId: string; sequence: number; capture: never }>('captures');
    const rows = await all<{ captureId: string; name: string; size: number; sha256: string; body: Blob }>('artefacts');
    const artefacts = [];
    for (const a of rows) {
      const bytes = await a.body.arrayBuffer();
      artefacts.push({
        captureId: a.captureId,
        name: a.name,
        size: a.size,
        sha256: a.sha256,
        blobSize: bytes.byteLength,
        blobSha256: hex(await crypto.subtle.digest('SHA-256', bytes)),
        isBlob: a.body instanceof Blob,
      });
    }
    const audit = (await all<{ entry: never }>('audit')).map((r) => r.entry);
    db.close();
    return { captures, artefacts, audit };
  });
}

/** Text of one stored artefact. */
export async function readArtefactText(page: Page, captureId: string, name: string): Promise<string> {
  return page.evaluate(
    async ({ captureId, name }) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open('wildtrace-evidence');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const row = await new Promise<{ body: Blob }>((ok, fail) => {
        const r = db.transaction('artefacts').objectStore('artefacts').get([captureId, name]);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      db.close();
      return row ? row.body.text() : '';
    },
    { captureId, name },
  );
}

/** The primary keys of one table of the evidence database (e.g. 'cases', 'notes'). */
export async function readTableKeys(page: Page, table: string): Promise<IDBValidKey[]> {
  return page.evaluate(async (table) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('wildtrace-evidence');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const keys = await new Promise<IDBValidKey[]>((ok, fail) => {
      const r = db.transaction(table).objectStore(table).getAllKeys();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    db.close();
    return keys;
  }, table);
}
