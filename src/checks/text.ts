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

/** Up to this many words per key: long enough to tell passages apart, short enough to stay cheap. */
const GRAM = 3;

/**
 * The word 1-, 2- and 3-grams of some word lists. `contains(seq)` is true when every 3-gram of `seq`
 * (or `seq` itself, when shorter) occurs in the indexed text: contiguous containment, up to the rare case of
 * a sequence stitched together from separate places that overlap by two words.
 */
export class GramIndex {
  private readonly grams: Array<Set<string>> = [new Set(), new Set(), new Set()];

  constructor(lists: ReadonlyArray<readonly string[]>) {
    for (const words of lists) {
      for (let i = 0; i < words.length; i++) {
        let key = '';
        for (let k = 0; k < GRAM && i + k < words.length; k++) {
          key = k === 0 ? (words[i] as string) : `${key} ${words[i + k] as string}`;
          (this.grams[k] as Set<string>).add(key);
        }
      }
    }
  }

  contains(seq: readonly string[]): boolean {
    if (seq.length === 0) return true;
    const k = Math.min(GRAM, seq.length);
    const set = this.grams[k - 1] as Set<string>;
    for (let i = 0; i + k <= seq.length; i++) {
      if (!set.has(seq.slice(i, i + k).join(' '))) return false;
    }
    return true;
  }
}
