/**
 * The tokens the originality check compares: words, with each multi-word proper name as one token, and the sentence
 * each token is in. One pass over the words (and the gaps between them).
 *
 * - A sentence ends at a line break, or at . ! ? … followed by white space (closing quotes and brackets may come
 *   between), but not at a full stop after an abbreviation such as "Mr" or an initial such as "J" or "U.S".
 * - A name is two or more capitalised words in one sentence, apart only by spaces or hyphens, with up to two
 *   connectors between them ("Department of Justice", "Bank of the Philippine Islands", "Wi-Fi", "Viana do Castelo").
 *   A capitalised word that starts a sentence begins a name only if the text never writes it in lower case (so "The"
 *   and "Officials" do not). Lines in title case (headlines) hold no names: every word there is capitalised.
 * - Words glued by "." "/" or ":" with no space are one token: a web address ("www.example.com/a-page"), "U.S".
 */

import type { WordIds, WordOffsets } from './text';

export interface CopyTokens {
  /** One id per token; with `separate`, -1 between two sentences (so no window spans them). */
  ids: Int32Array;
  /** Per token (separators excluded): its sentence's number, its first and last word. */
  sentence: Int32Array;
  firstWord: Int32Array;
  lastWord: Int32Array;
  /** Per word: its token. */
  tokenOf: Int32Array;
  /** Per token: 1 when it is on a title line (a headline, subheading, byline or credit: see titleLines). */
  inTitle: Uint8Array;
}

/** Words that may join the parts of a name. */
const CONNECTORS = new Set([
  'of',
  'for',
  'and',
  'the',
  'on',
  '&',
  'de',
  'do',
  'da',
  'dos',
  'das',
  'del',
  'della',
  'di',
  'du',
  'des',
  'der',
  'den',
  'van',
  'von',
  'la',
  'le',
  'les',
  'y',
  'e',
  'et',
  'und',
  'al',
  'el',
  'bin',
  'bint',
  'ibn',
]);

/** A full stop after these does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'sgt',
  'capt',
  'jr',
  'sr',
  'inc',
  'corp',
  'co',
  'ltd',
  'vs',
  'no',
  'nr',
  'etc',
  'jan',
  'feb',
  'aug',
  'sept',
  'oct',
  'nov',
  'dec',
  'u.s',
  'z.b',
  'bzw',
  'ca',
  'mme',
  'mlle',
  'sra',
  'sr',
  'dra',
]);

/** What may stand between a sentence's end mark and the space after it: closing quotation marks and brackets. */
const CLOSERS = new Set(['"', '”', '’', "'", '»', '“', ')', ']']);

