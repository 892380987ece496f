/**
 * Text helpers shared by the checks: words with their offsets, quotation spans, and a word n-gram index
 * that answers "does this word sequence occur in that text?" in time linear in the sequence.
 * Every function here is a single pass over its input; no regex here can backtrack more than a constant.
 */

import { ASCII_CLASS, CJK_CLASS, forEachWord } from '../words';
import { PieceList } from './piece-list';

/** A CJK character is a word of its own; elsewhere a word is a run of letters/digits with inner apostrophes. */
const WORD_RE = new RegExp(
  `[${CJK_CLASS}]|(?:(?![${CJK_CLASS}])[\\p{L}\\p{M}\\p{N}])+(?:['’](?:(?![${CJK_CLASS}])\\p{L})+)*`,
  'uy', // sticky, as forEachWord reads it
);

export interface WordSpan {
  /** Character offsets of the word in the text (end exclusive). */
  start: number;
  end: number;
  /** Lower case, curly apostrophe made straight: "Iran’s" → "iran's". */
  norm: string;
}

export function normWord(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

/** The words of a text as parallel arrays: normalised form and character offsets (end exclusive; empty when not asked for). */
export interface Words {
  norms: string[];
  starts: number[];
  ends: number[];
}

/** Words with their offsets in typed arrays (what runChecks keeps while the checks run). */
export interface WordOffsets {
  norms: string[];
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * One string per distinct ASCII word: its normal form (lower case), shared by every occurrence. A long article
 * repeats a few thousand words tens of thousands of times; shared strings keep far less alive while the checks
 * run (the fresh slice is dropped at once, young). A memo, not a store: bounded.
 */
const NORMS = new Map<string, string>();

function normOfAscii(w: string): string {
  let n = NORMS.get(w);
  if (n === undefined) {
    n = w.toLowerCase();
    if (NORMS.size >= 50_000) NORMS.clear();
    if (n !== w) {
      // "The" and "the" share "the"
      const lower = NORMS.get(n);
      if (lower !== undefined) n = lower;
      else NORMS.set(n, n);
    }
    NORMS.set(w, n);
  }
  return n;
}

function scan(text: string, offsets: boolean): WordOffsets {
  const norms = new PieceList<string>();
  // Offsets go to typed arrays, grown by doubling: a JS array of tens of thousands of numbers is a large heap
  // object, reallocated on every growth.
  let starts = new Int32Array(offsets ? 64 : 0);
  let ends = new Int32Array(offsets ? 64 : 0);
  let count = 0;
  const add = (start: number, end: number): void => {
    if (count === starts.length) {
      const grownStarts = new Int32Array(count * 2);
      grownStarts.set(starts);
      starts = grownStarts;
      const grownEnds = new Int32Array(count * 2);
      grownEnds.set(ends);
      ends = grownEnds;
    }
    starts[count] = start;
    ends[count] = end;
    count++;
  };
  forEachWord(text, WORD_RE, (start, end, ascii) => {
    const w = text.slice(start, end);
    norms.push(ascii ? normOfAscii(w) : normWord(w));
    if (offsets) add(start, end);
  });
  return { norms: norms.toArray(), starts: starts.subarray(0, count), ends: ends.subarray(0, count) };
}

export function scanWords(text: string, offsets = true): Words {
  const { norms, starts, ends } = scan(text, offsets);
  return { norms, starts: Array.from(starts), ends: Array.from(ends) };
}

/** scanWords with the offsets as typed arrays. */
export function scanWordOffsets(text: string): WordOffsets {
  return scan(text, true);
}

/** The words of a text, in order, with offsets. Hyphens and punctuation separate words ("cyber-enabled" is two). */
export function wordSpans(text: string): WordSpan[] {
  const { norms, starts, ends } = scanWords(text);
  return norms.map((norm, i) => ({ start: starts[i] as number, end: ends[i] as number, norm }));
}

export function normWords(text: string): string[] {
  return scan(text, false).norms;
}

/** What the checks read from the source and the rewrite alike, scanned once by runChecks and handed to each. */
export interface Scans {
  /** normWords(source) */
  sourceWords: string[];
  /** scanWordOffsets(source): its words with their offsets (`norms` is `sourceWords`) */
  sourceOffsets?: WordOffsets;
  /** scanWordOffsets(rewrite) */
  rewriteWords: WordOffsets;
  /** findQuotes(rewrite) */
  rewriteQuotes: QuoteSpan[];
}

export function scanBoth(source: string, rewrite: string): Scans {
  const sourceOffsets = scanWordOffsets(source);
  return { sourceWords: sourceOffsets.norms, sourceOffsets, rewriteWords: scanWordOffsets(rewrite), rewriteQuotes: findQuotes(rewrite) };
}

export interface QuoteSpan {
  /** Offsets of the quoted text, quotation marks excluded. */
  start: number;
  end: number;
  text: string;
}

/** Closing mark of each opening quotation mark, by character code: " " “ ” „ “ « » » « (German) ‘ ’. */
const PAIRS: ReadonlyMap<number, number> = new Map([
  [0x22, 0x22],
  [0x201c, 0x201d],
  [0x201e, 0x201c],
  [0xab, 0xbb],
  [0xbb, 0xab],
  [0x2018, 0x2019],
]);
const LEFT_SINGLE = 0x2018;
const RIGHT_SINGLE = 0x2019;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the character (one UTF-16 unit, as `text[i]` gives it) is a letter or digit; false past the end. */
function letterOrDigitAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c] !== 0;
  return LETTER_OR_DIGIT.test(text[i] as string);
}

