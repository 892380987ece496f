/**
 * Changed claims: the rewrite's sentences aligned with the source's (./align.ts), and each aligned pair compared for
 * what a claim says: whether it is negated, how certain it is (hedges, approximate figures), who it is credited to,
 * which person it names, its units, days and dates, and its figures. A rewrite sentence with real content that matches
 * no source sentence is an invented claim. Each side is read with its own language's word lists (./lang/claims-*.ts);
 * when the two languages differ, sentences are aligned on figures, dates and names only and no claim counts as
 * invented. Where the rewrite's language has no word lists, the check says nothing ([]).
 *
 * Every comparison looks at the group around a pair, so merged and split sentences are fair: a source sentence's
 * negation is lost only when none of the rewrite sentences aligned with it has one, and a rewrite sentence's new
 * hedge, name or figure counts only when none of its source sentences has it.
 */

import { alignSentences, capitalisedWords, monthOf, readSentence, sentenceTokens, stem, type Sentence } from './align';
import { listFacts } from './facts';
import { rankFindings, type ClaimChange, type Finding, type Span } from './findings';
import type { CheckLang } from './lang';
import type { ClaimWords } from './lang/claim-words';
import { claimWords } from './lang/claims-by-lang';
import type { SentTok } from './sentence-tokens';
import { splitSentences, type SentenceSplits } from './sentences';

/** A rewrite sentence is matched when its sources explain at least this share of its weight. */
const MATCH_COVERAGE = 0.15;
/** Below this, a sentence with real content is an invented claim. */
const INVENTED_COVERAGE = 0.22;
/** Real content: at least this many content words. */
const CLAIM_WORDS = 5;
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
    };
    compiled.set(lang, l);
  }
  return l;
}

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
  /** The content words a negation bears on (the next few words up to a comma), lower case. */
  negated: string[];
  hedges: string[];
  /** Modals that hedge only sometimes ("could be seen"): they count when a certain word replaces them. */
  weakHedges: string[];
  boosters: string[];
  /** Figures with "about", "rund", "environ" before them → the phrase as written. */
  approx: Map<number, string>;
  credits: Credit[];
  dated: Dated;
  measured: Measured[];
  figures: Plain[];
  /** Lower-case words, and their stems. */
  low: Set<string>;
  stems: Set<string>;
  /** Capitalised words (lower case) → as written. */
  caps: Map<string, string>;
  generic: boolean;
  /** Ends like a sentence (not a heading or a headline). */
  terminal: boolean;
  /** phraseMarks of its tokens. */
  marks: Uint16Array;
}

const textOf = (s: Sentence, from: number, to: number): string => s.span.text.slice(s.toks[from]!.start - s.span.start, s.toks[to]!.end - s.span.start);

