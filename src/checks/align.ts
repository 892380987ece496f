/**
 * Which source sentence(s) each rewrite sentence says again. A sentence is a bag of features: content words
 * (function words out, crudely stemmed to their first letters), figures and capitalised names. A feature weighs its
 * IDF over both texts' sentences, so shared rare words and figures count and shared topic words hardly do. An
 * inverted index from feature to source sentences (posting lists capped: a feature in that many sentences tells them
 * apart too little) keeps the matching linear in the two texts.
 *
 * A rewrite sentence gets its best source sentence, plus others that explain enough of what the best one leaves
 * unexplained (a rewrite that merges two sentences). A source sentence may be matched by several rewrite sentences
 * (a rewrite that splits one). When the two languages differ, only figures and names are compared.
 */

import type { Span } from './findings';
import type { ClaimWords } from './lang/claim-words';
import { readFigures, tokenizeSentence, type Figure, type SentTok } from './sentence-tokens';
import type { CheckLang } from './lang';

/** One sentence read for alignment and for the claims check. */
export interface Sentence {
  span: Span;
  toks: SentTok[];
  figures: Figure[];
  /** Distinct features ("w:minis", "n:1500", "c:reuters"). */
  features: string[];
  /** Content words (not function words, not figures), for telling real claims from connecting lines. */
  contentWords: number;
}

export interface Alignment {
  /** Index of the rewrite sentence. */
  rewrite: number;
  /** Indices of the source sentences it says again, best first; empty when none matches. */
  sources: number[];
  /** Share of the rewrite sentence's feature weight found in its sources (0–1). */
  coverage: number;
}

/** Posting lists get no longer than this. */
const MAX_POSTINGS = 24;
/** A second or third source sentence must explain at least this share of the rewrite sentence's weight. */
const MERGE_SHARE = 0.2;
/** The same for the sentence next to one already taken (the usual merge). */
const ADJACENT_MERGE_SHARE = 0.12;
/** Weight of a figure or a name, against 1 for a content word (both times IDF). */
const ANCHOR_WEIGHT = 1.5;

/** Without accents; plain ASCII (most words) is returned as it is without the costly normalisation. */
export const stripMarks = (s: string): string => (/^[\x20-\x7e]*$/.test(s) ? s : s.normalize('NFD').replace(/\p{M}/gu, ''));

/** Stems already computed (a text repeats its words); emptied when it grows large. */
const stems = new Map<string, string>();

/** Endings taken off before a word is cut to its stem, longest first. */
const ENDINGS = ['ing', 'ed', 'es', 'en', 'er', 's', 'e'];

/** A crude stem: no accents, up to two common endings off, the first five letters ("ministry", "ministries" and "Ministerium" share "minis"). */
export function stem(low: string): string {
  const known = stems.get(low);
  if (known !== undefined) return known;
  if (stems.size > 50_000) stems.clear();
  const out = stemOf(low);
  stems.set(low, out);
  return out;
}

function stemOf(low: string): string {
  let s = stripMarks(low);
  for (let pass = 0; pass < 2; pass++)
    for (const e of ENDINGS)
      if (s.length - e.length >= 2 && s.endsWith(e)) {
        s = s.slice(0, -e.length);
        break;
      }
  return s.length > 5 ? s.slice(0, 5) : s;
}

/** A word's feature ("w:minis") and a name's ("c:reute"), built once per word. */
const wordFeatures = new Map<string, string>();
const nameFeatures = new Map<string, string>();
function feature(cache: Map<string, string>, prefix: string, low: string): string {
  let f = cache.get(low);
  if (f === undefined) {
    if (cache.size > 50_000) cache.clear();
    cache.set(low, (f = prefix + stem(low)));
  }
  return f;
}
const wordFeature = (low: string): string => feature(wordFeatures, 'w:', low);
const tailFeatures = new Map<string, string>();
/** The last letters of a word without its ending, as a word feature; a word of its own gets the same one. */
function tailFeature(low: string): string {
  let f = tailFeatures.get(low);
  if (f === undefined) {
    if (tailFeatures.size > 50_000) tailFeatures.clear();
    const bare = stripMarks(low).replace(/(en|er|es|e|n|s)$/, '');
    tailFeatures.set(low, (f = `w:~${bare.slice(-5)}`));
  }
  return f;
}
const nameFeature = (low: string): string => feature(nameFeatures, 'c:', low);

