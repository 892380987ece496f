/**
 * Originality: how much of the rewrite is copied word for word from the source, and the sentences to rewrite.
 *
 * Rules:
 * - Words are compared normalised: lower case, punctuation and hyphens ignored, curly and straight apostrophes
 *   alike. "Meta’s policy, states" and "meta's policy states" are the same three words.
 * - A multi-word proper name (capitalised words, joined by connectors such as "of", "and", "de", "van": "Department
 *   of Justice", "Affordable Care Act", "Viana do Castelo") is one token: a rewrite must keep names, so a name counts
 *   as one word in a run, never as five (see ./copy-tokens.ts).
 * - A copied run is a stretch of one sentence of the rewrite where every window of `minRun` (default 6) consecutive
 *   tokens also occurs, in that order, inside one sentence of the source. Runs never cross a sentence or paragraph
 *   break on either side. Overlapping windows merge into one run; windows that merely touch do not.
 * - Verbatim quotations are left out: a quotation in the rewrite (see findQuotes; one still open at the end of a
 *   paragraph runs to there, as news style leaves a quote that goes on) whose words occur in the source
 *   must be copied, so its words belong to no run. A quotation whose words do not occur in the source is treated
 *   as ordinary text.
 * - copiedShare = tokens inside runs / all tokens of the rewrite (0 for an empty rewrite); longestRun counts tokens.
 * - passages: the rewrite's sentences copied nearly whole (one run of at least MARK_RUN tokens covering at least
 *   MARK_SHARE of the sentence's tokens): what "Rewrite the marked passages" sends back to the model. A faithful
 *   rewrite keeps phrases and terms; a copied sentence is one run from end to end. A title line (a headline, a
 *   byline, a credit: mostly capitalised, no full stop) is never a passage: those are kept as they are.
 * - warn: at least WARN_PASSAGES passages; or a rewrite stitched from kept phrases (at least WARN_SHARE copied, in
 *   an article of STITCHED_MIN_TOKENS or more),
 *   whose sentences made mostly of runs (STITCHED_SHARE) are then the passages. BENCHMARKS.md says how these were
 *   chosen on faithful rewrites of real articles and on the same rewrites with source sentences pasted in.
 *
 * Time: one pass to hash the source's windows into a table, one pass over the rewrite, each hit confirmed token by
 * token. Linear in both lengths (a window is `minRun` tokens, a constant).
 */

import { copyTokens } from './copy-tokens';
import { GramIndex, WindowTable, WordIds, findQuotes, scanWordOffsets, type Scans } from './text';

export interface CopiedRun {
  start: number;
  end: number;
  text: string;
}

export interface OriginalityReport {
  copiedShare: number;
  longestRun: number;
  runs: CopiedRun[];
  /** The sentences to rewrite (offsets into the rewrite), in order. */
  passages: CopiedRun[];
  /** Enough is copied that an editor should rewrite the passages. */
  warn: boolean;
}

export interface OriginalityOptions {
  /** Minimum copied run, in tokens. Default 6. */
  minRun?: number;
}

/** A sentence with a copied run this long (in tokens) is a passage to rewrite. */
export const MARK_RUN = 10;
/** …that covers at least this share of the sentence's tokens. */
export const MARK_SHARE = 0.8;
/** The warning: this many passages. */
export const WARN_PASSAGES = 2;
/** …or this share of the rewrite copied (a rewrite stitched from kept phrases): its sentences mostly made of runs are marked. */
export const WARN_SHARE = 0.35;
/** In a stitched rewrite, a sentence whose runs cover this share of its tokens is a passage. */
export const STITCHED_SHARE = 0.5;
/** The share rule needs an article's length: in a few sentences one kept phrase is a large share. */
export const STITCHED_MIN_TOKENS = 150;

const NONE: OriginalityReport = { copiedShare: 0, longestRun: 0, runs: [], passages: [], warn: false };

