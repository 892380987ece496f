/**
 * The tokens the facts check reads: ISO dates, slash dates, figures, dotted acronyms, words, line breaks and
 * single punctuation characters, with their offsets. One pass over the text.
 *
 * TOKEN_RE is the definition. Plain ASCII stretches (nearly all of an English text) are scanned by hand, which
 * is several times faster than the Unicode regex; wherever a token touches a non-ASCII character, TOKEN_RE itself
 * reads the token from its first character. That is exact: every non-space character starts a token, so the regex
 * started at a token's first character finds the token it would have found running over the whole text.
 * test/unit/checks-text.test.ts holds the two to the same output on random text.
 */

import { PieceList } from './piece-list';

export type TokKind = 'iso' | 'slash' | 'num' | 'word' | 'nl' | 'punct';

export interface Tok {
  kind: TokKind;
  s: string;
  /** `s` in lower case (computed once: the checks ask for it again and again). */
  low: string;
  start: number;
  end: number;
}

// Alternatives in order: ISO date, slash date, number with separators (27,000 27.000 27'000 27 000), dotted acronym,
// word (hyphenated parts joined: "Wi-Fi", "vingt-sept", "al-Assad"), newline, any other character. Every repetition
// starts at a fixed character (a separator, an apostrophe, a hyphen), so no alternative can backtrack more than a
// constant amount.
const TOKEN_RE =
  /(\d{4}-\d{2}-\d{2})|(\d{1,2}\/\d{1,2}\/\d{2,4})|(\d+(?:[.,:'’\u00A0\u202F\u2009]\d+)*)|((?:\p{Lu}\.){2,})|(\p{L}[\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*(?:-\p{L}[\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*)*)|(\n)|(\S)/gu;

const NL = 10;
const APOSTROPHE = 39;
const DOT = 46;
const SLASH = 47;
const DASH = 45;
const COMMA = 44;
const COLON = 58;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
/** ASCII white space as \s knows it, line feed excepted (a token of its own). */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13 && c !== NL);

/** The token's end when an ISO date (\d{4}-\d{2}-\d{2}) starts at p, else -1. */
function isoAt(text: string, p: number): number {
  if (p + 10 > text.length) return -1;
  for (let k = 0; k < 10; k++) {
    const c = text.charCodeAt(p + k);
    if (k === 4 || k === 7 ? c !== DASH : !isDigit(c)) return -1;
  }
  return p + 10;
}

/** The end of \d{1,2}\/ at p, or -1. */
function dayPartAt(text: string, p: number): number {
  if (!isDigit(text.charCodeAt(p))) return -1;
  if (text.charCodeAt(p + 1) === SLASH) return p + 2;
  if (isDigit(text.charCodeAt(p + 1)) && text.charCodeAt(p + 2) === SLASH) return p + 3;
  return -1;
}

/** The token's end when a slash date (\d{1,2}\/\d{1,2}\/\d{2,4}) starts at p, else -1. */
function slashAt(text: string, p: number): number {
  const a = dayPartAt(text, p);
  if (a < 0) return -1;
  const b = dayPartAt(text, a);
  if (b < 0) return -1;
  let q = b;
  while (q < b + 4 && isDigit(text.charCodeAt(q))) q++;
  return q - b >= 2 ? q : -1;
}

/**
 * The end of a figure (\d+ with . , : groups) at p, or -1 when a non-ASCII character follows a group (it may be
 * one of the space separators: the regex decides).
 */
function numAt(text: string, p: number): number {
  let q = p;
  for (;;) {
    while (isDigit(text.charCodeAt(q))) q++;
    const c = text.charCodeAt(q);
    if ((c === DOT || c === COMMA || c === COLON || c === APOSTROPHE) && isDigit(text.charCodeAt(q + 1))) {
      q++;
      continue;
    }
    return c >= 128 ? -1 : q;
  }
}

/** The end of a dotted acronym ((?:\p{Lu}\.){2,}) at p; p when there is none; -1 when the regex must decide. */
function acronymAt(text: string, p: number): number {
  let q = p;
  let pairs = 0;
  for (;;) {
    const c = text.charCodeAt(q);
    if (c >= 128) return -1;
    if (!isUpper(c) || text.charCodeAt(q + 1) !== DOT) break;
    q += 2;
    pairs++;
  }
  return pairs >= 2 ? q : p;
}

/**
 * The end of a word at p (an ASCII letter), hyphenated parts included, or -1 when a non-ASCII character inside or
 * after it may extend it.
 */
function wordAt(text: string, p: number): number {
  const n = text.length;
  let q = p;
  for (;;) {
    q++; // past the part's first letter
    let d = q < n ? text.charCodeAt(q) : -1;
    while (isLetter(d) || isDigit(d)) d = ++q < n ? text.charCodeAt(q) : -1;
    if (d >= 128) return -1;
    while (d === APOSTROPHE) {
      const e = q + 1 < n ? text.charCodeAt(q + 1) : -1;
      if (e >= 128) return -1;
      if (!isLetter(e)) break;
      q += 2;
      d = q < n ? text.charCodeAt(q) : -1;
      while (isLetter(d)) d = ++q < n ? text.charCodeAt(q) : -1;
      if (d >= 128) return -1;
    }
    if (d !== DASH) return q;
    const e = q + 1 < n ? text.charCodeAt(q + 1) : -1;
    if (e >= 128) return -1;
    if (!isLetter(e)) return q;
    q++; // the hyphen: another part follows
  }
}

function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isUpper(s.charCodeAt(i))) return true;
  return false;
}

