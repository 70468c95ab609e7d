/**
 * The walk over alternative readings: finds the names that run through token spans with an
 * evasive reading. From up to three tokens before each such span, it follows the trie over every
 * reading of each token (its own word and the readers' readings) and keeps the longest name that
 * needed at least one evasion. A longer evasive name replaces the shorter exact names inside it
 * ("Manis" inside "Manis javnica"); a piece of an exact name is never taken over.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { F_CJK, F_HARD_GAP } from '../text/tokenize';
import { TACTIC_MISSPELLING, type Reading } from './mention-and-reading';
import type { MentionRecorder } from './mention-recorder';
import type { TextScan } from './text-scan';
import { nodeHasEntries } from './word-lookup';

/** The longest evasive name found so far from one start token. */
interface LongestName {
  lastToken: number;
  node: number;
  tactics: number;
  editDistance: number;
  words: number;
  misspelledWords: number;
}

/** The walks from one start token over one text. */
interface Walk {
  scan: TextScan;
  /** Token -> index of the mention that covers it, or -1. */
  mentionByToken: Int32Array;
  /** The readers' readings, by their first token. */
  readingsByToken: Map<number, Reading[]>;
  /** The token the current walks start from. */
  start: number;
  longest: LongestName | undefined;
}

export class ReadingWalk {
  private readonly lexicon: CompiledLexicon;
  private readonly recorder: MentionRecorder;

  constructor(lexicon: CompiledLexicon, recorder: MentionRecorder) {
    this.lexicon = lexicon;
    this.recorder = recorder;
  }

  /**
   * Names through the spans that have an evasive reading (at most one misspelled word per name,
   * two in names of three words or more, each word within its own limit).
   */
  find(scan: TextScan): void {
    const tokens = scan.tokens;
    const mentions = scan.mentions;
    const mentionByToken = scan.emptyMentionByToken();
    for (let i = 0; i < mentions.length; i++) {
      const mention = mentions[i];
      for (let token = mention.firstToken; token <= mention.lastToken; token++) mentionByToken[token] = i;
    }
    const readingsByToken = new Map<number, Reading[]>();
    for (const reading of scan.readings) {
      const list = readingsByToken.get(reading.firstToken);
      if (list) list.push(reading);
      else readingsByToken.set(reading.firstToken, [reading]);
    }
    const walk: Walk = { scan, mentionByToken, readingsByToken, start: 0, longest: undefined };
    const starts = new Set<number>();
    for (const reading of scan.readings) {
      for (let start = Math.max(0, reading.firstToken - 3); start <= reading.firstToken; start++) starts.add(start);
    }
    const sorted = [...starts].sort(ascending);
    let blockedUntil = -1;
    for (const start of sorted) {
      walk.start = start;
      walk.longest = undefined;
      if (start <= blockedUntil || !this.enterable(walk, start) || tokens.flags[start] & F_CJK) continue;
      for (const reading of this.readingsAt(walk, start)) {
        const misspelled = reading.tactics & TACTIC_MISSPELLING ? 1 : 0;
        this.follow(walk, reading.lastToken, reading.word, reading.tactics, reading.editDistance, 1, misspelled);
      }
      const longest = walk.longest as LongestName | undefined;
      if (!longest) continue;
      // Exact names inside the span give way; one reaching past its end keeps it.
      const replaced = new Set<number>();
      let blocked = false;
      for (let token = start; token <= longest.lastToken; token++) {
        const index = mentionByToken[token];
        if (index < 0) continue;
        const inside = mentions[index];
        const reachesPast = inside.lastToken > longest.lastToken;
        if (reachesPast || (inside.firstToken === start && inside.lastToken === longest.lastToken)) blocked = true;
        replaced.add(index);
      }
      if (blocked) continue;
      for (const index of replaced) setCovered(scan, mentions[index].firstToken, mentions[index].lastToken, 0);
      // A misspelled one-word name, or a name with every word misspelled, is too easy to hit by
      // chance: it needs a stronger signal nearby.
      const misspelled = (longest.tactics & TACTIC_MISSPELLING) !== 0;
      const weak = misspelled && (longest.words === 1 || longest.misspelledWords === longest.words);
      const { lastToken, node, tactics, editDistance } = longest;
      if (this.recorder.record(scan, start, lastToken, node, tactics, editDistance, weak)) {
        for (const index of replaced) mentions[index].entry = -1;
        blockedUntil = lastToken;
      } else {
        for (const index of replaced) setCovered(scan, mentions[index].firstToken, mentions[index].lastToken, 1);
      }
    }
  }

  /** The readings of token `token`: its own word, then its evasive readings. */
  private readingsAt(walk: Walk, token: number): Reading[] {
    const readings = walk.readingsByToken.get(token)?.slice() ?? [];
    const ownWord = walk.scan.tokens.word[token];
    if (ownWord >= 0) {
      readings.unshift({ firstToken: token, lastToken: token, word: ownWord, tactics: 0, editDistance: 0 });
    }
    return readings;
  }

  /**
   * Only whole exact names may be taken over, never a piece of one: a walk from its start token
   * may enter a token of an exact name only when that name starts at or after the start.
   */
  private enterable(walk: Walk, token: number): boolean {
    const index = walk.mentionByToken[token];
    return index < 0 ? !walk.scan.covered[token] : walk.scan.mentions[index].firstToken >= walk.start;
  }

  /**
   * Follows the trie from `node` (reached at token `token`) over every reading of the next tokens;
   * keeps the longest evasive name.
   */
  private follow(
    walk: Walk,
    token: number,
    node: number,
    tactics: number,
    editDistance: number,
    words: number,
    misspelledWords: number,
  ): void {
    const lexicon = this.lexicon;
    const tokens = walk.scan.tokens;
    const longest = walk.longest;
    const closer = longest !== undefined && token === longest.lastToken && editDistance < longest.editDistance;
    const longer = !longest || token > longest.lastToken || closer;
    if (tactics !== 0 && nodeHasEntries(lexicon, node) && longer) {
      walk.longest = { lastToken: token, node, tactics, editDistance, words, misspelledWords };
    }
    const next = token + 1;
    if (next >= tokens.count || !lexicon.nodeHasChildren[node] || !this.enterable(walk, next)) return;
    if (tokens.flags[next] & (F_HARD_GAP | F_CJK)) return;
    for (const reading of this.readingsAt(walk, next)) {
      const child = lexicon.child(node, reading.word);
      if (child < 0) continue;
      // Every word may be misspelled, each within its own limit (the misspelling readers propose those).
      const misspelled = reading.tactics & TACTIC_MISSPELLING ? 1 : 0;
      this.follow(
        walk,
        reading.lastToken,
        child,
        tactics | reading.tactics,
        editDistance + reading.editDistance,
        words + 1,
        misspelledWords + misspelled,
      );
    }
  }
}

/** Sets (1) or clears (0) the covered mark of tokens first..last. */
function setCovered(scan: TextScan, first: number, last: number, value: number): void {
  for (let token = first; token <= last; token++) scan.covered[token] = value;
}

function ascending(a: number, b: number): number {
  return a - b;
}
