/**
 * Facts kept: which facts of the source the rewrite lost, and which figures and names it brought in. An honest
 * heuristic for news text in English, German, French and Spanish, no machine learning. One pass over each text;
 * every lookup is a Set/Map hit, so the check is linear in the length of the two texts. Tokens come from
 * ./tokens.ts, figures from ./figures.ts (each language's ways of writing numbers, money, percentages, dates and
 * times, with the word lists in ./lang), datelines, bylines and credits from ./credits.ts.
 *
 * What counts as a fact (collected from the source, deduplicated):
 * - number, percent, money, date: see ./figures.ts. Small numbers in words ("two", "zwei") are facts but never
 *   reported as added; "zero" alone and "one"/"ein"/"un" alone are no facts.
 * - name: a capitalised word or sequence of them (people, organisations, places), joined by of/de/do/da/del/van/
 *   von/bin/al/… but not by "and". A hyphenated word is one token: "Wi-Fi" is one name, "al-Assad" a name matched
 *   on "Assad", "Iran-backed" names Iran. Possessives end a name (Iran’s → Iran). A capitalised word at the start of
 *   a sentence, after a colon, or in a title-case line is a name only if the text also capitalises it
 *   mid-sentence; each language's function words, months and weekdays never are. In German, which capitalises
 *   every noun, a word is a name only on evidence (see germanNames).
 * - quote: text inside quotation marks (straight, curly, „low“, «guillemets», »German«) or ‘single curly’ ones.
 * - not facts: datelines, bylines, credits and transcript speaker labels ("WASHINGTON (Reuters) —", "Von Max
 *   Muster", "Photo: Reuters", "SACHA PFEIFFER, HOST:"); the figures there still satisfy the rewrite's, and their
 *   names are in the source's words.
 *
 * Names are compared case-insensitively, with possessives and plural -s dropped, and with aliases in the four
 * languages (US = United States = Vereinigte Staaten = États-Unis = Estados Unidos, UK, UN, EU, UAE).
 *
 * When a source fact counts as kept:
 * - figures: the rewrite provides one of the keys the fact accepts (./figures.ts), in its own language's forms;
 * - names: the rewrite has one of the name's distinctive words (one the source never writes in lower case;
 *   "Khamenei" keeps "Ayatollah Ali Khamenei"), allowing for demonyms (Iran/Iranian, Lebanon/Lebanese), or the
 *   acronym the source gives it in parentheses, or an acronym of three letters or more spelling the run of words
 *   it stands in ("LFI" for "La France insoumise"); a name made only of everyday words ("Middle East") must appear
 *   whole (and is not checked across a translation);
 * - quotes: a quote may be paraphrased or turned into reported speech freely. It is reported missing only when
 *   the rewrite puts something similar but changed inside quotation marks (half its content words shared with
 *   the source quote, yet not a word-for-word part of the source). Shortened quotes are fine.
 *
 * What the rewrite adds (possible inventions):
 * - figures whose value the source never states (small numbers in words and weekdays left out);
 * - names with a word that does not occur in the source at all (any case, same demonym allowances), unless an
 *   acronym spelling a run of the source's words;
 * - quotations of four words or more that are neither in the source nor similar to a source quote (not across
 *   a translation).
 *
 * When the rewrite's language has no rules here, names and quotes are not guessed: the report holds figures only
 * and says so (names: false).
 */

import { GramIndex, findQuotes, normWords, type QuoteSpan, type Scans } from './text';
import { tokenize, type Tok } from './tokens';
import { creditMask } from './credits';
import { figureLang, readFigures, type RawFact } from './figures';
import type { CheckLang } from './lang';
import { NUMBER_WORDS } from './lang/numbers';
import { CONNECTORS, DE_DETERMINERS, DE_PLACE_PREPOSITIONS, DE_NOUN_ENDINGS, DE_TITLE_ENDINGS, DE_TITLES, NAME_PREFIXES, functionWords } from './lang/names';

export type FactKind = 'number' | 'percent' | 'money' | 'date' | 'name' | 'quote';

export interface Fact {
  kind: FactKind;
  /** The fact as the text writes it. */
  text: string;
  /**
   * The normalised value for numbers ("27000", a ratio "9/10", a tally "52-48"), percentages ("15%", points
   * "0.5 pp"), money ("USD 5000000") and dates, in ISO 8601 with the unknown parts left out: "2023-10-07",
   * "2023-10", "2023", "--10-07" (October 7), "--11" (November), "T15:00" (a clock time), "W-1" (a Monday).
   */
  value?: string;
  /** Where the fact is in its text (character offset): the source's for a missing fact, the rewrite's for an added one. */
  at?: number;
}

