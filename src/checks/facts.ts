/**
 * Facts kept: which facts of the source the rewrite lost, and which numbers and names it brought in.
 * An honest heuristic for English news text, no machine learning. One pass over each text; every lookup is a
 * Set/Map hit, so the check is linear in the length of the two texts. The tokens it reads come from ./tokens.ts;
 * test/unit/checks-golden.test.ts holds the whole check to the results it gave before it was tuned for speed.
 *
 * What counts as a fact (collected from the source, deduplicated):
 * - number: a figure in digits or words, with the words after it that say what it counts, for display
 *   ("27,000 Palestinians", "11 Iranian cyber-enabled influence operations", "five million Instagram
 *   followers"). The bare word "one" is not a fact (too common in prose). Matched on value only.
 * - percent: a figure followed by %, "percent", "per cent", "pct" or "percentage point(s)".
 * - money: a figure with a currency: $, US$, £, €, ¥, ₹ before it, or USD/EUR/GBP, dollars, euros, pounds, yen,
 *   rupees next to it. "$5m", "$5 million", "5 million dollars", "US$5,000,000" are all USD 5000000.
 * - date: a month with a day and/or year ("October 7", "Oct. 7", "7 October", "7th of October 2023",
 *   "October 2023"), a month alone (not "May"), a year alone (1800–2099), ISO dates (2023-10-07) and
 *   slash dates (10/7/2023: read both ways when ambiguous, day first when the first part is over 12).
 * - name: a capitalised word or sequence of them (people, organisations, places), joined by of/for/de/van/von/
 *   al/bin/… but not by "and". Possessives end a name (Iran’s → Iran), hyphens split (Iran-backed → Iran).
 *   A capitalised word at the start of a sentence, after a colon, or anywhere in a title-case line (a
 *   headline or subheading) is a name only if the same text also capitalises it mid-sentence; function words,
 *   months and weekdays never are.
 * - quote: text inside double quotation marks ("straight", “curly”, „low“, «guillemets») or ‘single curly’ ones.
 *
 * Normalised forms: 27,000 = 27000 = 27 000 = 27k = "27 thousand"; "five million" = 5 million = 5,000,000;
 * "twenty-seven" = 27; "Oct. 7" = "October 7" = "7 October" = "7th of October"; 15% = "15 percent" =
 * "15 per cent". Names are compared case-insensitively, with possessives and plural -s dropped, and with a few
 * aliases (US = U.S. = United States = America/American, UK = Britain/British, UN = United Nations, EU, UAE).
 *
 * When a source fact counts as kept:
 * - numbers, percentages, money: the rewrite has the same value (money: same currency, or the bare figure);
 * - dates: the rewrite has the same date or a more precise one ("October 7, 2023" keeps "October 7");
 * - names: the rewrite has one of the name's distinctive words (one the source never writes in lower case;
 *   "Khamenei" keeps "Ayatollah Ali Khamenei"), allowing for demonyms (Iran/Iranian, Lebanon/Lebanese); a name
 *   made only of everyday words ("Middle East") must appear whole;
 * - quotes: a quote may be paraphrased or turned into reported speech freely. It is reported missing only when
 *   the rewrite puts something similar but changed inside quotation marks (half its content words shared with
 *   the source quote, yet not a word-for-word part of the source). Shortened quotes are fine.
 *
 * What the rewrite adds (possible inventions):
 * - numbers, percentages, money and dates whose value the source never states (small numbers written as words,
 *   "two", "three", are left out: prose uses them freely);
 * - names with a word that does not occur in the source at all (any case, same demonym allowances);
 * - quotations of four words or more that are neither in the source nor similar to a source quote.
 */

import { GramIndex, findQuotes, normWords, type QuoteSpan, type Scans } from './text';
import { tokenize, type Tok } from './tokens';

export type FactKind = 'number' | 'percent' | 'money' | 'date' | 'name' | 'quote';

export interface Fact {
  kind: FactKind;
  /** The fact as the text writes it. */
  text: string;
  /**
   * The normalised value for numbers ("27000"), percentages ("15%"), money ("USD 5000000") and dates, in ISO 8601
   * with the unknown parts left out: "2023-10-07", "2023-10", "2023", "--10-07" (October 7), "--11" (November).
   */
  value?: string;
}

export interface FactsReport {
  total: number;
  kept: number;
  missing: Fact[];
  added: Fact[];
}

// ---------------------------------------------------------------------------------------------------------
// Word lists

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['february', 2],
  ['march', 3],
  ['april', 4],
  ['may', 5],
  ['june', 6],
  ['july', 7],
  ['august', 8],
  ['september', 9],
  ['october', 10],
  ['november', 11],
  ['december', 12],
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
]);
const MONTH_ABBR = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

