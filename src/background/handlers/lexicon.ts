import type { HandlersOf } from '../../messaging/dispatch';
import type { LexiconInfo, LexiconRoutes } from '../../messaging/routes/lexicon';
import { forgetMatcher, getMatcher } from '../detection/engine';
import { activeLexiconSource } from '../../browser/lexicon/active-lexicon';

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
