/**
 * `npm run fit`: fits the sale-offer model (src/engine/risk/model.ts) to the labelled data with
 * `fitModel` (src/engine/risk/fit, the same code the options page runs) and writes
 * src/engine/risk/model.json, which the scorer imports.
 *
 *   npm run fit              grouped cross-validation, reliability table, operating point, write
 *   npm run fit -- --dry     the same without writing
 *   npm run fit -- --case-files FILE.zip|DIR ... [--out FILE] [--dry]
 *                            refit on the officer's labels in exported case files instead
 *                            (bench/fit-case-files.ts), each verified first
 *
 * Data: the development part (bench/base-rate.ts: split by account, seller, site or package) of
 * the ivory tweets and the leather ad titles (a real animal product in an ad is an offer; those
 * that name no listed animal cannot pass the verdict's gate anyway), and the ordinary text. Without
 * the titles the model learns from tweets alone and flags no marketplace title. The held-out
 * part is never read here. The prior's strength and the operating point are chosen on the ivory
 * mix (ivory tweets and ordinary text), the set whose goal the issue states.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exampleOf, fitModel, FitError, formatReliability, type FitExample } from '../src/engine/risk/fit';
import { CaseFileRefused, fitCaseFiles } from './fit-case-files';
import { FEATURES } from '../src/engine/risk/model';
import { allRows, FOLDS, RATE, scoreRows, type Row } from './base-rate';
import { createHitSource, loadEvalSets, REPO_ROOT } from './eval';

interface Labelled extends FitExample {
  row: Row;
}

const ORDINARY: ReadonlySet<Row['source']> = new Set(['docs', 'listings', 'articles']);

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { dry: { type: 'boolean' }, 'case-files': { type: 'string', multiple: true }, out: { type: 'string' } },
    allowPositionals: true,
  });
  const out = resolve(values.out ?? resolve(REPO_ROOT, 'src/engine/risk/model.json'));
  if (values['case-files']) {
    // `--case-files a.zip b.zip`: the names after the first come as positionals.
    try {
      const fitted = await fitCaseFiles([...values['case-files'], ...positionals], console.log);
      if (values.dry) return 0;
      writeFileSync(out, `${JSON.stringify(fitted.model, null, 2)}\n`);
      console.log(`wrote ${out}`);
      return 0;
    } catch (e) {
      if (e instanceof FitError || e instanceof CaseFileRefused) {
        console.error(`fit: ${(e as Error).message}`);
        return 1;
      }
      throw e;
    }
  }
  if (positionals.length) {
    console.error(`fit: unexpected ${positionals.join(' ')} (case files go after --case-files)`);
    return 2;
  }
  const { sets, missing } = loadEvalSets();
  if (missing.length) {
    console.error(`fit: the labelled data is missing (${missing.join(', ')}); nothing fitted`);
    return 1;
  }
  const rows = allRows(sets).filter((r) => r.part === 'dev');
  const scored = scoreRows(rows, await createHitSource());
  // The group is prefixed by its source so the folds are those of bench/base-rate.ts (groupFold).
  const examples: Labelled[] = scored.map((s) => ({
    ...exampleOf(s.row.text, s.analysis.risk, s.row.positive, `${s.row.source}:${s.row.group}`),
    row: s.row,
  }));
  const pos = examples.filter((e) => e.positive).length;
  console.log(`Fitting on ${examples.length} dev texts (${pos} offers), negatives weighted to ${RATE * 100} % offers.`);

  const fitted = fitModel(examples, {
    baseRate: RATE,
    folds: FOLDS,
    chooseOn: (e) => e.row.source === 'ivory' || ORDINARY.has(e.row.source),
  });
  for (const { lambda, prAuc, standardError } of fitted.search)
    console.log(
      `  prior strength ${lambda}: out-of-fold PR-AUC ${prAuc.toFixed(3)} (standard error ${standardError.toFixed(3)})`,
    );
  console.log(`  taken: ${fitted.lambda}, the strongest pull within one standard error of the best`);
  const cv = fitted.crossValidation;
  console.log(`\nGrouped ${FOLDS}-fold CV (ivory dev mix, out of fold), threshold ${cv.threshold}:`);
  console.log(
    `  PR-AUC ${cv.prAuc.toFixed(3)}  P ${cv.precision.toFixed(3)}  R ${cv.recall.toFixed(3)}  F1 ${cv.f1.toFixed(3)}` +
      `  (${cv.positives} offers, ${cv.negatives} others, ${cv.falseAlarms} false alarms)`,
  );
  let articles = 0;
  let flagged = 0;
  examples.forEach((e, i) => {
    if (!e.row.article) return;
    articles++;
    if (e.gate && Math.round(100 * fitted.outOfFold[i]) >= cv.threshold) flagged++;
  });
  console.log(`  article pages flagged (out of fold): ${flagged} of ${articles}`);
  console.log(`\nReliability (out of fold, ivory dev mix, negatives weighted to ${RATE * 100} %):`);
  console.log(formatReliability(fitted.reliability));

  const final = fitted.model;
  console.log('\nCoefficients (log-odds per 10 points, or per unit of a text feature):');
  console.log(`  intercept ${final.intercept}`);
  for (const f of FEATURES) console.log(`  ${f.padEnd(12)} ${final.coefficients[f]}`);
  console.log(`Operating point: score >= ${final.threshold} (${final.operatingPoint})`);
  if (values.dry) return 0;
  writeFileSync(out, `${JSON.stringify(final, null, 2)}\n`);
  console.log(`wrote ${out}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`fit: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