/**
 * Quotations: "straight", “curly”, „low“, «guillemets» (French « spaced », German »reversed«), and ‘single
 * curly’ quotes. A quotation never runs past the end of its line (an unclosed quote is dropped, or with `unclosed` runs to the line's end). ‘ opens only after a non-letter and ’ closes only
 * before a non-letter, so apostrophes (Iran’s, don’t) are never taken for quotation marks. Straight single
 * quotes are ignored: they are apostrophes far more often than quotation marks.
 */
export function findQuotes(text: string, opts: { unclosed?: boolean } = {}): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let close = -1;
  let from = -1;
  /** With `unclosed`, a quotation still open at the end of its line runs to there (a quote that goes on in the next paragraph). */
  const endLine = (at: number): void => {
    if (close === -1 || !opts.unclosed) return;
    const raw = text.slice(from, at);
    const lead = raw.length - raw.trimStart().length;
    const inner = raw.trim();
    if (inner !== '') out.push({ start: from + lead, end: from + lead + inner.length, text: inner });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      endLine(i);
      close = -1;
      continue;
    }
    if (close !== -1) {
      if (ch === close && (close !== RIGHT_SINGLE || !letterOrDigitAt(text, i + 1))) {
        const raw = text.slice(from, i);
        const lead = raw.length - raw.trimStart().length;
        const inner = raw.trim();
        if (inner !== '') out.push({ start: from + lead, end: from + lead + inner.length, text: inner });
        close = -1;
      }
      continue;
    }
    if (ch !== 0x22 && ch < 0xab) continue;
    const pair = PAIRS.get(ch);
    if (pair === undefined) continue;
    if (ch === LEFT_SINGLE && letterOrDigitAt(text, i - 1)) continue;
    close = pair;
    from = i + 1;
  }
  endLine(text.length);
  return out;
}

/** Gives each distinct word a small integer, so that n-grams can be keyed by numbers instead of strings. */
export class WordIds {
  private readonly ids = new Map<string, number>();

  /** The word's id, assigned on first sight. */
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
    }
    return id;
  }

  /** The word's id, or -1 for a word never seen. */
  peek(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  get size(): number {
    return this.ids.size;
  }
}

/** Up to this many words per key: long enough to tell passages apart, short enough to stay cheap. */
const GRAM = 3;