/** A figure's feature value: "1500", "1.5". */
export const figureKey = (f: Figure): string => String(f.value);

/** A figure's feature ("n:1500"), built once per value. */
const figureFeatures = new Map<number, string>();
function figureFeature(f: Figure): string {
  let k = figureFeatures.get(f.value);
  if (k === undefined) {
    if (figureFeatures.size > 50_000) figureFeatures.clear();
    figureFeatures.set(f.value, (k = `n:${figureKey(f)}`));
  }
  return k;
}

/** Words a text capitalises after a sentence's first word (names; in German also nouns). */
export function capitalisedWords(sentences: readonly SentTok[][]): Set<string> {
  const out = new Set<string>();
  for (const toks of sentences) for (const t of toks) if (t.cap && !t.first) out.add(t.low);
  return out;
}

/** Whether a token is a month name (an English month only when capitalised: "may" is a verb). */
export function monthOf(t: SentTok, words: ClaimWords, lang: CheckLang): number | undefined {
  const m = words.months.get(t.low);
  return m !== undefined && (lang !== 'en' || t.cap) ? m : undefined;
}

/** The tokens of a sentence. */
export function sentenceTokens(span: Span, lang: CheckLang): SentTok[] {
  return tokenizeSentence(span.text, span.start, lang);
}

/** Which feature was last added by which list: a list adds a feature once, without a set of its own. */
const lastAdded = new Map<string, number>();
let lists = 0;

/** A sentence's distinct features in the order first added ('' is no feature). */
class FeatureList {
  readonly list: string[] = [];
  private readonly stamp = ++lists;
  constructor() {
    if (lastAdded.size > 100_000) lastAdded.clear(); // a memo, not a store: bounded
  }
  add(f: string): void {
    if (f === '' || lastAdded.get(f) === this.stamp) return;
    lastAdded.set(f, this.stamp);
    this.list.push(f);
  }
}

/** A day or month feature ("d:1", "m:10"), built once. */
const keyedFeatures = new Map<string, string[]>();
function keyed(prefix: string, n: number): string {
  let byN = keyedFeatures.get(prefix);
  if (byN === undefined) keyedFeatures.set(prefix, (byN = []));
  return (byN[n] ??= `${prefix}${n}`);
}

/**
 * Reads one sentence: figures and features. `names`: words the text capitalises mid-sentence (so a name that
 * starts a sentence is still one). `anchorsOnly`: figures, dates and names only (for two languages).
 */
export function readSentence(span: Span, toks: SentTok[], lang: CheckLang, words: ClaimWords, names: ReadonlySet<string>, anchorsOnly: boolean): Sentence {
  const figures = readFigures(toks, words);
  const features = new FeatureList();
  for (const f of figures) if (f.value > 1 || f.year) features.add(figureFeature(f));
  let contentWords = 0;
  // Figures are in token order and never overlap: `next` is the first one not yet passed.
  let next = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    while (next < figures.length && figures[next]!.to < i) next++;
    if (t.kind !== 'word' || (next < figures.length && figures[next]!.from <= i)) continue;
    const weekday = words.weekdays.get(t.low);
    if (weekday !== undefined) {
      features.add(keyed('d:', weekday));
      continue;
    }
    const month = monthOf(t, words, lang);
    if (month !== undefined) {
      features.add(keyed('m:', month));
      continue;
    }
    const isName = t.cap && (!t.first || lang === 'de' || names.has(t.low)) && t.low.length > 1;
    if (words.functionWords.has(t.low) || t.low.length < 2) continue;
    contentWords++;
    // A hyphenated word counts by its parts ("clean-up" shares "clean", "post-October" shares October).
    const parts = t.low.includes('-') ? t.low.split('-').filter((p) => p.length > 1 && !words.functionWords.has(p)) : null;
    // German compounds: a long word also counts by its last letters, its head noun ("Fahrgastverbände" meets
    // "Verbände", "Bauarbeiten" meets "Arbeiten").
    if (lang === 'de' && !anchorsOnly && t.low.length >= 10) features.add(tailFeature(t.low));
    if (parts === null) features.add(isName ? nameFeature(t.low) : anchorsOnly ? '' : wordFeature(t.low));
    else
      for (const p of parts) {
        const m = words.months.get(p);
        if (m !== undefined && p !== t.low) features.add(keyed('m:', m));
        else if (isName) features.add(nameFeature(p));
        else if (!anchorsOnly) features.add(wordFeature(p));
      }
  }
  return { span, toks, figures, features: features.list, contentWords };
}