const UNITS: ReadonlyMap<string, number> = new Map([
  ['zero', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
]);
const TENS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);
/** Scale words written apart from the figure. */
const SCALES: ReadonlyMap<string, number> = new Map([
  ['hundred', 1e2],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
  ['mn', 1e6],
  ['mln', 1e6],
  ['bn', 1e9],
  ['tn', 1e12],
]);
/** Scale suffixes glued to the figure: 27k, 5bn. "m" only with a currency ($5m); else it may be metres. */
const SUFFIX_SCALES: ReadonlyMap<string, number> = new Map([
  ['k', 1e3],
  ['mn', 1e6],
  ['bn', 1e9],
  ['b', 1e9],
  ['tn', 1e12],
  ['trn', 1e12],
]);
const ORDINAL = new Set(['st', 'nd', 'rd', 'th']);

const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'],
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
]);
const CURRENCY_CODES = new Set(['usd', 'eur', 'gbp', 'jpy', 'inr', 'cad', 'aud', 'chf', 'cny']);
const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ['dollar', 'USD'],
  ['dollars', 'USD'],
  ['euro', 'EUR'],
  ['euros', 'EUR'],
  ['pound', 'GBP'],
  ['pounds', 'GBP'],
  ['sterling', 'GBP'],
  ['yen', 'JPY'],
  ['rupee', 'INR'],
  ['rupees', 'INR'],
]);

/** Words that end the "what it counts" phrase after a figure. */
const UNIT_STOP = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'of',
  'in',
  'on',
  'at',
  'to',
  'from',
  'for',
  'with',
  'by',
  'since',
  'than',
  'as',
  'that',
  'which',
  'who',
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'had',
  'will',
  'would',
  'per',
  'over',
  'under',
  'after',
  'before',
  'during',
  'into',
  'its',
  'their',
  'his',
  'her',
  'this',
  'these',
  'those',
  'while',
  'according',
  'said',
  'says',
  'ago',
]);

/** Capitalised, these are still never names. */
const FUNCTION_WORDS = new Set([
  ...UNIT_STOP,
  'i',
  'we',
  'you',
  'he',
  'she',
  'it',
  'they',
  'me',
  'him',
  'them',
  'my',
  'our',
  'your',
  'there',
  'here',
  'what',
  'when',
  'where',
  'why',
  'how',
  'whose',
  'whom',
  'all',
  'any',
  'some',
  'no',
  'not',
  'yes',
  'if',
  'so',
  'yet',
  'then',
  'also',
  'however',
  'meanwhile',
  'despite',
  'following',
  'such',
  'many',
  'most',
  'more',
  'other',
  'another',
  'each',
  'every',
  'both',
  'either',
  'neither',
  'only',
  'even',
  'still',
  'now',
  'today',
  'yesterday',
  'tomorrow',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sir',
  'read',
  'related',
  'do',
  'does',
  'did',
  'be',
  'been',
  'being',
  'can',
  'could',
  'should',
  'may',
  'might',
  'must',
  'shall',
  'let',
  'just',
  'very',
  'much',
  'like',
  'unlike',
  'although',
  'though',
  'because',
  'until',
  'unless',
  'whether',
  'about',
  'above',
  'below',
  'between',
  'among',
  'through',
  'without',
  'within',
  'against',
  'toward',
  'towards',
  'upon',
  'via',
  'ok',
  'okay',
  'oh',
  ...UNITS.keys(),
  ...TENS.keys(),
  ...MONTHS.keys(),
  ...WEEKDAYS,
]);

/** Lower-case words that may join the parts of a name: "University of Oxford", "Ludwig van Beethoven". */
const CONNECTORS = new Set(['of', 'for', 'de', 'du', 'da', 'del', 'della', 'di', 'der', 'van', 'von', 'al', 'bin', 'bint', 'la', 'le', 'y']);

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
  'etc',
  ...MONTH_ABBR,
]);

/** Names that stand for the same thing. Each phrase is written as normalised words. */
const ALIASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['us', ['us', 'usa', 'united states', 'united states of america', 'america', 'american', 'americans']],
  ['uk', ['uk', 'united kingdom', 'britain', 'great britain', 'british']],
  ['un', ['un', 'united nations']],
  ['eu', ['eu', 'european union']],
  ['uae', ['uae', 'united arab emirates', 'emirates']],
];
const ALIAS_OF: ReadonlyMap<string, string> = new Map(ALIASES.flatMap(([id, phrases]) => phrases.map((p) => [p, id] as const)));

// ---------------------------------------------------------------------------------------------------------
// Facts with their matching keys

interface RawFact extends Fact {
  /** Keys this fact provides when it occurs in a text. */
  provides: string[];
  /** Keys any one of which, provided by the other text, satisfies this fact. */
  accepts: string[];
  /** A small number written as a word ("two"): never reported as added. */
  minor?: boolean;
}

