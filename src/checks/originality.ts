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
 * Time: one pass to hash the source's windows (word ids, FNV-1a) into a Map, one pass over the rewrite, each hit
 * confirmed word by word. Linear in both lengths (a window is `minRun` words, a constant).
 */

import { GramIndex, WordIds, findQuotes, normWords, wordSpans } from './text';

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

export function checkOriginality(source: string, rewrite: string, opts: OriginalityOptions = {}): OriginalityReport {
  const n = Math.max(1, Math.floor(opts.minRun ?? 6));
  const src = normWords(source);
  const words = wordSpans(rewrite);
  if (words.length === 0) return { copiedShare: 0, longestRun: 0, runs: [] };
  const norms = words.map((x) => x.norm);
  const starts = words.map((x) => x.start);
  const ends = words.map((x) => x.end);

  // Source windows by hash, chained through `next` (no allocation per window); a hit is confirmed word by word.
  const dict = new WordIds();
  const srcIds = Int32Array.from(src, (w) => dict.id(w));
  const ids = Int32Array.from(norms, (w) => dict.id(w));
  const head = new Map<number, number>();
  const next = new Int32Array(Math.max(0, src.length));
  for (let i = 0; i + n <= srcIds.length; i++) {
    const h = windowHash(srcIds, i, n);
    next[i] = head.get(h) ?? -1;
    head.set(h, i);
  }
  const copiedAt = (i: number): boolean => {
    for (let p = head.get(windowHash(ids, i, n)) ?? -1; p >= 0; p = next[p] as number) {
      let k = 0;
      while (k < n && srcIds[p + k] === ids[i + k]) k++;
      if (k === n) return true;
    }
    return false;
  };

  // Words inside verbatim quotations are barriers: no window may include them.
  const barrier = new Uint8Array(words.length);
  const quotes = findQuotes(rewrite);
  if (quotes.length > 0) {
    const index = new GramIndex([src]);
    let w = 0;
    for (const q of quotes) {
      while (w < words.length && (starts[w] as number) < q.start) w++;
      const first = w;
      let last = w;
      while (last < words.length && (ends[last] as number) <= q.end) last++;
      const inner = norms.slice(first, last);
      if (inner.length > 0 && index.contains(inner)) barrier.fill(1, first, last);
      w = last;
    }
  }

  const runs: Array<{ first: number; last: number }> = [];
  let barrierSeen = -1; // index of the latest barrier word at or before the window's last word
  for (let i = 0; i < n - 1 && i < words.length; i++) if (barrier[i]) barrierSeen = i;
  for (let i = 0; i + n <= words.length; i++) {
    const lastWord = i + n - 1;
    if (barrier[lastWord]) barrierSeen = lastWord;
    if (barrierSeen >= i) continue;
    if (!copiedAt(i)) continue;
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
  return { copiedShare: copied / words.length, longestRun, runs: out };
}

/** FNV-1a over the window's word ids, cut to 30 bits (collisions are confirmed away by the caller). */
function windowHash(ids: Int32Array, from: number, n: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ (ids[from + k] as number), 0x01000193);
  return h & 0x3fffffff; // a small integer: Map keys stay unboxed
}