export interface FactsReport {
  total: number;
  kept: number;
  missing: Fact[];
  added: Fact[];
  /**
   * Whether names and quotes were checked: false when the rewrite's language has no rules here (figures only).
   * Absent from reports stored before it existed.
   */
  names?: boolean;
}

/** The languages of the two texts; null for one the checks have no rules for. */
export interface FactLangs {
  source: CheckLang | null;
  rewrite: CheckLang | null;
}

const ENGLISH: FactLangs = { source: 'en', rewrite: 'en' };

/** A full stop after these does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st gen sen rep gov lt col sgt capt jr sr inc corp co ltd vs no etc jan feb mar apr jun jul aug sep sept oct nov dec nr bzw ca vgl mio mrd tsd mme sra sr'.split(
    ' ',
  ),
);

/** Names that stand for the same thing, in the four languages. Each phrase is written as normalised words. */
const ALIASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'us',
    [
      'us',
      'usa',
      'united states',
      'united states of america',
      'america',
      'american',
      'americans',
      'vereinigte staaten',
      'vereinigten staaten',
      'amerika',
      'états unis',
      'etats unis',
      'estados unidos',
      'eeuu',
      'ee uu',
    ],
  ],
  ['uk', ['uk', 'united kingdom', 'britain', 'great britain', 'british', 'großbritannien', 'vereinigtes königreich', 'royaume uni', 'reino unido']],
  ['un', ['un', 'united nations', 'uno', 'vereinte nationen', 'vereinten nationen', 'onu', 'nations unies', 'naciones unidas']],
  ['eu', ['eu', 'european union', 'europäische union', 'europäischen union', 'ue', 'union européenne', 'unión europea']],
  ['uae', ['uae', 'united arab emirates', 'emirates', 'vae', 'vereinigte arabische emirate', 'eau', 'émirats arabes unis', 'emiratos árabes unidos']],
];
const ALIAS_OF: ReadonlyMap<string, string> = new Map(ALIASES.flatMap(([id, phrases]) => phrases.map((p) => [p, id] as const)));

// ---------------------------------------------------------------------------------------------------------
// Names

interface Extracted {
  facts: RawFact[];
  names: NameFact[];
  quotes: QuoteFact[];
  /** Stems of every word in the text (hyphenated words whole, in parts and joined). */
  vocab: Vocab;
  /** Lower-case words the text writes in lower case somewhere. */
  lowerWords: Set<string>;
  words: string[];
  aliasIds: Set<string>;
  /**
   * Acronyms the text's capitalised word runs spell ("lfi" for "La France insoumise"), to the runs' offsets: those of
   * `wanted` (the acronyms the other text writes).
   */
  initials: (wanted: ReadonlySet<string>) => ReadonlyMap<string, readonly number[]>;
  /** The text's word 1–3-grams (as stems), built on first use. */
  phrases: () => GramIndex;
  functionWords: ReadonlySet<string>;
}

interface NameFact {
  text: string;
  words: string[]; // normalised, possessive dropped
  key: string;
  at: number;
  /** The acronym the text gives it in parentheses: "Confederación Española … (CEOE)". */
  also?: string;
  /** Named on weak evidence only (a German word never written after an article): not reported as added. */
  weak?: boolean;
}

interface QuoteFact {
  text: string;
  words: string[];
  at: number;
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
const lower = (s: string): string => {
  const l = s.toLowerCase();
  return l.includes('’') ? l.replace(/’/g, "'") : l;
};

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
    if (s.includes('-') && this.stems.has(s.replace(/-/g, ''))) return true; // "Wi-Fi" in a text with "wifi"
    if (s.length < 4) return false;
    if (this.prefixes.has(s)) return true; // "iran" in a text with "iranian"
    for (let k = 4; k < s.length; k++) if (this.stems.has(s.slice(0, k))) return true; // "iranian" in a text with "iran"
    return s.length >= 5 && this.five.has(s.slice(0, 5)); // "lebanese" in a text with "lebanon"
  }
}

/** Punctuation that may close a sentence's end: quotation marks, brackets. */
const CLOSING = new Set(['"', '“', '”', '„', '«', '»', '‘', '’', "'", ')', ']']);

/** The name a hyphenated word holds, or null: "Wi-Fi" whole, "al-Assad" (matched on "Assad"), "Iran-backed" → "Iran". */
interface HyphenName {
  display: string;
  word: string;
  /** Lower-case parts follow the name ("Iran-backed"): the name ends with this word. */
  ends: boolean;
  /** Lower-case parts come before it ("anti-Trump"): no name continues into it. */
  starts: boolean;
}

