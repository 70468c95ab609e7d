import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './harness';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

describe('Firefox smoke test', () => {
  it.skipIf(!existsSync(FIREFOX))('the content script reports the fixture page in firefox-esr', () => {
    expect(existsSync(join(REPO, '.output/firefox-mv2/manifest.json')), 'run npm run build first').toBe(true);
    const r = spawnSync(process.execPath, ['--experimental-websocket', '--no-warnings', '--import', 'tsx', join(REPO, 'tests/e2e/firefox/smoke.ts')], {
      encoding: 'utf8', timeout: 110_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const outcome = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(outcome).toEqual({ wordCount: 18, title: 'Reptile classifieds' });
  }, 120_000);
});
