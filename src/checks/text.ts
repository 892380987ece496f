/**
 * Text helpers shared by the checks: words with their offsets, quotation spans, and a word n-gram index
 * that answers "does this word sequence occur in that text?" in time linear in the sequence.
 * Every function here is a single pass over its input; no regex here can backtrack more than a constant.
 */

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
/** A CJK character is a word of its own; elsewhere a word is a run of letters/digits with inner apostrophes. */
const WORD_RE = new RegExp(
  `[${CJK_CLASS}]|(?:(?![${CJK_CLASS}])[\\p{L}\\p{M}\\p{N}])+(?:['’](?:(?![${CJK_CLASS}])\\p{L})+)*`,
  'gu',
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

/** The words of a text, in order, with offsets. Hyphens and punctuation separate words ("cyber-enabled" is two). */
export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    out.push({ start, end: start + m[0].length, norm: normWord(m[0]) });
  }
  return out;
}

export function normWords(text: string): string[] {
  return wordSpans(text).map((w) => w.norm);
}

export interface QuoteSpan {
  /** Offsets of the quoted text, quotation marks excluded. */
  start: number;
  end: number;
  text: string;
}

const PAIRS: Readonly<Record<string, string>> = { '"': '"', '“': '”', '„': '“', '«': '»', '‘': '’' };
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Quotations: "straight", “curly”, „low“, «guillemets», and ‘single curly’ quotes. A quotation never runs
 * past the end of its line (an unclosed quote is dropped). ‘ opens only after a non-letter and ’ closes only
 * before a non-letter, so apostrophes (Iran’s, don’t) are never taken for quotation marks. Straight single
 * quotes are ignored: they are apostrophes far more often than quotation marks.
 */
export function findQuotes(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let close = '';
  let from = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\n') {
      close = '';
      continue;
    }
    if (close !== '') {
      if (ch === close && (close !== '’' || !LETTER_OR_DIGIT.test(text[i + 1] ?? ''))) {
        const raw = text.slice(from, i);
        const lead = raw.length - raw.trimStart().length;
        const inner = raw.trim();
        if (inner !== '') out.push({ start: from + lead, end: from + lead + inner.length, text: inner });
        close = '';
      }
      continue;
    }
    const pair = PAIRS[ch];
    if (pair === undefined) continue;
    if (ch === '‘' && LETTER_OR_DIGIT.test(text[i - 1] ?? '')) continue;
    close = pair;
    from = i + 1;
  }
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
/** Three ids of 17 bits make a 51-bit key, exact in a double. Texts with more distinct words fall back to strings. */
const ID_BITS = 2 ** 17;

/**
 * The word 1-, 2- and 3-grams of some word lists. `contains(seq)` is true when every 3-gram of `seq`
 * (or `seq` itself, when shorter) occurs in the indexed text: contiguous containment, up to the rare case of
 * a sequence stitched together from separate places that overlap by two words.
 */
export class GramIndex {
  private readonly words = new WordIds();
  private readonly grams: Array<Set<number | string>> = [new Set(), new Set(), new Set()];
  private readonly numeric: boolean;

  constructor(lists: ReadonlyArray<readonly string[]>) {
    const idLists = lists.map((list) => list.map((w) => this.words.id(w)));
    this.numeric = this.words.size < ID_BITS;
    for (const ids of idLists) {
      for (let i = 0; i < ids.length; i++) {
        for (let k = 0; k < GRAM && i + k < ids.length; k++) (this.grams[k] as Set<number | string>).add(this.key(ids, i, k + 1));
      }
    }
  }

  private key(ids: readonly number[], from: number, len: number): number | string {
    if (!this.numeric) return ids.slice(from, from + len).join(' ');
    let key = 0;
    for (let k = 0; k < len; k++) key = key * ID_BITS + (ids[from + k] as number);
    return key;
  }

  contains(seq: readonly string[]): boolean {
    if (seq.length === 0) return true;
    const ids: number[] = [];
    for (const w of seq) {
      const id = this.words.peek(w);
      if (id < 0) return false;
      ids.push(id);
    }
    const k = Math.min(GRAM, ids.length);
    const set = this.grams[k - 1] as Set<number | string>;
    for (let i = 0; i + k <= ids.length; i++) {
      if (!set.has(this.key(ids, i, k))) return false;
    }
    return true;
  }
}