function hyphenName(s: string, german: boolean): HyphenName | null {
  const parts = s.split('-');
  // German compounds on an acronym name the acronym: "SPD-Chef", "CDU-Politiker", "EU-Kommission"
  if (german && parts.length > 1 && isAcronym(parts[0] as string)) return { display: parts[0] as string, word: parts[0] as string, ends: true, starts: false };
  const caps = parts.map(isCap);
  if (!caps[0] && NAME_PREFIXES.has(parts[0] as string) && caps[1]) {
    return { display: s, word: parts.slice(1).join('-'), ends: !caps.every((c, k) => k === 0 || c), starts: false };
  }
  if (caps.every(Boolean)) return { display: s, word: s, ends: false, starts: false };
  if (caps[0]) {
    let k = 0;
    while (caps[k]) k++;
    const run = parts.slice(0, k).join('-');
    return { display: run, word: run, ends: true, starts: false };
  }
  let k = parts.length;
  while (k > 0 && caps[k - 1]) k--;
  if (k === parts.length) return null;
  const run = parts.slice(k).join('-');
  return { display: run, word: run, ends: false, starts: true };
}

/** French and Italian elisions before a name: "l’Allemagne", "d’Emmanuel", "qu’Israël" → the name's part. */
const ELISION_RE = /^(?:[ldjnmtscLDJNMTSC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu|[dD]ell|[aA]ll|[sS]ull|[nN]ell)['’](?=\p{Lu})/u;
function elided(s: string): string | null {
  const c = s.charCodeAt(1);
  if (c !== 39 && c !== 0x2019 && !s.includes("'") && !s.includes('’')) return null;
  const m = ELISION_RE.exec(s);
  return m === null ? null : s.slice(m[0].length);
}

/** The word without a possessive ending: "Iran’s" → "Iran". */
const bare = (s: string): string => (s.includes("'") || s.includes('’') ? s.replace(/['’]s$/, '').replace(/['’]$/, '') : s);

/** Two letters or more, all capitals: "US", "SPD", "ÖVP" (ASCII answered without case conversion). */
function isAcronym(s: string): boolean {
  if (s.length < 2) return false;
  let upper = false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 128) return s === s.toUpperCase() && s !== s.toLowerCase();
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper;
}
/** An upper-case letter after the first: "YouTube", "McDonald", "iPhone" (never a German common noun). */
const INNER_CAP_RE = /^.[^\s]*?\p{Lu}/u;
function innerCap(s: string): boolean {
  for (let k = 1; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) return true;
    if (c >= 128 && INNER_CAP_RE.test(s)) return /\p{Lu}/u.test(s.slice(1));
  }
  return false;
}
const endsWithAny = (low: string, endings: readonly string[]): boolean => endings.some((e) => low.length > e.length + 2 && low.endsWith(e));
/** Adjectives that begin German multi-word names after an article: "die Deutsche Bahn", "die Europäische Union". */
const DE_NAME_ADJECTIVE_RE = /^(?:.*isch|deutsch|vereinigt|vereint|neu|grün|weiß|rot|schwarz|heilig|groß)(?:e|en|er|es|em)$/;
/** German noun endings that no name has (the weak ones, -e, -en, -er, …, still leave a name with other evidence). */
const DE_STRONG_ENDINGS: readonly string[] = DE_NOUN_ENDINGS.slice(0, DE_NOUN_ENDINGS.indexOf('er'));

/**
 * Which capitalised words of a German text are names. German capitalises every noun, so a capitalised word is a
 * name only on evidence: an acronym or inner capital (SPD, YouTube), a title before it (Kanzler Scholz, Frau
 * Müller), two capitalised words together mid-sentence with no noun ending (Olaf Scholz, Deutsche Bahn); or, as
 * weak evidence, a word written after "in", "aus", "nach" or "bei" that never follows an article or determiner
 * anywhere in the text and has no ending of a common noun (in Berlin, aus Kiew).
 * Returns the stems that are names, on strong evidence and on the weak last one.
 */