/** What may glue two words into one token (with no space): see copyTokens. */
const GLUE = /^[./:_~?=&#%-]+$/;

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

function isCapital(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : UPPER.test(ch);
}

function isLower(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 128 ? c >= 97 && c <= 122 : LOWER.test(ch);
}

/** Whether the gap between two words is one plain space (most are): no sentence end, no line break, no glue. */
const oneSpace = (text: string, from: number, to: number): boolean => to === from + 1 && text.charCodeAt(from) === 32;

/**
 * Whether the gap between two words ends a sentence. `prev` is the normalised word before it, `initial` whether that
 * word is a lone capital letter ("J" in "J. Doe", not the "C" of "USB-C").
 */
function endsSentence(gap: string, prev: string, initial: boolean): boolean {
  let end = -1;
  for (let k = 0; k < gap.length; k++) {
    const c = gap[k] as string;
    if (c === '\n') return true;
    if (c === '.' || c === '!' || c === '?' || c === '…') end = k;
    else if (end >= 0 && CLOSERS.has(c)) continue;
    else if (end >= 0 && c !== ' ' && c !== '\t' && c !== '\u00a0') end = -1;
    else if (end >= 0) {
      // "Mr. Smith", "J. Doe": a full stop right after an abbreviation or an initial.
      const abbreviation = end === 0 && gap[0] === '.' && (ABBREVIATIONS.has(prev) || initial);
      if (!abbreviation) return true;
      end = -1;
    }
  }
  return false;
}

/** Only spaces and hyphens between two words: they may be parts of one name. */
function joins(gap: string): boolean {
  if (gap.length === 0 || gap.length > 3) return gap.length === 0;
  for (const c of gap) if (c !== ' ' && c !== '-' && c !== '\u2010' && c !== '\u00a0') return false;
  return true;
}

/** Lines that are titles: no sentence end at the line's end, and most of the words of four letters or more capitalised. */
function titleLines(text: string, words: WordOffsets, lineOf: Int32Array): Uint8Array {
  const lines = words.norms.length === 0 ? 0 : (lineOf[words.norms.length - 1] as number) + 1;
  const long = new Int32Array(lines);
  const caps = new Int32Array(lines);
  const ended = new Uint8Array(lines); // the line ends as a sentence does: no title
  for (let i = 0; i < words.norms.length; i++) {
    const start = words.starts[i] as number;
    const next = i + 1 < words.norms.length ? (words.starts[i + 1] as number) : text.length;
    if ((i + 1 === words.norms.length || lineOf[i + 1] !== lineOf[i]) && /^[^\n]*[.!?…]/.test(text.slice(words.ends[i] as number, next)))
      ended[lineOf[i] as number] = 1;
    if ((words.ends[i] as number) - start < 4) continue;
    const line = lineOf[i] as number;
    long[line] = (long[line] as number) + 1;
    if (isCapital(text[start] as string)) caps[line] = (caps[line] as number) + 1;
  }
  const title = new Uint8Array(lines);
  for (let l = 0; l < lines; l++) title[l] = !ended[l] && (long[l] as number) >= 3 && (caps[l] as number) >= 0.6 * (long[l] as number) ? 1 : 0;
  return title;
}

/**
 * The text's tokens. `wordIds` are its words' ids in `dict`; a name gets the id of its words joined (its own entry in
 * `dict`), so the same name in source and rewrite is the same token.
 */
export function copyTokens(text: string, words: WordOffsets, wordIds: Int32Array, dict: WordIds, separate: boolean): CopyTokens {
  const count = words.norms.length;
  const { starts, ends, norms } = words;
  // Sentence and line of each word, and the words the text writes in lower case.
  const sentenceOf = new Int32Array(count);
  const lineOf = new Int32Array(count);
  const lower = new Set<string>();
  let sentence = 0;
  let line = 0;
  for (let i = 0; i < count; i++) {
    if (i > 0 && !oneSpace(text, ends[i - 1] as number, starts[i] as number)) {
      const gap = text.slice(ends[i - 1] as number, starts[i] as number);
      const before = (starts[i - 1] as number) - 1;
      // A lone capital after a space or a full stop: "J. Doe", "U.S. officials" (not the "C" of "USB-C").
      const initial =
        (ends[i - 1] as number) - (starts[i - 1] as number) === 1 &&
        isCapital(text[before + 1] as string) &&
        (before < 0 || text[before] === '.' || /\s/.test(text[before] as string));
      if (endsSentence(gap, norms[i - 1] as string, initial)) sentence++;
      if (gap.includes('\n')) line++;
    }
    sentenceOf[i] = sentence;
    lineOf[i] = line;
    if (isLower(text[starts[i] as number] as string)) lower.add(norms[i] as string);
  }
  const title = titleLines(text, words, lineOf);

  const cap = (i: number): boolean => isCapital(text[starts[i] as number] as string);
  const together = (a: number, b: number): boolean =>
    sentenceOf[a] === sentenceOf[b] && (oneSpace(text, ends[a] as number, starts[b] as number) || joins(text.slice(ends[a] as number, starts[b] as number)));
  // Words glued by "." "/" ":" (and "-" among them), no space: a web address, a figure such as 2.5, "U.S": one token.
  // From the end: where each word's glued chain ends, and whether a "." "/" or ":" glues it (a hyphen alone does not).
  const chainEnd = new Int32Array(count);
  const dotted = new Uint8Array(count);
  for (let a = count - 1; a >= 0; a--) {
    chainEnd[a] = a;
    if (a + 1 >= count || oneSpace(text, ends[a] as number, starts[a + 1] as number)) continue;
    const gap = text.slice(ends[a] as number, starts[a + 1] as number);
    if (gap.length === 0 || gap.length > 3 || !GLUE.test(gap)) continue;
    chainEnd[a] = chainEnd[a + 1] as number;
    dotted[a] = /[./:]/.test(gap) || dotted[a + 1] ? 1 : 0;
  }
  /** The last word of a name or web address starting at word i, or i when none starts there. */
  const nameEnd = (i: number): number => {
    if (dotted[i]) return chainEnd[i] as number;
    if (!cap(i) || title[lineOf[i] as number]) return i;
    if ((i === 0 || sentenceOf[i - 1] !== sentenceOf[i]) && lower.has(norms[i] as string)) return i;
    let j = i;
    for (;;) {
      let k = j + 1;
      let links = 0;
      while (k < count && links < 2 && !cap(k) && CONNECTORS.has(norms[k] as string) && together(k - 1, k)) {
        k++;
        links++;
      }
      if (k < count && cap(k) && together(k - 1, k)) j = k;
      else return j;
    }
  };

  // At most one token per word, and one separator before each: typed arrays of that size, viewed to length at the end.
  const ids = new Int32Array(2 * count);
  const sentences = new Int32Array(count);
  const firstWord = new Int32Array(count);
  const lastWord = new Int32Array(count);
  const tokenOf = new Int32Array(count);
  const inTitle = new Uint8Array(count);
  let n = 0;
  let m = 0;
  for (let i = 0; i < count;) {
    const j = nameEnd(i);
    if (separate && i > 0 && sentenceOf[i] !== sentenceOf[i - 1]) ids[m++] = -1;
    let id = wordIds[i] as number;
    if (j > i) {
      let key = '\u0000';
      for (let k = i; k <= j; k++) key += `${norms[k] as string} `;
      id = dict.id(key);
    }
    for (let k = i; k <= j; k++) tokenOf[k] = n;
    ids[m++] = id;
    sentences[n] = sentenceOf[i] as number;
    inTitle[n] = title[lineOf[i] as number] as number;
    firstWord[n] = i;
    lastWord[n] = j;
    n++;
    i = j + 1;
  }
  return {
    ids: ids.subarray(0, m),
    sentence: sentences.subarray(0, n),
    firstWord: firstWord.subarray(0, n),
    lastWord: lastWord.subarray(0, n),
    tokenOf,
    inTitle: inTitle.subarray(0, n),
  };
}
