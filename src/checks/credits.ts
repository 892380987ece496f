/**
 * Datelines, bylines and credits: the parts of an article that say who wrote it, where it was filed and whose
 * picture it shows ("WASHINGTON (Reuters) —", "BERLIN, 3. Mai (dpa) -", "By Jane Doe", "Photo: Reuters",
 * "(AP Photo/Evan Vucci)", "Reporting by …; Editing by …"). A rewrite may drop them and lose no fact, so the
 * facts check marks their tokens. One pass over the tokens, line by line; every look-ahead is bounded.
 */

import { BYLINE_JOINERS, BYLINE_WORDS, COPYRIGHT_WORDS, CREDIT_LABELS, CREDIT_PHRASES, PICTURE_WORDS } from './lang/credits';
import type { Tok } from './tokens';

/** A dateline is at most this many tokens before its dash. */
const DATELINE_MAX = 16;
/** A byline or credit line is at most this many tokens. */
const CREDIT_LINE_MAX = 24;
const DASHES = new Set(['-', '–', '—', '―']);

const isAllCaps = (t: Tok): boolean => t.kind === 'word' && t.s.length >= 2 && t.s === t.s.toUpperCase() && t.s !== t.low;
const isCapWord = (t: Tok): boolean => t.kind === 'word' && t.s[0] !== t.low[0];

/** The index of the line break (or the end) at or after i. */
function lineEnd(toks: readonly Tok[], i: number): number {
  let k = i;
  while (k < toks.length && (toks[k] as Tok).kind !== 'nl') k++;
  return k;
}

/** The first words of a set of phrases (words joined by "_"), computed once per set. */
const FIRSTS = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();
function firstWords(phrases: ReadonlySet<string>): ReadonlySet<string> {
  let f = FIRSTS.get(phrases);
  if (f === undefined) FIRSTS.set(phrases, (f = new Set([...phrases].map((p) => p.split('_')[0] as string))));
  return f;
}

/** How many words from j spell one of the phrases (the shortest), or 0; a word that starts none is answered at once. */
function phraseAt(toks: readonly Tok[], j: number, phrases: ReadonlySet<string>): number {
  const first = toks[j];
  if (first === undefined || !firstWords(phrases).has(first.low)) return 0;
  let key = '';
  for (let n = 0; n < 4 && j + n < toks.length; n++) {
    const t = toks[j + n] as Tok;
    if (t.kind !== 'word') break;
    key = n === 0 ? t.low : `${key}_${t.low}`;
    if (phrases.has(key)) return n + 1;
  }
  return 0;
}

/** "WASHINGTON (Reuters) —" at line start i: the index after the dash, or i. */
function dateline(toks: readonly Tok[], i: number): number {
  const first = toks[i];
  if (first === undefined || !isCapWord(first)) return i;
  let sawCaps = isAllCaps(first);
  let sawAgency = false;
  let depth = 0;
  for (let k = i; k < toks.length && k < i + DATELINE_MAX; k++) {
    const t = toks[k] as Tok;
    if (t.kind === 'nl') return i;
    if (t.kind === 'punct') {
      if (t.s === '(') depth++;
      else if (t.s === ')') {
        depth--;
        sawAgency = true;
      } else if (DASHES.has(t.s) && depth === 0 && k > i) {
        if (!sawCaps && !sawAgency) return i;
        return toks[k + 1]?.s === '.' ? k + 2 : k + 1;
      } else if (t.s !== ',' && t.s !== '.' && t.s !== '/') return i;
      continue;
    }
    if (t.kind === 'word' && depth === 0 && !isCapWord(t) && !/^\d/.test(t.s) && t.low.length > 3 && k > i + 1) {
      // a lower-case word outside the parentheses: running text, not a dateline (month names pass: they are short
      // or capitalised in English and German; French and Spanish ones are allowed below)
      if (!/^(?:janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc|ene|feb|mar|abr|may|jun|jul|ago|sep|dic)/.test(t.low)) return i;
    }
    if (isAllCaps(t)) sawCaps = true;
  }
  return i;
}

