/**
 * Shape checks of untrusted JSON from a case file, so the verifier reports "field X is missing"
 * instead of crashing on it. They check what the verifier relies on, not every field.
 */
import { isSha256Hex } from '../bytes/sha256';
import { SUPPORTED_FORMAT_VERSIONS } from '../evidence/case-file-names';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects "path: problem" texts. */
export class ShapeChecker {
  readonly issues: string[] = [];
  obj(v: unknown, path: string): v is Obj {
    if (!isObj(v)) {
      this.issues.push(`${path} is not an object`);
      return false;
    }
    return true;
  }
  str(o: Obj, k: string, path: string): boolean {
    if (typeof o[k] !== 'string') {
      this.issues.push(`${path}.${k} is not a string`);
      return false;
    }
    return true;
  }
  int(o: Obj, k: string, path: string): boolean {
    if (!Number.isSafeInteger(o[k]) || (o[k] as number) < 0) {
      this.issues.push(`${path}.${k} is not a non-negative integer`);
      return false;
    }
    return true;
  }
  hash(o: Obj, k: string, path: string, nullable = false): boolean {
    if (nullable && o[k] === null) return true;
    if (!isSha256Hex(o[k])) {
      this.issues.push(`${path}.${k} is not a SHA-256 hex`);
      return false;
    }
    return true;
  }
  arr(o: Obj, k: string, path: string): o is Obj & Record<string, unknown[]> {
    if (!Array.isArray(o[k])) {
      this.issues.push(`${path}.${k} is not an array`);
      return false;
    }
    return true;
  }
}

/** Problems with the parts of a manifest the verifier uses (empty when usable). */
export function manifestShapeIssues(m: unknown): string[] {
  const c = new ShapeChecker();
  if (!c.obj(m, 'manifest')) return c.issues;
  const version = m.formatVersion;
  if (m.format !== 'wildtrace-case-file')
    c.issues.push(`manifest.format is ${JSON.stringify(m.format)}, not "wildtrace-case-file"`);
  if (typeof m.formatVersion !== 'number' || !SUPPORTED_FORMAT_VERSIONS.includes(m.formatVersion)) {
    const known = SUPPORTED_FORMAT_VERSIONS.join(', ');
    c.issues.push(`manifest.formatVersion ${JSON.stringify(m.formatVersion)} is not supported (${known})`);
  }
  c.str(m, 'exportedAt', 'manifest');
  if (c.obj(m.case, 'manifest.case')) c.str(m.case, 'caseId', 'manifest.case');
  if (m.selection !== 'full' && m.selection !== 'partial')
    c.issues.push('manifest.selection is not "full" or "partial"');
  if (c.obj(m.chain, 'manifest.chain')) {
    c.int(m.chain, 'length', 'manifest.chain');
    c.hash(m.chain, 'headHash', 'manifest.chain', true);
  }
  if (c.obj(m.publicKey, 'manifest.publicKey')) {
    c.str(m.publicKey, 'spki', 'manifest.publicKey');
    c.hash(m.publicKey, 'fingerprint', 'manifest.publicKey');
    c.obj(m.publicKey.jwk, 'manifest.publicKey.jwk');
  }
  if (c.obj(m.auditLog, 'manifest.auditLog')) {
    c.str(m.auditLog, 'path', 'manifest.auditLog');
    c.int(m.auditLog, 'entries', 'manifest.auditLog');
    const deletions = m.auditLog.deletionsElsewhere;
    if (deletions !== undefined && !(Array.isArray(deletions) && deletions.every(isSha256Hex)))
      c.issues.push('manifest.auditLog.deletionsElsewhere is not a list of SHA-256 hex');
  }
  if (c.arr(m, 'files', 'manifest')) {
    m.files.forEach((f, i) => {
      const p = `manifest.files[${i}]`;
      if (c.obj(f, p)) {
        c.str(f, 'path', p);
        c.hash(f, 'sha256', p);
        c.int(f, 'size', p);
        c.str(f, 'mediaType', p);
      }
    });
  }
  if (c.arr(m, 'captures', 'manifest')) {
    m.captures.forEach((x, i) => {
      const p = `manifest.captures[${i}]`;
      if (!c.obj(x, p)) return;
      c.str(x, 'captureId', p);
      c.int(x, 'sequence', p);
      c.str(x, 'folder', p);
      c.hash(x, 'recordHash', p);
      // Version 2 numbers captures from 1 (sequence + 1); version 1 had no number.
      if (version !== 1) c.int(x, 'number', p);
      c.hash(x, 'previousRecordHash', p, true);
      c.str(x, 'signature', p);
      if (c.obj(x.record, `${p}.record`)) {
        c.obj(x.record.metadata, `${p}.record.metadata`);
        c.arr(x.record, 'artefacts', `${p}.record`);
      }
      if (c.arr(x, 'artefacts', p)) {
        x.artefacts.forEach((a, j) => {
          const q = `${p}.artefacts[${j}]`;
          if (c.obj(a, q)) {
            c.str(a, 'name', q);
            c.str(a, 'path', q);
            c.hash(a, 'sha256', q);
            c.int(a, 'size', q);
          }
        });
      }
      for (const k of ['notes', 'tags', 'labels']) {
        // Labels were added within version 2: optional.
        if (k === 'labels' && x.labels === undefined) continue;
        if (c.arr(x, k, p))
          (x[k] as unknown[]).forEach((n, j) => {
            if (c.obj(n, `${p}.${k}[${j}]`)) {
              c.obj(n.body, `${p}.${k}[${j}].body`);
              c.str(n, 'hash', `${p}.${k}[${j}]`);
              c.str(n, 'signature', `${p}.${k}[${j}]`);
            }
          });
      }
      if (x.timestamp !== undefined && c.obj(x.timestamp, `${p}.timestamp`)) {
        c.str(x.timestamp, 'token', `${p}.timestamp`);
        c.str(x.timestamp, 'hash', `${p}.timestamp`);
      }
    });
  }
  return c.issues;
}

/** Problems with one audit-log line (empty when usable). */
export function auditLineIssues(v: unknown, where: string): string[] {
  const c = new ShapeChecker();
  if (!c.obj(v, where)) return c.issues;
  c.str(v, 'hash', where);
  c.str(v, 'signature', where);
  if (v.redacted === true) return c.issues;
  if (c.obj(v.body, `${where}.body`)) {
    c.int(v.body, 'sequence', `${where}.body`);
    c.str(v.body, 'action', `${where}.body`);
  }
  return c.issues;
}
