/**
 * The tokens of one sentence as the claims check reads them: words (lower case, capitalised or not, first in the
 * sentence or not) and figures with their value read in the sentence's language ("1.500" is 1500 in German and 1.5 in
 * English; "1,5 Mio." is 1500000; "five" is 5), with their offsets. TOKEN_RE, a regex that cannot backtrack, is the
 * definition; plain ASCII tokens are read by hand (several times faster), and wherever a token touches a non-ASCII
 * character TOKEN_RE reads it from its first character, which is exact since every non-space character starts a token
 * (test/unit/checks-text.test.ts holds the two to the same output on random text).
 */

import type { ClaimWords } from './lang/claim-words';

export interface SentTok {
  /** Lower case, curly apostrophes straight. */
  low: string;
  start: number;
  end: number;
  kind: 'word' | 'num' | 'punct';
  /** A word that starts with a capital. */
  cap: boolean;
  /** The first word of the sentence (its capital says nothing). */
  first: boolean;
  /** Whether the token touches the one before it ("27k", "5km"). */
  glued: boolean;
}

export interface Figure {
  value: number;
  /** The figure's first and last token (scale words included). */
  from: number;
  to: number;
  /** A time of day ("14:30") or a figure written with digits that looks like a year (1900–2099). */
  year: boolean;
  time: boolean;
}

const TOKEN_RE = /\d+(?:[.,:\u00A0\u202F\u2009]\d+)*|°[CFcf]|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*|\S/gu;
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAsciiAlnum = (c: number): boolean => isAsciiLetter(c) || isDigitCode(c);
/** ASCII white space as \s knows it. */
const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * The end of the token at p, read by hand where the text is plain ASCII (nearly all of an English text), or -1 when
 * a non-ASCII character inside or right after it may change it (TOKEN_RE decides then). `c` is the code at p, an
 * ASCII non-space.
 */
function asciiTokenEnd(text: string, p: number, c: number): number {
  const n = text.length;
  let q = p + 1;
  if (isDigitCode(c)) {
    for (;;) {
      while (q < n && isDigitCode(text.charCodeAt(q))) q++;
      const d = q < n ? text.charCodeAt(q) : -1;
      if (d >= 128) return -1; // maybe a space separator: "27\u202F000"
      if ((d === 46 || d === 44 || d === 58) && q + 1 < n && isDigitCode(text.charCodeAt(q + 1))) {
        q++;
        continue;
      }
      return q;
    }
  }
  if (!isAsciiLetter(c)) return q; // punctuation: one character
  for (;;) {
    while (q < n && isAsciiAlnum(text.charCodeAt(q))) q++;
    const d = q < n ? text.charCodeAt(q) : -1;
    if (d >= 128) return -1; // a letter, a mark or ’
    if (d !== 39 && d !== 45) return q;
    const e = q + 1 < n ? text.charCodeAt(q + 1) : -1;
    if (e >= 128) return -1;
    if (!isAsciiAlnum(e)) return q;
    q += 2;
  }
}

/**
 * One string per distinct token text in lower case: a long article repeats a few thousand words tens of thousands of
 * times, and tokens that share their strings keep far less alive while the checks run. A memo, not a store: bounded.
 */
const LOWER = new Map<string, string>();

function lowerOf(piece: string): string {
  let low = LOWER.get(piece);
  if (low === undefined) {
    if (LOWER.size >= 50_000) LOWER.clear();
    low = piece.toLowerCase();
    LOWER.set(piece, low);
  }
  return low;
}

/**
 * The lower case of a plain ASCII token, text[from, to), from a table of the ones seen before, without slicing the
 * text: open addressing on a hash of the lower-case characters. A memo, not a store: emptied when half full.
 */
const ASCII_LOWER: (string | undefined)[] = new Array<string | undefined>(1 << 16);
let asciiLowerCount = 0;

const lowerCode = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

function asciiLower(text: string, from: number, to: number): string {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ lowerCode(text.charCodeAt(k)), 0x01000193);
  const mask = ASCII_LOWER.length - 1;
  const len = to - from;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const known = ASCII_LOWER[slot];
    if (known === undefined) {
      if (asciiLowerCount >= ASCII_LOWER.length >> 1) {
        ASCII_LOWER.fill(undefined);
        asciiLowerCount = 0;
        return asciiLower(text, from, to);
      }
      const low = text.slice(from, to).toLowerCase();
      ASCII_LOWER[slot] = low;
      asciiLowerCount++;
      return low;
    }
    if (known.length !== len) continue;
    let k = 0;
    while (k < len && known.charCodeAt(k) === lowerCode(text.charCodeAt(from + k))) k++;
    if (k === len) return known;
  }
}