function canon(n: number): string {
  // An integer of at most 12 digits is its own 12-digit rounding (and toPrecision is slow).
  if (Number.isInteger(n) && n > -1e12 && n < 1e12) return String(n);
  return String(Number(n.toPrecision(12)));
}

function numeral(s: string): number | null {
  const t = s.replace(/[\u00A0\u202F\u2009]/g, ',');
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  // European grouping with two or more groups: 27.000.000 (one group, 27.000, stays a decimal).
  if (/^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  return null;
}

const CAP_RE = /^\p{Lu}/u;
/** Starts with an upper-case letter (ASCII answered without the Unicode regex). */
function isCap(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : CAP_RE.test(s);
}
const ONE_CAP_RE = /^\p{Lu}$/u;
/** A single upper-case letter ("J" in "J. Smith"). */
function isOneCap(s: string): boolean {
  return s.length === 1 && s.charCodeAt(0) < 128 ? isCap(s) : ONE_CAP_RE.test(s);
}
/** "US" (the country) is no function word, though "us" the pronoun would be: the list has no "us". */
const isFunctionWord = (w: string): boolean => FUNCTION_WORDS.has(w.toLowerCase()) || FUNCTION_WORDS.has(stem(w));
const lower = (s: string): string => {
  const l = s.toLowerCase();
  return l.includes('’') ? l.replace(/’/g, "'") : l;
};

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isYear(t: Tok | undefined): t is Tok {
  if (t === undefined || t.kind !== 'num' || !/^\d{4}$/.test(t.s)) return false;
  const y = Number(t.s);
  return y >= 1800 && y <= 2099;
}

function dayOf(t: Tok | undefined): number | null {
  if (t === undefined || t.kind !== 'num' || !/^\d{1,2}$/.test(t.s)) return null;
  const d = Number(t.s);
  return d >= 1 && d <= 31 ? d : null;
}

function monthOf(t: Tok | undefined): number | null {
  if (t === undefined || t.kind !== 'word' || !isCap(t.s)) return null;
  return MONTHS.get(t.low) ?? null;
}

function dateFact(text: string, y: number | null, m: number | null, d: number | null): RawFact {
  const keys: string[] = [];
  let value: string;
  let accepts: string[];
  if (y !== null && m !== null && d !== null) {
    value = `${y}-${pad(m)}-${pad(d)}`;
    keys.push(value, `--${pad(m)}-${pad(d)}`, `${y}-${pad(m)}`, String(y), `--${pad(m)}`);
    accepts = [value, `--${pad(m)}-${pad(d)}`];
  } else if (m !== null && d !== null) {
    value = `--${pad(m)}-${pad(d)}`;
    keys.push(value, `--${pad(m)}`);
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
  if (y !== null && m === null) provides.push(`n:${y}`);
  const acc = accepts.map((k) => `d:${k}`);
  if (y !== null && m === null) acc.push(`n:${y}`);
  return { kind: 'date', text, value, provides, accepts: acc };
}

function numberFact(kind: 'number' | 'percent' | 'money', text: string, num: string, currency: string | null): RawFact {
  if (kind === 'percent') return { kind, text, value: `${num}%`, provides: [`p:${num}`, `n:${num}`], accepts: [`p:${num}`] };
  if (kind === 'money') {
    const value = `${currency ?? ''} ${num}`.trim();
    return { kind, text, value, provides: [`m:${currency ?? ''}:${num}`, `nm:${num}`], accepts: [`m:${currency ?? ''}:${num}`, `n:${num}`] };
  }
  return { kind, text, value: num, provides: [`n:${num}`], accepts: [`n:${num}`, `nm:${num}`, `d:${num}`] };
}

interface Extracted {
  facts: RawFact[];
  names: NameFact[];
  quotes: QuoteFact[];
  /** Stems of every word in the text. */
  vocab: Vocab;
  /** Lower-case words the text writes in lower case somewhere. */
  lowerWords: Set<string>;
  words: string[];
  aliasIds: Set<string>;
  /** The text's word 1–3-grams (as stems), built on first use. */
  phrases: () => GramIndex;
}

interface NameFact {
  text: string;
  words: string[]; // normalised, possessive dropped
  key: string;
}

interface QuoteFact {
  text: string;
  words: string[];
}

/** Lower case, possessive and plural -s dropped: "Iranians’" → "iranian", "Hamas" → "hama" (on both sides alike). */
function stem(word: string): string {
  let w = STEMS.get(word);
  if (w !== undefined) return w;
  w = lower(word).replace(/'s$/, '').replace(/'$/, '');
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (STEMS.size >= 50_000) STEMS.clear(); // a memo, not a store: bounded
  STEMS.set(word, w);
  return w;
}
const STEMS = new Map<string, string>();

/** The words of a text as stems, with demonym-tolerant lookup: Iran/Iranian, Lebanon/Lebanese, Israel/Israeli. */
class Vocab {
  private readonly stems = new Set<string>();
  private readonly prefixes = new Set<string>();
  private readonly five = new Set<string>();

  /** Adds a word, given as its stem. */
  addStem(s: string): void {
    if (this.stems.has(s)) return;
    this.stems.add(s);
    for (let k = 4; k < s.length; k++) this.prefixes.add(s.slice(0, k));
    if (s.length >= 5) this.five.add(s.slice(0, 5));
  }

  covers(word: string): boolean {
    const s = stem(word);
    if (this.stems.has(s)) return true;
    if (s.length < 4) return false;
    if (this.prefixes.has(s)) return true; // "iran" in a text with "iranian"
    for (let k = 4; k < s.length; k++) if (this.stems.has(s.slice(0, k))) return true; // "iranian" in a text with "iran"
    return s.length >= 5 && this.five.has(s.slice(0, 5)); // "lebanese" in a text with "lebanon"
  }
}

/** Punctuation that may close a sentence's end: quotation marks, brackets. */
const CLOSING = new Set(['"', '“', '”', '„', '«', '»', '‘', '’', "'", ')', ']']);

/** The facts of a text; `words` and `quoteSpans` are its normWords and findQuotes when the caller has them. */
function extract(text: string, words = normWords(text), quoteSpans: readonly QuoteSpan[] = findQuotes(text)): Extracted {
  const toks = tokenize(text);
  const facts: RawFact[] = [];
  const slice = (a: Tok, b: Tok): string => text.slice(a.start, b.end);

  // --- sentence starts and title-case lines
  const atStart = new Uint8Array(toks.length);
  const inTitle = new Uint8Array(toks.length);
  {
    let start = true;
    let lineFrom = 0;
    let longWords = 0;
    let capWords = 0;
    let lastSignificant: Tok | undefined;
    const closeLine = (to: number): void => {
      const e = lastSignificant?.s;
      const ends = e === '.' || e === '!' || e === '?';
      if (!ends && capWords >= 2 && capWords >= 0.6 * longWords) inTitle.fill(1, lineFrom, to);
    };
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Tok;
      if (t.kind === 'nl') {
        closeLine(i);
        lineFrom = i + 1;
        longWords = 0;
        capWords = 0;
        lastSignificant = undefined;
        start = true;
        continue;
      }
      if (!(t.kind === 'punct' && CLOSING.has(t.s))) lastSignificant = t;
      if (t.kind === 'word') {
        if (start) atStart[i] = 1;
        start = false;
        if (t.s.length >= 4) {
          longWords++;
          if (isCap(t.s)) capWords++;
        }
      } else if (t.kind === 'punct') {
        if (t.s === '!' || t.s === '?' || t.s === ':') start = true;
        else if (t.s === '.') {
          const prev = toks[i - 1];
          const abbr = prev !== undefined && prev.kind === 'word' && prev.end === t.start && (ABBREVIATIONS.has(prev.low) || isOneCap(prev.s));
          if (!abbr) start = true;
        }
      } else {
        start = false;
      }
    }
    closeLine(toks.length);
  }

  // --- names known from mid-sentence use; words the text writes in lower case
  // Per word token, computed once: capitalised (1) or not (0), function word (2). Stems are memoised by stem().
  const flags = new Uint8Array(toks.length);
  const CAP = 1;
  const FUNCTION = 2;
  const known = new Set<string>();
  const lowerWords = new Set<string>();
  const vocab = new Vocab();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (t.kind !== 'word') continue;
    const st = stem(t.s);
    // isFunctionWord(t.s): t.low is t.s in lower case.
    const f = (isCap(t.s) ? CAP : 0) | (FUNCTION_WORDS.has(t.low) || FUNCTION_WORDS.has(st) ? FUNCTION : 0);
    flags[i] = f;
    vocab.addStem(st);
    if (!(f & CAP)) lowerWords.add(st);
    else if (!atStart[i] && !inTitle[i] && !(f & FUNCTION)) known.add(st);
  }

  // --- numbers, money, percentages, dates
  const used = new Uint8Array(toks.length);
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = toks[i] as Tok;
    if (t.kind === 'iso') {
      const [y, m, d] = t.s.split('-').map(Number) as [number, number, number];
      if (m >= 1 && m <= 12 && d >= 1 && d <= 31) facts.push(dateFact(t.s, y, m, d));
      continue;
    }
    if (t.kind === 'slash') {
      facts.push(slashDate(t.s));
      continue;
    }
    const month = monthOf(t);
    if (month !== null) {
      const end = usDate(toks, i, month, facts, slice);
      if (end > i) used.fill(1, i, end);
      continue;
    }
    if (t.kind === 'num') {
      const ukEnd = ukDate(toks, i, facts, slice);
      if (ukEnd > i) {
        used.fill(1, i, ukEnd);
        continue;
      }
    }
    const end = numberAt(toks, i, facts, text);
    if (end > i) used.fill(1, i, end);
  }

  // --- names
  const names: NameFact[] = [];
  {
    let seq: Tok[] = [];
    let pending: Tok[] = [];
    const flush = (): void => {
      if (seq.length > 0) {
        const words = seq.filter((w) => !CONNECTORS.has(w.s)).map((w) => w.s.replace(/['’]s$/, '').replace(/['’]$/, ''));
        const display = seq.map((w) => w.s.replace(/['’]s$/, '').replace(/['’]$/, '')).join(' ');
        names.push({ text: display, words, key: words.map(stem).join(' ') });
        seq = [];
      }
      if (pending.length > 0) pending = [];
    };
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Tok;
      if (t.kind !== 'word') {
        flush();
        continue;
      }
      const f = flags[i] as number;
      const glued = toks[i + 1];
      const currencyPrefix = glued?.kind === 'punct' && glued.start === t.end && CURRENCY_SYMBOLS.has(glued.s); // US$
      const cap = (f & CAP) !== 0 && t.s !== 'I' && !currencyPrefix;
      const allowed = cap && !(f & FUNCTION) && (!(atStart[i] || inTitle[i]) || known.has(stem(t.s)));
      if (allowed) {
        seq.push(...pending, t);
        pending = [];
        if (/['’]s?$/.test(t.s)) flush();
      } else if (seq.length > 0 && CONNECTORS.has(t.s)) {
        pending.push(t);
      } else {
        flush();
      }
    }
    flush();
  }

  // --- quotes
  const quotes: QuoteFact[] = quoteSpans.map((q) => ({ text: q.text, words: normWords(q.text) }));

  // No array of every word's stem is kept: arrays that long are large heap objects, slow to allocate, and what
  // they hold outlives young-generation collections. The phrase index stems the words when first asked.
  let index: GramIndex | undefined;
  return { facts, names, quotes, vocab, lowerWords, words, aliasIds: aliasesIn(words), phrases: () => (index ??= GramIndex.of([words.map(stem)])) };
}

