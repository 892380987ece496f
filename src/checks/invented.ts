/**
 * Invented claims: rewrite sentences that say something the source never says. A sentence is read against the WHOLE
 * source, not only the sentence it was aligned with: its content words are looked up in the source's vocabulary
 * (words in any inflection, and in German the parts of compounds), and the words left over are what it adds. Heavy paraphrase
 * adds words too (synonyms), so where the sentence stands counts as much: a paraphrase takes the place of a source
 * sentence no other rewrite sentence says, while an invented claim sits between sentences that say consecutive source
 * sentences, with no source sentence left for it to render.
 */

import { stripMarks, type Alignment, type Sentence } from './align';
import type { CheckLang } from './lang';
import type { ClaimWords } from './lang/claim-words';

/** A rewrite sentence says its source sentences when they explain at least this share of it. */
const SAYS = 0.3;
/** With no source sentence left for it: new content words, their share, and the most alignment coverage it may have. */
const FRESH = 2;
const FRESH_SHARE = 0.4;
const MAX_COVERAGE = 0.5;
/** In the place of an unsaid source sentence (a paraphrase could render it): far more must be new, and none of it shared. */
const GAP_FRESH = 3;
const GAP_SHARE = 0.7;
const GAP_COVERAGE = 0.2;
/** With no source sentence left for it, this many source words that no source sentence has two of are a new claim,
 * when its alignment covers less than this. */
const RECOMBINED = 3;
const RECOMBINED_COVERAGE = 0.3;
/** Real content: at least this many content words. */
const CONTENT = 3;
/** Shortest German compound part that counts. */
const PART = 4;

/** Every word form of a source, for telling which of a rewrite sentence's words it never uses. */
export interface Vocabulary {
  lang: CheckLang;
  words: Set<string>;
  /** The words without accents, by their first four letters. */
  byPrefix: Map<string, string[]>;
  /** German: the first and last letters of long words, their compound parts ("Pflegekraft" holds "pflege", "kraft"). */
  heads: Set<string>;
  tails: Set<string>;
  /** Figures' values. */
  figures: Set<number>;
}

/** What may follow a shared stem in two forms of one word ("warn-ed", "warn-ing"; "decid-ió", "decid-ieron"). */
const INFLECTION = /^(?:ing|ed|d|es|en|er|em|s|e|n|ly|ée|és|ent|ait|aient|os|as|o|a|ó|aron|ieron|ado|ada|ados|adas)*$/;
/** German endings taken off a compound part ("Verbände" → "verbänd", "Streiks" → "streik"). */
const DE_END = /(en|er|es|em|e|n|s)$/;
/** Words share at least this many first letters to be forms of one word. */
const STEM = 4;

const inflection = (tail: string): boolean => tail.length <= 5 && INFLECTION.test(tail);

/**
 * Two accent-free words are one word in two forms: a shared stem and inflection endings after it ("runners",
 * "runner"), or a long shared start, three fifths of the longer ("nomination", "nominated"). "autoridades" is not
 * "autora", nor "rainfall" "rain".
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  if (k < STEM) return false;
  if (inflection(a.slice(k)) && inflection(b.slice(k))) return true;
  return k >= Math.max(5, Math.ceil(0.6 * Math.max(a.length, b.length)));
}

/** The source's vocabulary, from its sentences' tokens. */
export function sourceVocabulary(sentences: readonly Sentence[], lang: CheckLang): Vocabulary {
  const v: Vocabulary = { lang, words: new Set(), byPrefix: new Map(), heads: new Set(), tails: new Set(), figures: new Set() };
  const add = (low: string): void => {
    if (v.words.has(low)) return;
    v.words.add(low);
    const b = stripMarks(low);
    if (b.length >= STEM) {
      const list = v.byPrefix.get(b.slice(0, STEM)) ?? [];
      list.push(b);
      v.byPrefix.set(b.slice(0, STEM), list);
    }
    if (lang !== 'de' || b.length < 2 * PART) return;
    for (let i = PART; i <= b.length - PART; i++) {
      v.heads.add(b.slice(0, i));
      v.tails.add(b.slice(i));
    }
  };
  for (const s of sentences) {
    for (const f of s.figures) v.figures.add(f.value);
    for (const t of s.toks) {
      if (t.kind !== 'word') continue;
      add(t.low);
      if (t.low.includes('-')) for (const p of t.low.split('-')) if (p.length > 1) add(p);
    }
  }
  return v;
}