/** Who the claim is credited to, reading from token i in one direction (+1 or -1). */
function creditFrom(s: Sentence, i: number, dir: 1 | -1, l: Lists, lang: CheckLang, marks: Uint16Array): Credit | null {
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
    if (crossed && picked.length === 0 && !t.cap && !l.words.functionWords.has(t.low)) return null;
    if (l.words.weekdays.has(t.low) || monthOf(t, l.words, lang) !== undefined) break;
    if (l.sayVerbs.at(toks, j, marks) > 0) {
      if (picked.length > 0) break;
      skipped++;
      continue;
    }
    if (l.determiners.has(t.low) || (picked.length === 0 && l.words.functionWords.has(t.low) && skipped < 2 && !l.words.vague.has(t.low))) {
      skipped++;
      continue;
    }
    if (l.words.functionWords.has(t.low) && !l.words.vague.has(t.low)) break;
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

function credits(s: Sentence, l: Lists, lang: CheckLang, marks: Uint16Array): Credit[] {
  const out: Credit[] = [];
  const toks = s.toks;
  for (let i = 0; i < toks.length; i++) {
    let n = l.creditAfter.at(toks, i, marks);
    if (n > 0) {
      const c = creditFrom(s, i + n, 1, l, lang, marks);
      if (c) out.push(c);
      i += n - 1;
      continue;
    }
    n = l.creditBefore.at(toks, i, marks);
    if (n > 0) {
      const c = creditFrom(s, i - 1, -1, l, lang, marks);
      if (c) out.push(c);
      continue;
    }
    n = l.sayVerbs.at(toks, i, marks);
    if (n === 0) continue;
    const before = creditFrom(s, i - 1, -1, l, lang, marks);
    if (before) out.push(before);
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
      const after = creditFrom(s, i + n, 1, l, lang, marks);
      if (after) out.push(after);
    }
    if (toks[i]!.low === 'told') {
      const object = creditFrom(s, i + 1, 1, l, lang, marks);
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

function readClaim(sent: Sentence, lang: CheckLang): Claim {
  const l = lists(lang);
  const w = l.words;
  const toks = sent.toks;
  const marks = phraseMarks(toks, l);
  const negation: string[] = [];
  const negated: string[] = [];
  const hedges: string[] = [];
  const weakHedges: string[] = [];
  const scope = (from: number): void => {
    for (let k = from, n = 0; k < toks.length && n < 4; k++) {
      const t = toks[k]!;
      if (t.kind === 'punct') break;
      if (t.kind === 'word' && !w.functionWords.has(t.low)) {
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
        negated.push(t.low);
        n++;
      }
    }
  };
  const boosters: string[] = [];
  const said = toks.some((_, k) => l.sayVerbs.at(toks, k, marks) > 0 || l.creditAfter.at(toks, k, marks) > 0);
  let generic = false;
  let reported = false;
  let negCue = false;
  const softNegation: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== 'word') continue;
    if (lang === 'en' && t.low.endsWith("n't")) {
      negation.push(textOf(sent, i, i));
      negCue = true;
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
      negCue = true;
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
      negCue = true;
      scope(i + n);
      if (lang === 'de' && !w.clausalNegators.includes(t.low) && soft > 0) scopeBefore(i);
    }
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
    // A belief or an accusation ("hopes", "cree", "wirft vor"), and the French conditional ("passerait"): as weak as a modal.
    else if (l.opinion.at(toks, i, marks) > 0 || (lang === 'fr' && t.low.endsWith('t') && /.{3}(rait|raient)$/.test(t.low)))
      weakHedges.push(textOf(sent, i, i));
    n = l.boosters.at(toks, i, marks);
    if (n > 0) boosters.push(textOf(sent, i, i + n - 1));
    if (l.generic.at(toks, i, marks) > 0) generic = true;
  }

  // Figures: approximate ones, units, days of the month and years apart.
  let approx: Map<number, string> = NO_FIGURES;
  const measured: Measured[] = [];
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
    const unit = compound ?? (unitTok ? w.units.get(unitTok.low) : undefined);
    if (unit !== undefined && unitTok!.kind === 'word') {
      measured.push({ value: f.value, unit, text: textOf(sent, f.from, compound ? u + 1 : u) });
    }
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
  for (const t of toks) {
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
  }
  const terminal = /[.!?…]["'”’»)]*$/u.test(sent.span.text);
  return {
    sent,
    lang,
    negation,
    softNegation,
    negCue,
    negated,
    hedges,
    weakHedges,
    boosters,
    approx,
    credits: credits(sent, l, lang, marks),
    marks,
    dated,
    measured,
    figures,
    low,
    stems,
    caps,
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

/** Names are matched on their first four letters (no accents), so "Iran" finds "Iranian-aligned". */
function nameKey(w: string): string {
  let k = NAME_KEYS.get(w);
  if (k === undefined) {
    if (NAME_KEYS.size >= 50_000) NAME_KEYS.clear(); // a memo, not a store: bounded
    NAME_KEYS.set(w, (k = w.normalize('NFD').replace(/\p{M}/gu, '').slice(0, 4)));
  }
  return k;
}
const NAME_KEYS = new Map<string, string>();

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

/** Words after a figure that make it a time of day. */
const TIME_WORDS = new Set(['uhr', 'h', 'pm', 'am', 'o']);

interface Pair {
  r: Claim;
  sources: Claim[];
}

/** The changed claims of a rewrite against its source. */
export function checkClaims(source: string, rewrite: string, langs: ClaimLangs, splits?: SentenceSplits): Finding[] {
  const rl = langs.rewrite;
  if (rl === null) return [];
  const sl = langs.source ?? rl;
  const cross = sl !== rl;

  const read = (text: string, lang: CheckLang, split: readonly Span[] | undefined): Claim[] => {
    const spans = split ?? splitSentences(text);
    const toks = spans.map((s) => sentenceTokens(s, lang));
    const names = capitalisedWords(toks);
    const w = claimWords(lang);
    return spans.map((s, i) => readClaim(readSentence(s, toks[i]!, lang, w, names, cross), lang));
  };
  const src = read(source, sl, splits?.source);
  const out = read(rewrite, rl, splits?.rewrite);
  if (src.length === 0 || out.length === 0) return [];
  const alignments = alignSentences(
    src.map((c) => c.sent),
    out.map((c) => c.sent),
    cross,
  );

  // Pairs, and each source sentence's rewrite sentences.
  const pairs: Pair[] = [];
  const bySource = new Map<Claim, { r: Claim; primary: boolean; coverage: number }[]>();
  const findings: Finding[] = [];
  for (const a of alignments) {
    const r = out[a.rewrite]!;
    const invented = !cross && r.terminal && !r.generic && r.sent.contentWords >= CLAIM_WORDS && a.coverage < INVENTED_COVERAGE;
    if (invented) {
      findings.push({ kind: 'changed-claim', change: 'invented', rewrite: r.sent.span, from: '', to: r.sent.span.text });
      continue;
    }
    if (a.sources.length === 0 || a.coverage < (cross ? CROSS_COVERAGE : MATCH_COVERAGE)) continue;
    pairs.push({ r, sources: a.sources.map((i) => src[i]!) });
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
  // Whether a claim mentions an entity: one of its words is a word of that entity, or reads like its key.
  // Per claim, built on first use: its words' name keys, and the entities its words belong to.
  const nameKeys = new Map<Claim, { keys: Set<string>; of: Set<string> }>();
  const mentions = (c: Claim, key: string): boolean => {
    let known = nameKeys.get(c);
    if (known === undefined) {
      known = { keys: new Set<string>(), of: new Set<string>() };
      for (const w of c.low) {
        known.keys.add(nameKey(w));
        const of = names.get(w);
        if (of !== undefined) for (const k of of) known.of.add(k);
      }
      nameKeys.set(c, known);
    }
    return known.keys.has(nameKey(key)) || known.of.has(key);
  };
  // The entities a claim's capitalised words name unambiguously (a title shared by two people names neither).
  const entities = (c: Claim): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const [w, text] of c.caps) {
      const keys = names.get(w);
      if (keys === undefined || keys.size !== 1) continue;
      const key = keys.values().next().value!;
      const texts = out.get(key);
      if (texts === undefined) out.set(key, [text]);
      else texts.push(text);
    }
    return out;
  };
  const same = (a: string, b: string): boolean => a === b || stem(a) === stem(b);
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

  for (const { r, sources } of pairs) {
    const found = (change: ClaimChange, s: Claim, from: string, to: string): void => {
      findings.push({ kind: 'changed-claim', change, source: s.sent.span, rewrite: r.sent.span, from, to });
    };
    const main = sources[0]!;
    // The rewrite sentences that say a source sentence again, the one that says most of it first. Headlines and
    // headings sum up: they neither hide a figure or name the body lost nor count as the place a finding is shown.
    const siblings = (s: Claim): Claim[] => {
      const said = bodyOf(s);
      return r.terminal ? said : said.length > 0 ? [...said, r] : [r];
    };

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
        (cross ? clausalIn(s) : s.negated.some((w) => siblings(s).some((x) => inClaim(w, x)))),
    );
    if (negSource && r === siblings(negSource)[0]) found('negation', negSource, negSource.negation[0] ?? negSource.softNegation[0]!, '');
    else if (r.negation.length > 0 && r.terminal && !negatedInSource(r)) {
      // A new negation counts when it bears on words a source states without one ("gave no details" is no change
      // when the source never mentions details).
      // A clausal negation ("did not", "nicht") where no source negates anything counts as it is.
      const clausal = clausalIn(r);
      const target =
        sources.find((s) => r.negated.some((w) => inClaim(w, s)) && !r.negated.some((w) => s.negated.some((x) => same(w, x)))) ??
        (clausal && sources.every((s) => !s.negCue) ? main : undefined);
      if (target) found('negation', target, '', r.negation[0]!);
    }

    // A word turned into its opposite by a prefix ("suficiente" → "insuficiente", "wahrscheinlich" → "unwahrscheinlich").
    if (!cross && r.terminal && !findings.some((f) => f.change === 'negation' && f.rewrite === r.sent.span)) {
      const flip = antonym(r, sources, rl) ?? antonymBack(r, sources, sl);
      if (flip) found('negation', flip[0], flip[1], flip[2]);
    }

    // Certainty: a hedge dropped (or one added: lowered certainty), an approximate figure made exact.
    // A hedge is kept when any hedge, modal or belief remains in the group, or the same word in another form
    // ("previsto" → "previsiblemente", "probablemente" → "probable"), or the same hedge in another rewrite sentence that
    // says what it bore on (the rewrite moved it). Headlines are not compared.
    const unsure = (x: Claim): boolean => x.hedges.length > 0 || x.weakHedges.length > 0;
    const sameWord = (h: string, x: Claim): boolean => {
      const head = h.toLowerCase().split(' ')[0]!;
      return x.stems.has(stem(head));
    };
    const movedIn = (h: string, from: Claim, to: readonly Claim[]): boolean => {
      const words = [...from.low].filter((w) => w.length > 3 && !claimWords(from.lang).functionWords.has(w));
      return to.some((x) => x !== from && sameWord(h, x) && words.filter((w) => inClaim(w, x)).length >= 3);
    };
    const hedged =
      !r.terminal || cross
        ? sources.find((s) => s.terminal && s.hedges.length > 0 && siblings(s).every((x) => x.hedges.length === 0))
        : sources.find(
            (s) =>
              s.terminal &&
              s.hedges.length > 0 &&
              siblings(s).every((x) => !unsure(x) && !s.hedges.some((h) => sameWord(h, x))) &&
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

    // Attribution: the source credits someone who is gone from the rewrite, and the rewrite credits someone new.
    let credited = false;
    const rCredits = r.credits.filter((c) => !c.vague);
    for (const rc of rCredits) {
      if (credited) break;
      // Across languages only names are compared: the source's names, and acronyms or other sure names.
      const key = (c: Credit): string[] =>
        cross ? c.caps.filter((w) => names.has(w) || c.strong.includes(w)) : c.words.filter((w) => !claimWords(c === rc ? rl : sl).vague.has(w));
      const capsOf = (c: Credit): string[] => (cross ? key(c) : c.caps);
      if (key(rc).length === 0 || key(rc).every((w) => sources.some((s) => inClaim(w, s)))) continue;
      for (const s of sources) {
        // Another who: no word in common, or a name in place of another ("Ministry of Agriculture" → "of Economy").
        const newCaps = capsOf(rc).filter((w) => !sources.some((x) => x.low.has(w)));
        const other = (c: Credit): boolean =>
          !key(c).some((w) => key(rc).some((x) => same(w, x))) || (newCaps.length > 0 && capsOf(c).some((w) => !siblings(s).some((x) => x.low.has(w))));
        const sc = s.credits.find((c) => !c.vague && key(c).length > 0 && other(c));
        if (!sc) continue;
        const scCaps = capsOf(sc);
        const kept =
          scCaps.length > 0 ? scCaps.every((w) => siblings(s).some((x) => x.low.has(w))) : key(sc).every((w) => siblings(s).some((x) => inClaim(w, x)));
        if (kept) continue;
        const personal = sc.caps.length > 0 && rc.caps.length > 0 && [...capsOf(sc), ...capsOf(rc)].every((w) => names.has(w));
        found(personal ? 'name-swap' : 'attribution', s, sc.text, rc.text);
        credited = true;
        break;
      }
    }

    // Name swap: a person (or place, organisation) of the source sentence gone from its rewrite sentences, another
    // of the article's put in its place. Headlines and headings are left out (they shorten names freely).
    if (!credited && r.terminal) {
      const added = [...entities(r)].filter(([key]) => !sources.some((s) => mentions(s, key)));
      if (added.length > 0) {
        for (const s of sources) {
          if (!s.terminal) continue;
          const dropped = [...entities(s)].filter(([key]) => !siblings(s).some((x) => mentions(x, key)) && !added.some(([k]) => k === key));
          if (dropped.length === 0) continue;
          found('name-swap', s, dropped[0]![1].join(' '), added[0]![1].join(' '));
          break;
        }
      }
    }

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

    // Days and dates: a weekday, day of the month or year the sources do not have, in place of one of theirs.
    const dateChange = <T extends number | string>(kind: keyof Dated, pick: (d: Dated) => Set<T>): void => {
      const fresh = [...pick(r.dated)].filter((x) => !sources.some((s) => pick(s.dated).has(x)));
      if (fresh.length === 0) return;
      for (const s of sources) {
        const gone = [...pick(s.dated)].filter((x) => !siblings(s).some((y) => pick(y.dated).has(x)));
        if (gone.length === 0) continue;
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
        found('figure', s, gone[0]!.text, fresh[0]!.text);
        break;
      }
    }
  }
  return dedupe(findings);
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