/**
 * Every window of `n` consecutive ids in `ids`, by hash: an open-addressing table of chain heads and a `next`
 * link per position, so building allocates two typed arrays and nothing per window. Windows that hold a
 * negative id (a list separator) are left out. `find` confirms a hit id by id, so the answer is exact.
 */
export class WindowTable {
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly ids: Int32Array,
    private readonly n: number,
  ) {
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    this.mask = size - 1;
    this.heads = new Int32Array(size).fill(-1);
    this.next = new Int32Array(Math.max(0, ids.length));
    let bad = -1; // the latest separator at or before the window's last id
    for (let i = 0; i < n - 1 && i < ids.length; i++) if ((ids[i] as number) < 0) bad = i;
    for (let i = 0; i + n <= ids.length; i++) {
      if ((ids[i + n - 1] as number) < 0) bad = i + n - 1;
      if (bad >= i) continue;
      const b = windowHash(ids, i, n) & this.mask;
      this.next[i] = this.heads[b] as number;
      this.heads[b] = i;
    }
  }

  /** Whether the window of `n` ids of `query` from `from` occurs in the table's ids. */
  has(query: Int32Array, from: number): boolean {
    const { ids, n, next } = this;
    for (let p = this.heads[windowHash(query, from, n) & this.mask] as number; p >= 0; p = next[p] as number) {
      let k = 0;
      while (k < n && ids[p + k] === query[from + k]) k++;
      if (k === n) return true;
    }
    return false;
  }
}

/** FNV-1a over a window of ids, cut to 30 bits: a small integer (collisions are confirmed away by the caller). */
export function windowHash(ids: Int32Array, from: number, n: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ (ids[from + k] as number), 0x01000193);
  return h & 0x3fffffff;
}

/**
 * The word 1-, 2- and 3-grams of some word lists. `contains(seq)` is true when every 3-gram of `seq`
 * (or `seq` itself, when shorter) occurs in the indexed text: contiguous containment, up to the rare case of
 * a sequence stitched together from separate places that overlap by two words. The tables of 2- and 3-grams
 * are built on first use.
 */
export class GramIndex {
  private readonly tables: Array<WindowTable | undefined> = [];

  /**
   * @param words ids of the words; only ids below `known` are words of the indexed lists
   * @param ids the lists' ids end to end, a negative id between two lists
   */
  private constructor(
    private readonly words: WordIds,
    private readonly ids: Int32Array,
    private readonly known: number,
  ) {}

  static of(lists: ReadonlyArray<readonly string[]>): GramIndex {
    const words = new WordIds();
    let total = Math.max(0, lists.length - 1);
    for (const list of lists) total += list.length;
    const ids = new Int32Array(total);
    let at = 0;
    lists.forEach((list, li) => {
      if (li > 0) ids[at++] = -1; // no n-gram spans two lists
      for (const w of list) ids[at++] = words.id(w);
    });
    return new GramIndex(words, ids, words.size);
  }

  /** An index of `ids`, whose words are the first `known` ids of `words` (later ids are words it never has). */
  static ofIds(words: WordIds, ids: Int32Array, known: number): GramIndex {
    return new GramIndex(words, ids, known);
  }

  contains(seq: readonly string[]): boolean {
    if (seq.length === 0) return true;
    const ids = new Int32Array(seq.length);
    for (let i = 0; i < seq.length; i++) {
      const id = this.words.peek(seq[i] as string);
      if (id < 0 || id >= this.known) return false;
      ids[i] = id;
    }
    return this.containsIds(ids, 0, ids.length);
  }

  /** `contains` for the word ids `query[from..to)`, ids of this index's `words`. */
  containsIds(query: Int32Array, from: number, to: number): boolean {
    const len = to - from;
    if (len <= 0) return true;
    for (let i = from; i < to; i++) if ((query[i] as number) >= this.known) return false;
    const k = Math.min(GRAM, len);
    if (k === 1) return true; // every known word occurs
    const table = (this.tables[k] ??= new WindowTable(this.ids, k));
    for (let i = from; i + k <= to; i++) if (!table.has(query, i)) return false;
    return true;
  }
}
