/**
 * Helpers for the evidence e2e tests: read the extension's IndexedDB (raw, from an extension
 * page), hash stored Blobs there, and check records, chain, signatures and audit in Node.
 */
import type { Page } from 'playwright-core';
import type { AuditEntry, StoredCapture } from '../../src/engine/evidence/model';

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
