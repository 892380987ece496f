/**
 * Originality: how much of the rewrite is copied word for word from the source.
 *
 * Rules:
 * - Words are compared normalised: lower case, punctuation and hyphens ignored, curly and straight apostrophes
 *   alike. "Meta’s policy, states" and "meta's policy states" are the same three words.
 * - A copied run is a stretch of the rewrite where every window of `minRun` (default 6) consecutive words also
 *   occurs, in that order, in the source. Overlapping windows merge into one run; windows that merely touch do
 *   not (two separate copies side by side are two runs). Shorter overlaps (5 words and fewer) never count.
 * - Verbatim quotations are left out: a quotation in the rewrite (see findQuotes) whose words occur in the source
 *   must be copied, so its words belong to no run. A quotation whose words do not occur in the source is treated
 *   as ordinary text.
 * - copiedShare = words inside runs / all words of the rewrite (0 for an empty rewrite).
 * - longestRun counts words; runs give character offsets into the rewrite (end exclusive) for highlighting.
 *
 * Time: one pass to hash the source's windows (word ids, FNV-1a) into a table, one pass over the rewrite, each
 * hit confirmed word by word. Linear in both lengths (a window is `minRun` words, a constant).
 */

import { GramIndex, WindowTable, WordIds, findQuotes, normWords, scanWordOffsets, type Scans } from './text';

export interface CopiedRun {
  start: number;
  end: number;
  text: string;
}

export interface OriginalityReport {
  copiedShare: number;
  longestRun: number;
  runs: CopiedRun[];
}

export interface OriginalityOptions {
  /** Minimum copied run, in words. Default 6. */
  minRun?: number;
}

/** `scans`: the two texts' words and the rewrite's quotations, when the caller (runChecks) has them already. */
export function checkOriginality(source: string, rewrite: string, opts: OriginalityOptions = {}, scans?: Scans): OriginalityReport {
  const n = Math.max(1, Math.floor(opts.minRun ?? 6));
  const { norms, starts, ends } = scans?.rewriteWords ?? scanWordOffsets(rewrite);
  if (norms.length === 0) return { copiedShare: 0, longestRun: 0, runs: [] };
  const src = scans?.sourceWords ?? normWords(source);

  // Word ids: the source's words first, so an id at or past `known` is a word the source never has.
  const dict = new WordIds();
  const srcIds = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) srcIds[i] = dict.id(src[i] as string);
  const known = dict.size;
  const ids = new Int32Array(norms.length);
  for (let i = 0; i < norms.length; i++) ids[i] = dict.id(norms[i] as string);
  // Source windows by hash; a hit is confirmed word by word.
  const windows = new WindowTable(srcIds, n);

  // Words inside verbatim quotations are barriers: no window may include them.
  const barrier = new Uint8Array(norms.length);
  const quotes = scans?.rewriteQuotes ?? findQuotes(rewrite);
  if (quotes.length > 0) {
    const index = GramIndex.ofIds(dict, srcIds, known);
    let w = 0;
    for (const q of quotes) {
      while (w < norms.length && (starts[w] as number) < q.start) w++;
      const first = w;
      let last = w;
      while (last < norms.length && (ends[last] as number) <= q.end) last++;
      if (last > first && index.containsIds(ids, first, last)) barrier.fill(1, first, last);
      w = last;
    }
  }

  const runs: Array<{ first: number; last: number }> = [];
  let barrierSeen = -1; // index of the latest barrier word at or before the window's last word
  for (let i = 0; i < n - 1 && i < norms.length; i++) if (barrier[i]) barrierSeen = i;
  for (let i = 0; i + n <= norms.length; i++) {
    const lastWord = i + n - 1;
    if (barrier[lastWord]) barrierSeen = lastWord;
    if (barrierSeen >= i) continue;
    if (!windows.has(ids, i)) continue;
    const prev = runs[runs.length - 1];
    if (prev !== undefined && i <= prev.last) prev.last = lastWord;
    else runs.push({ first: i, last: lastWord });
  }

  let copied = 0;
  let longestRun = 0;
  const out: CopiedRun[] = [];
  for (const r of runs) {
    const len = r.last - r.first + 1;
    copied += len;
    if (len > longestRun) longestRun = len;
    const start = starts[r.first] as number;
    const end = ends[r.last] as number;
    out.push({ start, end, text: rewrite.slice(start, end) });
  }
  return { copiedShare: copied / norms.length, longestRun, runs: out };
}