function germanNames(
  toks: readonly Tok[],
  flags: Uint8Array,
  atStart: Uint8Array,
  inTitle: Uint8Array,
  forms: ReadonlySet<string>,
): { strong: Set<string>; weak: Set<string> } {
  const evidence = new Set<string>();
  const withArticle = new Set<string>();
  const midSentence = new Set<string>();
  const afterPlacePreposition = new Set<string>();
  const candidate = (k: number): boolean => {
    const t = toks[k];
    return t !== undefined && t.kind === 'word' && ((flags[k] as number) & (CAP | FUNCTION)) === CAP;
  };
  for (let i = 0; i < toks.length; i++) {
    if (!candidate(i)) continue;
    const t = toks[i] as Tok;
    const st = stem(bare(t.s));
    const prev = toks[i - 1];
    const pl = prev?.kind === 'word' ? prev.low : '';
    const determiner =
      DE_DETERMINERS.has(pl) ||
      prev?.kind === 'num' || // a noun a figure counts: "6,4 Kilometer Strecke"
      (prev?.kind === 'word' && !isCap(prev.s) && /(?:e|en|er|es|em)$/.test(pl) && DE_DETERMINERS.has(toks[i - 2]?.low ?? ''));
    if (determiner) withArticle.add(st);
    if (!atStart[i] && !inTitle[i]) midSentence.add(st);
    if (DE_PLACE_PREPOSITIONS.has(pl) && prev?.kind === 'word' && !isCap(prev.s)) afterPlacePreposition.add(st);
    const s = t.s.includes('-') ? (t.s.split('-')[0] as string) : bare(t.s);
    if (NAME_PREFIXES.has(s) && t.s.includes('-'))
      evidence.add(stem(hyphenName(t.s, true)?.word ?? t.s)); // al-Assad
    else if (isAcronym(s) || innerCap(s)) evidence.add(t.s.includes('-') ? stem(s) : st);
    else if (prev?.kind === 'word' && (DE_TITLES.has(pl) || endsWithAny(pl, DE_TITLE_ENDINGS)) && !determiner) evidence.add(st);
    // two capitalised words together mid-sentence
    if (candidate(i + 1) && !atStart[i] && !inTitle[i] && (toks[i + 1] as Tok).start > t.end) {
      const a = lower(bare(t.s));
      const b = lower(bare((toks[i + 1] as Tok).s));
      const title = DE_TITLES.has(a) || endsWithAny(a, DE_TITLE_ENDINGS); // "Regierungschef Söder": Söder is the name
      const adjective = DE_NAME_ADJECTIVE_RE.test(a);
      const plural = a.endsWith('en') || a.endsWith('ern'); // "dass Menschen Geld spenden": two nouns
      const plain = !endsWithAny(a, DE_STRONG_ENDINGS) && !endsWithAny(b, DE_STRONG_ENDINGS) && !a.includes('-') && !b.includes('-');
      if (germanGenitive(t.s, forms)) {
        evidence.add(stem(t.s.slice(0, -1))); // "nach Meyers Worten": Meyer is the name, Worten none
      } else if (plain && !title && (adjective || (!determiner && !plural))) {
        evidence.add(st);
        evidence.add(stem(bare((toks[i + 1] as Tok).s)));
      }
    }
  }
  const weak = new Set<string>();
  for (const st of midSentence) {
    if (!evidence.has(st) && afterPlacePreposition.has(st) && !withArticle.has(st) && !endsWithAny(st, DE_NOUN_ENDINGS) && !st.includes('-')) weak.add(st);
  }
  return { strong: evidence, weak };
}

/** A German genitive name: "Meyers", "Kelownas", when the text writes the name without the -s too. */
const germanGenitive = (s: string, forms: ReadonlySet<string>): boolean => s.length > 3 && s.endsWith('s') && forms.has(s.slice(0, -1));

/** German words for an office or title ("Feuerwehrchef", "Kanzlerin"): they stand before a name, not in it. */
const germanTitle = (low: string): boolean => DE_TITLES.has(low) || endsWithAny(low, DE_TITLE_ENDINGS);

const CAP = 1;
const FUNCTION = 2;

/** A word without a hyphen or an apostrophe: its stem and flags (CAP, FUNCTION). */
interface PlainWord {
  st: string;
  f: number;
}

/** Per language (its function words): each word seen, as a PlainWord, or null when it has a hyphen or an apostrophe. */
const PLAIN_WORDS = new WeakMap<ReadonlySet<string>, Map<string, PlainWord | null>>();
function plainWords(fnWords: ReadonlySet<string>): Map<string, PlainWord | null> {
  let m = PLAIN_WORDS.get(fnWords);
  if (m === undefined) PLAIN_WORDS.set(fnWords, (m = new Map()));
  return m;
}

/** Each language's function words, built on first use (listFacts may be called once per sentence). */
const FUNCTION_WORDS: Partial<Record<CheckLang, ReadonlySet<string>>> = {};

