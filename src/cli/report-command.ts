/**
 * `wildtrace report CASEFILE.zip|DIR … --out FOLDER`: the cross-case cyber-alert. Verifies each
 * case file with the project's verifier (failed ones are left out and listed as such), counts
 * the captures of the others one file at a time (src/engine/intel), and writes into FOLDER the
 * HTML report, CSV tables and a STIX 2.1 bundle of the seller indicators. Exit code 0 when every
 * file was verified and counted, 1 when any was left out, 2 on bad usage or an unwritable folder.
 */
import { rmSync } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IntelAggregator } from '../engine/intel/aggregator';
import { addCaseFile } from '../engine/intel/add-case-file';
import type { CaptureData } from '../engine/intel/case-file-captures';
import { alertStixBundle } from '../engine/intel/alert-stix';
import { ALERT_FILES } from '../engine/intel/alert-zip';
import { alertTables } from '../engine/intel/alert-tables';
import { cyberAlertHtml } from '../engine/intel/cyber-alert-html';
import type { ReportInput } from '../engine/intel/report-inputs';
import { parseKnownKeys, type KnownKey } from '../engine/verify/known-keys';
import { fileSource } from './file-source';
import type { Command } from './main';
import { DiskSellerTally } from './disk-seller-tally';
import { ParquetTables } from './parquet-tables';
import { caseFilePaths } from './report-inputs';
import { parseCommandLine, usageError } from './command-line';

const HELP = `Usage: wildtrace report CASEFILE.zip|FOLDER … --out FOLDER [options]

Verifies every case file (folders are searched for *.zip) and writes a cyber-alert across them
into the output folder: cyber-alert.html (taxa by appendix, sites, weeks and months, keywords,
code words, hashtags, evasion tactics, payment, shipping and messengers, sellers seen on several
sites or in several cases, prices), CSV tables of every count, and indicators.stix.json (STIX 2.1
indicators of the seller phones, handles, wallets and e-mails, for partner agencies).

A case file that fails verification is NOT counted; the report lists it and says why.

Options:
  --out FOLDER          where to write the report (created if missing)
  --known-keys FILE     the agency's known signing keys: files signed by another key are left out
  --trust-tsa SHA256    trust only this TSA certificate (repeatable)
  --producer NAME       who issues the STIX indicators (default: "Wildtrace user")
  -q, --quiet           no line per case file (files left out are still listed)
  --tables parquet      also write flat tables for a data platform: captures, hits, indicators
                        and links .parquet (DuckDB, Spark; see docs/intel-report.md)
  -h, --help            show this help

Exit code: 0 every case file verified and counted, 1 some left out, 2 bad usage or I/O error.`;

export const REPORT_FILES = ALERT_FILES;

/** The tool's version, from package.json (the CLI runs from the repository or an installed package). */
async function toolVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

async function readOne(
  path: string,
  aggregator: IntelAggregator,
  options: Parameters<typeof addCaseFile>[3],
): Promise<ReportInput> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    return { name: path, status: 'unreadable', captures: 0, reason: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
  try {
    const source = fileSource(handle, (await handle.stat()).size);
    const input = await addCaseFile(path, source, aggregator, options);
    if (source.ioError) return { name: path, status: 'unreadable', captures: 0, reason: source.ioError.message };
    return input;
  } finally {
    await handle.close();
  }
}

async function writeStream(path: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const out = await open(path, 'w');
  try {
    for await (const c of chunks) await out.write(c);
  } finally {
    await out.close();
  }
}

interface ReportOptions {
  out: string;
  knownKeys?: KnownKey[];
  'trust-tsa'?: string[];
  producer?: string;
  quiet?: boolean;
  tables?: string;
}

/** Removes the parquet files written so far; leaves anything else of that name (a folder) alone. */
function removeTables(out: string): void {
  for (const f of ParquetTables.FILES) {
    try {
      rmSync(join(out, f), { force: true });
    } catch {
      // not a file of ours
    }
  }
}

