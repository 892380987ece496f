/**
 * What one sentence claims, as the changed-claims check (./claims.ts) compares it: its negations (and what they bear
 * on), hedges and modals, boosters, who it is credited to, its figures with their units and rates, days and dates, and
 * the names in it (the facts check's, and publications in quote marks). Each language's word lists are compiled once
 * into phrase lists matched at each token.
 */

import { monthOf, stem, type Sentence } from './align';
import type { NameRanges } from './facts';
import type { CheckLang } from './lang';
import type { ClaimWords } from './lang/claim-words';
import { claimWords } from './lang/claims-by-lang';
import type { SentTok } from './sentence-tokens';

/**
 * A phrase list compiled for matching at each token: first word → the phrases starting with it, as word arrays. Each
 * list of a language has a bit of its own; a sentence's marks (phraseMarks) say at once which lists have a phrase
 * starting at each token, so a token that starts none is answered without a lookup.
 */
class Phrases {
  private readonly byFirst = new Map<string, string[][]>();
  constructor(
    phrases: readonly string[],
    readonly bit: number,
  ) {
    for (const p of phrases) {
      const parts = p.split(' ');
      const list = this.byFirst.get(parts[0]!) ?? [];
      list.push(parts);
      this.byFirst.set(parts[0]!, list);
    }
  }
  /** The first words of the phrases. */
  firsts(): Iterable<string> {
    return this.byFirst.keys();
  }
  /** The phrase starting at token i (longest), as its token count, or 0. `marks`: the sentence's phraseMarks. */
  at(toks: readonly SentTok[], i: number, marks?: Uint16Array): number {
    if (marks !== undefined && (marks[i]! & this.bit) === 0) return 0;
    const list = this.byFirst.get(toks[i]!.low);
    let best = 0;
    if (list !== undefined)
      for (const parts of list) {
        if (parts.length <= best || i + parts.length > toks.length) continue;
        let ok = true;
        for (let k = 1; k < parts.length && ok; k++) ok = toks[i + k]!.low === parts[k];
        if (ok) best = parts.length;
      }
    return best;
  }
}

interface Lists {
  words: ClaimWords;
  negators: Phrases;
  hedges: Phrases;
  weakHedges: Phrases;
  boosters: Phrases;
  approx: Phrases;
  creditAfter: Phrases;
  creditBefore: Phrases;
  sayVerbs: Phrases;
  generic: Phrases;
  negativeWords: Phrases;
  notNegating: Phrases;
  opinion: Phrases;
  bounds: Phrases;
  determiners: ReadonlySet<string>;
  /** First word → the bits of the phrase lists with a phrase starting with it. */
  firsts: ReadonlyMap<string, number>;
  /** The first words of the units written in two words ("square miles"). */
  compoundUnitFirsts: ReadonlySet<string>;
  denials: ReadonlySet<string>;
  admissions: ReadonlySet<string>;
}

const DETERMINERS = new Set(
  `the a an of for at der die das den dem des ein eine einer eines einem von vom le la les l un une du de el los las una del`.split(' '),
);
const compiled = new Map<CheckLang, Lists>();
export function lists(lang: CheckLang): Lists {
  let l = compiled.get(lang);
  if (l === undefined) {
    const w = claimWords(lang);
    const all: Phrases[] = [];
    const phrases = (list: readonly string[]): Phrases => {
      const p = new Phrases(list, 1 << all.length);
      all.push(p);
      return p;
    };
    l = {
      words: w,
      negators: phrases(w.negators),
      hedges: phrases(w.hedges),
      weakHedges: phrases(w.weakHedges),
      boosters: phrases(w.boosters),
      approx: phrases(w.approx),
      creditAfter: phrases(w.creditAfter),
      creditBefore: phrases(w.creditBefore),
      sayVerbs: phrases(w.sayVerbs),
      generic: phrases(w.generic),
      negativeWords: phrases(w.negativeWords),
      notNegating: phrases(w.notNegating),
      opinion: phrases(w.opinion),
      bounds: phrases(w.bounds),
      determiners: DETERMINERS,
      firsts: firstsOf(all),
      compoundUnitFirsts: new Set([...w.units.keys()].filter((u) => u.includes(' ')).map((u) => u.slice(0, u.indexOf(' ')))),
      denials: new Set(w.denials),
      admissions: new Set(w.admissions),
    };
    compiled.set(lang, l);
  }
  return l;
}

