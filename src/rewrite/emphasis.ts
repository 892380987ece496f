/**
 * Emphasis pairs (`**x**`, `__x__`, `***x***`) found in one pass. The regexes these replace
 * (`\*\*(?=\S)(.*?\S)\*\*` and the like) rescan the rest of the line from every opening marker that has no
 * partner, so an answer full of unbalanced `**` took time growing with its square (160 KB froze the popup for
 * seconds). Here the nearest possible closing marker is known for every position from one pass from the end,
 * and each opener is settled at once. The pairs found are exactly the regexes' matches.
 */

import { isSpaceCode } from '../words';

/** One emphasis rule, written as the regex it stands for: `before? D (?=first) (.*? last) D (?=after)`. */
export interface PairRule {
  /** The marker, the same on both sides: `**`, `__`, `***`. */
  marker: string;
  /** The content's first and last code unit (a `.` never matches a line break, so neither may the content). */
  edge(code: number): boolean;
  /** Whether a marker may open at this index (a lookbehind); always when absent. */
  opens?(text: string, at: number): boolean;
  /** Whether the text after a closing marker allows it (a lookahead at this index); always when absent. */
  closes?(text: string, at: number): boolean;
}

export interface Pair {
  /** Index of the opening marker. */
  index: number;
  /** Index just after the closing marker. */
  end: number;
  content: string;
}

/** What JavaScript's `.` does not match. */
function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** Letters, digits and `_` (`[\p{L}\p{N}_]`), judged by code point. */
const WORD = /[\p{L}\p{N}_]/u;

/** The code point that ends just before `at` is a word character. */
export function wordBefore(text: string, at: number): boolean {
  if (at <= 0) return false;
  const low = text.charCodeAt(at - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && at >= 2 && text.charCodeAt(at - 2) >= 0xd800 && text.charCodeAt(at - 2) <= 0xdbff ? at - 2 : at - 1;
  return WORD.test(String.fromCodePoint(text.codePointAt(start) as number));
}

/** The code point that starts at `at` is a word character. */
export function wordAt(text: string, at: number): boolean {
  if (at >= text.length) return false;
  return WORD.test(String.fromCodePoint(text.codePointAt(at) as number));
}

/**
 * Every opener of the rule that has a partner, with that partner, in order. Whether an opener at a given index
 * matches never depends on earlier matches, only on the text: its partner is the nearest closer that leaves at
 * least one character between them on the same line (what the lazy `.*?` finds).
 */
function openers(text: string, rule: PairRule): Candidates {
  const { marker } = rule;
  const found: Candidates = { text, marker: marker.length, index: [], close: [] };
  if (!text.includes(marker)) return found;
  const m = marker.length;
  const n = text.length;
  const isCloser = (q: number): boolean => q > 0 && text.startsWith(marker, q) && rule.edge(text.charCodeAt(q - 1)) && (rule.closes?.(text, q + m) ?? true);
  // next[i]: the first closer at or after i with no line break before it, or -1.
  const next = new Int32Array(n + 1);
  next[n] = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (isCloser(i)) next[i] = i;
    else if (isLineBreak(text.charCodeAt(i))) next[i] = -1;
    else next[i] = next[i + 1] as number;
  }
  for (let p = text.indexOf(marker); p >= 0 && p + m < n; p = text.indexOf(marker, p + 1)) {
    const first = p + m;
    if (!rule.edge(text.charCodeAt(first)) || !(rule.opens?.(text, p) ?? true)) continue;
    const q = next[first + 1] as number;
    if (q >= 0) {
      found.index.push(p);
      found.close.push(q);
    }
  }
  return found;
}

/** Openers with a partner (`index`) and where that partner starts (`close`), in order. */
interface Candidates {
  text: string;
  marker: number;
  index: number[];
  close: number[];
}

/** Every match of the rule, left to right and never overlapping, as a global regex finds them. */
export function findPairs(text: string, rule: PairRule): Pair[] {
  return walk([openers(text, rule)]);
}

/** The matches of `A|B` (two rules tried at each position in turn; their markers differ, so one opens at most). */
export function findEither(text: string, a: PairRule, b: PairRule): Pair[] {
  return walk([openers(text, a), openers(text, b)]);
}

/** The leftmost candidate, then the leftmost one starting after it ends, and so on. */
function walk(lists: Candidates[]): Pair[] {
  const out: Pair[] = [];
  const at = lists.map(() => 0);
  let from = 0;
  for (;;) {
    let best = -1;
    let bestIndex = Infinity;
    for (let k = 0; k < lists.length; k++) {
      const list = lists[k] as Candidates;
      let i = at[k] as number;
      while (i < list.index.length && (list.index[i] as number) < from) i++;
      at[k] = i;
      if (i < list.index.length && (list.index[i] as number) < bestIndex) {
        best = k;
        bestIndex = list.index[i] as number;
      }
    }
    if (best < 0) return out;
    const list = lists[best] as Candidates;
    const close = list.close[at[best] as number] as number;
    out.push({ index: bestIndex, end: close + list.marker, content: list.text.slice(bestIndex + list.marker, close) });
    from = close + list.marker;
  }
}

/** The text with each pair replaced. */
export function replacePairs(text: string, rule: PairRule, replace: (pair: Pair) => string): string {
  const pairs = findPairs(text, rule);
  if (pairs.length === 0) return text;
  let out = '';
  let last = 0;
  for (const pair of pairs) {
    out += text.slice(last, pair.index) + replace(pair);
    last = pair.end;
  }
  return out + text.slice(last);
}

const notSpace = (c: number): boolean => !isSpaceCode(c);
const notSpaceOr = (ch: string) => {
  const k = ch.charCodeAt(0);
  return (c: number): boolean => c !== k && !isSpaceCode(c);
};

/** `\*\*(?=\S)(.*?\S)\*\*`: bold for the plain-text copy. */
export const BOLD_STARS: PairRule = { marker: '**', edge: notSpace };

/** `(^|[^\p{L}\p{N}_])__(?=\S)(.*?\S)__(?![\p{L}\p{N}_])`: bold with underscores, not inside words (snake_case). */
export const BOLD_UNDERSCORES: PairRule = {
  marker: '__',
  edge: notSpace,
  opens: (text, at) => !wordBefore(text, at),
  closes: (text, at) => !wordAt(text, at),
};

/** `\*\*\*(?=[^\s*])(.*?[^\s*])\*\*\*`: bold italic for the rich-text copy. */
export const STRONG_EM_STARS: PairRule = { marker: '***', edge: notSpaceOr('*') };

/** `\*\*(?=[^\s*])(.*?[^\s*])\*\*`. */
export const STRONG_STARS: PairRule = { marker: '**', edge: notSpaceOr('*') };

/** `(?<![\p{L}\p{N}_])__(?=[^\s_])(.*?[^\s_])__(?![\p{L}\p{N}_])`. */
export const STRONG_UNDERSCORES: PairRule = {
  marker: '__',
  edge: notSpaceOr('_'),
  opens: (text, at) => !wordBefore(text, at),
  closes: (text, at) => !wordAt(text, at),
};
