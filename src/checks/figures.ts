/**
 * Figures in a text, in the forms journalists write them, each with the keys the facts check matches on:
 * numbers (digits in the language's grouping and decimal style, words, abbreviations, scales, fractions, ratios,
 * vote tallies), percentages and points, money (symbols and codes on either side, currency words), dates in any
 * order and clock times. One pass over the tokens; each step looks a bounded number of tokens ahead.
 *
 * Keys: n: number, p: percent, pp: percentage points, pt: points said short ("0,4 Punkte"), q: a share (90% = nine
 * in ten = 0.9), m:CUR: money, nm: a money figure without its currency, t: a tally, d: a date or time, du:s / du:mo:
 * a duration in seconds or months (48 hours = two days, 12 months = a year). A fact is kept when the other text provides
 * one of its `accepts` keys, or all of its `acceptsAll`.
 */

import type { CheckLang } from './lang';
import { DATE_WORDS, GENERIC_DATES, type DateWords } from './lang/dates';
import { CURRENCY_CODES, CURRENCY_SYMBOLS, GENERIC, NUMBER_WORDS, SUFFIX_SCALES, mayStartNumber, numberAtoms, type NumberWords } from './lang/numbers';
import { UNIT_STOP } from './lang/names';
import { DURATION_WORDS, type DurationWords } from './lang/durations';
import type { Fact } from './facts';
import type { Tok } from './tokens';

export interface RawFact extends Fact {
  /** Keys this fact provides when it occurs in a text. */
  provides: string[];
  /** Keys any one of which, provided by the other text, satisfies this fact. */
  accepts: string[];
  /** Keys all of which, provided by the other text, satisfy it too (a tally's two counts written apart). */
  acceptsAll?: string[];
  /** A small number written as a word ("two") or a weekday: never reported as added. */
  minor?: boolean;
  /** In a dateline, byline or credit: provides its keys, but a rewrite that drops it loses nothing. */
  soft?: boolean;
}

/** What a text's language says about writing figures. */
export interface FigureLang {
  lang: CheckLang | null;
  num: NumberWords;
  dates: DateWords;
  durations: DurationWords;
  stop: ReadonlySet<string>;
}

const NO_DURATIONS: DurationWords = { units: new Map(), half: new Set() };

export function figureLang(lang: CheckLang | null): FigureLang {
  return lang === null
    ? { lang, num: GENERIC, dates: GENERIC_DATES, durations: NO_DURATIONS, stop: UNIT_STOP.en }
    : { lang, num: NUMBER_WORDS[lang], dates: DATE_WORDS[lang], durations: DURATION_WORDS[lang], stop: UNIT_STOP[lang] };
}

export function canon(n: number): string {
  // An integer of at most 12 digits is its own 12-digit rounding (and toPrecision is slow).
  if (Number.isInteger(n) && n > -1e12 && n < 1e12) return String(n);
  return String(Number(n.toPrecision(12)));
}