const ALIAS_PHRASES: ReadonlyArray<{ id: string; stems: string[] }> = ALIASES.flatMap(([id, phrases]) =>
  phrases.map((p) => ({ id, stems: p.split(' ').map(stem) })),
);
const ALIAS_BY_FIRST: ReadonlyMap<string, ReadonlyArray<{ id: string; stems: string[] }>> = (() => {
  const m = new Map<string, Array<{ id: string; stems: string[] }>>();
  for (const a of ALIAS_PHRASES) m.set(a.stems[0] as string, [...(m.get(a.stems[0] as string) ?? []), a]);
  return m;
})();

/** The aliases (US, UK, UN, …) a text names, in any of their forms; `words` are its normWords. */
function aliasesIn(words: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const candidates = ALIAS_BY_FIRST.get(stem(words[i] as string));
    if (candidates === undefined) continue;
    for (const a of candidates) {
      let k = 1;
      while (k < a.stems.length && i + k < words.length && stem(words[i + k] as string) === a.stems[k]) k++;
      if (k === a.stems.length) found.add(a.id);
    }
  }
  return found;
}

function slashDate(s: string): RawFact {
  const [a, b, yRaw] = s.split('/').map(Number) as [number, number, number];
  const y = yRaw < 100 ? 2000 + yRaw : yRaw;
  const us = a <= 12 && b <= 31 ? dateFact(s, y, a, b) : null;
  const uk = b <= 12 && a <= 31 ? dateFact(s, y, b, a) : null;
  if (us && uk && a !== b) {
    // Ambiguous: either reading provides and satisfies.
    return { ...us, provides: [...us.provides, ...uk.provides], accepts: [...us.accepts, ...uk.accepts] };
  }
  return us ?? uk ?? { kind: 'date', text: s, value: s, provides: [`d:${s}`], accepts: [`d:${s}`] };
}

