// Section 10 of `npm run bench`: the checks on the labelled set of issue 14 (test/fixtures/checks/labelled),
// loaded and validated by test/support/labelled.ts and scored by test/support/labelled-score.ts. Counts, not timings.
import { join } from 'node:path';

/** Runs every clean and planted rewrite through runChecks and scores the findings. */
export function benchLabelled(lib, root) {
  const sources = lib.loadLabelled(join(root, lib.LABELLED_DIR));
  const cases = lib.labelledCases(sources);
  const scored = cases.map((c) => ({
    case: c,
    findings: lib.runChecks({ source: c.source, headline: c.headline, body: c.body, lang: c.lang, sourceLang: c.sourceLang }).findings,
  }));
  const score = lib.scoreLabelled(scored);
  return { sources: sources.length, cases: cases.length, score, table: lib.formatLabelledScore(score) };
}

/** One line per missed planted error and per clean rewrite with false alarms (LABELLED_VERBOSE=1), for whoever works on the checks. */
export function labelledDetails(score) {
  const show = (f) => `${f.kind}${f.change ? `/${f.change}` : ''} ${JSON.stringify(f.fact?.text ?? f.rewrite?.text ?? '')}`;
  return [
    ...score.outcomes.filter((o) => !o.caught).map((o) => `missed ${o.key}: ${o.note}`),
    ...score.outcomes.filter((o) => o.caught && !o.rightClass).map((o) => `other class ${o.key}: ${o.added.map(show).join('; ')}`),
    ...score.alarms.map(
      (a) => `false alarms ${a.key} (${a.findings.length}): ${a.findings.slice(0, 8).map(show).join('; ')}${a.findings.length > 8 ? '; …' : ''}`,
    ),
  ];
}