/** Reads, verifies and counts every case file, then writes the report's files; resolves to the exit code. */
async function writeReport(paths: string[], aggregator: IntelAggregator, options: ReportOptions): Promise<number> {
  const inputs: ReportInput[] = [];
  // A table that cannot be written (full disk, a folder in its place) stops the tables, not the
  // report: the HTML, CSV and STIX files are still written, then the command fails.
  let tables: ParquetTables | undefined;
  let tablesError: Error | undefined;
  if (options.tables === 'parquet') {
    try {
      tables = new ParquetTables(options.out);
    } catch (e) {
      tablesError = e as Error;
    }
  }
  const addToTables = async (c: CaptureData) => {
    if (!tables || tablesError) return;
    try {
      await tables.add(c);
    } catch (e) {
      tablesError = e as Error;
    }
  };
  let tablesFinished = false;
  try {
    for (const path of paths) {
      const input = await readOne(path, aggregator, {
        knownKeys: options.knownKeys,
        trustedTsaCertificates: options['trust-tsa'],
        onCapture: options.tables ? addToTables : undefined,
      });
      inputs.push(input);
      const what = input.status === 'included' ? `${input.captures} captures` : (input.reason ?? '');
      if (options.quiet && (input.status === 'included' || input.status === 'duplicate')) continue;
      console.error(`${input.status === 'included' ? 'ok  ' : 'LEFT OUT'} ${path}: ${input.status}, ${what}`);
    }
    const summary = aggregator.summary();
    const generatedAt = new Date().toISOString();
    const tool = { name: 'wildtrace', version: await toolVersion() };
    const scope = `${paths.length} case file${paths.length === 1 ? '' : 's'} given to wildtrace report`;
    if (tables && !tablesError) {
      try {
        await tables.finish();
        tablesFinished = true;
      } catch (e) {
        tablesError = e as Error;
      }
    }
    try {
      await writeFile(
        join(options.out, REPORT_FILES.html),
        cyberAlertHtml(summary, inputs, { generatedAt, tool, scope }),
      );
      for (const [name, text] of Object.entries(alertTables(summary, inputs)))
        await writeStream(join(options.out, name), text);
      await writeStream(
        join(options.out, REPORT_FILES.stix),
        alertStixBundle(summary, { generatedAt, producer: options.producer ?? 'Wildtrace user' }),
      );
    } catch (e) {
      console.error(`wildtrace report: cannot write into ${options.out}: ${(e as Error).message}`);
      return 2;
    }
    const left = inputs.filter((i) => i.status === 'failed' || i.status === 'unreadable').length;
    console.log(
      `Report: ${join(options.out, REPORT_FILES.html)}: ${summary.cases} cases, ${summary.captures} captures, ` +
        `${summary.crossPosted.length} cross-posted seller indicators` +
        (left ? `; ${left} case file(s) LEFT OUT (failed verification or unreadable)` : ''),
    );
    if (tablesError) {
      console.error(`wildtrace report: cannot write the parquet tables into ${options.out}: ${tablesError.message}`);
      console.error(
        'wildtrace report: the HTML report, CSV tables and STIX bundle were written; no parquet file was kept',
      );
      return 2;
    }
    return left ? 1 : 0;
  } finally {
    // A parquet file without its footer is unreadable: none is better than a broken one.
    if (options.tables && !tablesFinished) removeTables(options.out);
  }
}

const command: Command = {
  summary: 'a cyber-alert report across verified case files (HTML, CSV, STIX)',
  async run(args) {
    const parsed = parseCommandLine('report', HELP, {
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'known-keys': { type: 'string' },
        'trust-tsa': { type: 'string', multiple: true },
        producer: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        tables: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (!positionals.length || !values.out) {
      return usageError('report', HELP, 'give case files or folders and --out FOLDER');
    }
    let knownKeys: KnownKey[] | undefined;
    if (values['known-keys'] !== undefined) {
      try {
        knownKeys = parseKnownKeys(await readFile(values['known-keys'], 'utf8'));
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        console.error(`wildtrace report: cannot use the known keys in ${values['known-keys']}: ${reason}`);
        return 2;
      }
    }
    if (values.tables !== undefined && values.tables !== 'parquet') {
      console.error(`wildtrace report: --tables takes "parquet", not "${values.tables}"`);
      return 2;
    }
    let paths: string[];
    try {
      paths = await caseFilePaths(positionals);
      await mkdir(values.out, { recursive: true });
    } catch (e) {
      console.error(`wildtrace report: ${(e as Error).message}`);
      return 2;
    }
    if (!paths.length) {
      console.error('wildtrace report: no case file (*.zip) found');
      return 2;
    }
    let sellers: DiskSellerTally;
    try {
      sellers = new DiskSellerTally(values.out);
    } catch (e) {
      console.error(`wildtrace report: cannot write into ${values.out}: ${(e as Error).message}`);
      return 2;
    }
    // Interrupted (Ctrl+C, a stopped job): the sellers' working files and half-written tables go too.
    const out = values.out;
    const onSignal = (signal: NodeJS.Signals) => {
      sellers.dispose();
      if (values.tables) removeTables(out);
      console.error(`wildtrace report: stopped by ${signal}; nothing written is left half-done`);
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      return await writeReport(paths, new IntelAggregator(sellers), { ...values, out, knownKeys });
    } catch (e) {
      // Reading and verifying fail per case file (reported as such): this is the disk of the output folder.
      console.error(`wildtrace report: stopped: ${(e as Error).message}`);
      return 2;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      try {
        sellers.dispose();
      } catch (e) {
        console.error(`wildtrace report: could not remove its working folder in ${out}: ${(e as Error).message}`);
      }
    }
  },
};

export default command;