/**
 * French conditional forms, not the imperfect that also ends in "-rait" ("offrait", "durait", "tirait"): "-erait"
 * ("financerait"), "-rrait" ("pourrait"), "-drait" ("viendrait"), "-rirait" ("souffrirait"), and the short ones.
 */
const FR_CONDITIONAL = /^(?:.{2,}(?:e|r|d|ri)rai(?:en)?t|(?:au|se|fe|i|di|vou|sau)rai(?:en)?t)$/;

/** "doesn't just", "isn't only": the negation adds a claim, it denies none. */
const FOCUS: ReadonlySet<string> = new Set(['just', 'only', 'merely', 'simply']);

/** Words that join two clauses: a credit is never read across them. */
const CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'or', 'but', 'und', 'oder', 'aber', 'et', 'ou', 'mais', 'y', 'e', 'o', 'pero']);

function firstsOf(lists: readonly Phrases[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of lists) for (const first of p.firsts()) out.set(first, (out.get(first) ?? 0) | p.bit);
  return out;
}

/** Per token of a sentence: the bits of the phrase lists with a phrase starting there. */
function phraseMarks(toks: readonly SentTok[], l: Lists): Uint16Array {
  const marks = new Uint16Array(toks.length);
  for (let i = 0; i < toks.length; i++) marks[i] = l.firsts.get(toks[i]!.low) ?? 0;
  return marks;
}

/** Who a claim is credited to: its words (lower case), the capitalised ones, and the words as written. */
export interface Credit {
  words: string[];
  caps: string[];
  /** Capitalised words that are names whatever the language: acronyms ("AP"), and mid-sentence capitals outside German. */
  strong: string[];
  /** Words of names the facts check reads (in every language: German nouns are not names there). */
  named: string[];
  /** Its first token. */
  from: number;
  /** Read after "according to" or before "zufolge": a credit for sure (a verb's subject may be anything). */
  cued: boolean;
  text: string;
  vague: boolean;
}

export interface Dated {
  weekdays: Set<number>;
  /** "3-4": March 4. */
  days: Set<string>;
  /** Months named without a day. */
  months: Set<number>;
  years: Set<number>;
}

export interface Measured {
  value: number;
  unit: string;
  text: string;
}

interface Plain {
  value: number;
  text: string;
}

/** What one sentence claims, as the comparisons read it. */
export interface Claim {
  sent: Sentence;
  lang: CheckLang;
  negation: readonly string[];
  /** Words whose meaning negates, outside the negators ("declined", "absence"): a negation that can be lost. */
  softNegation: readonly string[];
  /** A negation in any form: a negator, or a word whose meaning negates ("declined", "ohne", "absence"). */
  negCue: boolean;
  /** The same outside quote marks: a quotation is the facts check's to compare, word for word. */
  negOutside: boolean;
  /** A verb that denies, and one that admits (as written). */
  denial?: string;
  admission?: string;
  /** The content words a negation bears on (the next few words up to a comma), lower case. */
  negated: readonly string[];
  /** The first of them for each negation: the word it denies ("not sure", "nicht einschränken"). */
  heads: readonly string[];
  hedges: readonly string[];
  /** Hedges that are a verb's mood (the French conditional): the verb kept in another mood does not keep them. */
  moods: readonly string[];
  /** Modals that hedge only sometimes ("could be seen"): they count when a certain word replaces them. */
  weakHedges: readonly string[];
  boosters: readonly string[];
  /** Figures with "about", "rund", "environ" before them → the phrase as written. */
  approx: Map<number, string>;
  dated: Dated;
  measured: readonly Measured[];
  /** Figures per a time unit ("550 euros a month", "60 jours par an"): the time unit as UNIT_BASE names it. */
  rates: readonly Measured[];
  figures: readonly Plain[];
  /** Whether an offset of its text is in a name the facts check reads (who a credit names: creditsOf). */
  isName: (at: number) => boolean;
  /** Lower-case words (a hyphenated word's parts too). */
  low: Set<string>;
  /** Words of the names the facts check reads in the sentence (lower case) → as written. */
  named: Map<string, string>;
  /** Words of titles in quote marks (publications). */
  titles: Set<string>;
  /** Words of names written in two or more words ("Raquel Fernández"): most often a person's. */
  fullNames: Set<string>;
  generic: boolean;
  /** Ends like a sentence (not a heading or a headline). */
  terminal: boolean;
  /** phraseMarks of its tokens. */
  marks: Uint16Array;
}