/** Whether the source has an accent-free word in some form. */
const hasForm = (b: string, v: Vocabulary): boolean => b.length >= STEM && (v.byPrefix.get(b.slice(0, STEM)) ?? []).some((x) => sameWord(b, x));

/** Whether the source says a word in some form: the word, another form of it, or (German) as a compound part or from parts. */
export function known(low: string, v: Vocabulary): boolean {
  if (v.words.has(low)) return true;
  const b = stripMarks(low);
  if (hasForm(b, v)) return true;
  if (v.lang !== 'de') return false;
  const plain = b.replace(DE_END, '');
  // A part of a source compound ("Kraft" in "Pflegekraft"), or a compound of source words ("Prozessauftakt").
  if (plain.length >= PART && (v.tails.has(b) || v.tails.has(plain) || v.heads.has(plain))) return true;
  if (b.length < 2 * PART) return false;
  const part = (p: string): boolean => p.length >= PART && (hasForm(p, v) || v.tails.has(p) || v.heads.has(p));
  for (let i = PART; i <= b.length - PART; i++) {
    const head = b.slice(0, i);
    const rest = b.slice(i);
    // A linking "s" or "n" ("Verhandlungstag", "Straßenbahn") may sit between the parts.
    const heads = /[sn]$/.test(head) && head.length > PART ? [head, head.slice(0, -1)] : [head];
    if (heads.some(part) && (part(rest) || part(rest.replace(DE_END, '')))) return true;
  }
  return false;
}

/** A rewrite sentence's content (words and figures), and what of it the source never has. */
export interface NewContent {
  content: string[];
  fresh: string[];
  /** The content words the source has. */
  kept: string[];
  /** Whether it states a figure the source has. */
  anchored: boolean;
}

/** The first words of the two-word fillers, so that a pair is looked up only after one of them. */
const FILLER_FIRSTS = new WeakMap<ClaimWords, Set<string>>();
function fillerFirsts(words: ClaimWords): Set<string> {
  let out = FILLER_FIRSTS.get(words);
  if (out === undefined) {
    out = new Set([...words.fillers].filter((f) => f.includes(' ')).map((f) => f.slice(0, f.indexOf(' '))));
    FILLER_FIRSTS.set(words, out);
  }
  return out;
}

/** Whether token i is a content word: not a function word, filler, unit, day, month or one-letter word. */
function isContent(r: Sentence, i: number, words: ClaimWords): boolean {
  const t = r.toks[i]!;
  if (t.kind !== 'word' || t.low.length < 2 || words.functionWords.has(t.low)) return false;
  if (words.fillers.has(t.low)) return false;
  const prev = i > 0 ? r.toks[i - 1]!.low : '';
  if (fillerFirsts(words).has(prev) && words.fillers.has(`${prev} ${t.low}`)) return false;
  return !(words.weekdays.has(t.low) || words.months.has(t.low) || words.units.has(t.low));
}

/**
 * The content of a sentence, leaving out function words, fillers, units, one-letter words, days and months. A figure
 * is new content when the source lacks it; one the source has ties the sentence to a fact it states (`anchored`).
 */
export function newContent(r: Sentence, v: Vocabulary, words: ClaimWords): NewContent {
  const content: string[] = [];
  const fresh: string[] = [];
  const kept: string[] = [];
  let anchored = false;
  const inFigure = new Set<number>();
  for (const f of r.figures) {
    for (let i = f.from; i <= f.to; i++) inFigure.add(i);
    const text = r.toks[f.from]!.low;
    content.push(text);
    if (!v.figures.has(f.value)) fresh.push(text);
    else anchored = true;
  }
  r.toks.forEach((t, i) => {
    if (inFigure.has(i) || !isContent(r, i, words)) return;
    content.push(t.low);
    const parts = t.low.includes('-') ? t.low.split('-').filter((p) => p.length > 1 && !words.functionWords.has(p)) : [t.low];
    if (!parts.every((p) => known(p, v))) fresh.push(t.low);
    else kept.push(t.low);
  });
  return { content, fresh, kept, anchored };
}

/** How many of a rewrite sentence's content words one source sentence (its vocabulary) has. */
function rendered(r: Sentence, v: Vocabulary, words: ClaimWords): number {
  let n = 0;
  r.toks.forEach((t, i) => {
    if (isContent(r, i, words) && known(t.low, v)) n++;
  });
  return n;
}

/**
 * The source sentences a rewrite sentence could render: the body sentences (a title or a heading is no claim to
 * render) between the ones its nearest neighbours say (body sentences that say their sources) that no other rewrite
 * sentence says better. None, for a sentence put between two that say consecutive source sentences.
 */