type Slice = (a: Tok, b: Tok) => string;

/** "October 7", "Oct. 7th, 2023", "October 2023", "October of 2023", "October". Returns the index after the date. */
function usDate(toks: readonly Tok[], i: number, month: number, facts: RawFact[], slice: Slice): number {
  const t = toks[i] as Tok;
  let j = i + 1;
  const abbr = MONTH_ABBR.has(t.low);
  if (abbr && toks[j]?.s === '.' && toks[j]?.start === t.end) j++;
  let last = abbr && j > i + 1 ? (toks[j - 1] as Tok) : t;
  let day: number | null = null;
  let year: number | null = null;
  const d = dayOf(toks[j]);
  if (d !== null && !isYear(toks[j])) {
    day = d;
    last = toks[j] as Tok;
    j++;
    const suffix = toks[j];
    if (suffix?.kind === 'word' && suffix.start === last.end && ORDINAL.has(suffix.low)) {
      last = suffix;
      j++;
    }
  }
  let k = j;
  if (toks[k]?.s === ',' || toks[k]?.low === 'of') k++;
  if (isYear(toks[k])) {
    year = Number((toks[k] as Tok).s);
    last = toks[k] as Tok;
    j = k + 1;
  }
  if (day === null && year === null && (abbr || month === 5)) return i; // "May" and "Oct" alone: not dates
  facts.push(dateFact(slice(t, last), year, month, day));
  return j;
}

