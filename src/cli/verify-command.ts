/**
 * `wildtrace verify CASEFILE.zip`: checks a case file (hashes, manifest, SHA256SUMS, chain,
 * signatures, timestamps, audit log) and prints every problem. Exit code 0 when the case file
 * is intact, 1 when anything is wrong or the archive is refused, 2 on bad usage or I/O error.
 * Node-only (reads the file through a file handle, never extracting anything).
 */
import { open, readFile } from 'node:fs/promises';
import { CASE_FILE_FORMAT_VERSION, CASE_FILES } from '../engine/evidence/case-file-names';
import { formatProblem } from '../engine/evidence/problems';
import { formatFingerprint } from '../engine/evidence/signing';
import { parseKnownKeys, type KnownKey } from '../engine/verify/known-keys';
import { verifyCaseFile, type KeyCheck } from '../engine/verify/verify-case';
import { fileSource } from './file-source';
import type { Command } from './main';
import { parseCommandLine, usageError } from './command-line';

const HELP = `Usage: wildtrace verify CASEFILE.zip [options]

Checks a Wildtrace case file: every file's SHA-256 against ${CASE_FILES.manifest} and ${CASE_FILES.sums}, missing,
extra or renamed files, the record hashes and the chain of captures, every signature against
the public key in the manifest, RFC 3161 timestamp tokens, and the audit log.

Anyone can re-sign a case file wholesale with a key of their own, so a file is only "intact as
signed" until its key is checked: give the officer's fingerprint, or the agency's known-keys file
(one key a line: 64 hex digits, then who holds it; # starts a comment).

Options:
  --json                      print the full report as JSON
  --expect-fingerprint HEX    the signing-key fingerprint the file must carry (from the officer)
  --known-keys FILE           the agency's known signing keys: the file's key must be one of them
  --trust-tsa SHA256          trust only this TSA certificate (repeatable)
  -h, --help                  show this help

Exit code: 0 intact (the result line says whether the key was checked), 1 problems found, another
key than expected, or archive refused, 2 bad usage or unreadable file.`;

/** What the result line says of the key. */
function keyVerdict(key: KeyCheck | undefined): string {
  if (!key) return '';
  const fp = formatFingerprint(key.fingerprint);
  if (key.status === 'expected') return `signed by the expected key ${fp}${key.name ? ` (${key.name})` : ''}`;
  if (key.status === 'known') return `signed by a known key: ${key.name || fp}`;
  return `signed by key ${fp}, NOT checked against a known key (--expect-fingerprint or --known-keys)`;
}

const command: Command = {
  summary: 'verify a case file (hashes, chain, signatures, timestamps)',
  async run(args) {
    const parsed = parseCommandLine('verify', HELP, {
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        'expect-fingerprint': { type: 'string' },
        'known-keys': { type: 'string' },
        'trust-tsa': { type: 'string', multiple: true },
      },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      return usageError('verify', HELP, 'give exactly one case file');
    }
    let knownKeys: KnownKey[] | undefined;
    const keysPath = values['known-keys'];
    if (keysPath !== undefined) {
      try {
        knownKeys = parseKnownKeys(await readFile(keysPath, 'utf8'));
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        console.error(`wildtrace verify: cannot use the known keys in ${keysPath}: ${reason}`);
        return 2;
      }
    }
    const path = positionals[0];
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      console.error(`wildtrace verify: cannot open ${path}: ${reason}`);
      return 2;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        console.error(
          `wildtrace verify: ${path} is ${info.isDirectory() ? 'a folder' : 'not a file'}: give the case file`,
        );
        return 2;
      }
      const { size } = info;
      const fh = handle;
      // A read that fails is the file's fault, not the case file's: exit 2, not a verdict.
      const source = fileSource(fh, size);
      const report = await verifyCaseFile(source, {
        expectedFingerprint: values['expect-fingerprint'],
        ...(knownKeys ? { knownKeys } : {}),
        trustedTsaCertificates: values['trust-tsa'],
      });
      if (source.ioError) throw source.ioError;
      if (values.json) {
        console.log(JSON.stringify({ file: path, ...report }, null, 2));
      } else {
        const s = report.summary;
        console.log(`Case file: ${path}`);
        if (s.caseTitle !== undefined) console.log(`Case:      ${s.caseTitle} (${s.caseId})`);
        if (s.exportedAt) console.log(`Exported:  ${s.exportedAt} (${s.selection} selection)`);
        if (s.formatVersion !== undefined) {
          const older = s.formatVersion < CASE_FILE_FORMAT_VERSION ? ', written by an earlier release' : '';
          console.log(`Format:    version ${s.formatVersion}${older}`);
        }
        console.log(`Contents:  ${s.captures} captures, ${s.files} files, ${s.auditEntries} audit entries`);
        if (s.deletionsElsewhere > 0) {
          const n = s.deletionsElsewhere;
          console.log(
            `Deletions: ${n} other case${n === 1 ? ' was' : 's were'} deleted on this install (in the audit log)`,
          );
        }
        const key = report.key;
        if (key) {
          const how = {
            expected: 'the expected key',
            unexpected: 'NOT the expected key',
            known: `known key: ${key.name || 'no name given'}`,
            'not-known': 'NOT among the known keys',
            unchecked: 'not checked against a known key',
          }[key.status];
          console.log(`Signed by key ${formatFingerprint(key.fingerprint)} (${how})`);
        }
        if (s.rebuiltWithKey) {
          const fp = formatFingerprint(s.rebuiltWithKey);
          console.log(
            `Rebuilt:   from capture bundles by wildtrace rebuild; its manifest is signed by the one-off key ${fp}`,
          );
        }
        if (s.timestamps.total) {
          const tsa = s.timestamps.tsaCertificates.join('; ') || '-';
          const valid = `${s.timestamps.valid}/${s.timestamps.total} valid`;
          console.log(`Timestamps: ${valid}; TSA: ${tsa} (chain to a trusted root not checked)`);
        }
        for (const p of report.problems) console.log(formatProblem(p));
        const errors = report.problems.filter((p) => p.severity === 'error').length;
        if (!report.ok) console.log(`RESULT: NOT VALID - ${errors} problem(s)`);
        else if (key?.status === 'unchecked') console.log(`RESULT: INTACT AS SIGNED - ${keyVerdict(key)}`);
        else console.log(`RESULT: INTACT - every check passed, ${keyVerdict(key)}`);
      }
      return report.ok ? 0 : 1;
    } catch (e) {
      console.error(`wildtrace verify: cannot read ${path}: ${(e as Error).message}`);
      return 2;
    } finally {
      await handle.close();
    }
  },
};

export default command;