/** Whether text[from, to) holds an apostrophe. */
function hasApostrophe(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 39) return true;
  return false;
}

function token(piece: string, start: number, kind: SentTok['kind'], first: boolean, glued: boolean): SentTok {
  const p0 = piece.charCodeAt(0);
  const cap = kind === 'word' && (p0 < 128 ? p0 >= 65 && p0 <= 90 : piece[0] !== piece[0]?.toLowerCase());
  return { low: lowerOf(piece), start, end: start + piece.length, kind, cap, first, glued };
}

/** The tokens of `text`, offsets relative to `base` (the sentence's start in its document). */
export function tokenizeSentence(text: string, base: number, lang: 'en' | 'de' | 'fr' | 'es'): SentTok[] {
  const out: SentTok[] = [];
  let sawWord = false;
  let prevEnd = -1;
  const n = text.length;
  for (let p = 0; p < n;) {
    const c = text.charCodeAt(p);
    if (c < 128 && isAsciiSpace(c)) {
      p++;
      continue;
    }
    let s: string;
    let at: number;
    const end = c < 128 ? asciiTokenEnd(text, p, c) : -1;
    if (end > 0 && !hasApostrophe(text, p, end)) {
      // A plain ASCII token (nearly all of them): read without slicing the text.
      const start = base + p;
      const kind = isDigitCode(c) ? 'num' : isAsciiLetter(c) ? 'word' : 'punct';
      const last = out[out.length - 1];
      p = end;
      // "2 000", "40 000": a thousands group written apart (French, and Spanish or German style guides).
      if (
        kind === 'num' &&
        last?.kind === 'num' &&
        end - (start - base) === 3 &&
        isDigitCode(text.charCodeAt(end - 3)) &&
        isDigitCode(text.charCodeAt(end - 2)) &&
        isDigitCode(text.charCodeAt(end - 1)) &&
        start === last.end + 1 &&
        /^\d{1,3}$/.test(last.low) &&
        text[last.end - base] === ' '
      ) {
        last.low += text.slice(end - 3, end);
        last.end = start + 3;
        prevEnd = last.end;
        continue;
      }
      const first = kind === 'word' && !sawWord;
      out.push({
        low: asciiLower(text, start - base, end),
        start,
        end: base + end,
        kind,
        cap: kind === 'word' && c >= 65 && c <= 90,
        first,
        glued: start === prevEnd,
      });
      if (kind === 'word') sawWord = true;
      prevEnd = base + end;
      continue;
    }
    if (end > 0) {
      s = text.slice(p, end);
      at = p;
    } else {
      TOKEN_RE.lastIndex = p;
      const m = TOKEN_RE.exec(text);
      if (m === null) break;
      s = m[0];
      at = m.index;
    }
    p = at + s.length;
    const start = base + at;
    // The kind from the first character: a digit starts a figure, a letter (or "°C") a word, anything else is punctuation.
    const c0 = s.charCodeAt(0);
    const kind = isDigitCode(c0) ? 'num' : s.length > 1 || (c0 < 128 ? isAsciiLetter(c0) : s.toLowerCase() !== s.toUpperCase()) ? 'word' : 'punct';
    const curly = s.includes('’');
    if (kind === 'word' && (curly || s.includes("'"))) {
      const low = curly ? s.toLowerCase().replace(/’/g, "'") : s.toLowerCase();
      if (!(lang === 'en' && low.endsWith("n't"))) {
        // French and Spanish elisions ("l'armée", "n'a") and English possessives: the parts are words of their own.
        let from = start;
        for (const part of s.split(/['’]/)) {
          if (part !== '') {
            out.push(token(part, from, kind, !sawWord, from === prevEnd));
            sawWord = true;
            prevEnd = from + part.length;
          }
          from += part.length + 1;
        }
        continue;
      }
    }
    // "2 000", "40 000": a thousands group written apart (French, and Spanish or German style guides).
    const last = out[out.length - 1];
    if (
      kind === 'num' &&
      last?.kind === 'num' &&
      s.length === 3 &&
      /^\d{3}$/.test(s) &&
      start === last.end + 1 &&
      /^\d{1,3}$/.test(last.low) &&
      text[last.end - base] === ' '
    ) {
      last.low += s;
      last.end = start + s.length;
      prevEnd = last.end;
      continue;
    }
    out.push(token(curly ? s.replace(/’/g, "'") : s, start, kind, kind === 'word' && !sawWord, start === prevEnd));
    if (kind === 'word') sawWord = true;
    prevEnd = start + s.length;
  }
  return out;
}

/** The value of a figure written with digits, in a language that writes decimals with a comma or a point. */
function digitValue(s: string, decimalComma: boolean): number {
  const dec = decimalComma ? 44 : 46;
  const group = decimalComma ? 46 : 44;
  // The token holds digits, separators and the spaces of "27\u202F000" (the only characters past ASCII).
  let t = s;
  let seps = 0;
  let first = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      t = s.replace(/[\u00A0\u202F\u2009]/g, '');
      break;
    }
  }
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 46 || c === 44) {
      if (seps === 0) first = i;
      seps++;
    }
  }
  if (seps === 0) return Number(t);
  // A separator not followed by exactly three digits at the end of a group is a decimal mark either way.
  if (seps === 1 && t.length - first - 1 !== 3) return Number(`${t.slice(0, first)}.${t.slice(first + 1)}`);
  // Group marks out, the first decimal mark a point.
  let out = '';
  let from = 0;
  let decimal = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === group) {
      out += t.slice(from, i);
      from = i + 1;
    } else if (c === dec && !decimal) {
      out += `${t.slice(from, i)}.`;
      from = i + 1;
      decimal = true;
    }
  }
  return Number(out + t.slice(from));
}

