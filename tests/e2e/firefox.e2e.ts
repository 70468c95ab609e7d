import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/extension-harness';
import type { SmokeOutcome } from './firefox/smoke';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

describe('Firefox smoke test', () => {
  it.skipIf(!existsSync(FIREFOX))(
    'the content script reports the fixture pages and live detection finds their hits in firefox-esr',
    () => {
      expect(existsSync(join(REPO, '.output/firefox-mv2/manifest.json')), 'run npm run build first').toBe(true);
      const r = spawnSync(
        process.execPath,
        ['--experimental-websocket', '--no-warnings', '--import', 'tsx', join(REPO, 'tests/e2e/firefox/smoke.ts')],
        {
          encoding: 'utf8',
          timeout: 110_000,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const outcome = JSON.parse(r.stdout.trim().split('\n').pop()!) as SmokeOutcome;
      expect({ wordCount: outcome.wordCount, title: outcome.title }).toEqual({
        wordCount: 18,
        title: 'Reptile classifieds',
      });
      // Live detection in Firefox: the background matched both pages' text.
      expect(outcome.words).toMatchObject({
        title: 'Reptile classifieds',
        mentions: ['ball python'],
        taxa: ['Python regius'],
      });
      expect(outcome.offer.title).toBe('Curios and collectibles');
      expect(outcome.offer.mentions).toEqual(expect.arrayContaining(['ivory', 'Manis javanica']));
      expect(outcome.offer.taxa).toContain('Manis javanica');
      expect(outcome.offer.saleOffer).toBe(true);
      expect(outcome.offer.indicators).toContain('messenger'); // the WhatsApp number
    },
    120_000,
  );
});
