/**
 * Timing of the checks on generated article pairs of 1,000 and 10,000 words:
 *   npx vitest bench --run bench/checks.bench.ts
 * A benchmark, not a test: it asserts nothing. Linear time shows as a 10k/1k ratio near 10.
 */
import { bench, describe } from 'vitest';
import { checkClaims } from '../src/checks/claims';
import { checkFacts } from '../src/checks/facts';
import { checkOriginality } from '../src/checks/originality';
import { runChecks } from '../src/checks/index';
import { pair } from './pairs';

for (const size of [1_000, 10_000]) {
  const p = pair(size, size);
  const rewrite = `${p.headline}\n\n${p.body}`;
  describe(`${size.toLocaleString('en-US')}-word pair`, () => {
    bench('runChecks (all)', () => {
      runChecks(p);
    });
    bench('checkFacts', () => {
      checkFacts(p.source, rewrite);
    });
    bench('checkOriginality', () => {
      checkOriginality(p.source, rewrite);
    });
    bench('checkClaims', () => {
      checkClaims(p.source, rewrite, { source: 'en', rewrite: 'en' });
    });
  });
}