const SPACE_GROUPS = /^\d{1,3}(?:[\u00A0\u202F\u2009'’]\d{3})+(?:[.,]\d+)?$/;
const COMMA_GROUPS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DOT_GROUPS = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const DOT_DECIMAL = /^\d+(?:\.\d+)?$/;
const COMMA_DECIMAL = /^\d+,\d+$/;
const ONE_GROUP = /^\d{1,3}[.,]\d{3}$/;

/**
 * A figure in digits as the language writes it: English 27,000.5; German and Spanish 27.000,5; French 27 000,5;
 * any language 27 000 (no-break or thin space) and 27'000. `alt` is the other reading of a figure with one
 * separator and three digits after it (27,000 in a German text may be a translation's 27000).
 */
export function numeral(s: string, lang: CheckLang | null): { v: number; alt?: number } | null {
  if (SPACE_GROUPS.test(s)) return { v: Number(s.replace(/[\u00A0\u202F\u2009'’]/g, '').replace(',', '.')) };
  const english = lang === 'en' || lang === null;
  const one = ONE_GROUP.test(s);
  if (english) {
    if (COMMA_GROUPS.test(s)) return { v: Number(s.replace(/,/g, '')), ...(one && lang === null ? { alt: Number(s.replace(',', '.')) } : {}) };
    if (DOT_DECIMAL.test(s)) return { v: Number(s), ...(one && lang === null ? { alt: Number(s.replace('.', '')) } : {}) };
    if (/^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/.test(s)) return { v: Number(s.replace(/\./g, '').replace(',', '.')) };
    return null;
  }
  if (DOT_GROUPS.test(s)) return { v: Number(s.replace(/\./g, '').replace(',', '.')), ...(one ? { alt: Number(s) } : {}) };
  if (COMMA_DECIMAL.test(s)) return { v: Number(s.replace(',', '.')), ...(one ? { alt: Number(s.replace(',', '')) } : {}) };
  if (DOT_DECIMAL.test(s)) return { v: Number(s) };
  if (COMMA_GROUPS.test(s)) return { v: Number(s.replace(/,/g, '')) };
  return null;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const isCapTok = (t: Tok): boolean => t.s !== t.low && t.s[0] !== t.low[0];
const isCap1 = (c: string): boolean => c !== c.toLowerCase();

function isYear(t: Tok | undefined): boolean {
  if (t === undefined || t.kind !== 'num' || t.s.length !== 4 || !/^\d{4}$/.test(t.s)) return false;
  const y = Number(t.s);
  return y >= 1800 && y <= 2099;
}

function dayOf(t: Tok | undefined): number | null {
  if (t === undefined || t.kind !== 'num' || t.s.length > 2 || !/^\d{1,2}$/.test(t.s)) return null;
  const d = Number(t.s);
  return d >= 1 && d <= 31 ? d : null;
}

/** The weekday (1 Monday … 7 Sunday) of a date. */
function weekdayOf(y: number, m: number, d: number): number {
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function dateFact(text: string, at: number, y: number | null, m: number | null, d: number | null): RawFact {
  const keys: string[] = [];
  let value: string;
  let accepts: string[];
  if (y !== null && m !== null && d !== null) {
    value = `${y}-${pad(m)}-${pad(d)}`;
    keys.push(value, `--${pad(m)}-${pad(d)}`, `${y}-${pad(m)}`, String(y), `--${pad(m)}`, `W-${weekdayOf(y, m, d)}`);
    accepts = [value, `--${pad(m)}-${pad(d)}!`]; // the same day without a year keeps it; with another year it does not
  } else if (m !== null && d !== null) {
    value = `--${pad(m)}-${pad(d)}`;
    keys.push(value, `${value}!`, `--${pad(m)}`);
    accepts = [value];
  } else if (y !== null && m !== null) {
    value = `${y}-${pad(m)}`;
    keys.push(value, String(y), `--${pad(m)}`);
    accepts = [value];
  } else if (y !== null) {
    value = String(y);
    keys.push(value);
    accepts = [value];
  } else {
    value = `--${pad(m ?? 0)}`;
    keys.push(value);
    accepts = [value];
  }
  const provides = keys.map((k) => `d:${k}`);
  const acc = accepts.map((k) => `d:${k}`);
  if (y !== null && m === null) {
    provides.push(`n:${y}`);
    acc.push(`n:${y}`);
  }
  return { kind: 'date', text, value, at, provides, accepts: acc };
}

function timeFact(text: string, at: number, h: number, min: number, alsoCount: boolean): RawFact {
  const value = `T${pad(h)}:${pad(min)}`;
  const keys = [`d:${value}`];
  if (alsoCount) keys.push(`n:${h}`, `du:s:${h * 3600}`); // "15 horas" may be a duration
  return { kind: 'date', text, value, at, provides: keys, accepts: keys };
}

function slashDate(s: string, at: number): RawFact {
  const [a, b, yRaw] = s.split('/').map(Number) as [number, number, number];
  const y = yRaw < 100 ? 2000 + yRaw : yRaw;
  const us = a <= 12 && b <= 31 ? dateFact(s, at, y, a, b) : null;
  const uk = b <= 12 && a <= 31 ? dateFact(s, at, y, b, a) : null;
  if (us && uk && a !== b) {
    // Ambiguous: either reading provides and satisfies.
    return { ...us, provides: [...us.provides, ...uk.provides], accepts: [...us.accepts, ...uk.accepts] };
  }
  return us ?? uk ?? { kind: 'date', text: s, value: s, at, provides: [`d:${s}`], accepts: [`d:${s}`] };
}

type Kind = 'number' | 'percent' | 'money';

/** Fact keys ("n:27000") by prefix and figure: a text states the same figures again and again. A memo, not a store: bounded. */
const KEYS = new Map<string, Map<string, string>>();
function keyOf(prefix: string, n: string): string {
  let byNum = KEYS.get(prefix);
  if (byNum === undefined) KEYS.set(prefix, (byNum = new Map()));
  let k = byNum.get(n);
  if (k === undefined) {
    if (byNum.size >= 10_000) byNum.clear();
    byNum.set(n, (k = prefix + n));
  }
  return k;
}

/** The keys `prefixes` give each of `nums`, figure by figure. */
function keysOf(nums: readonly string[], ...prefixes: string[]): string[] {
  const out: string[] = [];
  for (const n of nums) for (const p of prefixes) out.push(keyOf(p, n));
  return out;
}

function numberFact(kind: Kind, text: string, at: number, nums: readonly string[], currency: string | null, points: boolean): RawFact {
  const num = nums[0] as string;
  if (kind === 'percent') {
    const q = nums.map((n) => `q:${canon(Number(n) / 100)}`);
    if (points) {
      // not p: 0.3 points are no 0.3 %
      const keys = nums.flatMap((n) => [`pp:${n}`, `pt:${n}`]);
      return { kind, text, value: `${num} pp`, at, provides: keys, accepts: [...keys] };
    }
    return { kind, text, value: `${num}%`, at, provides: [...keysOf(nums, 'p:', 'n:'), ...q], accepts: [...keysOf(nums, 'p:'), ...q] };
  }
  if (kind === 'money') {
    const value = `${currency ?? ''} ${num}`.trim();
    return {
      kind,
      text,
      value,
      at,
      provides: keysOf(nums, `m:${currency ?? ''}:`, 'nm:'),
      accepts: keysOf(nums, `m:${currency ?? ''}:`, 'n:'),
    };
  }
  return { kind, text, value: num, at, provides: keysOf(nums, 'n:'), accepts: keysOf(nums, 'n:', 'nm:', 'd:') };
}

/** The first words of a set of phrases, computed once per set: most tokens start none, and are answered at once. */
const FIRSTS = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();
function firstWords(phrases: ReadonlySet<string>): ReadonlySet<string> {
  let f = FIRSTS.get(phrases);
  if (f === undefined) {
    f = new Set([...phrases].map((p) => p.split('_')[0] as string));
    FIRSTS.set(phrases, f);
  }
  return f;
}

/** How many tokens from j spell one of the phrases (words joined by "_"), longest first; 0 when none. */
function phraseAt(toks: readonly Tok[], j: number, phrases: ReadonlySet<string>): number {
  const a = toks[j]?.low;
  if (a === undefined || !firstWords(phrases).has(a)) return 0;
  const b = toks[j + 1]?.low;
  const c = toks[j + 2]?.low;
  const d = toks[j + 3]?.low;
  if (b !== undefined && c !== undefined && d !== undefined && phrases.has(`${a}_${b}_${c}_${d}`)) return 4;
  if (b !== undefined && c !== undefined && phrases.has(`${a}_${b}_${c}`)) return 3;
  if (b !== undefined && phrases.has(`${a}_${b}`)) return 2;
  return phrases.has(a) ? 1 : 0;
}

/** A currency word, with a French elision ("d'euros") read through. */
function currencyWord(t: Tok | undefined, L: FigureLang): string | undefined {
  if (t === undefined || t.kind !== 'word') return undefined;
  const w = t.low.startsWith("d'") || t.low.startsWith('d’') ? t.low.slice(2) : t.low;
  return L.num.currencies.get(w) ?? (CURRENCY_CODES.has(w) ? w.toUpperCase() : undefined);
}

/** A French word without an elided "d'" or "qu'" before it: "d'un" → "un". */
const unelided = (low: string, L: FigureLang): string => (L.lang === 'fr' && (low.startsWith("d'") || low.startsWith('d’')) ? low.slice(2) : low);

/** The lower case of token k, or '' past the end. */
const lowAt = (toks: readonly Tok[], k: number): string => toks[k]?.low ?? '';

/** A number in words from i: value, the index after it, and whether it is a small one prose uses freely. */
function wordNumber(toks: readonly Tok[], i: number, L: FigureLang): { value: number; end: number; minor: boolean } | null {
  const { num } = L;
  const t = toks[i] as Tok;
  if (num.articleOne.has(unelided(t.low, L))) {
    // "a million", "ein Drittel", "un sur deux", "a dozen", "d'un quart": one only where a scale, fraction or ratio follows.
    if ((num.scales.get(lowAt(toks, i + 1)) ?? 0) >= 100 || num.collectives.has(toks[i + 1]?.low ?? '')) return { value: 1, end: i + 1, minor: false };
    if (num.fractions.has(toks[i + 1]?.low ?? '') || ratioAt(toks, i + 1, L, 1) > 0) return { value: 1, end: i + 1, minor: false };
    return null;
  }
  let total = 0;
  let current = 0;
  let j = i;
  let end = i;
  let scaled = false;
  let prevAtom = '';
  for (;;) {
    const tok = toks[j];
    if (tok?.kind !== 'word') break;
    const atoms = numberAtoms(tok.low, num, L.lang);
    if (atoms === null) {
      const big = num.scales.get(tok.low) ?? 0;
      // A scale mid-number ("two million three hundred thousand"); a last scale is the caller's.
      if (big >= 1e6 && end > i && toks[j + 1]?.kind === 'word' && numberAtoms((toks[j + 1] as Tok).low, num, L.lang) !== null) {
        total += current * big;
        current = 0;
        scaled = true;
        j++;
        end = j;
        continue;
      }
      break;
    }
    if (atoms.length === 1 && num.joiners.has(atoms[0] as string)) {
      // "and" only between number words: "two hundred and five", "treinta y cinco", "vingt et un"
      const next = toks[j + 1];
      // only after tens or a hundred ("zwischen zwei und drei" is two numbers)
      const joins = L.lang !== 'de' && ((current >= 20 && current % 10 === 0) || num.hundred.has(prevAtom) || num.thousand.has(prevAtom));
      if (joins && end > i && next?.kind === 'word' && numberAtoms(next.low, num, L.lang) !== null) {
        prevAtom = atoms[0] as string;
        j++;
        continue;
      }
      break;
    }
    if (end > i && atoms.length === 1 && num.articleOne.has(atoms[0] as string) && !num.joiners.has(prevAtom)) break; // "vingt un…"
    for (const a of atoms) {
      const u = num.units.get(a);
      if (u !== undefined) {
        // French "quatre-vingts": twenty times four.
        if (u === 20 && L.lang === 'fr' && prevAtom === 'quatre') current += 80 - 4;
        else current += u;
      } else if (num.hundred.has(a)) {
        current = (current || 1) * 100;
        scaled = true;
      } else if (num.thousand.has(a)) {
        total += (current || 1) * 1000;
        current = 0;
        scaled = true;
      }
      prevAtom = a;
    }
    j++;
    end = j;
  }
  if (end === i) return null;
  const value = total + current;
  const hasScaleAfter = (num.scales.get(lowAt(toks, end)) ?? 0) >= 100;
  return { value, end, minor: !scaled && !hasScaleAfter && value < 10 };
}

/** A clock time from i: "3 p.m.", "3pm", "15:00", "15 Uhr", "15.30 Uhr", "15 h", "15h00", "15 horas". */
function timeAt(toks: readonly Tok[], i: number, L: FigureLang, text: string, facts: RawFact[]): number {
  const t = toks[i] as Tok;
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(t.s);
  if (m === null) return i;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 24 || min > 59) return i;
  let j = i + 1;
  const nx = toks[j];
  // am / pm: "3 p.m.", "3pm", "3 PM", "3 a.m."
  let half: 'am' | 'pm' | null = null;
  if (nx?.kind === 'word' && (nx.low === 'am' || nx.low === 'pm') && (L.lang === 'en' || L.lang === null || nx.s === nx.s.toUpperCase())) {
    half = nx.low as 'am' | 'pm';
    j++;
  } else if (nx?.kind === 'word' && (nx.low === 'a' || nx.low === 'p') && toks[j + 1]?.s === '.' && toks[j + 2]?.low === 'm') {
    half = nx.low === 'a' ? 'am' : 'pm';
    j += 3;
    if (toks[j]?.s === '.' && toks[j]?.start === (toks[j - 1] as Tok).end) j++;
  }
  if (half !== null) {
    if (h < 1 || h > 12) return i;
    if (half === 'pm' && h < 12) h += 12;
    if (half === 'am' && h === 12) h = 0;
    facts.push(timeFact(text.slice(t.start, (toks[j - 1] as Tok).end), t.start, h, min, false));
    return j;
  }
  if (h > 23) return i;
  // "15h", "15h00", "15h30" glued
  if (nx?.kind === 'word' && nx.start === t.end && /^h(?:\d{2})?$/.test(nx.low) && m[2] === undefined && (L.lang === 'fr' || L.lang === 'es')) {
    const mm = nx.low.length === 3 ? Number(nx.low.slice(1)) : 0;
    if (mm > 59) return i;
    facts.push(timeFact(text.slice(t.start, nx.end), t.start, h, mm, false));
    return j + 1;
  }
  if (nx?.kind === 'word' && L.dates.clock.has(nx.low)) {
    let mm = min;
    let k = j + 1;
    // "15 h 30"
    if (nx.low === 'h' && m[2] === undefined && toks[k]?.kind === 'num' && /^\d{2}$/.test((toks[k] as Tok).s) && Number((toks[k] as Tok).s) < 60) {
      mm = Number((toks[k] as Tok).s);
      k++;
    }
    const count = nx.low !== 'h' && nx.low !== 'uhr' && nx.low !== 'gmt' && nx.low !== 'utc';
    facts.push(timeFact(text.slice(t.start, (toks[k - 1] as Tok).end), t.start, h, mm, count && m[2] === undefined));
    return k;
  }
  if (m[2] !== undefined && (t.s.includes(':') || L.dates.clockBefore.has(toks[i - 1]?.low ?? ''))) {
    facts.push(timeFact(t.s, t.start, h, min, false));
    return i + 1;
  }
  return i;
}

/** "October 7", "Oct. 7th, 2023", "October 2023", "octubre de 2023", "Oktober". Returns the index after the date. */
function monthFirst(toks: readonly Tok[], i: number, month: number, L: FigureLang, facts: RawFact[], text: string): number {
  const t = toks[i] as Tok;
  let j = i + 1;
  const abbr = L.dates.monthAbbr.has(t.low.slice(t.low.lastIndexOf('-') + 1));
  if (abbr && toks[j]?.s === '.' && toks[j]?.start === t.end) j++;
  let last = abbr && j > i + 1 ? (toks[j - 1] as Tok) : t;
  let day: number | null = null;
  let year: number | null = null;
  const d = dayOf(toks[j]);
  if (d !== null && !isYear(toks[j]) && L.lang === 'en') {
    day = d;
    last = toks[j] as Tok;
    j++;
    const suffix = toks[j];
    if (suffix?.kind === 'word' && suffix.start === last.end && L.dates.ordinals.has(suffix.low)) {
      last = suffix;
      j++;
    }
  }
  let k = j;
  if (toks[k]?.s === ',' || L.dates.of.has(toks[k]?.low ?? '')) k++;
  if (isYear(toks[k])) {
    year = Number((toks[k] as Tok).s);
    last = toks[k] as Tok;
    j = k + 1;
  }
  if (day === null && year === null && (abbr || L.dates.ambiguousMonths.has(t.low))) return i; // "May", "Oct" alone: not dates
  facts.push(dateFact(text.slice(t.start, last.end), t.start, year, month, day));
  return j;
}

/** The month a token names in the text's language, or null. */
function monthOf(t: Tok | undefined, L: FigureLang): number | null {
  if (t === undefined || t.kind !== 'word') return null;
  const low = possessiveDropped(t.low);
  const cut = low.lastIndexOf('-'); // "post-October 7", "mi-octobre"
  const name = cut < 0 ? low : low.slice(cut + 1);
  const m = L.dates.months.get(name);
  if (m === undefined || (cut >= 0 && L.dates.monthAbbr.has(name))) return null;
  return L.dates.lowerMonths || (cut < 0 ? isCapTok(t) : isCap1(t.s[cut + 1] ?? '')) ? m : null;
}

/** "7 October", "7th of October 2023", "7. Oktober 2023", "1er octobre", "7 de octubre de 2023". Index after, or i. */
function dayFirst(toks: readonly Tok[], i: number, L: FigureLang, facts: RawFact[], text: string): number {
  const t = toks[i] as Tok;
  const day = dayOf(t);
  if (day === null) return i;
  let j = i + 1;
  const suffix = toks[j];
  if (suffix?.start === t.end && ((suffix.kind === 'word' && L.dates.ordinals.has(suffix.low)) || (suffix.s === '.' && L.lang !== 'en'))) j++;
  const o = toks[j];
  if (o?.kind === 'word' && o.start === (toks[j - 1] as Tok).end && L.dates.ordinals.has(o.low)) j++; // 1.º
  if (L.dates.of.has(toks[j]?.low ?? '')) j++;
  const month = monthOf(toks[j], L);
  if (month === null) return i;
  let last = toks[j] as Tok;
  j++;
  if (L.dates.monthAbbr.has(last.low) && toks[j]?.s === '.' && toks[j]?.start === last.end) {
    last = toks[j] as Tok;
    j++;
  }
  let year: number | null = null;
  let k = j;
  if (toks[k]?.s === ',' || L.dates.of.has(toks[k]?.low ?? '')) k++;
  if (isYear(toks[k])) {
    year = Number((toks[k] as Tok).s);
    last = toks[k] as Tok;
    j = k + 1;
  }
  facts.push(dateFact(text.slice(t.start, last.end), t.start, year, month, day));
  return j;
}

/**
 * Whether a date follows within the next few tokens after a weekday ("Monday, October 7", "Montag, den 7.
 * Oktober", "jeudi 14/11"): a month name or a date in digits, not a mere figure ("Thursday from 5%").
 */
function dateFollows(toks: readonly Tok[], i: number, L: FigureLang): boolean {
  for (let k = i + 1; k <= i + 5 && k < toks.length; k++) {
    const u = toks[k] as Tok;
    if (u.kind === 'iso' || u.kind === 'slash' || monthOf(u, L) !== null || dottedDayMonth(u, L) !== null) return true;
    if (u.kind === 'nl' || (u.kind === 'num' && dayOf(u) === null)) return false;
  }
  return false;
}

/**
 * A day and month in digits with a full stop, as German, French and Spanish write them without a year: "17.03",
 * "17.3." (English reads "17.03" as a decimal). Null when the token is none.
 */
function dottedDayMonth(t: Tok, L: FigureLang): { d: number; m: number } | null {
  if (t.kind !== 'num' || L.lang === 'en' || L.lang === null) return null;
  const dm = /^(\d{1,2})\.(\d{1,2})$/.exec(t.s);
  if (dm === null) return null;
  const d = Number(dm[1]);
  const m = Number(dm[2]);
  return d >= 1 && d <= 31 && m >= 1 && m <= 12 ? { d, m } : null;
}

/**
 * A day and month in digits without a year at i: "17.03." / "17.03" (not a clock time: "17.30 Uhr", "um 17.30")
 * and "14/11" (day first; not in English, which writes months first). Returns the index after it, or i.
 */
function dayMonthAt(toks: readonly Tok[], i: number, L: FigureLang, facts: RawFact[]): number {
  const t = toks[i] as Tok;
  const next = toks[i + 1];
  const dotted = dottedDayMonth(t, L);
  if (dotted !== null) {
    const twoDigits = /\.\d{2}$/.test(t.s);
    const stop = next?.s === '.' && next.start === t.end;
    if (!twoDigits && !stop) return i;
    if (next?.kind === 'word' && L.dates.clock.has(next.low)) return i;
    if (L.dates.clockBefore.has(toks[i - 1]?.low ?? '')) return i;
    if (qualifiedAt(toks, i + 1, L)) return i;
    facts.push(dateFact(stop ? `${t.s}.` : t.s, t.start, null, dotted.m, dotted.d));
    return stop ? i + 2 : i + 1;
  }
  if (L.lang === 'en' || L.lang === null || next?.s !== '/' || next.start !== t.end) return i;
  const m = toks[i + 2];
  if (m?.kind !== 'num' || m.start !== next.end || !/^\d{1,2}$/.test(m.s) || !/^\d{1,2}$/.test(t.s)) return i;
  if (toks[i + 3]?.s === '/' && toks[i + 3]?.start === m.end) return i;
  const d = Number(t.s);
  const mo = Number(m.s);
  if (d < 1 || d > 31 || mo < 1 || mo > 12) return i;
  facts.push(dateFact(`${t.s}/${m.s}`, t.start, null, mo, d));
  return i + 3;
}

/** An hour in words or digits at k, 1 to 12 (or 0 to 23 in digits). */
function hourAt(toks: readonly Tok[], k: number, L: FigureLang): number | null {
  const t = toks[k];
  if (t === undefined) return null;
  const h = t.kind === 'num' ? (/^\d{1,2}$/.test(t.s) ? Number(t.s) : null) : (L.num.units.get(t.low) ?? null);
  return h !== null && h >= 0 && h <= 23 ? h : null;
}

/** Words for a half of the day after an hour, by language: what follows the hour, and which half it names. */
const DAY_PARTS: Partial<Record<string, readonly [readonly string[], 'am' | 'pm' | 'night'][]>> = {
  en: [
    [['in', 'the', 'morning'], 'am'],
    [['in', 'the', 'afternoon'], 'pm'],
    [['in', 'the', 'evening'], 'pm'],
    [['at', 'night'], 'night'],
  ],
  de: [
    [['morgens'], 'am'],
    [['früh'], 'am'],
    [['nachmittags'], 'pm'],
    [['abends'], 'pm'],
    [['nachts'], 'night'],
  ],
  fr: [
    [['du', 'matin'], 'am'],
    [['du', 'soir'], 'pm'],
  ],
  es: [
    [['de', 'la', 'mañana'], 'am'],
    [['de', 'la', 'madrugada'], 'am'],
    [['de', 'la', 'tarde'], 'pm'],
    [['de', 'la', 'noche'], 'night'],
  ],
};

/** A half of the day said in words at k ("in the morning", "nachts", "du soir", "de la tarde"), or null. */
function dayPartAt(toks: readonly Tok[], k: number, L: FigureLang): { half: 'am' | 'pm' | 'night'; end: number } | null {
  for (const [words, half] of DAY_PARTS[L.lang ?? 'en'] ?? []) {
    if (words.every((w, n) => lowAt(toks, k + n) === w)) return { half, end: k + words.length };
  }
  return null;
}

/**
 * A clock time in words at i: "half past four", "quarter to five", "four o'clock" (English), "halb fünf",
 * "Viertel nach vier", "drei Uhr" (German), "quatre heures et demie" (French), "las cuatro y media" (Spanish).
 * Without a word for morning or evening the hour may be either half of the day: both are provided, and the fact
 * only satisfies (soft). Returns the index after it, or i.
 */
function clockWordsAt(toks: readonly Tok[], i: number, L: FigureLang, facts: RawFact[], text: string): number {
  let h: number | null = null;
  let min = 0;
  let end = i;
  if (L.lang === 'en') {
    const part = lowAt(toks, i) === 'half' ? 30 : lowAt(toks, i) === 'quarter' ? 15 : -1;
    if (part > 0 && (lowAt(toks, i + 1) === 'past' || lowAt(toks, i + 1) === 'to') && (h = hourAt(toks, i + 2, L)) !== null) {
      min = lowAt(toks, i + 1) === 'past' ? part : 60 - part;
      if (lowAt(toks, i + 1) === 'to') h -= 1;
      end = i + 3;
    } else if (toks[i]?.kind === 'word' && (h = hourAt(toks, i, L)) !== null && (lowAt(toks, i + 1) === "o'clock" || lowAt(toks, i + 1) === 'o’clock'))
      end = i + 2;
    else if (toks[i]?.kind === 'word' && (h = hourAt(toks, i, L)) !== null && h >= 1 && h <= 12 && dayPartAt(toks, i + 1, L) !== null) end = i + 1;
    else h = null;
  } else if (L.lang === 'de') {
    if (lowAt(toks, i) === 'halb' && (h = hourAt(toks, i + 1, L)) !== null) [h, min, end] = [h - 1, 30, i + 2];
    else if (lowAt(toks, i) === 'viertel' && (lowAt(toks, i + 1) === 'nach' || lowAt(toks, i + 1) === 'vor') && (h = hourAt(toks, i + 2, L)) !== null) {
      [min, end] = lowAt(toks, i + 1) === 'nach' ? [15, i + 3] : [45, i + 3];
      if (lowAt(toks, i + 1) === 'vor') h -= 1;
    } else if (toks[i]?.kind === 'word' && (h = hourAt(toks, i, L)) !== null && lowAt(toks, i + 1) === 'uhr') end = i + 2;
    else h = null;
  } else if (L.lang === 'fr') {
    if (toks[i]?.kind === 'word' && (h = hourAt(toks, i, L)) !== null && (lowAt(toks, i + 1) === 'heures' || lowAt(toks, i + 1) === 'heure')) {
      end = i + 2;
      if (lowAt(toks, end) === 'et' && (lowAt(toks, end + 1) === 'demie' || lowAt(toks, end + 1) === 'quart'))
        [min, end] = [lowAt(toks, end + 1) === 'demie' ? 30 : 15, end + 2];
    } else h = null;
  } else if (L.lang === 'es') {
    if ((lowAt(toks, i) === 'las' || lowAt(toks, i) === 'la') && toks[i + 1]?.kind === 'word' && (h = hourAt(toks, i + 1, L)) !== null && h >= 1 && h <= 12) {
      end = i + 2;
      if (lowAt(toks, end) === 'y' && (lowAt(toks, end + 1) === 'media' || lowAt(toks, end + 1) === 'cuarto'))
        [min, end] = [lowAt(toks, end + 1) === 'media' ? 30 : 15, end + 2];
      else if (lowAt(toks, end) === 'menos' && lowAt(toks, end + 1) === 'cuarto') [h, min, end] = [h - 1, 45, end + 2];
      else if (lowAt(toks, end) !== 'de' && lowAt(toks, end) !== 'en') h = null; // "las cuatro de la tarde"; "las cuatro" alone may be anything
    } else h = null;
  }
  if (h === null || end === i) return i;
  h = (h + 24) % 24;
  // "two in the morning", "zwei Uhr nachts", "deux heures du matin", "las dos de la tarde": the half of the day is said.
  const part = h >= 1 && h <= 12 ? dayPartAt(toks, end, L) : null;
  if (part !== null) {
    const pm = part.half === 'pm' || (part.half === 'night' && h >= 6 && h < 12);
    const hour = pm ? (h % 12) + 12 : h % 12;
    facts.push(timeFact(text.slice((toks[i] as Tok).start, (toks[part.end - 1] as Tok).end), (toks[i] as Tok).start, hour, min, false));
    return part.end;
  }
  const hours = h < 12 ? [h, h + 12] : [h];
  const provides = hours.map((x) => `d:T${pad(x)}:${pad(min)}`);
  const last = toks[end - 1] as Tok;
  facts.push({
    kind: 'date',
    text: text.slice((toks[i] as Tok).start, last.end),
    value: `T${pad(h)}:${pad(min)}`,
    at: (toks[i] as Tok).start,
    provides,
    accepts: [],
    soft: true,
  });
  return end;
}

/**
 * A duration without a figure at i: a unit in the singular ("a year", "el último año", "une décennie") or half
 * of one ("half a year", "medio año", "ein halbes Jahr"). It only satisfies the other text's duration (a soft
 * fact): prose says "a year" freely. Returns the index after it, or i.
 */
function durationWordAt(toks: readonly Tok[], i: number, L: FigureLang, facts: RawFact[], text: string): number {
  const t = toks[i] as Tok;
  let j = i;
  let amount = 1;
  if (L.durations.half.has(t.low)) {
    amount = 0.5;
    j++;
    if (L.num.articleOne.has(toks[j]?.low ?? '')) j++; // "half a year"
  }
  const u = toks[j];
  const unit = u?.kind === 'word' ? L.durations.units.get(u.low) : undefined;
  if (unit === undefined || !unit.one) return i;
  const value = canon(amount * unit.size);
  facts.push({
    kind: 'number',
    text: text.slice(t.start, (u as Tok).end),
    value: `${value} ${unit.family}`,
    at: t.start,
    provides: [`du:${unit.family}:${value}`],
    accepts: [],
    soft: true,
  });
  return j + 1;
}

/** German weekdays compound with a part of the day: "Donnerstagabend", "Samstagmorgen". */
const DE_DAY_PARTS = new Set(['morgen', 'früh', 'vormittag', 'mittag', 'nachmittag', 'abend', 'nacht']);

/** The weekday a word names (1 Monday … 7 Sunday), a possessive ("Sunday's") and German compounds read through. */
function weekdayAt(t: Tok, L: FigureLang): number | undefined {
  const low = possessiveDropped(t.low);
  const wd = L.dates.weekdays.get(low);
  if (wd !== undefined || L.lang !== 'de' || low.length < 9) return wd;
  for (const [name, n] of L.dates.weekdays) if (low.startsWith(name) && DE_DAY_PARTS.has(low.slice(name.length))) return n;
  return undefined;
}

/** "sunday's" → "sunday", "september’s" → "september". */
const possessiveDropped = (low: string): string => (low.endsWith("'s") || low.endsWith('’s') ? low.slice(0, -2) : low);

/**
 * Where a ratio's second count starts when its word is at j or one word later ("nine in ten", "one voter in two",
 * "un électeur sur deux", "neun von zehn"), or 0.
 */
function ratioAt(toks: readonly Tok[], j: number, L: FigureLang, first: number): number {
  const valid = (k: number): number => {
    const b = countAt(toks, k, L);
    return b !== null && b.value > first && b.value > 1 && !qualifiedAt(toks, b.end, L) ? k : 0;
  };
  const r = phraseAt(toks, j, L.num.ratioWords);
  if (r > 0) return valid(j + r);
  const w = toks[j];
  if (w?.kind !== 'word' || L.stop.has(w.low) || L.num.units.has(w.low)) return 0;
  const r2 = phraseAt(toks, j + 1, L.num.ratioWords);
  if (r2 === 0) return 0;
  // With a noun between ("one voter in two"), the second count is a small whole number: "ein Revier von 250 km²",
  // "einer Länge von 6,4 Kilometern" are measures
  const b = countAt(toks, j + 1 + r2, L);
  return b !== null && Number.isInteger(b.value) && b.value <= 20 ? valid(j + 1 + r2) : 0;
}

/** A tally or ratio's second count at j: digits (not a year) or words. */
function countAt(toks: readonly Tok[], j: number, L: FigureLang): { value: number; end: number } | null {
  const t = toks[j];
  if (t === undefined) return null;
  if (t.kind === 'num') {
    if (isYear(t)) return null;
    const n = numeral(t.s, L.lang);
    return n === null ? null : { value: n.v, end: j + 1 };
  }
  if (t.kind === 'word') {
    const w = wordNumber(toks, j, L);
    if (w === null) {
      const one = L.num.units.get(t.low); // "eight votes to one": the article's word as a count
      return one === undefined ? null : { value: one, end: j + 1 };
    }
    return { value: w.value, end: w.end };
  }
  return null;
}

/** Whether what follows index j makes the figure before it a percentage, money or a scaled amount. */
function qualifiedAt(toks: readonly Tok[], j: number, L: FigureLang): boolean {
  const u = toks[j];
  if (u === undefined) return false;
  return (
    phraseAt(toks, j, L.num.percent) > 0 || L.num.scales.has(u.low) || currencyWord(u, L) !== undefined || (u.kind === 'punct' && CURRENCY_SYMBOLS.has(u.s))
  );
}

const DASHES = new Set(['-', '–', '—']);

/** How many tokens from k say "of a percentage point" or "point" after a fraction ("a quarter point"); 0 when none. */
function pointsAfter(toks: readonly Tok[], k: number, L: FigureLang): number {
  let n = 0;
  if (L.num.of.has(toks[k]?.low ?? '')) n++;
  if (L.num.articleOne.has(toks[k + n]?.low ?? '')) n++;
  const pp = phraseAt(toks, k + n, L.num.points);
  if (pp > 0) return n + pp;
  return L.num.pointWords.has(toks[k + n]?.low ?? '') ? n + 1 : 0;
}
/** Capital scale letters that mean million or milliard only beside a currency ("M€"; else "M" may be metres). */
const CURRENCY_SCALE_LETTERS: ReadonlyMap<string, number> = new Map([
  ['m', 1e6],
  ['mn', 1e6],
  ['md', 1e9],
  ['mds', 1e9],
  ['mrd', 1e9],
  ['bn', 1e9],
]);
/** Words before "half" that make it a part of time or of a match, not a share ("the first half of 2023"). */
const EN_NOT_SHARE = new Set(['the', 'a', 'and', 'first', 'second', 'last', 'next', 'other']);

/** A figure at i with scale, currency, percent, ratio or tally. Returns the index after it, or i. */
function numberAt(toks: readonly Tok[], i: number, L: FigureLang, facts: RawFact[], text: string): number {
  const t = toks[i] as Tok;
  const { num } = L;
  if (t.kind === 'word' ? !mayStartNumber(unelided(t.low, L), num, L.lang) : t.kind !== 'num') return i;
  let value: number | null = null;
  let alt: number | null = null;
  let raw: string | null = null;
  let j = i;
  let minor = false;
  let fromWords = false;
  let currency: string | null = null;

  // Currency before the figure: "$5", "US$5", "USD 5", "EUR 5".
  const prev = toks[i - 1];
  if (prev?.kind === 'punct' && CURRENCY_SYMBOLS.has(prev.s)) currency = CURRENCY_SYMBOLS.get(prev.s) as string;
  else if (prev?.kind === 'word' && CURRENCY_CODES.has(prev.low) && prev.s === prev.s.toUpperCase()) currency = prev.s.toUpperCase();
  const first =
    currency !== null && prev !== undefined
      ? prev.kind === 'punct' && toks[i - 2]?.s === 'US' && toks[i - 2]?.end === prev.start
        ? (toks[i - 2] as Tok)
        : prev
      : t;

  if (t.kind === 'num') {
    const n = numeral(t.s, L.lang);
    if (n !== null) {
      value = n.v;
      alt = n.alt ?? null;
    }
    const race = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(t.s);
    if (race) {
      // A race time "2:05:48": hours, minutes, seconds, which the other text may write out in words.
      const [h, m, sec] = [Number(race[1]), Number(race[2]), Number(race[3])];
      const du = `du:s:${h * 3600 + m * 60 + sec}`;
      const parts = [`n:${h}`, `n:${m}`, `n:${sec}`];
      facts.push({ kind: 'number', text: t.s, value: t.s, at: t.start, provides: [du, ...parts], accepts: [du], acceptsAll: parts });
      return i + 1;
    }
    const colon = /^(\d{1,3}):(\d{1,3})$/.exec(t.s);
    if (colon) {
      // Not a clock time (timeAt had it): a score or tally, "52:48", "3:1".
      const a = Number(colon[1]);
      const b = Number(colon[2]);
      facts.push(tallyFact(t.s, t.start, a, b));
      return i + 1;
    }
    if (value === null) raw = t.s;
    j = i + 1;
    // "27 000" with a plain space: groups of three digits one space apart
    if (value !== null && /^\d{1,3}$/.test(t.s)) {
      let v = value;
      let k = j;
      while (
        toks[k]?.kind === 'num' &&
        /^\d{3}$/.test((toks[k] as Tok).s) &&
        (toks[k] as Tok).start === (toks[k - 1] as Tok).end + 1 &&
        text[(toks[k] as Tok).start - 1] === ' '
      ) {
        v = v * 1000 + Number((toks[k] as Tok).s);
        k++;
      }
      if (k > j && !isYear(toks[k - 1])) {
        value = v;
        alt = null;
        j = k;
      }
    }
    const glued = toks[j];
    if (glued?.kind === 'word' && glued.start === (toks[j - 1] as Tok).end) {
      const g = glued.low;
      const scale = SUFFIX_SCALES.get(g) ?? (g === 'm' && currency !== null ? 1e6 : undefined);
      if (scale !== undefined && value !== null) {
        value *= scale;
        alt = null;
      } else if (isYear(t) && g === 's') {
        facts.push({ kind: 'date', text: text.slice(t.start, glued.end), value: `${t.s}s`, at: t.start, provides: [`d:${t.s}s`], accepts: [`d:${t.s}s`] });
        return j + 1;
      }
      j++; // ordinals and unit letters (7th, 5mph): the figure is what counts
    }
  } else {
    const frac = fractionWord(toks, i, L, facts, text);
    if (frac > i) return frac;
    const w = wordNumber(toks, i, L);
    if (w === null) return i;
    value = w.value;
    j = w.end;
    minor = w.minor;
    fromWords = true;
  }

  // A scale letter written apart, with a currency beside it: "1,4 M€", "150 M €", "3 Md€", "€2 M".
  let scaled = false;
  const letter = toks[j];
  if (value !== null && letter?.kind === 'word' && letter.s !== letter.low && CURRENCY_SCALE_LETTERS.has(letter.low)) {
    const after = toks[j + 1];
    const beside = currency !== null || (after?.kind === 'punct' && CURRENCY_SYMBOLS.has(after.s)) || currencyWord(after, L) !== undefined;
    if (beside) {
      value *= CURRENCY_SCALE_LETTERS.get(letter.low) as number;
      alt = null;
      scaled = true;
      minor = false;
      j++;
    }
  }

  // Scale words: "27 thousand", "1.5 million", "5 Mio.", "5 millones".
  while (value !== null && toks[j]?.kind === 'word') {
    const scale = num.scales.get((toks[j] as Tok).low) ?? num.collectives.get((toks[j] as Tok).low);
    if (scale === undefined) break;
    scaled = true;
    value *= scale;
    if (alt !== null) alt *= scale;
    minor = false;
    j++;
    if (toks[j]?.s === '.' && toks[j]?.start === (toks[j - 1] as Tok).end && /^(?:mio|mrd|tsd|bio|mds?)$/.test((toks[j - 1] as Tok).low)) j++;
  }

  // A fraction after a count: "two thirds of", "zwei Drittel der", "deux tiers des", "dos tercios de" (not "a third time").
  const after = toks[j + 1];
  const ofAfter = after === undefined || after.kind !== 'word' || L.stop.has(after.low) || unelided(after.low, L) !== after.low; // "d'entre eux"
  if (value !== null && toks[j]?.kind === 'word' && num.fractions.has((toks[j] as Tok).low) && !(t.kind === 'num' && toks[j]?.start === t.end)) {
    const f = num.fractions.get((toks[j] as Tok).low) as number;
    const q = value * f;
    const pts = pointsAfter(toks, j + 1, L);
    if (pts > 0) {
      // "a quarter of a percentage point", "a quarter point"
      facts.push(numberFact('percent', text.slice(first.start, (toks[j + pts] as Tok).end), first.start, [canon(q)], null, true));
      return j + 1 + pts;
    }
    if (q <= 1 && ofAfter) {
      facts.push(shareFact(text.slice(first.start, (toks[j] as Tok).end), t.start, canon(q), q));
      return j + 1;
    }
  }

  // A ratio: "nine in ten", "9 out of 10", "neun von zehn", "un sur deux", "uno de cada tres".
  if (value !== null && currency === null) {
    const r = ratioAt(toks, j, L, value);
    const b = r > 0 ? countAt(toks, r, L) : null;
    if (b !== null) {
      {
        facts.push(ratioFact(text.slice(first.start, (toks[b.end - 1] as Tok).end), t.start, value, b.value));
        return b.end;
      }
    }
  }

  // A tally: "52-48", "52 to 48", "52 votes to 48", "52 zu 48", "52 contre 48".
  if (value !== null && currency === null && !isYear(t)) {
    let k = j;
    if (num.voteWords.has(toks[k]?.low ?? '')) k++;
    const sep = toks[k];
    if (sep !== undefined && ((sep.kind === 'punct' && DASHES.has(sep.s) && t.kind === 'num') || num.tallyWords.has(sep.low))) {
      const b = countAt(toks, k + 1, L);
      if (b !== null && (t.kind === 'num') === (toks[k + 1]?.kind === 'num') && !qualifiedAt(toks, b.end, L) && !qualifiedAt(toks, j, L)) {
        let end = b.end;
        if (num.voteWords.has(toks[end]?.low ?? '')) end++;
        facts.push(tallyFact(text.slice(first.start, (toks[end - 1] as Tok).end), t.start, value, b.value));
        return end;
      }
    }
  }

  // A bare year: a date, not a count.
  if (t.kind === 'num' && isYear(t) && j === i + 1 && currency === null && !qualifiedAt(toks, j, L)) {
    facts.push(dateFact(t.s, t.start, Number(t.s), null, null));
    return j;
  }

  let kind: Kind = currency !== null ? 'money' : 'number';
  let points = false;
  const nx = toks[j];
  if (nx !== undefined) {
    const pc = phraseAt(toks, j, num.percent);
    const pp = phraseAt(toks, j, num.points);
    const bp = phraseAt(toks, j, num.basisPoints);
    if (pp > 0) {
      kind = 'percent';
      points = true;
      j += pp;
    } else if (bp > 0 && value !== null) {
      kind = 'percent';
      points = true;
      value /= 100;
      alt = alt === null ? null : alt / 100;
      j += bp;
    } else if (pc > 0) {
      kind = 'percent';
      j += pc;
    } else if (num.tenthPoints.has(nx.low) && value !== null) {
      // "tres décimas": tenths of a percentage point
      kind = 'percent';
      points = true;
      value /= 10;
      alt = null;
      j++;
    } else if (nx.kind === 'punct' && CURRENCY_SYMBOLS.has(nx.s) && currency === null) {
      kind = 'money';
      currency = CURRENCY_SYMBOLS.get(nx.s) as string;
      j++;
    } else {
      let k = j;
      if (num.of.has(nx.low) && currencyWord(toks[j + 1], L) !== undefined) k++;
      const cw = currencyWord(toks[k], L);
      if (cw !== undefined && (k === j || scaled)) {
        kind = 'money';
        currency = cw;
        j = k + 1;
      }
    }
  }
  if (minor && kind !== 'number') minor = false;
  // "zero" by itself says nothing checkable; "zero percent" does.
  if (fromWords && value === 0 && kind === 'number') return j;

  // What it counts: up to four words after the figure, stopping at punctuation and function words.
  let lastTok = toks[j - 1] as Tok;
  let words = 0;
  for (let k = j; k < toks.length && words < 4; k++) {
    const u = toks[k] as Tok;
    if (u.kind === 'word' && !L.stop.has(u.low) && !num.scales.has(u.low)) {
      lastTok = u;
      words++;
    } else {
      break;
    }
  }
  const display = text.slice(first.start, lastTok.end);
  const nums = value !== null ? [canon(value), ...(alt !== null && alt !== value ? [canon(alt)] : [])] : [raw as string];
  const fact = numberFact(kind, display, first.start, nums, currency, points);
  if (kind === 'number' && num.pointWords.has(nx?.low ?? '')) {
    // "0,4 Punkte" may be percentage points said short, "36 puntos" league points: either satisfies the other
    for (const n of nums) fact.provides.push(`pt:${n}`);
    for (const n of nums) fact.accepts.push(`pt:${n}`);
  }
  const unit = kind === 'number' && value !== null ? L.durations.units.get(toks[j]?.low ?? '') : undefined;
  if (unit !== undefined && value !== null) {
    const du = `du:${unit.family}:${canon(value * unit.size)}`;
    fact.provides.push(du);
    fact.accepts.push(du);
  }
  if (minor) fact.minor = true;
  facts.push(fact);
  return j;
}

function shareFact(text: string, at: number, value: string, q: number): RawFact {
  const keys = [`q:${canon(q)}`, `n:${value}`];
  return { kind: 'number', text, value, at, provides: [...keys, `p:${canon(q * 100)}`], accepts: keys };
}

function ratioFact(text: string, at: number, a: number, b: number): RawFact {
  const q = `q:${canon(a / b)}`;
  return {
    kind: 'number',
    text,
    value: `${canon(a)}/${canon(b)}`,
    at,
    provides: [`r:${canon(a)}/${canon(b)}`, q, `p:${canon((a / b) * 100)}`, `n:${canon(a)}`, `n:${canon(b)}`],
    accepts: [`r:${canon(a)}/${canon(b)}`, q],
    acceptsAll: [`n:${canon(a)}`, `n:${canon(b)}`],
  };
}

function tallyFact(text: string, at: number, a: number, b: number): RawFact {
  const key = `t:${canon(a)}-${canon(b)}`;
  return {
    kind: 'number',
    text,
    value: `${canon(a)}-${canon(b)}`,
    at,
    provides: [key, `n:${canon(a)}`, `n:${canon(b)}`],
    accepts: [key],
    acceptsAll: [`n:${canon(a)}`, `n:${canon(b)}`],
  };
}

/**
 * A fraction in words at i: "half of", "a third", "two-thirds", "die Hälfte", "la moitié", "la mitad". A whole
 * fraction word counts only where it stands for a share ("half the houses"), not in "the second half".
 */
function fractionWord(toks: readonly Tok[], i: number, L: FigureLang, facts: RawFact[], text: string): number {
  const t = toks[i] as Tok;
  const { num } = L;
  if (t.low.includes('-')) {
    // "two-thirds", "three-quarters"
    const cut = t.low.lastIndexOf('-');
    const f = num.fractions.get(t.low.slice(cut + 1));
    const atoms = numberAtoms(t.low.slice(0, cut), num, L.lang);
    if (f !== undefined && atoms !== null) {
      let n = 0;
      for (const a of atoms) n += num.units.get(a) ?? 0;
      if (n > 0 && n * f <= 1) {
        facts.push(shareFact(t.s, t.start, canon(n * f), n * f));
        return i + 1;
      }
    }
    return i;
  }
  if (!num.wholeFractions.has(t.low)) return i;
  const pts = pointsAfter(toks, i + 1, L);
  if (pts > 0) {
    // "half a percentage point", "half a point"
    const f = num.fractions.get(t.low) as number;
    facts.push(numberFact('percent', text.slice(t.start, (toks[i + pts] as Tok).end), t.start, [canon(f)], null, true));
    return i + 1 + pts;
  }
  const prev = toks[i - 1];
  const next = toks[i + 1];
  const share =
    L.lang === 'en'
      ? next?.kind === 'word' && L.stop.has(next.low) && !EN_NOT_SHARE.has(prev?.low ?? '')
      : prev?.kind === 'word' && (prev.low === 'die' || prev.low === 'der' || prev.low === 'la' || prev.low === 'une');
  if (!share) return i;
  const f = num.fractions.get(t.low) as number;
  facts.push({ ...shareFact(t.s, t.start, canon(f), f), minor: true });
  return i + 1;
}

/**
 * Every figure of a text. `soft[i]` marks tokens of datelines, bylines and credits: their figures are kept as
 * soft facts (they may satisfy the other text's, but need not be kept). Sets `used[i]` for the tokens a figure is
 * written with.
 */
export function readFigures(toks: readonly Tok[], text: string, L: FigureLang, soft: Uint8Array, used: Uint8Array): RawFact[] {
  const facts: RawFact[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i] as Tok;
    const before = facts.length;
    let end = i;
    if (t.kind === 'iso') {
      const [y, m, d] = t.s.split('-').map(Number) as [number, number, number];
      if (m >= 1 && m <= 12 && d >= 1 && d <= 31) facts.push(dateFact(t.s, t.start, y, m, d));
      end = i + 1;
    } else if (t.kind === 'slash') {
      facts.push(slashDate(t.s, t.start));
      end = i + 1;
    } else if (t.kind === 'word') {
      const month = monthOf(t, L);
      const wd = weekdayAt(t, L);
      if (month !== null) {
        end = monthFirst(toks, i, month, L, facts, text);
        if (end === i) end = numberAt(toks, i, L, facts, text);
      } else if ((end = clockWordsAt(toks, i, L, facts, text)) > i) {
        // "half past four", "halb fünf", "las cuatro y media": provides the clock time
      } else if ((end = durationWordAt(toks, i, L, facts, text)) > i) {
        // "a year", "medio año", "half an hour": provides the duration
      } else if (L.dates.noon.has(t.low)) {
        // "noon", "Mitternacht": the same time as "12pm", "0 Uhr"; said in passing, so it only satisfies
        const h = L.dates.noon.get(t.low) as number;
        facts.push({ ...timeFact(t.s, t.start, h, 0, false), soft: true });
        end = i + 1;
      } else if (wd !== undefined && (L.lang !== 'en' && L.lang !== 'de' ? true : isCapTok(t))) {
        if (!dateFollows(toks, i, L))
          facts.push({ kind: 'date', text: t.s, value: `W-${wd}`, at: t.start, provides: [`d:W-${wd}`], accepts: [`d:W-${wd}`], minor: true });
        end = i + 1;
      } else end = numberAt(toks, i, L, facts, text);
    } else if (t.kind === 'num') {
      const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(t.s);
      if (dotted) {
        const d = Number(dotted[1]);
        const m = Number(dotted[2]);
        const yr = Number(dotted[3]);
        if (d >= 1 && d <= 31 && m >= 1 && m <= 12) facts.push(dateFact(t.s, t.start, yr < 100 ? 2000 + yr : yr, m, d));
        end = i + 1;
      } else {
        end = dayFirst(toks, i, L, facts, text);
        if (end === i) end = dayMonthAt(toks, i, L, facts);
        if (end === i) end = timeAt(toks, i, L, text, facts);
        if (end === i) end = numberAt(toks, i, L, facts, text);
      }
    }
    // "Tip #1", "#3": a numbered label, no fact to keep
    const label = toks[i - 1]?.s === '#' && toks[i - 1]?.end === t.start;
    if (soft[i] || label) for (let k = before; k < facts.length; k++) (facts[k] as RawFact).soft = true;
    if (facts.length > before) {
      // the figure's own tokens (a currency code before it included) are no names: "EUR", "Mio", "Uhr", "Prozent"
      const from = (facts[before] as RawFact).at ?? t.start;
      let k = i;
      while (k > 0 && (toks[k - 1] as Tok).start >= from) k--;
      used.fill(1, k, Math.max(end, i + 1));
    }
    i = Math.max(end, i + 1);
  }
  return facts;
}
