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

import { alignSentences, capitalisedWords, monthOf, readSentence, sentenceTokens, stem } from './align';
import { listFacts, readFacts, type Fact, type FactsRead, type NameRanges } from './facts';
import { rankFindings, type ClaimChange, type Finding, type Span } from './findings';
import type { CheckLang } from './lang';
import { claimWords } from './lang/claims-by-lang';
import { inventedSentences } from './invented';
import { creditsOf, inRanges, lists, readClaim, stemsOf, type Claim, type Credit, type Dated, type Measured } from './claim-read';
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

/** Endings that make a place's adjective ("Alps" → "Alpine", "Britain" → "British", "Europa" → "europäisch"). */
const ADJECTIVE_ENDINGS = /(ine|ian|ish|ese|ic|an|isch|ische|ischen|ien|ienne|ois|oise|ais|aise|ano|ana|ino|ina|és|esa)$/;

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
    s.heads.some((h) => claimWords(rl).negPrefixes.some((p) => in_.some((x) => x.low.has(p + h) || stemsOf(x).has(stem(p + h)))));
  // "isn't without substance": two negations cancel, the claim is positive whichever way the rewrite puts it.
  const doubled = (s: Claim): boolean => s.negation.length + s.softNegation.length >= 2 && s.negation.length > 0 && s.softNegation.length > 0;
  // What a negation bears on is said in other sentences: the word it denies, or two of the words after it
  // ("not sure where to start" is not kept in "unsure how to begin" by "start" alone).
  const bearsOn = (heads: readonly string[], words: readonly string[], in_: readonly Claim[], close: boolean): boolean =>
    in_.some((x) => heads.some((w) => inClaim(w, x)) || words.filter((w) => inClaim(w, x)).length >= (close ? 1 : 2));
  // Every word of the source, and the names in a credit: the source's names, acronyms, and (outside German, which
  // capitalises nouns) words capitalised after a sentence's start.
  let srcLowSet: Set<string> | undefined;
  let srcStemSet: Set<string> | undefined;
  const srcLow = (w: string): boolean => {
    if (srcLowSet === undefined) {
      srcLowSet = new Set<string>();
      for (const c of src) for (const x of c.low) srcLowSet.add(x);
    }
    return srcLowSet.has(w);
  };
  const srcStem = (st: string): boolean => {
    if (srcStemSet === undefined) {
      srcStemSet = new Set<string>();
      for (const c of src) for (const x of stemsOf(c)) srcStemSet.add(x);
    }
    return srcStemSet.has(st);
  };
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
      if (creditsOf(x).some((c) => plain.some((p) => c.words.includes(p)))) return true;
      const toks = x.sent.toks;
      for (let i = 0; i < toks.length; i++) {
        if (!plain.includes(toks[i]!.low)) continue;
        for (let k = Math.max(0, i - 3); k < Math.min(toks.length, i + 4); k++) if (was.includes(toks[k]!.low)) return true;
      }
      return false;
    });
  // A credit's words that say who (not vague, not function words).
  const described = (c: Credit, lang: CheckLang): string[] => c.words.filter((w) => !claimWords(lang).vague.has(w) && !claimWords(lang).functionWords.has(w));
  // The stems of every credit's words in the source: the article's actors (read the first time a credit asks).
  let creditWords: Set<string> | undefined;
  const isActor = (w: string): boolean => {
    if (creditWords === undefined) {
      creditWords = new Set<string>();
      for (const c of src) for (const cr of creditsOf(c)) if (!cr.vague) for (const x of described(cr, sl)) creditWords.add(stem(x));
    }
    return creditWords.has(stem(w));
  };
  const namesOf = (c: Credit): string[] => c.caps.filter((w) => names.has(w) || c.strong.includes(w) || c.named.includes(w));
  const inClaim = (w: string, c: Claim): boolean => c.low.has(w) || stemsOf(c).has(stem(w));
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
      if (AMOUNTS.has(change) && (said.has('figure') || said.has('unit') || said.has('date'))) return;
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
      return stemsOf(x).has(stem(head));
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
    let own: Set<string> | undefined;
    const says = (s: Claim): boolean => {
      own ??= new Set([...creditsOf(r).flatMap((c) => c.words), ...r.named.keys()].map(stem));
      let shared = 0;
      const theirs = featureSet(s);
      for (const f of r.sent.features) if (theirs.has(f) && !own.has(f.slice(2)) && ++shared >= 2) return true;
      return false;
    };

    // Attribution: the rewrite credits a name its source sentences do not have, in place of a source credit that is
    // gone. A credit without a name ("the company", "celle-ci", "the figures") describes; it moves nothing. A source
    // credit without a name ("the organisation") that the rewrite names after someone the article names is the same one.
    let credited = false;
    for (const rc of creditsOf(r)) {
      if (credited || rc.vague) continue;
      const named = namesOf(rc);
      const fresh = named.filter((w) => !sources.some((s) => says(s) && nameIn(w, s)));
      // A credit that describes ("the city council") in place of a name: another who, unless the article describes
      // that name so (a sentence with both: "the carmaker Velto"). Two that both describe ("the police" → "the
      // ministry") differ when the new one is another actor of the article, credited elsewhere in it.
      const plain = named.length === 0 ? described(rc, rl).filter((w) => !sources.some((s) => says(s) && inClaim(w, s))) : [];
      const actor = plain.filter(isActor);
      const together = (a: readonly string[], b: readonly string[]): boolean => src.some((x) => a.some((w) => inClaim(w, x)) && b.some((w) => inClaim(w, x)));
      if (fresh.length === 0 && plain.length === 0) continue;
      for (const s of sources) {
        // Another who: no word in common, or another name beside the common words ("Ministerio de Agricultura" → "de Economía").
        const sc = creditsOf(s).find(
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
              : !fresh.every((w) => srcLow(w))
            : was.length > 0
              ? lost && !describes(plain, was)
              : (actor.length > 0 || (rc.cued && plain.every((w) => !srcStem(stem(w))))) &&
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
      const credit = (c: Claim, w: string): boolean => c.titles.has(w) || creditsOf(c).some((x) => x.words.includes(w));
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