const weightOf = (feature: string): number => (feature.startsWith('w:') ? 1 : ANCHOR_WEIGHT);

/** Matches each rewrite sentence to its source sentences. */
export function alignSentences(source: readonly Sentence[], rewrite: readonly Sentence[], anchorsOnly = false): Alignment[] {
  const n = source.length;
  // Each distinct feature of the two texts gets a small integer, so that the per-sentence work below is array work.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const idsOf = (s: Sentence): Int32Array => {
    const out = new Int32Array(s.features.length);
    s.features.forEach((f, k) => {
      let id = ids.get(f);
      if (id === undefined) {
        id = names.length;
        ids.set(f, id);
        names.push(f);
      }
      out[k] = id;
    });
    return out;
  };
  const sourceIds = source.map(idsOf);
  const rewriteIds = rewrite.map(idsOf);
  const count = names.length;
  const df = new Int32Array(count);
  const postings: (number[] | undefined)[] = new Array<number[] | undefined>(count);
  sourceIds.forEach((fs, si) => {
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k]!;
      df[f]!++;
      let list = postings[f];
      if (list === undefined) postings[f] = list = [];
      if (list.length < MAX_POSTINGS) list.push(si);
    }
  });
  // Document frequencies over both texts' sentences: a topic word the rewrite repeats weighs little too.
  for (const fs of rewriteIds) for (let k = 0; k < fs.length; k++) df[fs[k]!]!++;
  const all = n + rewrite.length;
  const isWord = names.map((f) => f.startsWith('w:'));
  const isName = names.map((f) => f.startsWith('c:'));
  const isFigure = names.map((f) => f.startsWith('n:'));
  const idf = Float64Array.from(names, (f, id) => weightOf(f) * Math.log(1 + all / (df[id] || 1)));

  // Scores per source sentence, reused for every rewrite sentence (only the touched entries are reset).
  const score = new Float64Array(n);
  const nameScore = new Float64Array(n);
  const support = new Int32Array(n);
  const touched: number[] = [];
  // Per feature: the rewrite sentence (its index + 1) it is a feature of, and the one whose sources explain it.
  const inRewrite = new Int32Array(count);
  const inExplained = new Int32Array(count);
  // The best eight candidates of a rewrite sentence, best first: sentence and value.
  const rankedSentence = new Int32Array(8);
  const rankedValue = new Float64Array(8);
  // The features the chosen sources of a rewrite sentence explain, in the order they were first explained.
  const explained = new Int32Array(count);
  let explainedCount = 0;
  const explain = (si: number, stamp: number): void => {
    const sf = sourceIds[si]!;
    for (let k = 0; k < sf.length; k++) {
      const f = sf[k]!;
      if (inRewrite[f] === stamp && inExplained[f] !== stamp) {
        inExplained[f] = stamp;
        explained[explainedCount++] = f;
      }
    }
  };
  return rewrite.map((_, ri): Alignment => {
    const fs = rewriteIds[ri]!;
    const stamp = ri + 1;
    let total = 0;
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k]!;
      inRewrite[f] = stamp;
      // Across languages a rewrite's word the source lacks entirely (a German noun, capitalised like a name) says
      // nothing about which sentence it renders: coverage is of the anchors the source has at all.
      // A figure the source never states is left out too: a changed figure does not make a sentence look invented.
      if ((!anchorsOnly && !isFigure[f]) || postings[f] !== undefined) total += idf[f]!;
    }
    // Per candidate: the weight of shared names apart from the rest, and how many words and figures are shared.
    for (let k = 0; k < touched.length; k++) {
      const si = touched[k]!;
      score[si] = 0;
      nameScore[si] = 0;
      support[si] = 0;
    }
    touched.length = 0;
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k]!;
      const list = postings[f];
      if (list === undefined || list.length >= MAX_POSTINGS) continue;
      const w = idf[f]!;
      const name = isName[f]!;
      const sup = isWord[f] ? 1 : 2;
      for (let k2 = 0; k2 < list.length; k2++) {
        const si = list[k2]!;
        if (score[si] === 0 && nameScore[si] === 0) touched.push(si);
        if (name) nameScore[si] = nameScore[si]! + w;
        else {
          score[si] = score[si]! + w;
          support[si] = support[si]! + sup;
        }
      }
    }
    if (touched.length === 0 || total === 0) return { rewrite: ri, sources: [], coverage: 0 };
    // Shared names count in full only beside two shared words or a figure: a sentence that shares just a name
    // (and a title) with the rewrite sentence is about the same person, not the same claim. The best eight stay.
    let ranked = 0;
    for (let k0 = 0; k0 < touched.length; k0++) {
      const si = touched[k0]!;
      const full = anchorsOnly || support[si]! >= 2;
      // A tie goes to the sentence at the nearer place in its text (rewrites mostly keep the order).
      const near = 0.01 * (1 - Math.abs(ri / rewrite.length - si / n));
      const value = score[si]! + (full ? nameScore[si]! : nameScore[si]! * 0.3) + near;
      if (ranked === 8 && value <= rankedValue[7]!) continue;
      let k = ranked < 8 ? ranked++ : 7;
      rankedSentence[k] = si;
      rankedValue[k] = value;
      while (k > 0 && (rankedValue[k - 1]! < value || (rankedValue[k - 1] === value && rankedSentence[k - 1]! > si))) {
        rankedSentence[k] = rankedSentence[k - 1]!;
        rankedValue[k] = rankedValue[k - 1]!;
        rankedSentence[k - 1] = si;
        rankedValue[k - 1] = value;
        k--;
      }
    }
    const best = rankedSentence[0]!;
    const sources = [best];
    explainedCount = 0;
    explain(best, stamp);
    for (let r = 1; r < ranked; r++) {
      const si = rankedSentence[r]!;
      if (sources.length >= 3) break;
      let gain = 0;
      let gained = 0;
      let words = 0;
      const sf = sourceIds[si]!;
      for (let k = 0; k < sf.length; k++) {
        const f = sf[k]!;
        if (inRewrite[f] === stamp && inExplained[f] !== stamp) {
          gain += idf[f]!;
          gained++;
          if (isWord[f]) words++;
        }
      }
      // A merged sentence shares three or more features, two of them words (two anchors when only anchors are
      // compared; two features, one a word, for the sentence next to one already taken): a name and a title are
      // no evidence (the rewrite may name the same person in another claim).
      const adjacent = sources.some((x) => Math.abs(x - si) === 1);
      const enough = anchorsOnly ? gained >= 2 : adjacent ? gained >= 2 && words >= 1 : gained >= 3 && words >= 2;
      if (gain < (adjacent ? ADJACENT_MERGE_SHARE : MERGE_SHARE) * total || !enough) continue;
      sources.push(si);
      explain(si, stamp);
    }
    let covered = 0;
    for (let k = 0; k < explainedCount; k++) covered += idf[explained[k]!]!;
    return { rewrite: ri, sources, coverage: covered / total };
  });
}