/** "By Jane Doe", "Von Max Muster und Erika Mustermann, dpa" as a whole line from i: the line's end, or i. */
function byline(toks: readonly Tok[], i: number, end: number): number {
  const first = toks[i] as Tok;
  if (!BYLINE_WORDS.has(first.low) || !isCapWord(first) || end - i > CREDIT_LINE_MAX || end - i < 2) return i;
  for (let k = i + 1; k < end; k++) {
    const t = toks[k] as Tok;
    const ok =
      t.kind === 'punct' ? t.s === ',' || t.s === '.' || t.s === '|' || DASHES.has(t.s) : isCapWord(t) || BYLINE_JOINERS.has(t.low) || t.low.length <= 3;
    if (!ok) return i;
  }
  return end;
}

/** Whether the first word from k to the line's end is in capitals too: a text in capitals has no labels. */
function capitalsGoOn(toks: readonly Tok[], k: number, end: number): boolean {
  for (let q = k; q < end; q++) {
    const t = toks[q] as Tok;
    if (t.kind === 'word') return t.s.length >= 2 && t.s === t.s.toUpperCase();
  }
  return false;
}

/** Speaker labels are at most this many tokens before their colon. */
const SPEAKER_MAX = 12;

/**
 * A transcript's speaker label at line start i: "SACHA PFEIFFER, HOST:", "UNIDENTIFIED PERSON #3:",
 * "MARTINEZ-BELTRAN, BYLINE:" (capitals only, up to a colon). The index after the colon, or i.
 */
function speakerLabel(toks: readonly Tok[], i: number, end: number): number {
  let caps = false;
  for (let k = i; k < end && k < i + SPEAKER_MAX; k++) {
    const t = toks[k] as Tok;
    if (t.kind === 'punct') {
      if (t.s === ':') return caps && k > i && !capitalsGoOn(toks, k + 1, end) ? k + 1 : i;
      if (t.s !== ',' && t.s !== '#' && t.s !== '.' && !DASHES.has(t.s)) return i;
    } else if (t.kind === 'word') {
      if (t.s !== t.s.toUpperCase()) return i;
      if (isAllCaps(t)) caps = true;
    } else if (t.kind !== 'num') return i;
  }
  return i;
}

/**
 * For each token, 1 when it belongs to a dateline, byline, credit or a transcript's speaker label. `toks` are the
 * text's tokens.
 */
export function creditMask(toks: readonly Tok[]): Uint8Array {
  const mask = new Uint8Array(toks.length);
  let i = 0;
  while (i < toks.length) {
    const end = lineEnd(toks, i);
    if (end > i) {
      const first = toks[i] as Tok;
      // whole-line credits: "Photo: Reuters", "© 2023 Reuters", bylines
      const label = CREDIT_LABELS.has(first.low) && (toks[i + 1]?.s === ':' || toks[i + 1]?.low === 'by' || toks[i + 1]?.low === 'von');
      if ((label || COPYRIGHT_WORDS.has(first.low)) && end - i <= CREDIT_LINE_MAX) mask.fill(1, i, end);
      else {
        const by = byline(toks, i, end);
        const speaker = by > i ? i : speakerLabel(toks, i, end);
        if (by > i) mask.fill(1, i, by);
        else if (speaker > i) mask.fill(1, i, speaker);
        else {
          const dl = dateline(toks, i);
          if (dl > i) mask.fill(1, i, dl);
        }
      }
      // within the line: picture credits in parentheses, "Reporting by …" to the line's end, a closing "(dpa)"
      for (let k = i; k < end; k++) {
        const t = toks[k] as Tok;
        if (t.kind === 'punct' && (t.s === '(' || t.s === '[')) {
          let c = k + 1;
          while (c < end && c < k + CREDIT_LINE_MAX && (toks[c] as Tok).s !== ')' && (toks[c] as Tok).s !== ']') c++;
          if (c >= end || c >= k + CREDIT_LINE_MAX) continue;
          let picture = false;
          for (let q = k + 1; q < c; q++) {
            const w = (toks[q] as Tok).low;
            if (PICTURE_WORDS.has(w) || CREDIT_LABELS.has(w) || phraseAt(toks, q, CREDIT_PHRASES) > 0) picture = true;
          }
          // "(dpa)", "(AFP)" closing a paragraph: an agency credit
          const closing = c + 1 >= end && c - k <= 3 && k > i && ['.', '!', '?'].includes((toks[k - 1] as Tok).s);
          if (picture || closing) mask.fill(1, k, c + 1);
          continue;
        }
        if (t.kind === 'word' && isCapWord(t) && phraseAt(toks, k, CREDIT_PHRASES) > 0) {
          mask.fill(1, k, end);
          break;
        }
      }
    }
    i = end + 1;
  }
  return mask;
}
