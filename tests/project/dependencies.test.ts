/**
 * The folder rules of .dependency-cruiser.cjs hold for the whole repository, and they do catch the
 * imports they forbid (checked on a small tree written for the purpose).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function violations(cwd: string, folders: string[]): Violation[] {
  const run = spawnSync(DEPCRUISE, [...folders, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`depcruise failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('dependencies between folders', () => {
  // depcruise parses the whole repository (about 20 s on 2 busy cores): a wider limit than a unit test's.
  it('the repository breaks no rule', { timeout: 120_000 }, () => {
    const found = violations(ROOT, ['src', 'entrypoints', 'bench', 'scripts', 'tests']);
    expect(found.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  it('the rules catch the engine importing extension code, the page importing the worker, folder cycles', () => {
    const tree = mkdtempSync(join(tmpdir(), 'wildtrace-deps-'));
    try {
      const files: Record<string, string> = {
        'src/engine/risk/score.ts': "import { send } from '../../messaging/send';\nexport const score = send;\n",
        'src/messaging/send.ts': 'export const send = 1;\n',
        'src/content/main.ts': "import { store } from '../background/store';\nexport const main = store;\n",
        'src/background/store.ts': 'export const store = 1;\n',
        'src/engine/lexicon/a.ts': "import { b } from '../matcher/b';\nexport const a = b;\n",
        'src/engine/matcher/b.ts': "import { c } from '../lexicon/c';\nexport const b = c;\n",
        'src/engine/lexicon/c.ts': 'export const c = 1;\n',
        'tsconfig.json': '{}\n',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(tree, path)), { recursive: true });
        writeFileSync(join(tree, path), text);
      }
      copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(tree, '.dependency-cruiser.cjs'));
      const rules = violations(tree, ['src']).map((v) => v.rule.name);
      expect(new Set(rules)).toEqual(
        new Set(['engine-is-browser-free', 'content-stays-in-the-page', 'no-cycles-between-folders']),
      );
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
