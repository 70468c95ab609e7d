/**
 * Hashtags: "#ivoryforsale", "#BallPythonsForSale". A tag the lexicon does not know as a whole is
 * split into words (hashtag-splitter.ts), and the names among them are found through the trie.
 * Each name inside becomes a mention, and the tag itself one more, carrying its strongest part.
 * Tags that split into nothing are remembered.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EF_CASE_SENSITIVE, EK_EXCLUDED, EK_TERM } from '../lexicon/format';
import { TERM_KINDS } from '../lexicon/trade-terms';
import { F_INNER_UPPER } from '../text/tokenize';
import { SEARCH_HASHTAG, searchKey, type EmptySearchCache } from './empty-search-cache';
import { HashtagSplitter } from './hashtag-splitter';
import { TACTIC_HASHTAG, type Mention } from './mention-and-reading';
import type { TextScan } from './text-scan';
import { nodeHasEntries } from './word-lookup';

const PRODUCT_KIND = EK_TERM + TERM_KINDS.indexOf('product');
const CODE_KIND = EK_TERM + TERM_KINDS.indexOf('code');

/** How strongly a mention stands for the tag (lower is stronger): a species or product before a cue. */
function tagRank(lexicon: CompiledLexicon, mention: Mention): number {
  const kind = lexicon.entryKind[mention.entry];
  return kind < EK_TERM ? 0 : kind === PRODUCT_KIND ? 1 : kind === CODE_KIND ? 3 : 2;
}

export class HashtagReader {
  private readonly lexicon: CompiledLexicon;
  private readonly splitter: HashtagSplitter;
  private readonly emptySearches: EmptySearchCache;

  constructor(lexicon: CompiledLexicon, emptySearches: EmptySearchCache) {
    this.lexicon = lexicon;
    this.splitter = new HashtagSplitter(lexicon);
    this.emptySearches = emptySearches;
  }

  /** Finds the names in hashtag token `token`; true when it holds any (then it is covered). */
  read(scan: TextScan, token: number): boolean {
    const key = searchKey(scan.tokens.hash[token], scan.tokens.len[token], SEARCH_HASHTAG);
    if (this.emptySearches.has(key)) return false;
    if (this.findNames(scan, token)) return true;
    this.emptySearches.remember(key);
    return false;
  }

  private findNames(scan: TextScan, token: number): boolean {
    const lexicon = this.lexicon;
    const tokens = scan.tokens;
    const text = scan.text;
    const charOffset = tokens.charStart[token];
    const length = tokens.len[token];
    const start = tokens.start[token];
    // Offsets map one to one only when the tag holds no ignorable characters.
    if (tokens.end[token] - start !== length) return false;
    const capitals: number[] = [];
    if (tokens.flags[token] & F_INNER_UPPER) {
      for (let i = 1; i < length; i++) {
        const c = text.charCodeAt(start + i);
        const previous = text.charCodeAt(start + i - 1);
        if (c >= 65 && c <= 90 && !(previous >= 65 && previous <= 90)) capitals.push(i);
      }
    }
    const pieces = this.splitter.split(tokens.chars, charOffset, length, capitals);
    if (!pieces) return false;
    const inner: Mention[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const firstReadings = [pieces[i].word, pieces[i].singular].filter((w, x, all) => w >= 0 && all.indexOf(w) === x);
      let bestLast = -1;
      let bestNode = -1;
      for (const first of firstReadings) {
        let node = first;
        if (nodeHasEntries(lexicon, node) && bestLast < i) {
          bestLast = i;
          bestNode = node;
        }
        for (let j = i + 1; j < pieces.length && lexicon.nodeHasChildren[node]; j++) {
          let child = pieces[j].word >= 0 ? lexicon.child(node, pieces[j].word) : -1;
          if (child < 0 && pieces[j].singular >= 0) child = lexicon.child(node, pieces[j].singular);
          if (child < 0) break;
          node = child;
          if (nodeHasEntries(lexicon, node) && j > bestLast) {
            bestLast = j;
            bestNode = node;
          }
        }
      }
      if (bestLast < 0) continue;
      const entry = this.firstEntry(bestNode);
      if (entry < 0) continue;
      inner.push({
        start: start + pieces[i].from,
        end: start + pieces[bestLast].to,
        firstToken: token,
        lastToken: token,
        entry,
        tactics: TACTIC_HASHTAG,
        editDistance: 0,
        weakMisspelling: false,
      });
      i = bestLast;
    }
    if (inner.length === 0) return false;
    // The tag's own mention carries its strongest part: a species or product before a cue.
    const main = inner.slice().sort((a, b) => tagRank(lexicon, a) - tagRank(lexicon, b))[0];
    const hashStart = start > 0 && text.charCodeAt(start - 1) === 0x23 ? start - 1 : start;
    // Written out, not spread: a spread copy of a Mention is a slow object of another shape.
    scan.mentions.push({
      start: hashStart,
      end: tokens.end[token],
      firstToken: main.firstToken,
      lastToken: main.lastToken,
      entry: main.entry,
      tactics: main.tactics,
      editDistance: main.editDistance,
      weakMisspelling: main.weakMisspelling,
      hashtagText: text.slice(hashStart, tokens.end[token]),
    });
    for (const mention of inner) scan.mentions.push(mention);
    scan.covered[token] = 1;
    return true;
  }

  /** The first entry of a node that is not an exclusion nor case-sensitive, or -1. */
  private firstEntry(node: number): number {
    const lexicon = this.lexicon;
    for (let entry = lexicon.nodeEntryStart[node]; entry < lexicon.nodeEntryStart[node + 1]; entry++) {
      if (lexicon.entryKind[entry] !== EK_EXCLUDED && !(lexicon.entryFlags[entry] & EF_CASE_SENSITIVE)) return entry;
    }
    return -1;
  }
}