const textOf = (s: Sentence, from: number, to: number): string => s.span.text.slice(s.toks[from]!.start - s.span.start, s.toks[to]!.end - s.span.start);

/** Who the claim is credited to, reading from token i in one direction (+1 or -1). */
function creditFrom(s: Sentence, i: number, dir: 1 | -1, l: Lists, lang: CheckLang, isName: (at: number) => boolean, marks: Uint16Array): Credit | null {
  const toks = s.toks;
  const picked: number[] = [];
  let skipped = 0;
  let crossed = false;
  for (let j = i, steps = 0; j >= 0 && j < toks.length && steps < 7; j += dir, steps++) {
    const t = toks[j]!;
    // "Le maire de Lyon, Grégory Doucet, a déclaré": back over one comma to a name in apposition.
    if (dir === -1 && t.low === ',' && picked.length === 0 && !crossed) {
      crossed = true;
      continue;
    }
    if (t.kind !== 'word') break;
    // Over a comma only a name in apposition (German capitalises every noun: a name the facts check reads).
    if (crossed && picked.length === 0 && !(lang === 'de' ? isName(t.start) : t.cap) && !l.words.functionWords.has(t.low)) return null;
    if (l.words.weekdays.has(t.low) || monthOf(t, l.words, lang) !== undefined) break;
    if (l.sayVerbs.at(toks, j, marks) > 0) {
      if (picked.length > 0) break;
      skipped++;
      continue;
    }
    // "… et affirme": a verb after a conjunction has its subject further back, not next to it.
    if (CONJUNCTIONS.has(t.low)) return null;
    if (l.determiners.has(t.low) || (picked.length === 0 && l.words.functionWords.has(t.low) && skipped < 2 && !l.words.vague.has(t.low))) {
      skipped++;
      continue;
    }
    if (l.words.functionWords.has(t.low) && !l.words.vague.has(t.low)) break;
    if (CONJUNCTIONS.has(t.low)) break;
    picked.push(j);
    if (picked.length >= 4) break;
  }
  if (picked.length === 0) return null;
  const ordered = dir === 1 ? picked : picked.reverse();
  // The words (a hyphenated one by its parts), the capitalised ones, and the sure names among those.
  const words: string[] = [];
  const caps: string[] = [];
  const strong: string[] = [];
  for (const j of ordered) {
    const t = toks[j]!;
    const parts = t.low.includes('-') ? t.low.split('-') : null;
    pushParts(words, t.low, parts);
    if (!t.cap) continue;
    pushParts(caps, t.low, parts);
    if ((t.end - t.start > 1 && allCaps(s.span.text, t.start - s.span.start, t.end - s.span.start)) || (lang !== 'de' && !t.first))
      pushParts(strong, t.low, parts);
  }
  return {
    words,
    caps,
    strong,
    named: ordered.filter((j) => isName(toks[j]!.start)).flatMap((j) => toks[j]!.low.split('-')),
    from: ordered[0]!,
    cued: false,
    text: textOf(s, ordered[0]!, ordered[ordered.length - 1]!),
    vague: words.every((w) => l.words.vague.has(w)),
  };
}

/** Whether text[from, to) is written in capitals (no letter that upper case changes). */
function allCaps(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) {
      const raw = text.slice(from, to);
      return raw === raw.toUpperCase();
    }
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

/** A word onto a list: its hyphenated parts when it has them, else the word. */
function pushParts(list: string[], word: string, parts: readonly string[] | null): void {
  if (parts === null) list.push(word);
  else for (const p of parts) list.push(p);
}

