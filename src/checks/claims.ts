/**
 * Changed claims: the rewrite's sentences aligned with the source's (./align.ts), and each aligned pair compared for
 * what a claim says: whether it is negated, how certain it is (hedges, approximate figures), who it is credited to,
 * which person it names, its units, days and dates, and its figures. A rewrite sentence that says what the source
 * never says is an invented claim (./invented.ts). Each side is read with its own language's word lists
 * (./lang/claims-*.ts); when the two languages differ, sentences are aligned on figures, dates and names only and no
 * claim counts as invented. Where the rewrite's language has no word lists, the check says nothing ([]).
 *
 * Every comparison looks at the group around a pair, so merged and split sentences are fair: a source sentence's
 * negation is lost only when none of the rewrite sentences aligned with it has one, and a rewrite sentence's new
 * hedge, name or figure counts only when none of its source sentences has it.
 */

import { alignSentences, capitalisedWords, monthOf, readSentence, sentenceTokens, stem, type Sentence } from './align';
import { listFacts, readFacts, type Fact, type FactsRead, type NameRanges } from './facts';
import { rankFindings, type ClaimChange, type Finding, type Span } from './findings';
import type { CheckLang } from './lang';
import type { ClaimWords } from './lang/claim-words';
import { claimWords } from './lang/claims-by-lang';
import { inventedSentences } from './invented';
import type { SentTok } from './sentence-tokens';
import { splitSentences, type SentenceSplits } from './sentences';

/** A rewrite sentence is matched when its sources explain at least this share of its weight. */
const MATCH_COVERAGE = 0.15;
/** A pair this well aligned says the same claim: a negation there is compared on less evidence. */
const CLOSE_COVERAGE = 0.4;
/** When the languages differ, pairs are compared only when this much of the rewrite sentence's anchors matched. */
const CROSS_COVERAGE = 0.5;

