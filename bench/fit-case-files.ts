/**
 * `npm run fit -- --case-files FILE.zip|DIR ...`: refits the sale-offer model on the officer's
 * labels in exported case files (every .zip of a folder), each verified first. The same engine code
 * as the options page (src/engine/risk/fit/case-files.ts, from-labels.ts); the texts are scored with
 * the bundled lexicon, as the extension scores them.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CaseFileRefused, labelledTextsOf, type LabelledText } from '../src/engine/risk/fit/case-files';
import { fitFromLabels, labelCounts } from '../src/engine/risk/fit/from-labels';
import { formatReliability, type FitResult } from '../src/engine/risk/fit';
import { analyzeLongText } from '../src/engine/risk/windows';
import type { RandomAccessSource } from '../src/engine/verify/zip-reader';
import { createHitSource } from './eval';

/** The case files named: files as given, folders by their .zip files (sorted). */
export async function caseFilePaths(args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of args) {
    const info = await stat(a).catch(() => undefined);
    if (!info) throw new CaseFileRefused(`${a}: no such file or folder`);
    if (info.isDirectory()) {
      const zips = (await readdir(a)).filter((n) => n.toLowerCase().endsWith('.zip')).sort();
      if (!zips.length) throw new CaseFileRefused(`${a}: the folder holds no .zip case file`);
      out.push(...zips.map((n) => join(a, n)));
    } else out.push(a);
  }
  return out;
}

async function withFile<T>(path: string, use: (source: RandomAccessSource) => Promise<T>): Promise<T> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    return await use({
      size,
      async read(offset, length) {
        const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
        return buf.subarray(0, bytesRead);
      },
    });
  } finally {
    await fh.close();
  }
}

/** Reads and verifies every case file; refuses the run when one does not verify or none has labels. */
export async function readLabels(paths: readonly string[], log: (line: string) => void): Promise<LabelledText[]> {
  const texts: LabelledText[] = [];
  for (const path of paths) {
    const got = await withFile(path, (s) => labelledTextsOf(s, basename(path)));
    const { offers, notOffers } = labelCounts(got.texts);
    log(`  ${basename(path)} (case "${got.caseTitle}"): verifies; ${offers} offer, ${notOffers} not an offer`);
    texts.push(...got.texts);
  }
  return texts;
}

/** Prints the figures of a refit. */
export function describeFit(fitted: FitResult, texts: readonly LabelledText[], log: (line: string) => void): void {
  const { offers, notOffers } = labelCounts(texts);
  const cv = fitted.crossValidation;
  const sites = new Set(texts.map((t) => t.group)).size;
  log(`Labels: ${offers} offer, ${notOffers} not an offer, from ${sites} sites.`);
  log(`Grouped cross-validation (by site), at ${fitted.model.baseRate * 100} % offers, threshold ${cv.threshold}:`);
  log(
    `  PR-AUC ${cv.prAuc.toFixed(3)}  P ${cv.precision.toFixed(3)}  R ${cv.recall.toFixed(3)}  F1 ${cv.f1.toFixed(3)}`,
  );
  log(`Operating point: score >= ${fitted.model.threshold} (${fitted.model.operatingPoint})`);
  log('Reliability (out of fold):');
  log(formatReliability(fitted.reliability));
}

/** The refit: returns the result, or throws with the reason (CaseFileRefused, FitError). */
export async function fitCaseFiles(args: readonly string[], log: (line: string) => void): Promise<FitResult> {
  const paths = await caseFilePaths(args);
  log(`Reading ${paths.length} case file${paths.length === 1 ? '' : 's'}:`);
  const texts = await readLabels(paths, log);
  const matcher = await createHitSource();
  const scored = texts.map((label) => ({ label, risk: analyzeLongText(label.text, matcher).risk }));
  const fitted = fitFromLabels(scored);
  describeFit(fitted, texts, log);
  return fitted;
}

export { CaseFileRefused };
