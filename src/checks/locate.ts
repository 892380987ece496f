/**
 * Where a fact finding is: the sentence around the fact, in the source for a missing fact and in the rewrite for an
 * added one, so the popup shows it and the review page can link it. One split of each text, one binary search each.
 */

import type { Finding, Span } from './findings';
import { splitSentences, type SentenceSplits } from './sentences';

/** The span holding offset `at`, from spans in text order (null when `at` falls between them). */
function around(spans: readonly Span[], at: number): Span | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid] as Span;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

/**
 * The findings with the sentence of each fact filled in where the fact says where it is (`fact.at`). `splits`: the
 * two texts' splitSentences, when the caller has them.
 */
export function locateFacts(findings: readonly Finding[], source: string, rewrite: string, splits?: SentenceSplits): Finding[] {
  let sourceSpans: readonly Span[] | null = splits?.source ?? null;
  let rewriteSpans: readonly Span[] | null = splits?.rewrite ?? null;
  return findings.map((f) => {
    const at = f.fact?.at;
    if (at === undefined) return f;
    if (f.kind === 'missing-fact' && !f.source) {
      const s = around((sourceSpans ??= splitSentences(source)), at);
      return s ? { ...f, source: s } : f;
    }
    if (f.kind === 'added-fact' && !f.rewrite) {
      const s = around((rewriteSpans ??= splitSentences(rewrite)), at);
      return s ? { ...f, rewrite: s } : f;
    }
    return f;
  });
}
