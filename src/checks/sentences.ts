/**
 * A text split into sentences with their offsets, for aligning a source with its rewrite. One pass, no regex that
 * can backtrack. A sentence ends at . ! ? … (with any closing quotes or brackets after it) when the next word starts
 * like a sentence (capital, digit, opening quote), and at every line break, so headings and list items stand alone.
 * Abbreviations ("Mr.", "z. B.", "M.", "Sr.", "EE. UU."), initials ("J. Smith", "U.S.") and German ordinals
 * before a month ("3. März") do not end one; decimal points never do (no space follows them).
 */

import type { Span } from './findings';

/** Abbreviations (lower case, without the dot) that are followed by a capitalised word without ending a sentence. */
const ABBREVIATIONS = new Set([
  // English
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'rep',
  'sen',
  'gov',
  'pres',
  'rev',
  'hon',
  'vs',
  'v',
  'dept',
  'approx',
  'fig',
  'mt',
  // German
  'nr',
  'bzw',
  'ca',
  'vgl',
  'hr',
  'fr',
  'str',
  'mio',
  'mrd',
  'abs',
  'bd',
  'dt',
  'geb',
  'inkl',
  'jh',
  'lt',
  'sog',
  'tel',
  'evtl',
  'ggf',
  'bspw',
  'zzgl',
  'gem',
  // French
  'mm',
  'mme',
  'mlle',
  'av',
  'env',
  'cf',
  'vol',
  'dir',
  // Spanish
  'sra',
  'srta',
  'dña',
  'dn',
  'lic',
  'ing',
  'avda',
  'aprox',
  'ee',
  'uu',
  'ud',
  'uds',
]);

/** Abbreviations that go on only before a figure ("No. 10", "Oct. 7", "p. 12"). */
const BEFORE_FIGURE = new Set([
  'no',
  'nos',
  'nr',
  'núm',
  'p',
  'pp',
  'pág',
  'art',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'okt',
  'dez',
  'janv',
  'févr',
  'avr',
  'juil',
  'déc',
  'ene',
  'abr',
  'ago',
  'dic',
]);

/** Months after which a German ordinal ("3. März") goes on. */
const MONTH_AFTER_ORDINAL = new Set([
  'januar',
  'jänner',
  'februar',
  'märz',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'dezember',
  'jan',
  'feb',
  'mär',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'okt',
  'nov',
  'dez',
]);

const CLOSERS = new Set(['"', '\u201D', '\u2019', "'", '\u00BB', '\u203A', ')', ']', '\u201C']);
const OPENERS = new Set(['"', '\u201C', '\u201E', '\u2018', "'", '\u00AB', '\u2039', '(', '[', '\u00BF', '\u00A1', '\u2014', '-']);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\u00A0' || c === '\u202F' || c === '\r';
const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const isLetter = (c: string): boolean => c.toLowerCase() !== c.toUpperCase();
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** The word (letters only) that ends just before position `dot`, and where it starts. */
function wordBefore(text: string, dot: number): { word: string; start: number } {
  let s = dot;
  while (s > 0 && isLetter(text[s - 1] ?? '')) s--;
  return { word: text.slice(s, dot), start: s };
}

/** The next word after position p (letters only, lower case), skipping spaces and openers. */
function wordAfter(text: string, p: number): string {
  let s = p;
  while (s < text.length && (isSpace(text[s] ?? '') || OPENERS.has(text[s] ?? ''))) s++;
  let e = s;
  while (e < text.length && isLetter(text[e] ?? '')) e++;
  return text.slice(s, e).toLowerCase();
}

/** Whether the "." at `dot` ends an abbreviation, an initial or an ordinal rather than a sentence. */
function dotGoesOn(text: string, dot: number): boolean {
  const { word, start } = wordBefore(text, dot);
  if (word.length === 1 && isUpper(word)) return true; // an initial: "J. Smith", "U.S.", "M. Macron"
  const low = word.toLowerCase();
  if (ABBREVIATIONS.has(low)) return true;
  if (BEFORE_FIGURE.has(low)) return /^\s*\d/.test(text.slice(dot + 1, dot + 4));
  if (word === '' && isDigit(text[dot - 1] ?? '')) return MONTH_AFTER_ORDINAL.has(wordAfter(text, dot + 1));
  // "z. B.", "d. h.", "u. a.": a one-letter lower-case word followed by another one.
  if (word.length === 1 && /\p{Ll}/u.test(word) && /\s\p{L}\./u.test(text.slice(dot + 1, dot + 4))) return true;
  if (word.length === 1 && text[start - 2] === '.' && /\p{Ll}/u.test(word)) return true;
  return false;
}

/** Where the next sentence may start after an end mark at p: the index after closers, or -1 when it goes on. */
function endAfter(text: string, p: number): number {
  let e = p + 1;
  while (e < text.length && (text[e] === '.' || text[e] === '!' || text[e] === '?' || text[e] === '\u2026')) e++;
  while (e < text.length && CLOSERS.has(text[e] ?? '')) e++;
  if (e >= text.length) return e;
  if (!isSpace(text[e] ?? '') && text[e] !== '\n') return -1; // "1.5", "e.g.x", "Yahoo!News"
  let n = e;
  while (n < text.length && isSpace(text[n] ?? '')) n++;
  const c = text[n] ?? '';
  if (c === '\n' || c === '') return e;
  if (isUpper(c) || isDigit(c) || OPENERS.has(c)) return e;
  return -1;
}

function pushTrimmed(text: string, from: number, to: number, out: Span[]): void {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}

/** A source's and its rewrite's sentences (splitSentences of each), split once for the checks that read them. */
export interface SentenceSplits {
  source: readonly Span[];
  rewrite: readonly Span[];
}

/** The sentences of a text, in order, trimmed, with offsets into it (end exclusive). */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      pushTrimmed(text, from, i, out);
      from = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?' && c !== '\u2026') continue;
    if (c === '.' && dotGoesOn(text, i)) continue;
    const e = endAfter(text, i);
    if (e < 0) continue;
    pushTrimmed(text, from, e, out);
    from = e;
    i = e - 1;
  }
  pushTrimmed(text, from, text.length, out);
  return out;
}