/** `scans`: the two texts' words and the rewrite's quotations, when the caller (runChecks) has them already. */
export function checkOriginality(source: string, rewrite: string, opts: OriginalityOptions = {}, scans?: Scans): OriginalityReport {
  const n = Math.max(1, Math.floor(opts.minRun ?? 6));
  const words = scans?.rewriteWords ?? scanWordOffsets(rewrite);
  if (words.norms.length === 0) return { ...NONE };
  const srcWords = scans?.sourceOffsets ?? scanWordOffsets(source);

  // Word ids: the source's words first, so an id at or past `known` is a word the source never has.
  const dict = new WordIds();
  const srcWordIds = new Int32Array(srcWords.norms.length);
  for (let i = 0; i < srcWordIds.length; i++) srcWordIds[i] = dict.id(srcWords.norms[i] as string);
  const known = dict.size;
  const wordIds = new Int32Array(words.norms.length);
  for (let i = 0; i < wordIds.length; i++) wordIds[i] = dict.id(words.norms[i] as string);

  // Tokens (a name is one), the source's with a separator between sentences so no window spans two.
  const src = copyTokens(source, srcWords, srcWordIds, dict, true);
  const tok = copyTokens(rewrite, words, wordIds, dict, false);
  const windows = new WindowTable(src.ids, n);
  const count = tok.ids.length;

  // Tokens inside verbatim quotations are barriers: no window may include them.
  const barrier = new Uint8Array(count);
  const quotes = findQuotes(rewrite, { unclosed: true });
  if (quotes.length > 0) {
    const index = GramIndex.ofIds(dict, srcWordIds, known);
    const { starts, ends } = words;
    let w = 0;
    for (const q of quotes) {
      while (w < wordIds.length && (starts[w] as number) < q.start) w++;
      const first = w;
      let last = w;
      while (last < wordIds.length && (ends[last] as number) <= q.end) last++;
      if (last > first && index.containsIds(wordIds, first, last)) {
        for (let t = tok.tokenOf[first] as number; t < count && (tok.firstWord[t] as number) < last; t++) barrier[t] = 1;
      }
      w = last;
    }
  }

  const runs: Array<{ first: number; last: number }> = [];
  // A window may not start at or before `blocked`: the latest barrier token, or the token before a sentence start,
  // among the tokens up to the window's last (`seen`).
  let blocked = -1;
  let seen = -1;
  for (let i = 0; i + n <= count; i++) {
    for (; seen < i + n - 1;) {
      seen++;
      if (barrier[seen]) blocked = seen;
      else if (seen > 0 && tok.sentence[seen] !== tok.sentence[seen - 1]) blocked = seen - 1;
    }
    if (blocked >= i) continue;
    if (!windows.has(tok.ids, i)) continue;
    const lastTok = i + n - 1;
    const prev = runs[runs.length - 1];
    if (prev !== undefined && i <= prev.last) prev.last = lastTok;
    else runs.push({ first: i, last: lastTok });
  }

  let copied = 0;
  let longestRun = 0;
  const out: CopiedRun[] = [];
  const span = (firstTok: number, lastTok: number): CopiedRun => {
    const start = words.starts[tok.firstWord[firstTok] as number] as number;
    const end = words.ends[tok.lastWord[lastTok] as number] as number;
    return { start, end, text: rewrite.slice(start, end) };
  };
  for (const r of runs) {
    const len = r.last - r.first + 1;
    copied += len;
    if (len > longestRun) longestRun = len;
    out.push(span(r.first, r.last));
  }
  const copiedShare = copied / count;
  const stitched = copiedShare >= WARN_SHARE && count >= STITCHED_MIN_TOKENS;
  const passages = markPassages(runs, tok.sentence, tok.inTitle, count, stitched).map(({ first, last }) => span(first, last));
  return { copiedShare, longestRun, runs: out, passages, warn: passages.length >= WARN_PASSAGES || (stitched && passages.length > 0) };
}

/** The sentences (as token ranges) that are mostly copied, from the runs (in order, each inside one sentence). */
function markPassages(
  runs: ReadonlyArray<{ first: number; last: number }>,
  sentence: Int32Array,
  inTitle: Uint8Array,
  count: number,
  stitched: boolean,
): Array<{ first: number; last: number }> {
  const out: Array<{ first: number; last: number }> = [];
  let r = 0;
  while (r < runs.length) {
    const s = sentence[(runs[r] as { first: number }).first] as number;
    let first = (runs[r] as { first: number }).first;
    while (first > 0 && sentence[first - 1] === s) first--;
    let last = first;
    while (last + 1 < count && sentence[last + 1] === s) last++;
    let longest = 0;
    let copied = 0;
    while (r < runs.length && sentence[(runs[r] as { first: number }).first] === s) {
      const len = (runs[r] as { last: number }).last - (runs[r] as { first: number }).first + 1;
      longest = Math.max(longest, len);
      copied += len;
      r++;
    }
    const size = last - first + 1;
    const whole = longest >= MARK_RUN && longest >= MARK_SHARE * size;
    if (!inTitle[first] && (whole || (stitched && copied >= STITCHED_SHARE * size))) out.push({ first, last });
  }
  return out;
}