/** "7 October", "7th of October 2023", "7 Oct. 2023". Returns the index after the date, or i when none. */
function ukDate(toks: readonly Tok[], i: number, facts: RawFact[], slice: Slice): number {
  const t = toks[i] as Tok;
  const day = dayOf(t);
  if (day === null) return i;
  let j = i + 1;
  const suffix = toks[j];
  if (suffix?.kind === 'word' && suffix.start === t.end && ORDINAL.has(suffix.low)) j++;
  if (toks[j]?.low === 'of') j++;
  const month = monthOf(toks[j]);
  if (month === null) return i;
  let last = toks[j] as Tok;
  j++;
  if (MONTH_ABBR.has(last.low) && toks[j]?.s === '.' && toks[j]?.start === last.end) {
    last = toks[j] as Tok;
    j++;
  }
  let year: number | null = null;
  let k = j;
  if (toks[k]?.s === ',') k++;
  if (isYear(toks[k])) {
    year = Number((toks[k] as Tok).s);
    last = toks[k] as Tok;
    j = k + 1;
  }
  facts.push(dateFact(slice(t, last), year, month, day));
  return j;
}

/** The words a figure in words can start with: parseWordNumber gives null for any other. */
const NUMBER_WORDS = new Set(['a', 'one', ...UNITS.keys(), ...TENS.keys()]);

/** A figure in digits or words at i, with scale, currency and percent. Returns the index after it, or i. */
function numberAt(toks: readonly Tok[], i: number, facts: RawFact[], text: string): number {
  const t = toks[i] as Tok;
  // Most tokens are no figure: answer them before looking at currencies (parseWordNumber starts the same way).
  if (t.kind === 'word' ? !NUMBER_WORDS.has(t.low) : t.kind !== 'num') return i;
  let value: number | null = null;
  let raw: string | null = null;
  let j = i;
  let minor = false;
  let currency: string | null = null;

  // Currency before the figure: "$5", "US$5", "USD 5".
  const prev = toks[i - 1];
  if (prev?.kind === 'punct' && CURRENCY_SYMBOLS.has(prev.s)) currency = CURRENCY_SYMBOLS.get(prev.s) as string;
  else if (prev?.kind === 'word' && CURRENCY_CODES.has(prev.low)) currency = prev.s.toUpperCase();
  const first =
    currency !== null && prev !== undefined
      ? prev.kind === 'punct' && toks[i - 2]?.s === 'US' && toks[i - 2]?.end === prev.start
        ? (toks[i - 2] as Tok)
        : prev
      : t;

  if (t.kind === 'num') {
    value = numeral(t.s);
    const clock = /^(\d{1,2}):(\d{2})$/.exec(t.s);
    if (clock)
      raw = `${Number(clock[1])}:${clock[2] as string}`; // 03:14 = 3:14
    else if (value === null) raw = t.s;
    j = i + 1;
    const glued = toks[j];
    if (glued?.kind === 'word' && glued.start === t.end) {
      const g = glued.low;
      const scale = SUFFIX_SCALES.get(g) ?? (g === 'm' && currency !== null ? 1e6 : undefined);
      if (scale !== undefined && value !== null) value *= scale;
      else if (isYear(t) && g === 's') {
        facts.push({ kind: 'date', text: text.slice(t.start, glued.end), value: `${t.s}s`, provides: [`d:${t.s}s`], accepts: [`d:${t.s}s`] });
        return j + 1;
      }
      j++; // ordinals and unit letters (7th, 5mph): the figure is what counts
    }
  } else if (t.kind === 'word') {
    const w = parseWordNumber(toks, i);
    if (w === null) return i;
    value = w.value;
    j = w.end;
    minor = w.minor;
  } else {
    return i;
  }

  // Scale words: "27 thousand", "1.5 million".
  while (value !== null && toks[j]?.kind === 'word') {
    const scale = SCALES.get((toks[j] as Tok).low);
    if (scale === undefined) break;
    value *= scale;
    minor = false;
    j++;
  }

  // A bare year: a date, not a count.
  if (t.kind === 'num' && isYear(t) && j === i + 1 && currency === null && toks[j]?.s !== '%') {
    const after = toks[j]?.low;
    if (after !== 'percent' && after !== 'per' && !(after !== undefined && CURRENCY_WORDS.has(after))) {
      facts.push(dateFact(t.s, Number(t.s), null, null));
      return j;
    }
  }

  let kind: 'number' | 'percent' | 'money' = currency !== null ? 'money' : 'number';
  const nx = toks[j];
  const nxs = nx?.low;
  if (nx !== undefined && nxs !== undefined) {
    if (nx.s === '%') {
      kind = 'percent';
      j++;
    } else if (nxs === 'percent' || nxs === 'pct') {
      kind = 'percent';
      j++;
    } else if (nxs === 'per' && toks[j + 1]?.low === 'cent') {
      kind = 'percent';
      j += 2;
    } else if (nxs === 'percentage' && /^points?$/.test(toks[j + 1]?.low ?? '')) {
      kind = 'percent';
      j += 2;
    } else if (CURRENCY_WORDS.has(nxs) || CURRENCY_CODES.has(nxs)) {
      kind = 'money';
      currency = CURRENCY_WORDS.get(nxs) ?? nxs.toUpperCase();
      j++;
    }
  }
  if (minor && kind !== 'number') minor = false;

  // What it counts: up to four words after the figure, stopping at punctuation and function words.
  let lastTok = toks[j - 1] as Tok;
  let words = 0;
  for (let k = j; k < toks.length && words < 4; k++) {
    const u = toks[k] as Tok;
    if (u.kind === 'word' && !UNIT_STOP.has(u.low) && !SCALES.has(u.low)) {
      lastTok = u;
      if (toks[k - 1]?.s !== '-') words++;
    } else if (!(u.kind === 'punct' && u.s === '-' && toks[k + 1]?.kind === 'word' && words > 0)) {
      break;
    }
  }
  const display = text.slice(first.start, lastTok.end);
  const num = value !== null ? canon(value) : (raw as string);
  const fact = numberFact(kind, display, num, currency);
  if (minor) fact.minor = true;
  facts.push(fact);
  return j;
}

