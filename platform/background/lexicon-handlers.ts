import type { HandlersOf } from '../../src/messaging/dispatch';
import type { LexiconInfo, LexiconRoutes } from '../../src/messaging/routes/lexicon';
import { forgetMatcher, getMatcher } from '../detection/background-engine';
import { activeLexiconSource } from '../lexicon/active-lexicon';

async function info(): Promise<LexiconInfo> {
  const { lexicon } = await getMatcher();
  const { source, imports } = activeLexiconSource();
  return { source, imports, version: lexicon.version, contentHash: lexicon.contentHash };
}

/** Handlers for the lexicon in use. */
export const lexiconHandlers: HandlersOf<LexiconRoutes> = {
  'lexicon/info': () => info(),
  'lexicon/changed': () => {
    forgetMatcher();
    return info();
  },
};