function credits(s: Sentence, l: Lists, lang: CheckLang, isName: (at: number) => boolean, marks: Uint16Array): Credit[] {
  const out: Credit[] = [];
  const toks = s.toks;
  for (let i = 0; i < toks.length; i++) {
    let n = l.creditAfter.at(toks, i, marks);
    if (n > 0) {
      const c = creditFrom(s, i + n, 1, l, lang, isName, marks);
      if (c) out.push({ ...c, cued: true });
      i += n - 1;
      continue;
    }
    n = l.creditBefore.at(toks, i, marks);
    if (n > 0) {
      const c = creditFrom(s, i - 1, -1, l, lang, isName, marks);
      if (c) out.push({ ...c, cued: true });
      continue;
    }
    n = l.sayVerbs.at(toks, i, marks);
    if (n === 0) continue;
    const before = creditFrom(s, i - 1, -1, l, lang, isName, marks);
    if (before) out.push(before);
    // "Moneyfacts, the comparison site, said": the name before a describing apposition is who is credited.
    if ((!before || before.caps.length === 0) && toks[i - 1]?.low === ',') {
      let d = i - 2;
      while (d >= 0 && d > i - 7 && toks[d]!.kind === 'word' && !toks[d]!.cap) d--;
      if (d < i - 2 && toks[d]?.low === ',' && toks[d - 1]?.cap) {
        const named = creditFrom(s, d - 1, -1, l, lang, isName, marks);
        const described = toks.slice(d + 1, i - 1).filter((t) => !l.determiners.has(t.low));
        if (named) out.push({ ...named, words: [...named.words, ...described.map((t) => t.low)] });
      }
    }
    // Inverted ("…, said the ministry.", "a indiqué la préfecture du Rhône."): after a comma or quote (auxiliaries
    // between), with the clause ending soon after; in German after any first part ("Am Montag sagte Scholz").
    let p = i - 1;
    while (p >= 0 && p >= i - 2 && toks[p]!.kind === 'word' && l.words.functionWords.has(toks[p]!.low)) p--;
    const prev = toks[p];
    let end = i + n;
    while (end < toks.length && end < i + n + 7 && toks[end]!.kind !== 'punct') end++;
    const shortClause = end === toks.length || toks[end]!.kind === 'punct';
    const inverted = lang === 'de' || ((prev === undefined || prev.kind === 'punct' || l.words.weekdays.has(prev.low)) && shortClause);
    if (!before && inverted) {
      const after = creditFrom(s, i + n, 1, l, lang, isName, marks);
      if (after) out.push(after);
    }
    if (toks[i]!.low === 'told') {
      const object = creditFrom(s, i + 1, 1, l, lang, isName, marks);
      if (object) out.push(object);
    }
    i += n - 1;
  }
  return out;
}

/** French "ne … que" ("ne compte plus que 4": only 4) restricts, it does not negate: a "que" follows before any "pas". */
function restrictive(toks: readonly SentTok[], i: number): boolean {
  const t = toks[i]!.low;
  if (t !== 'ne' && t !== 'n') return false;
  for (let k = i + 1; k < toks.length && k <= i + 6; k++) {
    const x = toks[k]!.low;
    if (toks[k]!.kind === 'punct') return false;
    if (x === 'que' || x === 'qu') return true;
    if (['pas', 'jamais', 'rien', 'aucun', 'aucune', 'personne', 'guère', 'ni', 'nullement'].includes(x)) return false;
    if (x === 'plus' && toks[k + 1]?.low !== 'que' && toks[k + 1]?.low !== 'qu') return false;
  }
  return false;
}

const OPENING_QUOTES = new Set(['„', '“', '"', '«', '‚', '‹']);
const CLOSING_QUOTES = new Set(['“', '”', '"', '»', '‘', '›']);

/**
 * Tokens of a title in quote marks (the „Spiegel“, « Libération », the "Guardian"): one to four words, the first
 * capitalised. A publication's name, which the facts check leaves out, is still who a claim is credited to.
 */
