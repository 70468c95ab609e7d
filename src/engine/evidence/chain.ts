/** Checks of the capture chain of a case and of the audit log chain. */
import { captureNumber } from './case-file-names';
import type { AuditEntry, StoredCapture } from './model';
import { error, type Problem } from './problems';
import { checkSealed } from './seal';
import { verifyHashSignature } from './signing';

/** Where a capture is, for problem messages: its number as the officer sees it (#1 first) and its id. */
export function captureLabel(c: { body?: { sequence?: unknown; captureId?: unknown } }): string {
  const seq = c.body?.sequence;
  const n = typeof seq === 'number' && Number.isSafeInteger(seq) ? String(captureNumber(seq)) : `?${String(seq)}`;
  return `capture #${n} (${String(c.body?.captureId)})`;
}

export interface ChainCheckOptions {
  caseId: string;
  /** Fingerprint the records must name as their signer. */
  fingerprint: string;
  /** A selection of captures: gaps in the sequence are expected and not reported. */
  partial?: boolean;
}

/**
 * Checks a case's captures, given in chain order: each record's hash and signature, the case and
 * signer it names, strictly increasing sequence numbers, and every link (previousRecordHash =
 * hash of the record before). A dropped, inserted or reordered capture breaks a link.
 */
export async function verifyCaptureChain(
  captures: readonly StoredCapture[],
  publicKey: CryptoKey,
  opts: ChainCheckOptions,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  let prev: StoredCapture | undefined;
  for (const c of captures) {
    const where = captureLabel(c);
    const b = c.body;
    problems.push(...(await checkSealed(c, publicKey, where)));
    if (b.type !== 'wildtrace/capture-record' || b.version !== 1) {
      problems.push(
        error(
          'record-type',
          where,
          'not a version 1 capture record',
          'wildtrace/capture-record v1',
          `${b.type} v${b.version}`,
        ),
      );
    }
    if (b.caseId !== opts.caseId)
      problems.push(error('record-case', where, 'record belongs to another case', opts.caseId, b.caseId));
    if (b.signerFingerprint !== opts.fingerprint) {
      problems.push(
        error('record-signer', where, 'record names another signing key', opts.fingerprint, b.signerFingerprint),
      );
    }
    if (ids.has(b.captureId)) problems.push(error('record-duplicate', where, 'capture id appears twice'));
    ids.add(b.captureId);
    if (!prev) {
      if (b.sequence === 0 && b.previousRecordHash !== null) {
        problems.push(
          error(
            'chain-broken',
            where,
            'first record of the chain points to a previous record',
            'null',
            b.previousRecordHash,
          ),
        );
      }
      if (b.sequence !== 0 && !opts.partial) {
        const message = 'the chain does not start at capture #1: earlier captures are missing';
        problems.push(error('chain-start-missing', where, message, '#1', `#${captureNumber(b.sequence)}`));
      }
    } else if (b.sequence <= prev.body.sequence) {
      const message = 'capture numbers are not increasing';
      problems.push(
        error(
          'chain-order',
          where,
          message,
          `> #${captureNumber(prev.body.sequence)}`,
          `#${captureNumber(b.sequence)}`,
        ),
      );
    } else if (b.sequence === prev.body.sequence + 1) {
      if (b.previousRecordHash !== prev.hash) {
        problems.push(
          error('chain-broken', where, `link to ${captureLabel(prev)} is broken`, prev.hash, b.previousRecordHash),
        );
      }
    } else if (!opts.partial) {
      // Numbers as the officer sees them: sequences prev+1 .. b-1 are captures #(prev+2) .. #b.
      const first = captureNumber(prev.body.sequence + 1);
      const last = captureNumber(b.sequence - 1);
      const missing = first === last ? `capture #${first} is missing` : `captures #${first}..#${last} are missing`;
      problems.push(error('chain-gap', where, missing, `#${first}`, `#${captureNumber(b.sequence)}`));
    }
    prev = c;
  }
  return problems;
}

/** An audit entry of another case, exported as hash and signature only (its content withheld). */
export interface RedactedAuditEntry {
  redacted: true;
  hash: string;
  signature: string;
}

export type ExportedAuditEntry = AuditEntry | RedactedAuditEntry;

/** True for a redacted audit entry. */
export function isRedacted(e: ExportedAuditEntry): e is RedactedAuditEntry {
  return (e as RedactedAuditEntry).redacted === true;
}

/**
 * Checks the audit log from its first entry: hashes and signatures (a redacted entry's signature
 * still verifies over its hash), sequence = position, and each visible entry's link to the hash
 * of the entry before it.
 */
export async function verifyAuditChain(
  entries: readonly ExportedAuditEntry[],
  publicKey: CryptoKey,
  fingerprint: string,
  file = 'audit log',
): Promise<Problem[]> {
  // Signatures are checked concurrently (WebCrypto runs them off the main thread).
  const perEntry = await Promise.all(
    entries.map(async (e, i): Promise<Problem[]> => {
      const where = `${file} line ${i + 1}`;
      if (isRedacted(e)) {
        return (await verifyHashSignature(publicKey, e.hash, e.signature))
          ? []
          : [error('signature-invalid', where, 'signature of the redacted entry does not verify')];
      }
      const out = await checkSealed(e, publicKey, where);
      const b = e.body;
      if (b.sequence !== i)
        out.push(error('audit-sequence', where, 'entry sequence differs from its position', i, b.sequence));
      if (b.signerFingerprint !== fingerprint)
        out.push(error('record-signer', where, 'entry names another signing key', fingerprint, b.signerFingerprint));
      const expectedPrev = i === 0 ? null : entries[i - 1].hash;
      if (b.previousHash !== expectedPrev) {
        out.push(
          error(
            'audit-chain-broken',
            where,
            'link to the previous entry is broken',
            String(expectedPrev),
            String(b.previousHash),
          ),
        );
      }
      return out;
    }),
  );
  const problems = perEntry.flat();
  return problems;
}