/** The facts of a text; `words` and `quoteSpans` are its normWords and findQuotes when the caller has them. */
function extract(text: string, lang: CheckLang | null, words = normWords(text), quoteSpans: readonly QuoteSpan[] = findQuotes(text)): Extracted {
  const toks = tokenize(text);
  const soft = creditMask(toks);
  const nameLang: CheckLang = lang ?? 'en';
  const fnWords = (FUNCTION_WORDS[nameLang] ??= functionWords(nameLang, NUMBER_WORDS[nameLang].units.keys()));
  const isFunctionWord = (w: string): boolean => fnWords.has(w.toLowerCase()) || fnWords.has(stem(w));

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
          const ordinal = prev !== undefined && prev.kind === 'num' && prev.end === t.start && lang === 'de' && prev.s.length <= 2; // "7. Oktober"
          if (!abbr && !ordinal) start = true;
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
  const known = new Set<string>();
  const lowerWords = new Set<string>();
  const vocab = new Vocab();
  const plain = plainWords(fnWords);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (t.kind !== 'word') continue;
    // Most words have no hyphen or apostrophe: their stem and flags are looked up once per word and language.
    let p = plain.get(t.s);
    if (p === undefined) {
      if (plain.size >= 50_000) plain.clear(); // a memo, not a store: bounded
      const st = stem(t.s);
      const simple = !t.s.includes('-') && !t.s.includes("'") && !t.s.includes('’');
      p = simple ? { st, f: (isCap(t.s) ? CAP : 0) | (fnWords.has(t.low) || fnWords.has(st) ? FUNCTION : 0) } : null;
      plain.set(t.s, p);
    }
    if (p !== null) {
      flags[i] = p.f;
      vocab.addStem(p.st);
      if (!(p.f & CAP)) lowerWords.add(p.st);
      else if (!atStart[i] && !inTitle[i] && !(p.f & FUNCTION)) known.add(p.st);
      continue;
    }
    const st = stem(t.s);
    const el = elided(t.s);
    if (el !== null) vocab.addStem(stem(el));
    const hn = t.s.includes('-') ? hyphenName(el ?? t.s, lang === 'de') : null;
    const capital = hn !== null || el !== null || (isCap(t.s) && !t.s.includes('-'));
    const nameWord = hn?.word ?? el ?? t.s;
    // a function word with a clitic is one too: "I'd", "I’ve", "We're"
    const clitic = el === null && (t.low.includes("'") || t.low.includes('’')) && fnWords.has(t.low.split(/['’]/)[0] as string);
    const f =
      (capital ? CAP : 0) | (fnWords.has(t.low) || fnWords.has(st) || clitic || ((hn !== null || el !== null) && isFunctionWord(nameWord)) ? FUNCTION : 0);
    flags[i] = f;
    vocab.addStem(st);
    if (t.s.includes('-')) {
      for (const part of t.s.split('-')) {
        if (part === '') continue;
        vocab.addStem(stem(part));
        if (!isCap(part)) lowerWords.add(stem(part));
      }
      vocab.addStem(stem(t.s.replace(/-/g, '')));
    }
    if (!(f & CAP)) lowerWords.add(st);
    else if (!atStart[i] && !inTitle[i] && !(f & FUNCTION)) known.add(stem(bare(nameWord)));
  }
  const forms = new Set<string>();
  if (lang === 'de') for (let i = 0; i < toks.length; i++) if ((flags[i] as number) & CAP) forms.add((toks[i] as Tok).s);
  const german = lang === 'de' ? germanNames(toks, flags, atStart, inTitle, forms) : null;

  // --- numbers, money, percentages, dates
  const used = new Uint8Array(toks.length);
  const facts = readFigures(toks, text, figureLang(lang), soft, used);

  // --- names
  const names: NameFact[] = [];
  {
    let seq: Array<{ t: Tok; display: string; word: string }> = [];
    let pending: Tok[] = [];
    const flush = (): void => {
      if (seq.length > 0) {
        const nameWords = seq.filter((w) => !CONNECTORS.has(w.t.s)).map((w) => bare(w.word));
        const display = seq.map((w) => bare(w.display)).join(' ');
        const name: NameFact = { text: display, words: nameWords, key: nameWords.map(stem).join(' '), at: seq[0]?.t.start ?? 0 };
        if (german !== null && nameWords.every((w) => !german.strong.has(stem(w)))) name.weak = true;
        names.push(name);
        seq = [];
      }
      if (pending.length > 0) pending = [];
    };
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Tok;
      const degree = toks[i - 1]?.s === '°' && toks[i - 1]?.end === t.start; // the C of 4 °C
      if (t.kind !== 'word' || soft[i] || used[i] || degree) {
        const acronym = toks[i + 1];
        const given = seq.length > 0 && t.s === '(' && acronym?.kind === 'word' && isAcronym(acronym.s) && toks[i + 2]?.s === ')';
        flush();
        if (given) (names[names.length - 1] as NameFact).also = (acronym as Tok).s;
        continue;
      }
      const f = flags[i] as number;
      const glued = toks[i + 1];
      const currencyPrefix = glued?.kind === 'punct' && glued.start === t.end && (glued.s === '$' || glued.s === '€' || glued.s === '£'); // US$
      const cap = (f & CAP) !== 0 && t.s !== 'I' && !currencyPrefix;
      const el = cap ? elided(t.s) : null;
      const hn = cap && t.s.includes('-') ? hyphenName(el ?? t.s, lang === 'de') : null;
      const word = hn?.word ?? el ?? t.s;
      let allowed = cap && !(f & FUNCTION) && !(german !== null && germanTitle(t.low));
      if (allowed && (atStart[i] || inTitle[i] || german !== null)) {
        const st = stem(bare(word));
        allowed = (!(atStart[i] || inTitle[i]) || known.has(st)) && (german === null || german.strong.has(st) || german.weak.has(st));
      }
      if (allowed) {
        if (hn?.starts) flush();
        for (const p of pending) seq.push({ t: p, display: p.s, word: p.s });
        if (el !== null) flush(); // "de l’Allemagne": the elision starts a name
        seq.push({ t, display: hn?.display ?? el ?? t.s, word });
        pending = [];
        if (/['’]s?$/.test(t.s) || hn?.ends || (german !== null && germanGenitive(t.s, forms))) flush();
      } else if (seq.length > 0 && CONNECTORS.has(t.s)) {
        pending.push(t);
      } else {
        flush();
      }
    }
    flush();
  }

  // --- quotes
  const quotes: QuoteFact[] = quoteSpans.map((q) => ({ text: q.text, words: normWords(q.text), at: q.start }));

  // No array of every word's stem is kept: arrays that long are large heap objects, slow to allocate, and what
  // they hold outlives young-generation collections. The phrase index stems the words when first asked.
  let index: GramIndex | undefined;
  return {
    facts,
    names,
    quotes,
    vocab,
    lowerWords,
    words,
    aliasIds: withAll(aliasesIn(words), tokenAliases(toks)),
    initials: (wanted) => initialsOf(toks, wanted),
    phrases: () => (index ??= GramIndex.of([words.map(stem)])),
    functionWords: fnWords,
  };
}

/** The set with the items added (no copy). */
function withAll<T>(set: Set<T>, items: readonly T[]): Set<T> {
  for (const x of items) set.add(x);
  return set;
}

/** Aliases written as dotted or plain acronyms ("U.S.", "UK"): the tokenizer joins the letters. */
function tokenAliases(toks: readonly Tok[]): string[] {
  const found: string[] = [];
  for (const t of toks) {
    if (t.kind !== 'word' || t.s.length > 3 || !isAcronym(t.s)) continue;
    const id = ALIAS_OF.get(t.low);
    if (id !== undefined) found.push(id);
  }
  return found;
}

/** An acronym long enough to be matched on initials (two letters spell too many runs of words). */
const spelledOut = (s: string): boolean => s.length >= 3 && s.length <= INITIALS_MAX && isAcronym(s) && /^\p{L}+$/u.test(s);

/** At most this many offsets of runs spelt as acronyms are kept: the lookup per name stays bounded. */
const SPELT_MAX = 128;

/** A run of capitalised words is spelt as an acronym from at most this many words. */
const INITIALS_MAX = 6;
const firstLetter = (low: string): string => {
  const c = low[0] as string;
  return c.charCodeAt(0) < 128 ? c : c.normalize('NFD').replace(/\p{M}/gu, '');
};

/**
 * The acronyms a text's names may be written as: the initials of every run of words from a capitalised word (up to
 * INITIALS_MAX words), all of them ("La France insoumise" → lfi) and without lower-case connectors ("Confederación
 * Española de Organizaciones Empresariales" → ceoe). Each acronym maps to its runs' [start, end) offsets. Only the
 * acronyms in `wanted` (the other text's) are kept; a run stops as soon as its initials can spell none of them.
 */
function initialsOf(toks: readonly Tok[], wanted: ReadonlySet<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (wanted.size === 0) return out;
  const prefixes = new Set<string>();
  for (const w of wanted) for (let k = 1; k <= w.length; k++) prefixes.add(w.slice(0, k));
  const add = (key: string, from: number, to: number): void => {
    if (!wanted.has(key)) return;
    const list = out.get(key);
    if (list === undefined) out.set(key, [from, to]);
    else if (list.length < 20) list.push(from, to);
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (t.kind !== 'word' || !isCap(t.s) || isAcronym(t.s)) continue;
    let all = '';
    let main = '';
    for (let k = i; k < toks.length && k < i + INITIALS_MAX; k++) {
      const u = toks[k] as Tok;
      if (u.kind !== 'word') break;
      const c = firstLetter(u.low);
      all += c;
      if (isCap(u.s) || !CONNECTORS.has(u.low)) main += c;
      if (all.length >= 2) add(all, t.start, u.end);
      if (main.length >= 2 && main !== all) add(main, t.start, u.end);
      if (!prefixes.has(all) && !prefixes.has(main)) break; // longer runs only add letters
    }
  }
  return out;
}

/** The acronyms some names may be (those spelt out: "LFI", "CEOE"), in lower case. */
function acronymsOf(names: readonly NameFact[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) if (spelledOut(n.text)) out.add(lower(n.text));
  return out;
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

const publicFact = (f: RawFact): Fact => {
  const out: Fact = { kind: f.kind, text: f.text };
  if (f.value !== undefined) out.value = f.value;
  if (f.at !== undefined) out.at = f.at;
  return out;
};

const satisfied = (f: RawFact, keys: ReadonlySet<string>): boolean =>
  f.accepts.some((k) => keys.has(k)) || (f.acceptsAll !== undefined && f.acceptsAll.every((k) => keys.has(k)));

const aliasOfName = (n: NameFact): string | undefined => ALIAS_OF.get(n.words.map(lower).join(' ').replace(/-/g, ' '));

/** A source quote's posting lists get no longer than this: a word in more quotes tells them apart too little. */
const MAX_POSTINGS = 50;

const factKey = (x: RawFact): string => `${x.kind}|${x.value ?? x.text}`;

/**
 * A name word as a translation may spell it: no accents, lower case, y as i, no doubled letters, its first four
 * letters (Senate/Sénat/Senado, Syria/Siria, Assad/Asad).
 */
function looseKey(word: string): string {
  const w = lower(word);
  const plain = /^[ -~]*$/.test(w) ? w : w.normalize('NFD').replace(/\p{M}/gu, '');
  return plain
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .slice(0, 4);
}

/**
 * A name word's consonants as transliterations share them: Bashar/Baschar/Bachar, Hezbollah/Hisbollah,
 * Khamenei/Chamenei all give one skeleton. Null when too short to tell names apart.
 */
function skeleton(word: string): string | null {
  const w = lower(word).normalize('NFD').replace(/\p{M}/gu, '');
  const k = w
    .replace(/sch|sh|ch|kh|zh/g, 's')
    .replace(/ph/g, 'f')
    .replace(/[aeiouyhwv'-]/g, '')
    .replace(/z/g, 's')
    .replace(/[qc]/g, 'k')
    .replace(/(.)\1+/g, '$1');
  return k.length >= 3 ? `~${k}` : null;
}

/** The loose keys of every word of a text, for names compared across a translation (each distinct word once). */
function looseKeys(words: readonly string[]): Set<string> {
  const keys = new Set<string>();
  const seen = new Set<string>();
  for (const w of words) {
    if (w.length < 4 || seen.has(w)) continue;
    seen.add(w);
    keys.add(looseKey(w));
    const k = skeleton(w);
    if (k !== null) keys.add(k);
  }
  return keys;
}

/**
 * `scans`: the two texts' words and the rewrite's quotations, when the caller (runChecks) has them already.
 * `langs`: the two texts' languages (default English); names and quotes are checked only when the rewrite's is known.
 */
export function checkFacts(source: string, rewrite: string, scans?: Scans, langs: FactLangs = ENGLISH): FactsReport {
  return readFacts(source, rewrite, scans, langs).report;
}

/** Where a text names someone: the start and end offsets of every name it writes (each occurrence). */
export type NameRanges = readonly (readonly [number, number])[];

/** The facts check, and where each text names someone (for the claims check, which reads credits). */
export interface FactsRead {
  report: FactsReport;
  names: { source: NameRanges; rewrite: NameRanges };
}

export function readFacts(source: string, rewrite: string, scans?: Scans, langs: FactLangs = ENGLISH): FactsRead {
  const src = extract(source, langs.source, scans?.sourceWords);
  const out = scans ? extract(rewrite, langs.rewrite, scans.rewriteWords.norms, scans.rewriteQuotes) : extract(rewrite, langs.rewrite);
  const ranges = (x: Extracted): NameRanges => x.names.map((n) => [n.at, n.at + n.text.length] as const);
  const names = { source: ranges(src), rewrite: ranges(out) };
  return { report: factsReport(src, out, langs), names };
}

function factsReport(src: Extracted, out: Extracted, langs: FactLangs): FactsReport {
  const missing: Fact[] = [];
  const added: Fact[] = [];
  let total = 0;

  // Numbers, percentages, money, dates.
  const srcKeys = providedKeys(src.facts);
  const outKeys = providedKeys(out.facts);
  for (const f of dedupe(
    src.facts.filter((x) => !x.soft),
    factKey,
  )) {
    total++;
    if (!satisfied(f, outKeys)) missing.push(publicFact(f));
  }
  for (const f of dedupe(out.facts, factKey)) {
    if (f.minor || f.soft) continue;
    if (!satisfied(f, srcKeys)) added.push(publicFact(f));
  }

  const names = langs.rewrite !== null;
  if (!names) return { total, kept: total - missing.length, missing, added, names };
  const translated = langs.source !== langs.rewrite;
  // Across a translation a name may be spelt the language's way (Syria/Syrien/Syrie): a loose match keeps it.
  const outLoose = translated ? looseKeys(out.words) : null;
  const srcLoose = translated ? looseKeys(src.words) : null;
  const looseIn = (keys: Set<string> | null, w: string): boolean => {
    if (keys === null || w.length < 4) return false;
    const k = skeleton(w);
    return keys.has(looseKey(w)) || (k !== null && keys.has(k));
  };

  // Names. An acronym of one text that spells a run of the other's words names what that run names.
  const srcInitials = src.initials(acronymsOf(out.names));
  const outInitials = out.initials(acronymsOf(src.names));
  const spelt: number[] = [];
  for (const n of dedupe(out.names, (x) => x.key)) {
    if (n.words.length === 1 && spelledOut(n.text) && spelt.length < SPELT_MAX) spelt.push(...(srcInitials.get(lower(n.text)) ?? []));
  }
  const inSpelt = (at: number): boolean => {
    for (let k = 0; k < spelt.length; k += 2) if (at >= (spelt[k] as number) && at < (spelt[k + 1] as number)) return true;
    return false;
  };
  const common = (w: string): boolean => src.functionWords.has(lower(w)) || src.functionWords.has(stem(w)) || src.lowerWords.has(stem(w));
  for (const n of dedupe(src.names, (x) => x.key)) {
    const alias = aliasOfName(n);
    const distinctive = n.words.filter((w) => !common(w));
    if (translated && distinctive.length === 0 && alias === undefined) continue; // everyday words: translated away
    total++;
    if (alias !== undefined && out.aliasIds.has(alias)) continue;
    const kept =
      distinctive.length > 0
        ? distinctive.some((w) => out.vocab.covers(w) || looseIn(outLoose, w))
        : out.phrases().contains(n.words.flatMap((w) => normWords(w)).map(stem));
    if (!kept && !(n.also !== undefined && out.vocab.covers(n.also)) && !inSpelt(n.at) && !(spelledOut(n.text) && outInitials.has(lower(n.text))))
      missing.push({ kind: 'name', text: n.text, at: n.at });
  }
  for (const n of dedupe(out.names, (x) => x.key)) {
    if (n.weak) continue;
    const alias = aliasOfName(n);
    if (alias !== undefined && src.aliasIds.has(alias)) continue;
    if (n.words.length === 1 && spelledOut(n.text) && srcInitials.has(lower(n.text))) continue;
    if (!n.words.every((w) => src.vocab.covers(w) || looseIn(srcLoose, w) || (translated && out.functionWords.has(lower(w)))))
      added.push({ kind: 'name', text: n.text, at: n.at });
  }

  // Quotes.
  const srcQuotes = dedupe(src.quotes, (q) => q.words.join(' '));
  total += srcQuotes.length;
  const srcText = out.quotes.length > 0 ? GramIndex.of([src.words]) : null;
  const postings = new Map<string, number[]>();
  srcQuotes.forEach((q, qi) => {
    for (const w of new Set(q.words)) {
      if (src.functionWords.has(w)) continue;
      const list = postings.get(w) ?? [];
      if (list.length < MAX_POSTINGS) list.push(qi);
      postings.set(w, list);
    }
  });
  const altered = new Set<number>();
  for (const q of dedupe(out.quotes, (x) => x.words.join(' '))) {
    if (q.words.length === 0 || srcText === null || srcText.contains(q.words)) continue;
    const content = [...new Set(q.words)].filter((w) => !out.functionWords.has(w));
    const shared = new Map<number, number>();
    for (const w of content) for (const qi of postings.get(w) ?? []) shared.set(qi, (shared.get(qi) ?? 0) + 1);
    let best = -1;
    let bestCount = 0;
    for (const [qi, count] of shared) if (count > bestCount) [best, bestCount] = [qi, count];
    if (best >= 0 && bestCount >= Math.max(2, Math.ceil(content.length / 2))) altered.add(best);
    else if (q.words.length >= 4 && !translated) added.push({ kind: 'quote', text: q.text, at: q.at });
  }
  srcQuotes.forEach((q, qi) => {
    if (altered.has(qi)) missing.push({ kind: 'quote', text: q.text, at: q.at });
  });

  return { total, kept: total - missing.length, missing, added, names };
}

/** For the tests and the popup: the facts a text states, as the check reads them (credits' figures left out). */
export function listFacts(text: string, lang: CheckLang | null = 'en'): Fact[] {
  const x = extract(text, lang);
  const withNames = lang !== null;
  return [
    ...dedupe(
      x.facts.filter((f) => !f.soft),
      factKey,
    ).map(publicFact),
    ...(withNames ? dedupe(x.names, (n) => n.key).map((n): Fact => ({ kind: 'name', text: n.text, at: n.at })) : []),
    ...(withNames ? dedupe(x.quotes, (q) => q.words.join(' ')).map((q): Fact => ({ kind: 'quote', text: q.text, at: q.at })) : []),
  ];
}
