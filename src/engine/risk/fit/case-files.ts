/**
 * Reading the officer's labels out of exported case files, to refit the sale-offer model on an
 * agency's own markets. A case file is read only when `verifyCaseFile` finds it intact: labels
 * from a file that does not verify could have been changed by anyone. Each label in force gives
 * one labelled text: the capture's visible text (text.txt) for a page label, the listing's own
 * text for a listing label. The group for grouped cross-validation is the page's site, so one
 * seller's pages never sit on both sides of a fold.
 */
import { concatBytes, fromUtf8 } from '../../bytes/bytes';
import { ARTEFACTS, CASE_FILES } from '../../evidence/case-file-names';
import { labelsInForce } from '../../evidence/labels';
import type { CaseManifest } from '../../export/manifest';
import { verifyCaseFile, type VerificationReport, type VerifyOptions } from '../../verify/verify-case';
import { openZip, type RandomAccessSource, readEntry } from '../../verify/zip-reader';

/** One text the officer labelled. */
export interface LabelledText {
  text: string;
  /** The officer said "offer". */
  positive: boolean;
  /** The site of the page: all of a site's texts fall in one fold. */
  group: string;
  /** Where it comes from, for messages: "case.zip capture #2 listing". */
  where: string;
}

/** A case file whose labels cannot be used, and why, in words. */
export class CaseFileRefused extends Error {
  override name = 'CaseFileRefused';
  constructor(
    message: string,
    readonly report?: VerificationReport,
  ) {
    super(message);
  }
}

/** The site of a page address ("market.example"), or the address itself when it is not a URL. */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}

/** What one case file gives. */
export interface CaseFileLabels {
  name: string;
  caseTitle: string;
  texts: LabelledText[];
  report: VerificationReport;
}

/**
 * Verifies a case file and returns the texts its officer labelled (labels in force only: a
 * changed label counts once, a cleared one not at all). Throws CaseFileRefused when the file does
 * not verify; a file without labels gives no texts (the caller says so).
 */
export async function labelledTextsOf(
  source: RandomAccessSource,
  name: string,
  options: VerifyOptions = {},
): Promise<CaseFileLabels> {
  const report = await verifyCaseFile(source, options);
  if (!report.ok) {
    const errors = report.problems.filter((p) => p.severity === 'error');
    const first = errors
      .slice(0, 3)
      .map((p) => `${p.where}: ${p.message}`)
      .join('; ');
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
    throw new CaseFileRefused(`${name} does not verify, so its labels are not used: ${first}${more}`, report);
  }
  const entries = new Map((await openZip(source)).map((e) => [e.name, e]));
  const read = async (path: string): Promise<string> => {
    const e = entries.get(path);
    if (!e) return '';
    const chunks: Uint8Array[] = [];
    for await (const c of readEntry(source, e)) chunks.push(c);
    return fromUtf8(concatBytes(chunks));
  };
  const m = JSON.parse(await read(CASE_FILES.manifest)) as CaseManifest;
  const texts: LabelledText[] = [];
  for (const c of m.captures) {
    const number = c.number ?? c.sequence + 1;
    const group = siteOf(c.record.metadata.finalUrl);
    for (const l of labelsInForce(c.labels ?? [])) {
      const s = l.body.subject;
      const text = s.kind === 'listing' ? s.text : await read(`${c.folder}/${ARTEFACTS.text}`);
      if (!text.trim()) continue;
      const where = `${name} capture #${number} ${s.kind === 'listing' ? 'listing' : 'page'}`;
      texts.push({ text, positive: l.body.label === 'offer', group, where });
    }
  }
  return { name, caseTitle: m.case.title, texts, report };
}