/** "five", "twenty-seven", "two hundred and five", "a million", "five million". Not the bare word "one". */
function parseWordNumber(toks: readonly Tok[], i: number): { value: number; end: number; minor: boolean } | null {
  const w0 = (toks[i] as Tok).low;
  const next = toks[i + 1]?.low ?? '';
  if ((w0 === 'a' || w0 === 'one') && (SCALES.get(next) ?? 0) >= 100) {
    return { value: 1, end: i + 1, minor: false }; // the scale word is applied by the caller
  }
  if (!UNITS.has(w0) && !TENS.has(w0)) return null;
  let total = 0;
  let current = 0;
  let j = i;
  let end = i;
  let scaled = false;
  for (;;) {
    const tok = toks[j];
    if (tok?.kind !== 'word') break;
    const w = tok.low;
    const unit = UNITS.get(w);
    const ten = TENS.get(w);
    if (unit !== undefined) {
      current += unit;
      j++;
      end = j;
    } else if (ten !== undefined) {
      current += ten;
      j++;
      end = j;
      const hy = toks[j];
      const u = toks[j + 1];
      const uv = u?.kind === 'word' ? UNITS.get(u.low) : undefined;
      if (hy?.s === '-' && uv !== undefined && uv > 0 && uv < 10) {
        current += uv;
        j += 2;
        end = j;
      }
    } else if (w === 'hundred' && end > i) {
      current = (current || 1) * 100;
      j++;
      end = j;
      scaled = true;
    } else if (w === 'and' && end > i && (UNITS.has(toks[j + 1]?.low ?? '') || TENS.has(toks[j + 1]?.low ?? ''))) {
      j++;
    } else if ((SCALES.get(w) ?? 0) >= 1000 && end > i) {
      // Leave the last scale to the caller when nothing follows it, so "five million" = 5 × million there.
      const after = toks[j + 1]?.low ?? '';
      if (!UNITS.has(after) && !TENS.has(after)) break;
      total += current * (SCALES.get(w) as number);
      current = 0;
      j++;
      end = j;
      scaled = true;
    } else {
      break;
    }
  }
  const value = total + current;
  const hasScaleAfter = (SCALES.get(toks[end]?.low ?? '') ?? 0) >= 100;
  if (end === i + 1 && w0 === 'one' && !hasScaleAfter) return null;
  return { value, end, minor: !scaled && !hasScaleAfter && value < 10 };
}

// ---------------------------------------------------------------------------------------------------------
// Comparing

