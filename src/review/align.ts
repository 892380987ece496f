/**
 * Source and rewrite paragraphs in rows, for reading side by side in one scroll: each rewrite paragraph is matched to
 * the source paragraph it shares the most weighted words with (rare words weigh more), the matches kept in order
 * (the longest run of them that never goes back), and each row holds the rewrite paragraphs of one source stretch.
 * A rewrite that merges, splits, drops or adds paragraphs still reads row by row.
 */

export interface Row {
  /** Source paragraph indexes, in order. */
  source: number[];
  /** Rewrite paragraph indexes, in order. */
  rewrite: number[];
}

/** A paragraph's words of four letters or more (short ones are mostly function words), lower case, cut to five so inflections meet. */
function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]{4,}/gu)) out.add(m[0].slice(0, 5));
  return out;
}

/** A match must share at least this much weight (a few rare words). */
const MIN_SCORE = 1.5;

/** For each rewrite paragraph, the best source paragraph, or -1. */
function anchors(source: readonly string[], rewrite: readonly string[]): number[] {
  const src = source.map(words);
  const df = new Map<string, number>();
  for (const ws of src) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  const weight = (w: string): number => Math.log(1 + source.length / (df.get(w) ?? source.length));
  return rewrite.map((text) => {
    const mine = words(text);
    let best = -1;
    let bestScore = MIN_SCORE;
    src.forEach((ws, i) => {
      let score = 0;
      for (const w of mine) if (ws.has(w)) score += weight(w);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    return best;
  });
}

/** The indexes of the longest non-decreasing run of anchors (ignoring -1), as a set. */
function ordered(a: readonly number[]): Set<number> {
  const idx = a.map((_, i) => i).filter((i) => a[i]! >= 0);
  // Patience sorting: tails[k] is the index ending the best run of length k + 1.
  const tails: number[] = [];
  const prev = new Map<number, number>();
  for (const i of idx) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[tails[mid]!]! <= a[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev.set(i, tails[lo - 1]!);
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i: number | undefined = tails[tails.length - 1]; i !== undefined; i = prev.get(i)) keep.add(i);
  return keep;
}

export function alignParagraphs(source: readonly string[], rewrite: readonly string[]): Row[] {
  const a = anchors(source, rewrite);
  const keep = ordered(a);
  const rows: Row[] = [];
  let last = -1;
  rewrite.forEach((_, r) => {
    const at = keep.has(r) ? a[r]! : -1;
    if (at > last || rows.length === 0) {
      const upTo = Math.max(at, last);
      rows.push({ source: range(last + 1, upTo + 1), rewrite: [r] });
      last = upTo;
    } else rows[rows.length - 1]!.rewrite.push(r);
  });
  const rest = range(last + 1, source.length);
  if (rest.length > 0) {
    if (rows.length === 0) rows.push({ source: rest, rewrite: [] });
    else rows[rows.length - 1]!.source.push(...rest);
  }
  return rows;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