function quotedTitles(toks: readonly SentTok[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]!.kind !== 'punct' || !OPENING_QUOTES.has(toks[i]!.low) || !toks[i + 1]?.cap) continue;
    let j = i + 1;
    while (j < toks.length && j <= i + 4 && toks[j]!.kind === 'word') j++;
    if (j > i + 1 && toks[j]?.kind === 'punct' && CLOSING_QUOTES.has(toks[j]!.low)) for (let k = i + 1; k < j; k++) out.add(k);
  }
  return out;
}

/** Tokens inside quote marks (any length, up to the closing mark or the sentence's end). */
function quotedTokens(toks: readonly SentTok[]): Set<number> {
  const out = new Set<number>();
  let open = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'punct' && (open ? CLOSING_QUOTES.has(t.low) : OPENING_QUOTES.has(t.low))) {
      open = !open;
      continue;
    }
    if (open) out.add(i);
  }
  return out;
}

/** Whether an offset falls in one of the ranges (sorted by start, as the facts check lists names). */
export function inRanges(ranges: NameRanges): (at: number) => boolean {
  return (at) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [start, end] = ranges[mid]!;
      if (at < start) hi = mid - 1;
      else if (at >= end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** Shared by every claim that has none: most have no weekday, day, month, year or approximate figure. Never changed. */
class Nothing<T> extends Set<T> {
  override add(): this {
    throw new TypeError('a shared empty set');
  }
}
class NoFigures extends Map<number, string> {
  override set(): this {
    throw new TypeError('a shared empty map');
  }
}
class NoNames extends Map<string, string> {
  override set(): this {
    throw new TypeError('a shared empty map');
  }
}
const NOTHING: Set<never> = new Nothing<never>();
const NO_FIGURES: Map<number, string> = new NoFigures();
const NO_NAMES: Map<string, string> = new NoNames();

/**
 * Shared by every claim list that is empty (most of a claim's eleven are): a claim outlives young-generation
 * collections, and an empty array of its own would be copied with it. Frozen: never changed.
 */
const NONE: readonly never[] = Object.freeze([]);
const kept = <T>(list: readonly T[]): readonly T[] => (list.length > 0 ? list : NONE);

/** The set with `v` added: a set of its own in place of the shared empty one. */
function added<T>(set: Set<T>, v: T): Set<T> {
  const own = set === NOTHING ? new Set<T>() : set;
  own.add(v);
  return own;
}

/** The Spanish forms of "haber" before a participle. */
const HABER = new Set(['ha', 'han', 'había', 'habían', 'haber', 'hubiera']);

export function readClaim(sent: Sentence, lang: CheckLang, isName: (at: number) => boolean): Claim {
  const l = lists(lang);
  const w = l.words;
  const toks = sent.toks;
  const marks = phraseMarks(toks, l);
  const negation: string[] = [];
  const negated: string[] = [];
  const hedges: string[] = [];
  const weakHedges: string[] = [];
  const heads: string[] = [];
  // The content words a negation bears on: up to `most` of them from token `from` in direction `dir`, within the clause.
  // Forward after a negator; backward too for a verb that denies, whose object may come before it ("die Vorwürfe
  // bestritten", "les faits, il les nie").
  const bearing = (from: number, dir: 1 | -1, most: number): void => {
    for (let k = from, n = 0; k >= 0 && k < toks.length && n < most; k += dir) {
      const t = toks[k]!;
      if (t.kind === 'punct') break;
      if (t.kind === 'word' && !w.functionWords.has(t.low)) {
        if (n === 0) heads.push(t.low);
        negated.push(t.low);
        n++;
      }
    }
  };
  const scope = (from: number): void => bearing(from, 1, 4);
  const scopeBefore = (at: number): void => bearing(at - 1, -1, 2);
  const boosters: string[] = [];
  const moods: string[] = [];
  const said = toks.some((_, k) => l.sayVerbs.at(toks, k, marks) > 0 || l.creditAfter.at(toks, k, marks) > 0);
  let generic = false;
  let reported = false;
  let negCue = false;
  let negOutside = false;
  let denial: string | undefined;
  let admission: string | undefined;
  const anyQuote = /["«»„“”‚‘’‹›]/.test(sent.span.text);
  const quoted: ReadonlySet<number> = anyQuote ? quotedTokens(toks) : NOTHING;
  const softNegation: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== 'word') continue;
    if (!quoted.has(i)) {
      if (l.denials.has(t.low)) denial ??= textOf(sent, i, i);
      if (l.admissions.has(t.low)) admission ??= textOf(sent, i, i);
    }
    let hit = false;
    if (lang === 'en' && t.low.endsWith("n't") && !FOCUS.has(toks[i + 1]?.low ?? '')) {
      negation.push(textOf(sent, i, i));
      negCue = hit = true;
      scope(i + 1);
    }
    const bound = l.notNegating.at(toks, i, marks);
    if (bound > 0) {
      // "or not", "no more than", "nicht nur": the negator inside does not negate the claim.
      i += bound - 1;
      continue;
    }
    const soft = l.negativeWords.at(toks, i, marks);
    if (soft > 0) {
      negCue = hit = true;
      // A verb that refuses ("declined to say") is a negation a rewrite can lose; "without" and "none" are read below.
      if (l.negators.at(toks, i, marks) === 0) {
        softNegation.push(textOf(sent, i, i + soft - 1));
        scope(i + soft);
        if (lang === 'de') scopeBefore(i);
      }
    }
    let n = l.negators.at(toks, i, marks);
    if (n > 0 && !(t.low === 'no' && toks[i + 1]?.kind === 'num') && !(lang === 'fr' && restrictive(toks, i))) {
      negation.push(textOf(sent, i, i + n - 1));
      negCue = hit = true;
      scope(i + n);
      if (lang === 'de' && !w.clausalNegators.includes(t.low) && soft > 0) scopeBefore(i);
    }
    if (hit && !quoted.has(i)) negOutside = true;
    if ((t.low === 'que' || t.low === 'qu') && [1, 2, 3].some((k) => i - k >= 0 && l.sayVerbs.at(toks, i - k, marks) > 0)) reported = true;
    n = l.hedges.at(toks, i, marks);
    if (n > 0 && reported && w.conditionals.includes(t.low)) n = 0;
    // "soll … haben", "haben sollen" report a claim (a hedge); "soll … werden" states a plan (a hedge only when a
    // certain word replaces it).
    if (n > 0 && w.reportive.includes(t.low) && !toks.some((x) => w.reportiveAfter.includes(x.low))) {
      weakHedges.push(textOf(sent, i, i));
      n = 0;
    }
    // "May" the month is no hedge, nor is "ha supuesto" (has meant: a participle after "haber").
    if (
      n > 0 &&
      !(lang === 'en' && t.low === 'may' && (t.cap && !t.first ? true : toks[i + 1]?.kind === 'num' || toks[i - 1]?.kind === 'num')) &&
      !(lang === 'es' && HABER.has(toks[i - 1]?.low ?? ''))
    )
      hedges.push(textOf(sent, i, i + n - 1));
    n = l.weakHedges.at(toks, i, marks);
    // "said it would reopen": the conditional of reported speech (backshift) hedges nothing.
    if (n > 0 && said && w.conditionals.includes(t.low)) n = 0;
    if (n > 0) weakHedges.push(textOf(sent, i, i + n - 1));
    // The French conditional of a claim not yet confirmed ("il souffrirait", "aurait financé") hedges it, as "allegedly"
    // does ("selon son équipe" too); in reported speech ("a dit qu'il passerait") or after "si" it is only a tense.
    else if (lang === 'fr' && FR_CONDITIONAL.test(t.low) && !l.hedges.at(toks, i, marks)) {
      if (
        reported ||
        toks.some((_, k) => l.sayVerbs.at(toks, k, marks) > 0 && l.creditAfter.at(toks, k, marks) === 0) ||
        toks.slice(Math.max(0, i - 6), i).some((x) => x.low === 'si' || x.low === 's')
      )
        weakHedges.push(textOf(sent, i, i));
      else {
        hedges.push(textOf(sent, i, i));
        moods.push(textOf(sent, i, i));
      }
    }
    // A belief or an accusation ("hopes", "cree", "wirft vor"): as weak as a modal.
    else if (l.opinion.at(toks, i, marks) > 0) weakHedges.push(textOf(sent, i, i));
    n = l.boosters.at(toks, i, marks);
    if (n > 0) boosters.push(textOf(sent, i, i + n - 1));
    if (l.generic.at(toks, i, marks) > 0) generic = true;
  }

  // Figures: approximate ones, units, days of the month and years apart.
  let approx: Map<number, string> = NO_FIGURES;
  const measured: Measured[] = [];
  const rates: Measured[] = [];
  const figures: Plain[] = [];
  const dated: Dated = { weekdays: NOTHING, days: NOTHING, months: NOTHING, years: NOTHING };
  toks.forEach((t, i) => {
    const d = w.weekdays.get(t.low);
    if (d !== undefined) dated.weekdays = added(dated.weekdays, d);
    const m = monthOf(t, w, lang);
    if (m !== undefined) {
      const near = [toks[i - 1], toks[i + 1], toks[i - 2]].some((x) => x?.kind === 'num');
      if (!near) dated.months = added(dated.months, m);
    }
  });
  for (const f of sent.figures) {
    const text = textOf(sent, f.from, f.to);
    const next = toks[f.to + 1];
    if (f.year && !(next && (w.units.has(next.low) || next.low === '%'))) {
      dated.years = added(dated.years, f.value);
      continue;
    }
    // A day of the month: the figure next to a month name ("March 3", "3. März", "3 de marzo", "le 3 mars").
    const isDay = Number.isInteger(f.value) && f.value >= 1 && f.value <= 31 && f.from === f.to;
    if (isDay) {
      const at = (k: number): SentTok | undefined => toks[k];
      const after = [at(f.to + 1), at(f.to + 1)?.low === '.' || at(f.to + 1)?.low === 'de' ? at(f.to + 2) : undefined];
      const before = at(f.from - 1);
      const month = [before, ...after].map((t) => (t ? monthOf(t, w, lang) : undefined)).find((m) => m !== undefined);
      if (month !== undefined) {
        dated.days = added(dated.days, `${month}-${f.value}`);
        continue;
      }
    }
    // The unit after it: "5 miles", "5-mile", "5km", "30 °C".
    let u = f.to + 1;
    if (toks[u]?.low === '-' || toks[u]?.low === 'de' || toks[u]?.low === 'd' || toks[u]?.low === 'of') u++;
    const unitTok = toks[u];
    const compound = unitTok && toks[u + 1] && l.compoundUnitFirsts.has(unitTok.low) ? w.units.get(`${unitTok.low} ${toks[u + 1]!.low}`) : undefined;
    const unit = compound ?? (unitTok ? (w.units.get(unitTok.low) ?? (unitTok.glued ? GLUED_UNITS.get(unitTok.low) : undefined)) : undefined);
    if (unit !== undefined && unitTok!.kind === 'word') {
      measured.push({ value: f.value, unit, text: textOf(sent, f.from, compound ? u + 1 : u) });
    }
    const per = rateAt(toks, f.to + 1, w);
    if (per) rates.push({ value: f.value, unit: per.unit, text: textOf(sent, f.from, per.end) });
    // An approximation before it: "about 40", "rund 40", "environ 40", "unos 40" (a currency sign may come between).
    for (let k = Math.max(0, f.from - 4); k < f.from; k++) {
      const n = l.approx.at(toks, k, marks);
      if (n === 0) continue;
      const gap = f.from - (k + n);
      if (gap === 0 || (gap === 1 && toks[k + n]!.kind === 'punct')) {
        if (approx === NO_FIGURES) approx = new Map();
        approx.set(f.value, textOf(sent, k, f.to));
      }
    }
    // A time of day ("11 p.m.", "23 Uhr", "14 h", "14:30") is compared by the facts check, which reads its forms.
    if (f.time || (next && TIME_WORDS.has(next.low)) || ((next?.low === 'p' || next?.low === 'a') && toks[f.to + 3]?.low === 'm')) continue;
    if (f.value === 1 && toks[f.from]!.kind === 'word') continue; // "one of", "un", "uno": too common in prose
    if (f.value < 1 && toks[f.from]!.kind === 'word') continue;
    figures.push({ value: f.value, text: unit !== undefined ? textOf(sent, f.from, compound ? u + 1 : u) : text });
  }

  const low = new Set<string>();
  let named: Map<string, string> = NO_NAMES;
  const titled: ReadonlySet<number> = anyQuote ? quotedTitles(toks) : NOTHING;
  let titles: Set<string> = NOTHING;
  let fullNames: Set<string> = NOTHING;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.kind !== 'word') continue;
    low.add(t.low);
    // The parts of a hyphenated word count as its words too ("ADAC-Umfrage" mentions the ADAC).
    if (t.low.includes('-')) for (const part of t.low.split('-')) low.add(part);
    if (titled.has(k)) titles = added(titles, t.low);
    if (t.cap && (isName(t.start) || titled.has(k))) {
      if (named === NO_NAMES) named = new Map();
      named.set(t.low, sent.span.text.slice(t.start - sent.span.start, t.end - sent.span.start));
      const next = toks[k + 1];
      if (next?.cap && isName(next.start)) fullNames = added(added(fullNames, t.low), next.low);
    }
  }
  const terminal = /[.!?…]["'”’»)]*$/u.test(sent.span.text);
  return {
    sent,
    lang,
    negation: kept(negation),
    softNegation: kept(softNegation),
    negCue,
    negOutside,
    heads: kept(heads),
    denial,
    admission,
    negated: kept(negated),
    hedges: kept(hedges),
    moods: kept(moods),
    weakHedges: kept(weakHedges),
    boosters: kept(boosters),
    approx,
    isName,
    marks,
    dated,
    measured: kept(measured),
    rates: kept(rates),
    figures: kept(figures),
    low,
    named,
    titles,
    fullNames,
    generic,
    terminal,
  };
}