export function unsaidAround(
  i: number,
  alignments: readonly Alignment[],
  sourceBody: readonly boolean[],
  body: readonly boolean[],
  saidElsewhere: (s: number) => boolean,
): number[] {
  const saying = (k: number): boolean => body[k] === true && alignments[k]!.coverage >= SAYS;
  let p = i - 1;
  while (p >= 0 && !saying(p)) p--;
  let q = i + 1;
  while (q < alignments.length && !saying(q)) q++;
  const near = [...(p >= 0 ? alignments[p]!.sources : []), ...(q < alignments.length ? alignments[q]!.sources : [])];
  const lo = p >= 0 && near.length > 0 ? Math.min(...near) : -1;
  const hi = q < alignments.length && near.length > 0 ? Math.max(...near) : sourceBody.length;
  const out: number[] = [];
  // Its own best source counts when it lies there and the sentence says it: it stands in its place, whoever else
  // repeats it.
  const own = saying(i) ? alignments[i]!.sources[0] : undefined;
  for (let s = lo + 1; s < hi; s++) if (sourceBody[s] === true && !near.includes(s) && (s === own || !saidElsewhere(s))) out.push(s);
  return out;
}

/**
 * The rewrite sentences (indices) that state invented claims; both texts are in `lang`. `sourceBody`, `body`: which
 * source and rewrite sentences are body sentences (not titles, headlines or headings, which sum up and neither place
 * nor say a claim); `generic`: which rewrite sentences are summing-up or connecting lines, never invented.
 */
export function inventedSentences(
  source: readonly Sentence[],
  rewrite: readonly Sentence[],
  alignments: readonly Alignment[],
  words: ClaimWords,
  lang: CheckLang,
  sourceBody: readonly boolean[],
  body: readonly boolean[],
  generic: readonly boolean[],
): Set<number> {
  const out = new Set<number>();
  const vocab = sourceVocabulary(source, lang);
  // Each source sentence's sayers: body sentences that have it as their best source, and say it.
  const sayers = new Map<number, number[]>();
  for (const a of alignments)
    if (body[a.rewrite] === true && a.coverage >= SAYS && a.sources.length > 0) sayers.set(a.sources[0]!, [...(sayers.get(a.sources[0]!) ?? []), a.rewrite]);
  const vocabs = new Map<number, Vocabulary>();
  const vocabOf = (s: number): Vocabulary => {
    let v = vocabs.get(s);
    if (v === undefined) vocabs.set(s, (v = sourceVocabulary([source[s]!], lang)));
    return v;
  };
  // Words the source has, but never two of them in one sentence: a claim made of its words that it never makes.
  const recombined = (kept: readonly string[]): boolean => source.every((_, s) => kept.filter((w) => known(w, vocabOf(s))).length <= 1);
  for (const a of alignments) {
    const i = a.rewrite;
    if (body[i] !== true || generic[i] === true) continue;
    const r = rewrite[i]!;
    const { content, fresh, kept, anchored } = newContent(r, vocab, words);
    // A sentence that states a source's figure restates one of its facts.
    if (content.length < CONTENT || anchored) continue;
    const mayRecombine = kept.length >= RECOMBINED && a.coverage < RECOMBINED_COVERAGE;
    if (fresh.length < FRESH && !mayRecombine) continue;
    // The other half of a source sentence split in two: it shares that sentence with a neighbour and takes as many
    // words from it as it adds.
    const split = a.sources.filter((s) => [i - 1, i + 1].some((k) => body[k] === true && alignments[k]!.sources.includes(s)));
    if (split.some((s) => kept.filter((w) => known(w, vocabOf(s))).length >= fresh.length)) continue;
    const share = fresh.length / content.length;
    // A source sentence is said elsewhere when another sentence says it and renders more of its words than this one.
    const mine = (s: number): number => rendered(r, vocabOf(s), words);
    const saidElsewhere = (s: number): boolean => (sayers.get(s) ?? []).some((k) => k !== i && rendered(rewrite[k]!, vocabOf(s), words) > mine(s));
    const gap = unsaidAround(i, alignments, sourceBody, body, saidElsewhere);
    const invented =
      gap.length === 0
        ? (fresh.length >= FRESH && share >= FRESH_SHARE && a.coverage < MAX_COVERAGE) || (mayRecombine && recombined(kept))
        : fresh.length >= GAP_FRESH && share >= GAP_SHARE && a.coverage < GAP_COVERAGE && gap.every((s) => mine(s) === 0);
    if (invented) out.add(i);
  }
  return out;
}
