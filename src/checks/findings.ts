/**
 * What the checks report to an editor: one list of findings, each saying what changed and where. The facts, claims,
 * originality and SEO checks each give findings of their own kinds; src/checks/index.ts ranks them (see RANK).
 */

import type { Fact, FactsReport } from './facts';
import type { OriginalityReport } from './originality';
import type { SeoReport } from './seo';

/** A sentence (or other stretch) of the source or the rewrite: offsets into the text that was checked, end exclusive. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** What a changed claim changed. */
export type ClaimChange =
  /** a statement negated or un-negated ("did" → "did not", "never" dropped) */
  | 'negation'
  /** a hedge dropped or certainty raised ("allegedly" removed, "may" → "will", "about 40" → "40") */
  | 'certainty'
  /** the claim credited to another person, outlet or organisation */
  | 'attribution'
  /** another person of the same article put in a person's place */
  | 'name-swap'
  /** the same figure with another unit (5 miles → 5 km) */
  | 'unit'
  /** another day or date */
  | 'date'
  /** another figure in the matching sentence */
  | 'figure'
  /** a claim the source does not make (no matching source sentence) */
  | 'invented';

export type FindingKind =
  /** an aligned sentence pair says something different: `change` says what */
  | 'changed-claim'
  /** a fact of the source the rewrite lost */
  | 'missing-fact'
  /** a figure, name or quote the source never states */
  | 'added-fact'
  /** a sentence copied nearly whole (outside quotes and names), when the originality check warns */
  | 'copied'
  /** an SEO figure out of bounds (a headline over the limit) */
  | 'seo';

export interface Finding {
  kind: FindingKind;
  /** For changed claims: what changed. */
  change?: ClaimChange;
  /** The source sentence it concerns, offsets into the checked source. */
  source?: Span;
  /** The rewrite sentence it concerns, offsets into ChecksResult.text. */
  rewrite?: Span;
  /** For missing and added facts: the fact. */
  fact?: Fact;
  /** The words that differ, as each text writes them ("allegedly" → "", "may" → "will", "Reuters" → "AP"). */
  from?: string;
  to?: string;
}

/** The order findings are shown in: changed claims first, then lost and added facts, copying, SEO. */
export const RANK: Readonly<Record<FindingKind, number>> = { 'changed-claim': 0, 'missing-fact': 1, 'added-fact': 2, copied: 3, seo: 4 };

/** The order of changes inside changed claims: figures and facts of who/what first. */
export const CHANGE_RANK: Readonly<Record<ClaimChange, number>> = {
  figure: 0,
  unit: 1,
  date: 2,
  'name-swap': 3,
  negation: 4,
  attribution: 5,
  certainty: 6,
  invented: 7,
};

/** Findings ranked for display: by kind, then change, then where they are in the rewrite (or the source). */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  const at = (f: Finding): number => f.rewrite?.start ?? f.source?.start ?? 0;
  const change = (f: Finding): number => (f.change === undefined ? 0 : CHANGE_RANK[f.change]);
  return [...findings].sort((a, b) => RANK[a.kind] - RANK[b.kind] || change(a) - change(b) || at(a) - at(b));
}

/** The findings the facts, originality and SEO reports hold, ranked (also for checks stored before findings existed). */
export function reportFindings(headline: string, facts: FactsReport, originality: OriginalityReport, seo: SeoReport): Finding[] {
  const findings: Finding[] = [
    ...facts.missing.map((fact): Finding => ({ kind: 'missing-fact', fact })),
    ...facts.added.map((fact): Finding => ({ kind: 'added-fact', fact })),
    // Copying is a finding when the check warns: the sentences to rewrite, not every kept phrase.
    ...(originality.warn ? originality.passages : []).map((r): Finding => ({ kind: 'copied', rewrite: r })),
    ...(seo.headlineTooLong ? [{ kind: 'seo', rewrite: { text: headline, start: 0, end: headline.length } } satisfies Finding] : []),
  ];
  return rankFindings(findings);
}
