/** `wildtrace verify` exit codes for what is not a case file to judge: 2, never a verdict. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import verify from '../../src/cli/verify-command';

afterEach(() => vi.restoreAllMocks());

async function run(args: string[]) {
  const err: string[] = [];
  const out: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  return { code: await verify.run(args), err: err.join('\n'), out: out.join('\n') };
}

describe('wildtrace verify on what it cannot read', () => {
  it('exits 2 for a folder, as its help says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wildtrace-verify-'));
    const r = await run([dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is a folder: give the case file/);
    expect(r.out).not.toMatch(/RESULT/);
  });

  it('exits 2 for a file that does not exist', async () => {
    expect((await run(['/nonexistent/case.zip'])).code).toBe(2);
  });
});