export interface ClaimLangs {
  source: CheckLang | null;
  rewrite: CheckLang | null;
}

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
function lists(lang: CheckLang): Lists {
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

/** Endings that make a place's adjective ("Alps" → "Alpine", "Britain" → "British", "Europa" → "europäisch"). */
const ADJECTIVE_ENDINGS = /(ine|ian|ish|ese|ic|an|isch|ische|ischen|ien|ienne|ois|oise|ais|aise|ano|ana|ino|ina|és|esa)$/;

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
interface Credit {
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

interface Dated {
  weekdays: Set<number>;
  /** "3-4": March 4. */
  days: Set<string>;
  /** Months named without a day. */
  months: Set<number>;
  years: Set<number>;
}

interface Measured {
  value: number;
  unit: string;
  text: string;
}

interface Plain {
  value: number;
  text: string;
}

/** What one sentence claims, as the comparisons read it. */
interface Claim {
  sent: Sentence;
  lang: CheckLang;
  negation: string[];
  /** Words whose meaning negates, outside the negators ("declined", "absence"): a negation that can be lost. */
  softNegation: string[];
  /** A negation in any form: a negator, or a word whose meaning negates ("declined", "ohne", "absence"). */
  negCue: boolean;
  /** The same outside quote marks: a quotation is the facts check's to compare, word for word. */
  negOutside: boolean;
  /** A verb that denies, and one that admits (as written). */
  denial?: string;
  admission?: string;
  /** The content words a negation bears on (the next few words up to a comma), lower case. */
  negated: string[];
  /** The first of them for each negation: the word it denies ("not sure", "nicht einschränken"). */
  heads: string[];
  hedges: string[];
  /** Hedges that are a verb's mood (the French conditional): the verb kept in another mood does not keep them. */
  moods: string[];
  /** Modals that hedge only sometimes ("could be seen"): they count when a certain word replaces them. */
  weakHedges: string[];
  boosters: string[];
  /** Figures with "about", "rund", "environ" before them → the phrase as written. */
  approx: Map<number, string>;
  credits: Credit[];
  dated: Dated;
  measured: Measured[];
  /** Figures per a time unit ("550 euros a month", "60 jours par an"): the time unit as UNIT_BASE names it. */
  rates: Measured[];
  figures: Plain[];
  /** Lower-case words, and their stems. */
  low: Set<string>;
  stems: Set<string>;
  /** Capitalised words (lower case) → as written. */
  caps: Map<string, string>;
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
function inRanges(ranges: NameRanges): (at: number) => boolean {
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
const NOTHING: Set<never> = new Nothing<never>();
const NO_FIGURES: Map<number, string> = new NoFigures();

/** The set with `v` added: a set of its own in place of the shared empty one. */
function added<T>(set: Set<T>, v: T): Set<T> {
  const own = set === NOTHING ? new Set<T>() : set;
  own.add(v);
  return own;
}

/** The Spanish forms of "haber" before a participle. */
const HABER = new Set(['ha', 'han', 'había', 'habían', 'haber', 'hubiera']);

function readClaim(sent: Sentence, lang: CheckLang, isName: (at: number) => boolean): Claim {
  const l = lists(lang);
  const w = l.words;
  const toks = sent.toks;
  const marks = phraseMarks(toks, l);
  const negation: string[] = [];
  const negated: string[] = [];
  const hedges: string[] = [];
  const weakHedges: string[] = [];
  const heads: string[] = [];
  const scope = (from: number): void => {
    for (let k = from, n = 0; k < toks.length && n < 4; k++) {
      const t = toks[k]!;
      if (t.kind === 'punct') break;
      if (t.kind === 'word' && !w.functionWords.has(t.low)) {
        if (n === 0) heads.push(t.low);
        negated.push(t.low);
        n++;
      }
    }
  };
  // A verb that denies bears on its object, which may come before it ("die Vorwürfe bestritten", "les faits, il les nie").
  const scopeBefore = (at: number): void => {
    for (let k = at - 1, n = 0; k >= 0 && n < 2; k--) {
      const t = toks[k]!;
      if (t.kind === 'punct') break;
      if (t.kind === 'word' && !w.functionWords.has(t.low)) {
        if (n === 0) heads.push(t.low);
        negated.push(t.low);
        n++;
      }
    }
  };
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
  const stems = new Set<string>();
  const caps = new Map<string, string>();
  const named = new Map<string, string>();
  const titled: ReadonlySet<number> = anyQuote ? quotedTitles(toks) : NOTHING;
  const titles = new Set<string>();
  const fullNames = new Set<string>();
  for (const [k, t] of toks.entries()) {
    if (t.kind !== 'word') continue;
    low.add(t.low);
    stems.add(stem(t.low));
    // The parts of a hyphenated word count as its words too ("ADAC-Umfrage" mentions the ADAC).
    if (t.low.includes('-'))
      for (const part of t.low.split('-')) {
        low.add(part);
        stems.add(stem(part));
      }
    if (t.cap) caps.set(t.low, sent.span.text.slice(t.start - sent.span.start, t.end - sent.span.start));
    if (titled.has(k)) titles.add(t.low);
    if (t.cap && (isName(t.start) || titled.has(k))) {
      named.set(t.low, sent.span.text.slice(t.start - sent.span.start, t.end - sent.span.start));
      const next = toks[k + 1];
      if (next?.cap && isName(next.start)) fullNames.add(t.low).add(next.low);
    }
  }
  const terminal = /[.!?…]["'”’»)]*$/u.test(sent.span.text);
  return {
    sent,
    lang,
    negation,
    softNegation,
    negCue,
    negOutside,
    heads,
    denial,
    admission,
    negated,
    hedges,
    moods,
    weakHedges,
    boosters,
    approx,
    credits: credits(sent, l, lang, isName, marks),
    marks,
    dated,
    measured,
    rates,
    figures,
    low,
    stems,
    caps,
    named,
    titles,
    fullNames,
    generic,
    terminal,
  };
}

/**
 * Person, place and organisation names of the source (outside headlines and headings, which capitalise every word):
 * words in runs of two or more capitalised words (not function words, days or months), and, outside German, words it
 * only ever writes capitalised after a sentence's start. Each name word maps to the entities it belongs to, keyed by
 * the last word of its runs ("Ayatollah Ali Khamenei" and "Supreme Leader Ali Khamenei" are both "khamenei").
 */
function sourceNames(claims: readonly Claim[], lang: CheckLang): Map<string, Set<string>> {
  const w = claimWords(lang);
  const lower = new Set<string>();
  const mid = new Set<string>();
  const out = new Map<string, Set<string>>();
  const add = (word: string, key: string): void => {
    const keys = out.get(word) ?? new Set<string>();
    keys.add(key);
    out.set(word, keys);
  };
  const isNameTok = (t: SentTok): boolean =>
    t.kind === 'word' && t.cap && t.low.length > 1 && !w.functionWords.has(t.low) && !w.weekdays.has(t.low) && monthOf(t, w, lang) === undefined;
  const run: SentTok[] = [];
  const flush = (): void => {
    if (run.length >= 2) for (const t of run) add(t.low, run[run.length - 1]!.low);
    run.length = 0;
  };
  for (const c of claims) {
    if (!c.terminal) continue;
    for (const t of c.sent.toks) {
      if (t.kind === 'word' && !t.cap) lower.add(t.low);
      if (isNameTok(t)) {
        run.push(t);
        if (!t.first) mid.add(t.low);
      } else flush();
    }
    flush();
  }
  if (lang !== 'de') for (const m of mid) if (!lower.has(m) && !out.has(m)) add(m, m);
  for (const l of lower) if (lang === 'de' || !mid.has(l)) out.delete(l);
  return out;
}

/** Whether a rewrite's figure says the source's: equal, rounded ("1.46 million" → "1.5 million"), or converted. */
function sameFigure(a: number, b: number): boolean {
  if (a === b) return true;
  // A figure rounded to three digits or fewer has three significant digits or fewer: most figures are answered here.
  if (!fewDigits(b)) return false;
  for (let digits = 1; digits <= 3; digits++) if (Number(a.toPrecision(digits)) === b) return true;
  return false;
}

/** Whether a figure has at most three significant digits (whole numbers counted without toPrecision). */
function fewDigits(b: number): boolean {
  if (!Number.isSafeInteger(b)) return Number(b.toPrecision(3)) === b;
  let n = Math.abs(b);
  while (n !== 0 && n % 10 === 0) n /= 10;
  return n < 1000;
}

/** Factors to a base unit for units that convert into each other. */
const UNIT_BASE: Readonly<Record<string, [string, number]>> = {
  km: ['len', 1000],
  mi: ['len', 1609.34],
  m: ['len', 1],
  ft: ['len', 0.3048],
  kg: ['mass', 1],
  lb: ['mass', 0.4536],
  t: ['mass', 1000],
  l: ['vol', 1],
  gal: ['vol', 3.785],
  ha: ['area', 1],
  acre: ['area', 0.4047],
  km2: ['area', 100],
  mi2: ['area', 259],
  m2: ['area', 0.0001],
  h: ['time', 3600],
  min: ['time', 60],
  day: ['time', 86400],
  week: ['time', 604800],
  month: ['time', 2629800],
  year: ['time', 31557600],
  mph: ['speed', 1.609],
  'km/h': ['speed', 1],
};

function converts(a: Measured, b: Measured): boolean {
  if (a.unit === '°C' && b.unit === '°F') return Math.abs(a.value * 1.8 + 32 - b.value) <= Math.max(1, b.value * 0.05);
  if (a.unit === '°F' && b.unit === '°C') return converts(b, a);
  const x = UNIT_BASE[a.unit];
  const y = UNIT_BASE[b.unit];
  if (!x || !y || x[0] !== y[0]) return false;
  const want = (a.value * x[1]) / y[1];
  return Math.abs(want - b.value) <= Math.max(0.5, want * 0.08);
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

interface Pair {
  r: Claim;
  sources: Claim[];
  /** Share of the rewrite sentence's weight its sources explain. */
  coverage: number;
}

/** Fact kinds that are figures, and the one that is a date, as the facts check reads them. */
const FIGURE_KINDS: ReadonlySet<string> = new Set(['number', 'percent', 'money']);
const DATE_KINDS: ReadonlySet<string> = new Set(['date']);

/**
 * The changed claims of a rewrite against its source. `facts`: the facts check of the same two texts, and `splits`:
 * their sentences, when the caller has them (runChecks); they are read here otherwise.
 */
export function checkClaims(source: string, rewrite: string, langs: ClaimLangs, facts?: FactsRead, splits?: SentenceSplits): Finding[] {
  const rl = langs.rewrite;
  if (rl === null) return [];
  const sl = langs.source ?? rl;
  const cross = sl !== rl;
  // A figure or date counts as changed only when the facts check, which reads every form of a figure in each language,
  // agrees: the source's figure is missing from the whole rewrite, or the rewrite's is in no part of the source.
  const { report, names: named } = facts ?? readFacts(source, rewrite, undefined, { source: sl, rewrite: rl });

  const read = (text: string, lang: CheckLang, ranges: NameRanges, split: readonly Span[] | undefined): Claim[] => {
    const spans = split ?? splitSentences(text);
    const toks = spans.map((s) => sentenceTokens(s, lang));
    const names = capitalisedWords(toks);
    const w = claimWords(lang);
    const isName = inRanges(ranges);
    return spans.map((s, i) => readClaim(readSentence(s, toks[i]!, lang, w, names, cross), lang, isName));
  };
  const src = read(source, sl, named.source, splits?.source);
  const out = read(rewrite, rl, named.rewrite, splits?.rewrite);
  if (src.length === 0 || out.length === 0) return [];
  // The facts check's missing facts by source sentence and its added ones by rewrite sentence (figures and dates).
  const lost = factsBySentence(report.missing, src);
  const gained = factsBySentence(report.added, out);
  const evidenced = (s: Claim, r: Claim, kinds: ReadonlySet<string>): boolean =>
    (lost.get(s)?.some((f) => kinds.has(f.kind)) ?? false) || (gained.get(r)?.some((f) => kinds.has(f.kind)) ?? false);
  const alignments = alignSentences(
    src.map((c) => c.sent),
    out.map((c) => c.sent),
    cross,
  );

  // Pairs, and each source sentence's rewrite sentences.
  const pairs: Pair[] = [];
  const bySource = new Map<Claim, { r: Claim; primary: boolean; coverage: number }[]>();
  const findings: Finding[] = [];
  // Across two languages no words can be compared: no claim counts as invented.
  const invented = cross
    ? new Set<number>()
    : inventedSentences(
        src.map((c) => c.sent),
        out.map((c) => c.sent),
        alignments,
        claimWords(rl),
        rl,
        src.map((c) => c.terminal),
        out.map((c) => c.terminal),
        out.map((c) => c.generic),
      );
  for (const a of alignments) {
    const r = out[a.rewrite]!;
    if (invented.has(a.rewrite)) {
      findings.push({ kind: 'changed-claim', change: 'invented', rewrite: r.sent.span, from: '', to: r.sent.span.text });
      continue;
    }
    if (a.sources.length === 0 || a.coverage < (cross ? CROSS_COVERAGE : MATCH_COVERAGE)) continue;
    pairs.push({ r, sources: a.sources.map((i) => src[i]!), coverage: a.coverage });
    a.sources.forEach((i, k) => {
      const list = bySource.get(src[i]!) ?? [];
      list.push({ r, primary: k === 0, coverage: a.coverage });
      bySource.set(src[i]!, list);
    });
  }

  const bodies = new Map<Claim, Claim[]>();
  const bodyOf = (s: Claim): Claim[] => {
    let list = bodies.get(s);
    if (list === undefined) {
      list = (bySource.get(s) ?? [])
        .filter((x) => x.r.terminal)
        .sort((a, b) => Number(b.primary) - Number(a.primary) || b.coverage - a.coverage)
        .map((x) => x.r);
      bodies.set(s, list);
    }
    return list;
  };
  const names = sourceNames(src, sl);
  const same = (a: string, b: string): boolean => a === b || stem(a) === stem(b);
  // A source sentence's features as a set, built the first time a pair asks.
  const featureSets = new Map<Claim, Set<string>>();
  const featureSet = (c: Claim): Set<string> => {
    let set = featureSets.get(c);
    if (set === undefined) featureSets.set(c, (set = new Set(c.sent.features)));
    return set;
  };
  // "not sure" said as "unsure": a sentence with the denied word behind a negating prefix keeps the negation.
  const prefixed = (s: Claim, in_: readonly Claim[]): boolean =>
    s.heads.some((h) => claimWords(rl).negPrefixes.some((p) => in_.some((x) => x.low.has(p + h) || x.stems.has(stem(p + h)))));
  // "isn't without substance": two negations cancel, the claim is positive whichever way the rewrite puts it.
  const doubled = (s: Claim): boolean => s.negation.length + s.softNegation.length >= 2 && s.negation.length > 0 && s.softNegation.length > 0;
  // What a negation bears on is said in other sentences: the word it denies, or two of the words after it
  // ("not sure where to start" is not kept in "unsure how to begin" by "start" alone).
  const bearsOn = (heads: readonly string[], words: readonly string[], in_: readonly Claim[], close: boolean): boolean =>
    in_.some((x) => heads.some((w) => inClaim(w, x)) || words.filter((w) => inClaim(w, x)).length >= (close ? 1 : 2));
  // Every word of the source, and the names in a credit: the source's names, acronyms, and (outside German, which
  // capitalises nouns) words capitalised after a sentence's start.
  const srcLow = new Set<string>();
  const srcStems = new Set<string>();
  for (const c of src) for (const w of c.low) srcLow.add(w);
  for (const c of src) for (const st of c.stems) srcStems.add(st);
  // A name in another form is the same name: one's stem starts the other's ("Alpine" for "Alps", "Kelownas" for
  // "Kelowna", "Premierminister" for "Premier").
  const nameIn = (w: string, c: Claim): boolean => {
    if (c.low.has(w)) return true;
    if (w.length < 4) return false;
    for (const x of c.low) {
      if (x.length < 4) continue;
      if (x.startsWith(w) || w.startsWith(x)) return true;
      const [short, long] = x.length < w.length ? [x, w] : [w, x];
      if (ADJECTIVE_ENDINGS.test(long) && long.startsWith(short.slice(0, 3)) && long.length - short.length <= 4) return true;
    }
    return false;
  };
  // Whether the source describes a name so: the describing word beside the name, or credited in a sentence naming it
  // ("The electric carmaker Velto …, the company confirmed").
  const describes = (plain: readonly string[], was: readonly string[]): boolean =>
    src.some((x) => {
      if (!was.some((w) => x.low.has(w))) return false;
      if (x.credits.some((c) => plain.some((p) => c.words.includes(p)))) return true;
      const toks = x.sent.toks;
      for (let i = 0; i < toks.length; i++) {
        if (!plain.includes(toks[i]!.low)) continue;
        for (let k = Math.max(0, i - 3); k < Math.min(toks.length, i + 4); k++) if (was.includes(toks[k]!.low)) return true;
      }
      return false;
    });
  // A credit's words that say who (not vague, not function words).
  const described = (c: Credit, lang: CheckLang): string[] => c.words.filter((w) => !claimWords(lang).vague.has(w) && !claimWords(lang).functionWords.has(w));
  // The stems of every credit's words in the source: the article's actors.
  const creditWords = new Set<string>();
  for (const c of src) for (const cr of c.credits) if (!cr.vague) for (const w of described(cr, sl)) creditWords.add(stem(w));
  const namesOf = (c: Credit): string[] => c.caps.filter((w) => names.has(w) || c.strong.includes(w) || c.named.includes(w));
  const inClaim = (w: string, c: Claim): boolean => c.low.has(w) || c.stems.has(stem(w));
  // A new negation whose words a negation of the source bears on (anywhere: the alignment may have picked a
  // neighbour) says what the source says ("lehnt eine Einschränkung ab" → "will nicht einschränken").
  // Looked up by stem: the source sentences whose negations bear on a word (each sentence once per stem).
  let negatedBy: Map<string, number[]> | undefined;
  const negatedInSource = (r: Claim): boolean => {
    if (cross || r.negated.length === 0) return false;
    if (negatedBy === undefined) {
      negatedBy = new Map();
      for (let si = 0; si < src.length; si++)
        for (const x of src[si]!.negated) {
          const st = stem(x);
          const list = negatedBy.get(st);
          if (list === undefined) negatedBy.set(st, [si]);
          else if (list[list.length - 1] !== si) list.push(si);
        }
    }
    const need = Math.min(2, r.negated.length);
    // How many of r's negated words (each occurrence) each source sentence negates too.
    const count = new Map<number, number>();
    for (const w of r.negated)
      for (const si of negatedBy.get(stem(w)) ?? []) {
        const n = (count.get(si) ?? 0) + 1;
        if (n >= need) return true;
        count.set(si, n);
      }
    return false;
  };

  for (const { r, sources, coverage } of pairs) {
    // The changes found for this rewrite sentence (it is in no other pair).
    const said = new Set<ClaimChange>();
    const found = (change: ClaimChange, s: Claim, from: string, to: string): void => {
      // One changed figure, unit or date per rewrite sentence: the first reading (the facts check's) says it.
      if (AMOUNTS.has(change) && [...AMOUNTS].some((c) => said.has(c))) return;
      said.add(change);
      findings.push({ kind: 'changed-claim', change, source: s.sent.span, rewrite: r.sent.span, from, to });
    };
    const main = sources[0]!;
    // The rewrite sentences that say a source sentence again, the one that says most of it first. Headlines and
    // headings sum up: they neither hide a figure or name the body lost nor count as the place a finding is shown.
    const siblings = (s: Claim): Claim[] => {
      const said = bodyOf(s);
      return r.terminal ? said : said.length > 0 ? [...said, r] : [r];
    };

    // A rewrite sentence that says its source closely: one word of what a negation bears on is enough to compare.
    const close = coverage >= CLOSE_COVERAGE;
    // Negation: the source's negation in none of its rewrite sentences, or a new one in none of the sources.
    // A dropped negation counts when the words it bore on are still there (not when "not in use" became "unused").
    // Across two languages the words cannot be compared: a clausal negation ("not", "nicht") lost counts as it is.
    const clausalIn = (c: Claim): boolean => c.negation.some((n) => claimWords(c.lang).clausalNegators.includes(n.toLowerCase()) || /n['’]t$/i.test(n));
    // Headlines and headings put a claim in few words; the body's sentence is where a negation is compared.
    const negSource = sources.find(
      (s) =>
        r.terminal &&
        s.terminal &&
        (s.negation.length > 0 || s.softNegation.length > 0) &&
        siblings(s).every((x) => !x.negCue && !(hasAny(s.low, claimWords(s.lang).since) && hasAny(x.low, claimWords(x.lang).last))) &&
        (cross ? clausalIn(s) : bearsOn(s.heads, s.negated, siblings(s), close) && !prefixed(s, siblings(s)) && !doubled(s)),
    );
    if (negSource && r === siblings(negSource)[0]) found('negation', negSource, negSource.negation[0] ?? negSource.softNegation[0]!, '');
    else if (r.negation.length > 0 && r.terminal && !negatedInSource(r)) {
      // A new negation counts when it bears on words a source states without one ("gave no details" is no change
      // when the source never mentions details).
      // A clausal negation ("did not", "nicht") where no source negates anything counts as it is.
      const clausal = clausalIn(r);
      const target =
        sources.find((s) => !s.negCue && bearsOn(r.heads, r.negated, [s], close)) ??
        ((cross || close) && clausal && sources.every((s) => !s.negCue) ? main : undefined);
      if (target) found('negation', target, '', r.negation[0]!);
    }

    // A denial turned into an admission or back ("bestreitet die Vorwürfe" → "räumt sie ein"), and "none since
    // 2012" turned into "the last one was not in 2012".
    if (!cross && r.terminal && !said.has('negation')) {
      // The sentence that denies may be one the alignment passed over (a rewrite merging it with a quotation): any
      // source sentence whose denial bears on words this one has, unless another admits them.
      const about = (s: Claim): boolean => s.negated.some((w) => w.length > 3 && inClaim(w, r));
      const denied =
        sources.find((s) => s.denial !== undefined && s.admission === undefined) ??
        (r.admission !== undefined && !src.some((s) => s.admission !== undefined && about(s))
          ? src.find((s) => s.denial !== undefined && s.admission === undefined && about(s))
          : undefined);
      const admitted = sources.find((s) => s.admission !== undefined && s.denial === undefined);
      const since = sources.find((s) => s.negOutside && hasAny(s.low, claimWords(s.lang).since));
      if (denied && r.admission !== undefined && r.denial === undefined && !r.negOutside) found('negation', denied, denied.denial!, r.admission);
      else if (admitted && r.denial !== undefined && r.admission === undefined) found('negation', admitted, admitted.admission!, r.denial);
      else if (since && r.negOutside && hasAny(r.low, claimWords(r.lang).last) && !hasAny(r.low, claimWords(r.lang).since))
        found('negation', since, since.negation[0] ?? '', r.negation[0] ?? '');
    }

    // A word turned into its opposite by a prefix ("suficiente" → "insuficiente", "wahrscheinlich" → "unwahrscheinlich").
    if (!cross && r.terminal && !said.has('negation')) {
      const flip = antonym(r, sources, rl) ?? antonymBack(r, sources, sl);
      if (flip) found('negation', flip[0], flip[1], flip[2]);
    }

    // Certainty: a hedge dropped (or one added: lowered certainty), an approximate figure made exact.
    // A hedge is kept when any hedge, modal or belief remains in the group, or the same word in another form
    // ("previsto" → "previsiblemente", "probablemente" → "probable"), or the same hedge in another rewrite sentence that
    // says what it bore on (the rewrite moved it). Headlines are not compared.
    const sameWord = (h: string, x: Claim): boolean => {
      const head = h.toLowerCase().split(' ')[0]!;
      return x.stems.has(stem(head));
    };
    // Moved: another sentence has the same hedge and what it bears on (the words after it: "expected to last about 11
    // weeks"), and shares at least three words with the sentence it came from.
    const movedIn = (h: string, from: Claim, to: readonly Claim[]): boolean => {
      const fw = claimWords(from.lang).functionWords;
      const words = [...from.low].filter((w) => w.length > 3 && !fw.has(w));
      const toks = from.sent.toks;
      const at = toks.findIndex((t) => t.low === h.toLowerCase().split(' ')[0]);
      const scope = toks
        .slice(at + 1)
        .filter((t) => t.kind === 'num' || (t.kind === 'word' && !fw.has(t.low)))
        .slice(0, 3)
        .map((t) => t.low);
      const bears = (x: Claim): boolean => scope.filter((w) => x.low.has(w) || inClaim(w, x)).length >= Math.min(2, scope.length);
      const hedgeIn = (x: Claim): boolean => (from.moods.includes(h) ? x.hedges.some((o) => o.toLowerCase() === h.toLowerCase()) : sameWord(h, x));
      return to.some((x) => x !== from && x !== r && hedgeIn(x) && bears(x) && words.filter((w) => inClaim(w, x)).length >= 3);
    };
    // A merged sentence's hedge that another of its sources has (and this one lacks) is that source's: it keeps
    // nothing of this one ("sollen starten" beside a lost "könnten").
    const head = (h: string): string => stem(h.toLowerCase().split(' ')[0]!);
    const unsureFor = (x: Claim, s: Claim): boolean =>
      [...x.hedges, ...x.weakHedges].some((h) => {
        const k = head(h);
        const mine = [...s.hedges, ...s.weakHedges].some((o) => head(o) === k);
        return mine || !sources.some((o) => o !== s && [...o.hedges, ...o.weakHedges].some((oh) => head(oh) === k));
      });
    const hedged =
      !r.terminal || cross
        ? sources.find((s) => s.terminal && s.hedges.length > 0 && siblings(s).every((x) => x.hedges.length === 0))
        : sources.find(
            (s) =>
              s.terminal &&
              s.hedges.length > 0 &&
              siblings(s).every((x) => !unsureFor(x, s) && !s.hedges.some((h) => !s.moods.includes(h) && sameWord(h, x))) &&
              !s.hedges.some((h) => movedIn(h, s, out)),
          );
    const weak = sources.find(
      (s) => s.weakHedges.length > 0 && s.hedges.length === 0 && r.boosters.length > 0 && r.weakHedges.length === 0 && r.hedges.length === 0,
    );
    if (hedged && r === siblings(hedged)[0]) found('certainty', hedged, hedged.hedges[0]!, r.boosters[0] ?? '');
    else if (weak && r.terminal) found('certainty', weak, weak.weakHedges[0]!, r.boosters[0]!);
    else if (
      r.terminal &&
      r.hedges.length > 0 &&
      sources.every((s) => s.hedges.length === 0 && s.weakHedges.length === 0 && !r.hedges.some((h) => sameWord(h, s))) &&
      !r.hedges.some((h) => movedIn(h, r, src))
    )
      found('certainty', main, main.boosters[0] ?? '', r.hedges[0]!);
    else if (!cross && r.terminal && !bounded(r)) {
      // An approximate figure made exact; a bound said any other way ("60 au moins", "a maximum of 10") is kept.
      for (const s of sources) {
        const exact = [...s.approx].find(([v]) => r.figures.some((f) => f.value === v) && !r.approx.has(v) && siblings(s).every((x) => !x.approx.has(v)));
        if (exact) {
          found('certainty', s, exact[1], r.figures.find((f) => f.value === exact[0])?.text ?? '');
          break;
        }
      }
    }

    // A source sentence that shares only who is named or credited with this one (aligned for that) does not say its claim.
    const own = new Set([...r.credits.flatMap((c) => c.words), ...r.named.keys()].map(stem));
    const says = (s: Claim): boolean => {
      let shared = 0;
      const theirs = featureSet(s);
      for (const f of r.sent.features) if (theirs.has(f) && !own.has(f.slice(2)) && ++shared >= 2) return true;
      return false;
    };

    // Attribution: the rewrite credits a name its source sentences do not have, in place of a source credit that is
    // gone. A credit without a name ("the company", "celle-ci", "the figures") describes; it moves nothing. A source
    // credit without a name ("the organisation") that the rewrite names after someone the article names is the same one.
    let credited = false;
    for (const rc of r.credits) {
      if (credited || rc.vague) continue;
      const named = namesOf(rc);
      const fresh = named.filter((w) => !sources.some((s) => says(s) && nameIn(w, s)));
      // A credit that describes ("the city council") in place of a name: another who, unless the article describes
      // that name so (a sentence with both: "the carmaker Velto"). Two that both describe ("the police" → "the
      // ministry") differ when the new one is another actor of the article, credited elsewhere in it.
      const plain = named.length === 0 ? described(rc, rl).filter((w) => !sources.some((s) => says(s) && inClaim(w, s))) : [];
      const actor = plain.filter((w) => creditWords.has(stem(w)));
      const together = (a: readonly string[], b: readonly string[]): boolean => src.some((x) => a.some((w) => inClaim(w, x)) && b.some((w) => inClaim(w, x)));
      if (fresh.length === 0 && plain.length === 0) continue;
      for (const s of sources) {
        // Another who: no word in common, or another name beside the common words ("Ministerio de Agricultura" → "de Economía").
        const sc = s.credits.find(
          (c) =>
            !c.vague &&
            described(c, sl).length > 0 &&
            (!c.words.some((w) => rc.words.some((x) => same(w, x))) || (fresh.length > 0 && namesOf(c).some((w) => !rc.words.includes(w)))),
        );
        if (!sc) continue;
        const was = namesOf(sc);
        const lost = was.length > 0 && !was.every((w) => siblings(s).some((x) => nameIn(w, x)));
        const old = described(sc, sl);
        const gone =
          fresh.length > 0
            ? was.length > 0
              ? lost
              : !fresh.every((w) => srcLow.has(w))
            : was.length > 0
              ? lost && !describes(plain, was)
              : (actor.length > 0 || (rc.cued && plain.every((w) => !srcStems.has(stem(w))))) &&
                !old.some((w) => siblings(s).some((x) => inClaim(w, x))) &&
                !together(plain, old);
        if (!gone) continue;
        // A person for a person is a name swap; a body ("UK Finance", an acronym in it) for another, an attribution.
        const acronym = (c: Credit): boolean => c.text.split(/\s+/).some((w) => w.length > 1 && /\p{Lu}{2}/u.test(w) && w === w.toUpperCase());
        const personal = was.length > 0 && fresh.length > 0 && !acronym(sc) && !acronym(rc) && [...was, ...fresh].every((w) => names.has(w));
        found(personal ? 'name-swap' : 'attribution', s, sc.text, rc.text);
        credited = true;
        break;
      }
    }

    // Name swap: a name the facts check reads (or a publication's, in quote marks) that the sources do not have, in
    // place of one gone from all the sentences that say the source again. Headlines and headings are left out (they
    // shorten names freely).
    if (!credited && r.terminal && !said.has('name-swap') && !said.has('attribution')) {
      // Who is credited, and who a claim is about, are two roles: a swap keeps the role.
      const credit = (c: Claim, w: string): boolean => c.titles.has(w) || c.credits.some((x) => x.words.includes(w));
      const added = [...r.named].filter(([w]) => !sources.some((s) => says(s) && nameIn(w, s)));
      for (const s of added.length > 0 ? sources : []) {
        if (!s.terminal) continue;
        const dropped = [...s.named].filter(([w]) => !siblings(s).some((x) => nameIn(w, x)));
        // A person for a person is a name swap, in a credit or not (the credit may be read in one text only); an
        // outlet or a body for another, an attribution.
        const person = (w: string, text: string, c: Claim): boolean => c.fullNames.has(w) && !c.titles.has(w) && text !== text.toUpperCase();
        const alike = ([w, wt]: [string, string], [a, at]: [string, string]): boolean =>
          credit(s, w) === credit(r, a) || (person(w, wt, s) && person(a, at, r));
        const swapped = dropped.find((d) => added.some((a) => alike(d, a)));
        if (swapped === undefined) continue;
        const into = added.filter((a) => alike(swapped, a));
        const personal = person(swapped[0], swapped[1], s) && into.every(([w, t]) => person(w, t, r));
        found(credit(s, swapped[0]) && !personal ? 'attribution' : 'name-swap', s, swapped[1], into.map(([, t]) => t).join(' '));
        break;
      }
    }

    // A fact the facts check lost in a source sentence and one it found new in this rewrite sentence (a rounded or
    // converted amount is none): the same amount in another unit ("0.25 pp" → "0.25%", EUR → USD) is said here,
    // before the figures are compared; two other dates or figures only when the comparisons below find no change.
    const factChange = factPair(
      lost,
      gained,
      sources,
      r,
      (a, b) => sameFigure(a, b) || r.measured.some((m) => m.value === b && sources.some((x) => x.measured.some((sm) => sm.value === a && converts(sm, m)))),
    );
    if (factChange?.change === 'unit') found('unit', factChange.source, factChange.from.text, factChange.to.text);

    // Units: the same figure with another unit, not converted.
    const unitChanged = new Set<number>();
    for (const m of r.measured) {
      for (const s of sources) {
        const other = s.measured.find((x) => x.value === m.value && x.unit !== m.unit);
        if (!other || s.measured.some((x) => x.value === m.value && x.unit === m.unit)) continue;
        found('unit', s, other.text, m.text);
        unitChanged.add(m.value);
        break;
      }
    }

    // Rates: the same figure per another time unit ("a month" → "a year").
    for (const m of r.rates) {
      for (const s of sources) {
        const other = s.rates.find((x) => x.value === m.value && x.unit !== m.unit);
        if (!other || sources.some((x) => x.rates.some((y) => y.value === m.value && y.unit === m.unit))) continue;
        found('unit', s, other.text, m.text);
        unitChanged.add(m.value);
        break;
      }
    }

    // Days and dates: a weekday, day of the month or year the sources do not have, in place of one of theirs.
    const dateChange = <T extends number | string>(kind: keyof Dated, pick: (d: Dated) => Set<T>): void => {
      const fresh = [...pick(r.dated)].filter((x) => !sources.some((s) => pick(s.dated).has(x)));
      if (fresh.length === 0) return;
      for (const s of sources) {
        const gone = [...pick(s.dated)].filter((x) => !siblings(s).some((y) => pick(y.dated).has(x)));
        if (gone.length === 0) continue;
        // Weekdays and month names are words with one reading; days and years are figures, read here less well.
        if (kind === 'weekdays' || kind === 'months' || evidenced(s, r, DATE_KINDS))
          found('date', s, dateText(s, kind, gone[0]!), dateText(r, kind, fresh[0]!));
        return;
      }
    };
    dateChange('weekdays', (d) => d.weekdays);
    dateChange('days', (d) => d.days);
    dateChange('months', (d) => d.months);
    dateChange('years', (d) => d.years);

    // Figures: a figure none of the sources has, in place of one that none of their rewrite sentences has.
    const converted = (v: number): boolean => {
      const m = r.measured.find((x) => x.value === v);
      return m !== undefined && sources.some((s) => s.measured.some((x) => converts(x, m)));
    };
    const fresh = r.figures.filter(
      (f) => !unitChanged.has(f.value) && !converted(f.value) && !sources.some((s) => s.figures.some((x) => sameFigure(x.value, f.value))),
    );
    if (fresh.length > 0) {
      for (const s of sources) {
        const gone = s.figures.filter(
          (f) =>
            !siblings(s).some((x) =>
              x.figures.some((y) => sameFigure(f.value, y.value) || x.measured.some((m) => s.measured.some((sm) => sm.value === f.value && converts(sm, m)))),
            ),
        );
        if (gone.length === 0) continue;
        if (evidenced(s, r, FIGURE_KINDS)) found('figure', s, gone[0]!.text, fresh[0]!.text);
        break;
      }
    }
    if (factChange && factChange.change !== 'unit') found(factChange.change, factChange.source, factChange.from.text, factChange.to.text);
  }
  return dedupe(findings);
}

/** Changes of an amount: figures, units and dates. */
const AMOUNTS: ReadonlySet<ClaimChange> = new Set(['figure', 'unit', 'date']);

/** A figure fact's amount and what it counts ("0.25 pp" → [0.25, "pp"], "USD 5000000" → [5000000, "USD"]). */
function amountOf(f: Fact): [number, string] | null {
  if (f.value === undefined || f.kind === 'date' || f.kind === 'name' || f.kind === 'quote') return null;
  const m = /^([A-Z]{3} )?(-?\d+(?:\.\d+)?)(%| pp| [a-z]+)?$/.exec(f.value);
  return m ? [Number(m[2]), (m[1] ?? '').trim() + (m[3] ?? '').trim()] : null;
}

/**
 * The change a pair's fact findings make: a fact missing in one of its source sentences and one added in its rewrite
 * sentence, of the same kind (a date for a date, an amount for an amount). The same amount counted in another unit or
 * currency is a changed unit; `kept` tells an amount rounded or converted (no change).
 */
function factPair(
  lost: ReadonlyMap<Claim, readonly Fact[]>,
  gained: ReadonlyMap<Claim, readonly Fact[]>,
  sources: readonly Claim[],
  r: Claim,
  kept: (from: number, to: number) => boolean,
): { change: ClaimChange; source: Claim; from: Fact; to: Fact } | null {
  const added = gained.get(r);
  if (added === undefined) return null;
  for (const s of sources)
    for (const m of lost.get(s) ?? []) {
      const a = amountOf(m);
      for (const to of added) {
        if ((m.kind === 'date') !== (to.kind === 'date')) continue;
        if (m.kind === 'date') return { change: 'date', source: s, from: m, to };
        const b = amountOf(to);
        if (a && b && a[0] === b[0] && a[1] !== b[1]) return { change: 'unit', source: s, from: m, to };
        if (a && b && kept(a[0], b[0])) continue; // rounded, or converted to another unit
        return { change: 'figure', source: s, from: m, to };
      }
    }
  return null;
}

/** Figure and date facts by the sentence they are in (found by binary search over the sentences, which are in order). */
function factsBySentence(facts: readonly Fact[], claims: readonly Claim[]): Map<Claim, Fact[]> {
  const out = new Map<Claim, Fact[]>();
  for (const f of facts) {
    if (f.kind === 'name' || f.kind === 'quote' || f.at === undefined) continue;
    let lo = 0;
    let hi = claims.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const span = claims[mid]!.sent.span;
      if (f.at < span.start) hi = mid - 1;
      else if (f.at >= span.end) lo = mid + 1;
      else {
        const list = out.get(claims[mid]!);
        if (list === undefined) out.set(claims[mid]!, [f]);
        else list.push(f);
        break;
      }
    }
  }
  return out;
}

/** Whether a sentence bounds or approximates a figure anywhere in it ("around the 35 km mark", "trois mois au minimum"). */
function bounded(c: Claim): boolean {
  const l = lists(c.lang);
  const toks = c.sent.toks;
  for (let i = 0; i < toks.length; i++) if (l.approx.at(toks, i, c.marks) > 0 || l.bounds.at(toks, i, c.marks) > 0) return true;
  return false;
}

const hasAny = (words: ReadonlySet<string>, list: readonly string[]): boolean => list.some((w) => words.has(w));

/** A rewrite word that is a source word with a negating prefix the source never uses: [source, its word, the new one]. */
function antonym(r: Claim, sources: readonly Claim[], lang: CheckLang): [Claim, string, string] | null {
  const prefixes = claimWords(lang).negPrefixes;
  for (const w of r.low) {
    if (sources.some((s) => s.low.has(w))) continue;
    for (const p of prefixes) {
      if (!w.startsWith(p) || w.length - p.length < 5) continue;
      const base = w.slice(p.length);
      const s = sources.find((x) => x.low.has(base));
      if (s && !s.negated.includes(base) && !r.low.has(base)) return [s, base, w];
    }
  }
  return null;
}

/** The other way: a source word with a negating prefix, its plain form in the rewrite. */
function antonymBack(r: Claim, sources: readonly Claim[], lang: CheckLang): [Claim, string, string] | null {
  const prefixes = claimWords(lang).negPrefixes;
  for (const s of sources)
    for (const w of s.low) {
      if (r.low.has(w)) continue;
      for (const p of prefixes) {
        if (!w.startsWith(p) || w.length - p.length < 5) continue;
        const base = w.slice(p.length);
        if (r.low.has(base) && !r.negated.includes(base) && !s.low.has(base)) return [s, w, base];
      }
    }
  return null;
}

/** A date as the sentence writes it: the weekday, "March 3", or the year. */
function dateText(c: Claim, kind: keyof Dated, key: number | string): string {
  const w = claimWords(c.lang);
  const toks = c.sent.toks;
  const slice = (i: number, j: number): string => c.sent.span.text.slice(toks[i]!.start - c.sent.span.start, toks[j]!.end - c.sent.span.start);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (kind === 'weekdays' && w.weekdays.get(t.low) === key) return slice(i, i);
    if (kind === 'months' && monthOf(t, w, c.lang) === key) return slice(i, i);
    if (kind === 'years' && t.low === String(key)) return slice(i, i);
    if (kind === 'days' && typeof key === 'string') {
      const [m, d] = key.split('-');
      if (t.low === d) {
        const near = [i - 1, i + 1, i + 2].filter((k) => k >= 0 && k < toks.length && monthOf(toks[k]!, w, c.lang) === Number(m));
        if (near.length > 0) return slice(Math.min(i, near[0]!), Math.max(i, near[0]!));
      }
    }
  }
  return String(key);
}

/** One finding per change, pair and wording. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.change}|${f.source?.start ?? -1}|${f.rewrite?.start ?? -1}|${f.from}|${f.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The values the facts check reads in a few words ("60", "March 3"), to tell which fact findings a claim explains. */
function factValues(words: string | undefined): Set<string> {
  return new Set(words ? listFacts(words).map((f) => `${f.kind}|${f.value ?? f.text.toLowerCase()}`) : []);
}

/**
 * The changed claims added to the other findings, ranked. A changed figure or date explains a missing fact and an
 * added one (60 lost, 70 new): that pair of fact findings is dropped, the changed claim says it with both sentences.
 */
export function withClaims(findings: readonly Finding[], claims: readonly Finding[]): Finding[] {
  const drop = new Set<Finding>();
  if (!findings.some((f) => f.kind === 'missing-fact') || !findings.some((f) => f.kind === 'added-fact')) return rankFindings([...claims, ...findings]);
  const missingByKey = new FindingsByKey(findings, 'missing-fact', drop);
  const addedByKey = new FindingsByKey(findings, 'added-fact', drop);
  for (const c of claims) {
    if (c.change !== 'figure' && c.change !== 'date' && c.change !== 'unit') continue;
    // Both or neither are dropped: the added one is looked for only when a missing one is there.
    const missing = missingByKey.first(factValues(c.from));
    const added = missing && addedByKey.first(factValues(c.to));
    if (missing && added) {
      drop.add(missing);
      drop.add(added);
    }
  }
  return rankFindings([...claims, ...findings.filter((f) => !drop.has(f))]);
}

/** The fact findings of one kind by their fact's key, in order, for the first one not dropped with any of some keys. */
class FindingsByKey {
  private readonly byKey = new Map<string, { at: number; f: Finding }[]>();
  constructor(
    findings: readonly Finding[],
    kind: Finding['kind'],
    private readonly drop: ReadonlySet<Finding>,
  ) {
    findings.forEach((f, at) => {
      if (f.kind !== kind) return;
      const key = f.fact ? `${f.fact.kind}|${f.fact.value ?? f.fact.text.toLowerCase()}` : '';
      const list = this.byKey.get(key);
      if (list === undefined) this.byKey.set(key, [{ at, f }]);
      else list.push({ at, f });
    });
  }
  /** The earliest finding (in the findings' order) whose key is one of `keys` and that is not dropped. */
  first(keys: ReadonlySet<string>): Finding | undefined {
    let best: { at: number; f: Finding } | undefined;
    for (const key of keys) {
      const hit = this.byKey.get(key)?.find((x) => !this.drop.has(x.f));
      if (hit !== undefined && (best === undefined || hit.at < best.at)) best = hit;
    }
    return best?.f;
  }
}