/** A number word's value, plural "-s" allowed ("vingts"). */
function numberWord(w: ClaimWords, p: string): number | undefined {
  return w.numberWords.get(p) ?? (p.endsWith('s') ? w.numberWords.get(p.slice(0, -1)) : undefined);
}

/** The figures of a sentence's tokens: digits or number words, with a scale word after them multiplied in. */
export function readFigures(toks: readonly SentTok[], w: ClaimWords): Figure[] {
  const out: Figure[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    let value: number | undefined;
    let time = false;
    if (t.kind === 'num') {
      if (t.low.includes(':')) {
        time = true;
        value = Number(t.low.replace(':', '.'));
      } else value = digitValue(t.low, w.decimalComma);
    } else if (t.kind === 'word') {
      const single = w.numberWords.get(t.low);
      // "twenty-five" adds up; "quatre-vingts" multiplies (a smaller part before twenty or a hundred).
      const parts = single === undefined && t.low.includes('-') ? t.low.split('-') : null;
      if (single !== undefined) value = single;
      else if (parts !== null && parts.every((p) => numberWord(w, p) !== undefined))
        value = parts.reduce((a, p) => {
          const v = numberWord(w, p) ?? 0;
          return a > 0 && a < v && (v === 20 || v === 100) ? a * v : a + v;
        }, 0);
      else if (t.low === 'thousand' || t.low === 'tausend' || t.low === 'mille' || t.low === 'mil') value = 1000;
    }
    if (value === undefined || Number.isNaN(value)) continue;
    let to = i;
    // Scale words after it: "1.5 million", "1,5 Mio.", "27k", "mil millones"; "m" only glued ("$5m").
    for (let j = i + 1; j < toks.length && j <= i + 3; j++) {
      const n = toks[j]!;
      if (n.kind === 'punct' && n.low === '.' && j === to + 1) continue;
      const scale = w.scales.get(n.low);
      if (scale === undefined || (n.low === 'm' && !n.glued) || (n.low === 'k' && !n.glued)) break;
      if (n.low === value.toString()) break;
      value *= scale;
      to = j;
    }
    const year = t.kind === 'num' && /^\d{4}$/.test(t.low) && t.end - t.start === 4 && value >= 1900 && value <= 2099 && to === i;
    out.push({ value: Math.round(value * 1000) / 1000, from: i, to, year, time });
    i = to;
  }
  return out;
}
