import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks';
import { corpusRewrites, withCopiedSentences } from '../support/copied-variants';

const rewrites = corpusRewrites();

describe('the copied warning on real articles (test/fixtures/checks/corpus)', () => {
  it('has faithful rewrites to calibrate on', () => {
    expect(rewrites.length).toBeGreaterThanOrEqual(5);
  });

  it('warns on under 10 % of the faithful rewrites', () => {
    const warned = rewrites.filter((r) => runChecks({ source: r.source, headline: r.headline, body: r.body }).originality.warn);
    expect(warned.length / rewrites.length).toBeLessThan(0.1);
  });

  for (const count of [2, 3]) {
    it(`warns on every rewrite with ${count} source sentences pasted in, and marks them`, () => {
      let built = 0;
      for (const r of rewrites) {
        const variant = withCopiedSentences(r, count);
        if (!variant) continue;
        built++;
        const { originality, text } = runChecks({ source: r.source, headline: r.headline, body: variant.body });
        expect(originality.warn, r.id).toBe(true);
        for (const s of variant.pasted) {
          const at = text.indexOf(s);
          expect(
            originality.passages.some((p) => p.start <= at && p.end >= at + s.length - 1),
            `${r.id}: ${s}`,
          ).toBe(true);
        }
      }
      expect(built).toBeGreaterThanOrEqual(5);
    });
  }
});
