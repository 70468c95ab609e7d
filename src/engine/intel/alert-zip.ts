/**
 * A cyber-alert as one ZIP (the extension's "Export cyber-alert"): the same cyber-alert.html, CSV
 * tables and indicators.stix.json that `wildtrace report` writes into a folder.
 */
import { utf8 } from '../bytes/bytes';
import { type ExportSink, ZipStreamWriter } from '../export/zip-writer';
import type { IntelSummary } from './aggregator';
import { alertStixBundle } from './alert-stix';
import { alertTables } from './alert-tables';
import { cyberAlertHtml, type CyberAlertOptions } from './cyber-alert-html';
import type { ReportInput } from './report-inputs';

/** The report's file names, as in the folder `wildtrace report` writes. */
export const ALERT_FILES = { html: 'cyber-alert.html', stix: 'indicators.stix.json' } as const;

async function* utf8Chunks(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) yield utf8(c);
}

/** Writes the report's files into a ZIP; resolves to the bytes written. */
export async function writeAlertZip(
  sink: ExportSink,
  s: IntelSummary,
  inputs: readonly ReportInput[],
  o: CyberAlertOptions & { producer: string },
): Promise<number> {
  const zip = new ZipStreamWriter(sink, undefined, new Date(o.generatedAt));
  try {
    await zip.addFile(ALERT_FILES.html, [utf8(cyberAlertHtml(s, inputs, o))], true);
    for (const [name, text] of Object.entries(alertTables(s, inputs))) await zip.addFile(name, utf8Chunks(text), true);
    await zip.addFile(ALERT_FILES.stix, utf8Chunks(alertStixBundle(s, o)), true);
    return await zip.finish();
  } catch (e) {
    await zip.abort(e);
    throw e;
  }
}
