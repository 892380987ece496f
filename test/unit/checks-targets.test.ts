/**
 * Issue 14's targets on our labelled set (test/fixtures/checks/labelled, scored by test/support/labelled-score.ts):
 * at least 90 % of planted errors caught overall and in every class, and at most one false alarm per four clean
 * rewrites. `npm run bench` prints the same score as a table.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/index';
import { labelledCases, loadLabelled, PLANTED_CLASSES } from '../support/labelled';
import { formatLabelledScore, recallOf, scoreLabelled } from '../support/labelled-score';

const DIR = fileURLToPath(new URL('../fixtures/checks/labelled/', import.meta.url));

describe('checks on the labelled set meet the issue-14 targets', () => {
  const cases = labelledCases(loadLabelled(DIR));
  const score = scoreLabelled(
    cases.map((c) => ({
      case: c,
      findings: runChecks({ source: c.source, headline: c.headline, body: c.body, lang: c.lang, sourceLang: c.sourceLang }).findings,
    })),
  );
  const table = `\n${formatLabelledScore(score).join('\n')}`;

  it('catches at least 90 % of planted errors overall', () => {
    expect(recallOf(score.overall), table).toBeGreaterThanOrEqual(0.9);
  });

  for (const cls of PLANTED_CLASSES)
    it(`catches at least 90 % of planted ${cls} errors`, () => {
      const missed = score.outcomes.filter((o) => o.class === cls && !o.caught).map((o) => `${o.key}: ${o.note}`);
      expect(recallOf(score.perClass[cls]), `missed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(0.9);
    });

  it('raises at most one false alarm per four clean rewrites', () => {
    const alarms = score.alarms.map(
      (a) => `${a.key}: ${a.findings.map((f) => `${f.kind}${f.change ? `/${f.change}` : ''} ${f.fact?.text ?? f.rewrite?.text ?? ''}`).join('; ')}`,
    );
    expect(score.falseAlarmRate, `false alarms:\n${alarms.join('\n')}`).toBeLessThanOrEqual(0.25);
  });
});