/**
 * One string per distinct token text, and its lower case: a long article repeats a few thousand words tens of
 * thousands of times, and tokens that share their strings keep far less alive while the checks run (the fresh
 * slice is dropped at once, young). A memo, not a store: bounded.
 */
const SHARED = new Map<string, string>();
const LOWER = new Map<string, string>();
const MEMO_MAX = 50_000;

function shared(s: string): string {
  const c = SHARED.get(s);
  if (c !== undefined) return c;
  if (SHARED.size >= MEMO_MAX) SHARED.clear();
  SHARED.set(s, s);
  return s;
}

/** The lower case of a token text given by shared(). */
function lowerOf(s: string): string {
  let l = LOWER.get(s);
  if (l === undefined) {
    l = shared(s.toLowerCase());
    if (LOWER.size >= MEMO_MAX) LOWER.clear();
    LOWER.set(s, l);
  }
  return l;
}

export function tokenize(text: string): Tok[] {
  const out = new PieceList<Tok>();
  const n = text.length;
  let p = 0;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c < 128) {
      if (isSpace(c)) {
        p++;
        continue;
      }
      let kind: TokKind | null = null;
      let end = -1;
      if (isDigit(c)) {
        if ((end = isoAt(text, p)) > 0) kind = 'iso';
        else if ((end = slashAt(text, p)) > 0) kind = 'slash';
        else if ((end = numAt(text, p)) > 0) kind = 'num';
      } else if (isLetter(c)) {
        end = isUpper(c) ? acronymAt(text, p) : p;
        if (end > p) {
          const s = text.slice(p, end).replace(/\./g, ''); // U.S. → US
          out.push({ kind: 'word', s, low: s.toLowerCase(), start: p, end });
          p = end;
          continue;
        }
        if (end === p && (end = wordAt(text, p)) > 0) kind = 'word';
      } else if (c === NL) {
        out.push({ kind: 'nl', s: '\n', low: '\n', start: p, end: p + 1 });
        p++;
        continue;
      } else {
        const s = text[p] as string;
        out.push({ kind: 'punct', s, low: s, start: p, end: p + 1 });
        p++;
        continue;
      }
      if (kind !== null) {
        const s = shared(text.slice(p, end));
        out.push({ kind, s, low: kind === 'word' && hasUpper(s) ? lowerOf(s) : s, start: p, end });
        p = end;
        continue;
      }
    }
    TOKEN_RE.lastIndex = p;
    const m = TOKEN_RE.exec(text);
    if (m === null) break;
    out.push(fromMatch(m));
    p = m.index + m[0].length;
  }
  return out.toArray();
}

function fromMatch(m: RegExpExecArray): Tok {
  const start = m.index;
  const end = start + m[0].length;
  let kind: TokKind;
  let s = m[0];
  if (m[1] !== undefined) kind = 'iso';
  else if (m[2] !== undefined) kind = 'slash';
  else if (m[3] !== undefined) kind = 'num';
  else if (m[4] !== undefined) {
    kind = 'word';
    s = s.replace(/\./g, ''); // U.S. → US
  } else if (m[5] !== undefined) kind = 'word';
  else if (m[6] !== undefined) kind = 'nl';
  else kind = 'punct';
  return { kind, s, low: kind === 'word' ? s.toLowerCase() : s, start, end };
}
