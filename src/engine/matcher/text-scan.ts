/**
 * The state of one match(text) call, handed to every part of the matcher in turn (matcher.ts
 * lists them): the text and its tokens, which tokens the names found so far cover, the mentions
 * found, the evasive readings waiting for the reading walk, and the bookkeeping of the evasion
 * readers. A TextScan is made for each text and dropped after it.
 *
 * Its typed arrays are borrowed from the matcher's ScanBuffers and grown there, never made per
 * text: a page costs no allocation per token.
 */
import { createTokens, tokenize, type Tokens } from '../text/tokenize';
import type { Mention, Reading } from './mention-and-reading';

/** Typed arrays reused from one text to the next (grown, never shrunk); they mean nothing between texts. */
export class ScanBuffers {
  tokens: Tokens = createTokens(4096);
  covered = new Uint8Array(4096);
  mentionByToken = new Int32Array(4096);
  initials = new Int32Array(64);
}

export class TextScan {
  readonly text: string;
  readonly tokens: Tokens;
  /** 1 for every token of the names found so far (the first tokens.count entries are valid). */
  readonly covered: Uint8Array;
  /** The mentions found so far, in the order found. */
  readonly mentions: Mention[] = [];
  /** Evasive readings of token spans, for the reading walk. */
  readonly readings: Reading[] = [];
  /**
   * Start and end offsets (flattened, in text order) of the exact pass's confident names and clear
   * sale or contact cues: the company a misspelled one-word name needs (see nearAnchor).
   */
  anchors: number[] = [];
  /** Index in anchors of the first pair nearAnchor has not passed yet. */
  nextAnchor = 0;
  /** Single capital letters, in text order: the possible initials of an abbreviated genus. */
  initials: Int32Array;
  initialCount = 0;
  private readonly buffers: ScanBuffers;

  /** Tokenizes `text`; `wordBits` is the bit-set of the words worth looking up (tokenize's probe list). */
  constructor(text: string, wordBits: Int32Array, buffers: ScanBuffers) {
    this.text = text;
    this.buffers = buffers;
    const tokens = tokenize(text, buffers.tokens, wordBits);
    buffers.tokens = tokens;
    this.tokens = tokens;
    const count = tokens.count;
    if (buffers.covered.length < count) buffers.covered = new Uint8Array(count * 2);
    this.covered = buffers.covered;
    this.covered.fill(0, 0, count);
    this.initials = buffers.initials;
  }

  /** Lists token `token`, a single capital letter, as a possible initial of an abbreviated genus. */
  addInitial(token: number): void {
    if (this.initialCount === this.initials.length) {
      const grown = new Int32Array(this.initials.length * 2);
      grown.set(this.initials);
      this.initials = this.buffers.initials = grown;
    }
    this.initials[this.initialCount++] = token;
  }

  /** A token -> mention index array for this text, every entry -1 (for the reading walk). */
  emptyMentionByToken(): Int32Array {
    const count = this.tokens.count;
    if (this.buffers.mentionByToken.length < count) this.buffers.mentionByToken = new Int32Array(count * 2);
    const mentionByToken = this.buffers.mentionByToken;
    mentionByToken.fill(-1, 0, count);
    return mentionByToken;
  }
}
