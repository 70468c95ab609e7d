/**
 * `wildtrace verify CASEFILE.zip`: checks a case file (hashes, manifest, SHA256SUMS, chain,
 * signatures, timestamps, audit log) and prints every problem. Exit code 0 when the case file
 * is intact, 1 when anything is wrong or the archive is refused, 2 on bad usage or I/O error.
 * Node-only (reads the file through a file handle, never extracting anything).
 */
import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CASE_FILE_FORMAT_VERSION, CASE_FILES } from '../engine/evidence/case-file-names';
import { formatProblem } from '../engine/evidence/problems';
import { formatFingerprint } from '../engine/evidence/signing';
import { verifyCaseFile } from '../engine/verify/verify-case';
import type { RandomAccessSource } from '../engine/verify/zip-reader';
import type { Command } from './main';

const HELP = `Usage: wildtrace verify CASEFILE.zip [options]

Checks a Wildtrace case file: every file's SHA-256 against ${CASE_FILES.manifest} and ${CASE_FILES.sums}, missing,
extra or renamed files, the record hashes and the chain of captures, every signature against
the public key in the manifest, RFC 3161 timestamp tokens, and the audit log.

Options:
  --json                      print the full report as JSON
  --expect-fingerprint HEX    the signing-key fingerprint the file must carry (from the officer)
  --trust-tsa SHA256          trust only this TSA certificate (repeatable)
  -h, --help                  show this help

Exit code: 0 intact, 1 problems found or archive refused, 2 bad usage or unreadable file.`;

const command: Command = {
  summary: 'verify a case file (hashes, chain, signatures, timestamps)',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
          'expect-fingerprint': { type: 'string' },
          'trust-tsa': { type: 'string', multiple: true },
        },
      });
    } catch (e) {
      console.error(`wildtrace verify: ${(e as Error).message}\n\n${HELP}`);
      return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (positionals.length !== 1) {
      console.error(`wildtrace verify: give exactly one case file\n\n${HELP}`);
      return 2;
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
      let ioError: Error | undefined;
      const source: RandomAccessSource = {
        size,
        async read(offset, length) {
          const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
          try {
            const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
            return buf.subarray(0, bytesRead);
          } catch (e) {
            ioError ??= e as Error;
            throw e;
          }
        },
      };
      const report = await verifyCaseFile(source, {
        expectedFingerprint: values['expect-fingerprint'],
        trustedTsaCertificates: values['trust-tsa'],
      });
      if (ioError) throw ioError;
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
        if (s.publicKeyFingerprint) console.log(`Signed by key ${formatFingerprint(s.publicKeyFingerprint)}`);
        if (s.timestamps.total) {
          const tsa = s.timestamps.tsaCertificates.join('; ') || '-';
          const valid = `${s.timestamps.valid}/${s.timestamps.total} valid`;
          console.log(`Timestamps: ${valid}; TSA: ${tsa} (chain to a trusted root not checked)`);
        }
        for (const p of report.problems) console.log(formatProblem(p));
        const errors = report.problems.filter((p) => p.severity === 'error').length;
        console.log(report.ok ? 'RESULT: INTACT - every check passed' : `RESULT: NOT VALID - ${errors} problem(s)`);
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