function dedupe<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const it of items) {
    const k = key(it);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(it);
  }
  return out;
}

/** Every key the facts provide. */
function providedKeys(facts: readonly RawFact[]): Set<string> {
  const keys = new Set<string>();
  for (const f of facts) for (const k of f.provides) keys.add(k);
  return keys;
}

const publicFact = (f: RawFact): Fact => (f.value !== undefined ? { kind: f.kind, text: f.text, value: f.value } : { kind: f.kind, text: f.text });

const aliasOfName = (n: NameFact): string | undefined => ALIAS_OF.get(n.words.map(lower).join(' '));

/** A source quote's posting lists get no longer than this: a word in more quotes tells them apart too little. */
const MAX_POSTINGS = 50;

/** `scans`: the two texts' words and the rewrite's quotations, when the caller (runChecks) has them already. */
export function checkFacts(source: string, rewrite: string, scans?: Scans): FactsReport {
  const src = extract(source, scans?.sourceWords);
  const out = scans ? extract(rewrite, scans.rewriteWords.norms, scans.rewriteQuotes) : extract(rewrite);
  const missing: Fact[] = [];
  const added: Fact[] = [];
  let total = 0;

  // Numbers, percentages, money, dates.
  const srcKeys = providedKeys(src.facts);
  const outKeys = providedKeys(out.facts);
  for (const f of dedupe(src.facts, (x) => `${x.kind}|${x.value ?? x.text}`)) {
    total++;
    if (!f.accepts.some((k) => outKeys.has(k))) missing.push(publicFact(f));
  }
  for (const f of dedupe(out.facts, (x) => `${x.kind}|${x.value ?? x.text}`)) {
    if (f.minor) continue;
    if (!f.accepts.some((k) => srcKeys.has(k))) added.push(publicFact(f));
  }

  // Names.
  const common = (w: string): boolean => isFunctionWord(w) || src.lowerWords.has(stem(w));
  for (const n of dedupe(src.names, (x) => x.key)) {
    total++;
    const alias = aliasOfName(n);
    if (alias !== undefined && out.aliasIds.has(alias)) continue;
    const distinctive = n.words.filter((w) => !common(w));
    const kept = distinctive.length > 0 ? distinctive.some((w) => out.vocab.covers(w)) : out.phrases().contains(n.words.map(stem));
    if (!kept) missing.push({ kind: 'name', text: n.text });
  }
  for (const n of dedupe(out.names, (x) => x.key)) {
    const alias = aliasOfName(n);
    if (alias !== undefined && src.aliasIds.has(alias)) continue;
    if (!n.words.every((w) => src.vocab.covers(w))) added.push({ kind: 'name', text: n.text });
  }

  // Quotes.
  const srcQuotes = dedupe(src.quotes, (q) => q.words.join(' '));
  total += srcQuotes.length;
  const srcText = out.quotes.length > 0 ? GramIndex.of([src.words]) : null;
  const postings = new Map<string, number[]>();
  srcQuotes.forEach((q, qi) => {
    for (const w of new Set(q.words)) {
      if (FUNCTION_WORDS.has(w)) continue;
      const list = postings.get(w) ?? [];
      if (list.length < MAX_POSTINGS) list.push(qi);
      postings.set(w, list);
    }
  });
  const altered = new Set<number>();
  for (const q of dedupe(out.quotes, (x) => x.words.join(' '))) {
    if (q.words.length === 0 || srcText === null || srcText.contains(q.words)) continue;
    const content = [...new Set(q.words)].filter((w) => !FUNCTION_WORDS.has(w));
    const shared = new Map<number, number>();
    for (const w of content) for (const qi of postings.get(w) ?? []) shared.set(qi, (shared.get(qi) ?? 0) + 1);
    let best = -1;
    let bestCount = 0;
    for (const [qi, count] of shared) if (count > bestCount) [best, bestCount] = [qi, count];
    if (best >= 0 && bestCount >= Math.max(2, Math.ceil(content.length / 2))) altered.add(best);
    else if (q.words.length >= 4) added.push({ kind: 'quote', text: q.text });
  }
  srcQuotes.forEach((q, qi) => {
    if (altered.has(qi)) missing.push({ kind: 'quote', text: q.text });
  });

  return { total, kept: total - missing.length, missing, added };
}

/** For the tests and the popup: the facts a text states, as the check reads them. */
export function listFacts(text: string): Fact[] {
  const x = extract(text);
  return [
    ...dedupe(x.facts, (f) => `${f.kind}|${f.value ?? f.text}`).map(publicFact),
    ...dedupe(x.names, (n) => n.key).map((n): Fact => ({ kind: 'name', text: n.text })),
    ...dedupe(x.quotes, (q) => q.words.join(' ')).map((q): Fact => ({ kind: 'quote', text: q.text })),
  ];
}
