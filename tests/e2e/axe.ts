/**
 * axe-core in the extension's pages. The pages' CSP (script-src 'self') refuses inline scripts,
 * so axe's source is evaluated over the DevTools protocol (page.evaluate / Runtime.evaluate), which
 * the CSP does not apply to, and nothing is added to the extension itself.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A violation as the tests report it: rule, impact, and where. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe on the whole document (WCAG 2.x A and AA rules and best practices) and returns every violation. */
export const AXE_RUN = `(async () => {
  const r = await axe.run(document, { resultTypes: ['violations'] });
  return r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')),
  }));
})()`;

/** The axe source followed by the run, as one expression for Runtime.evaluate (the real popup). */
export const AXE_EXPRESSION = `${AXE_SOURCE};\n${AXE_RUN}`;

/** Injects axe into a Playwright page (once) and runs it. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(AXE_RUN) as Promise<AxeFinding[]>;
}

/** Only what the acceptance bar counts: serious and critical violations. */
export const seriousOrCritical = (list: AxeFinding[]) =>
  list.filter((v) => v.impact === 'serious' || v.impact === 'critical');