const CREDITS = new WeakMap<Claim, Credit[]>();

/** Who a claim is credited to, read when a comparison first asks (most rewrite sentences' and many source sentences' never are). */
export function creditsOf(c: Claim): Credit[] {
  let out = CREDITS.get(c);
  if (out === undefined) {
    out = credits(c.sent, lists(c.lang), c.lang, c.isName, c.marks);
    CREDITS.set(c, out);
  }
  return out;
}

const STEMS = new WeakMap<Claim, Set<string>>();

/** The stems of a claim's words, read when a comparison first asks (most sentences are never asked). */
export function stemsOf(c: Claim): Set<string> {
  let out = STEMS.get(c);
  if (out === undefined) {
    out = new Set<string>();
    for (const w of c.low) out.add(stem(w));
    STEMS.set(c, out);
  }
  return out;
}

/** Letters that are a unit only written onto the figure ("24C", "75F"). */
const GLUED_UNITS: ReadonlyMap<string, string> = new Map([
  ['c', '°C'],
  ['f', '°F'],
]);

/** Time units a rate is counted per. */
const PER_UNITS: ReadonlySet<string> = new Set(['h', 'min', 'day', 'week', 'month', 'year']);

/**
 * A rate after a figure, from token i: within a few words (its unit and object), a per-word and a time unit not
 * followed by a figure ("550 Euro mehr pro Monat", "60 jours par an"; not "im Jahr 2023"). Its unit, and its last token.
 */
function rateAt(toks: readonly SentTok[], i: number, w: ClaimWords): { unit: string; end: number } | null {
  for (let k = i; k < toks.length && k < i + 5; k++) {
    const t = toks[k]!;
    if (t.kind !== 'word') return null;
    if (!w.perWords.includes(t.low)) continue;
    const next = toks[k + 1];
    const unit = next?.kind === 'word' ? w.units.get(next.low) : undefined;
    if (unit !== undefined && PER_UNITS.has(unit) && toks[k + 2]?.kind !== 'num') return { unit, end: k + 1 };
  }
  return null;
}

/** Words after a figure that make it a time of day. */
const TIME_WORDS = new Set(['uhr', 'h', 'pm', 'am', 'o']);
