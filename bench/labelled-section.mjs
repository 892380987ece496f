// Section 10 of `npm run bench`: the checks on the labelled set of issue 14 (test/fixtures/checks/labelled),
// loaded and validated by test/support/labelled.ts and scored by test/support/labelled-score.ts. Counts, not timings.
import { readFileSync, readdirSync } from 'node:fs';
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

/**
 * The faithful rewrites of real articles (test/fixtures/checks/corpus): how many the copied warning fires on, and
 * the findings of each (every one a false alarm, since each rewrite keeps its article's facts).
 */
export function benchCorpusRewrites(lib, root) {
  const dir = join(root, 'test', 'fixtures', 'checks', 'corpus');
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  let warned = 0;
  const alarms = [];
  for (const name of files) {
    const { source, rewrite } = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const { headline, body } = lib.parseAnswer(rewrite, { final: true });
    const checks = lib.runChecks({ source, headline, body, lang: 'en' });
    if (checks.originality.warn) warned++;
    alarms.push(checks.findings.filter((f) => f.kind === 'changed-claim' || f.kind === 'missing-fact' || f.kind === 'added-fact').length);
  }
  alarms.sort((a, b) => a - b);
  const total = alarms.reduce((a, b) => a + b, 0);
  return { rewrites: files.length, warned, alarms: total, median: alarms[Math.floor(alarms.length / 2)] ?? 0, max: alarms.at(-1) ?? 0 };
}
