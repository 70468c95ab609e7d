/**
 * report.html embeds the design system of the extension pages through a generated module
 * (src/engine/export/design-css.ts, made by scripts/report-css.ts). This fails when the module is
 * out of step with src/design/tokens.css and components.css: run `npx tsx scripts/report-css.ts`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESIGN_CSS } from '../../../src/engine/export/design-css';
import {
  DESIGN_FILES,
  designCssModule,
  MODULE_PATH,
  readDesignFiles,
  reportDesignCss,
} from '../../../scripts/report-css';

describe('the design system in report.html', () => {
  it('is the current text of the design files (else run `npx tsx scripts/report-css.ts`)', () => {
    expect(DESIGN_CSS).toBe(reportDesignCss(readDesignFiles()));
  });

  it('is the module the script writes, byte for byte', () => {
    const file = readFileSync(new URL(`../../../${MODULE_PATH}`, import.meta.url), 'utf8');
    expect(file).toBe(designCssModule(reportDesignCss(readDesignFiles())));
  });

  it('keeps every rule and token, drops comments, and limits the dark scheme to the screen', () => {
    const css = reportDesignCss([
      '/* a */\n:root {\n  --x: 1px;\n}\n\n@media (prefers-color-scheme: dark) {\n  :root { --x: 2px; }\n}\n',
    ]);
    expect(css).toBe(
      ':root {\n  --x: 1px;\n}\n@media screen and (prefers-color-scheme: dark) {\n  :root { --x: 2px; }\n}',
    );
    expect(DESIGN_FILES).toEqual(['src/design/tokens.css', 'src/design/components.css']);
    for (const token of ['--wt-text-base', '--wt-app1-bg', '.pill.app-II', ':focus-visible'])
      expect(DESIGN_CSS).toContain(token);
    expect(DESIGN_CSS).not.toMatch(/\/\*|@media \(prefers-color-scheme/);
  });

  it('survives characters that would end a template literal', () => {
    const module = designCssModule('a::before { content: "`${x}\\\\"; }');
    const open = 'DESIGN_CSS = `';
    const literal = module.slice(module.indexOf(open) + open.length, module.lastIndexOf('`'));
    expect(new Function(`return \`${literal}\`;`)()).toBe('a::before { content: "`${x}\\\\"; }');
  });
});
