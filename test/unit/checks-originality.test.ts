import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkOriginality } from '../../src/checks/originality';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/checks/${name}`, import.meta.url), 'utf8');

/** The run a test expects: `text` found in `rewrite` (the n-th time), with its offsets. */
function runOf(rewrite: string, text: string, nth = 0): { start: number; end: number; text: string } {
  let start = -1;
  for (let k = 0; k <= nth; k++) start = rewrite.indexOf(text, start + 1);
  if (start < 0) throw new Error(`${JSON.stringify(text)} is not in the rewrite`);
  return { start, end: start + text.length, text };
}

const SOURCE =
  'The quick brown fox jumps over the lazy dog near the river bank today. ' +
  'Farmers in the valley say the harvest came three weeks early this season. ' +
  'The minister said: “We will rebuild every single school in the region by next year.” Critics doubted it.';

describe('checkOriginality: copied runs', () => {
  it('finds one copied passage with its exact offsets', () => {
    const rewrite = 'Yesterday, the quick brown fox jumps over the lazy dog, witnesses said.';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([runOf(rewrite, 'the quick brown fox jumps over the lazy dog')]);
    expect(r.longestRun).toBe(9);
    expect(r.copiedShare).toBeCloseTo(9 / 12, 10);
  });

  it('does not count an overlap of 5 words, and does count it when minRun is 5', () => {
    const rewrite = 'A small brown fox jumps over the fence, and a tired dog sleeps.';
    expect(checkOriginality(SOURCE, rewrite)).toEqual({ copiedShare: 0, longestRun: 0, runs: [] });
    const five = checkOriginality(SOURCE, rewrite, { minRun: 5 });
    expect(five.runs).toEqual([runOf(rewrite, 'brown fox jumps over the')]);
  });

  it('a 6-word overlap is the smallest run counted', () => {
    const rewrite = 'Look: brown fox jumps over the lazy cat.';
    expect(checkOriginality(SOURCE, rewrite).runs).toEqual([runOf(rewrite, 'brown fox jumps over the lazy')]);
  });

  it('counts copies that differ only in punctuation, case, hyphens and apostrophes', () => {
    const rewrite = 'THE Quick, brown-fox jumps: over the LAZY dog!';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([runOf(rewrite, 'THE Quick, brown-fox jumps: over the LAZY dog')]);
    expect(r.copiedShare).toBe(1);

    const apostrophes = checkOriginality(
      'Iran’s mission to the United Nations has yet to respond.',
      "We hear Iran's mission to the United Nations has yet to respond.",
    );
    expect(apostrophes.longestRun).toBe(10);
  });

  it('finds two separate copied passages as two runs', () => {
    const rewrite =
      'Reports say the quick brown fox jumps over the lazy dog. Elsewhere, ' +
      'farmers in the valley say the harvest came three weeks early, a surprise to many.';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([
      runOf(rewrite, 'the quick brown fox jumps over the lazy dog'),
      runOf(rewrite, 'farmers in the valley say the harvest came three weeks early'),
    ]);
    expect(r.longestRun).toBe(11);
    expect(r.copiedShare).toBeCloseTo(20 / 27, 10);
  });

  it('keeps two copies that merely touch as two runs', () => {
    const rewrite = 'the quick brown fox jumps over farmers in the valley say the';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([runOf(rewrite, 'the quick brown fox jumps over'), runOf(rewrite, 'farmers in the valley say the')]);
    expect(r.copiedShare).toBe(1);
  });

  it('leaves a verbatim quotation out of the copied share', () => {
    const rewrite = 'According to the minister, “We will rebuild every single school in the region by next year.” Nobody believes him.';
    expect(checkOriginality(SOURCE, rewrite)).toEqual({ copiedShare: 0, longestRun: 0, runs: [] });
    // The same words without quotation marks are copied prose.
    const unquoted = 'According to the minister, we will rebuild every single school in the region by next year. Nobody believes him.';
    const r = checkOriginality(SOURCE, unquoted);
    expect(r.runs).toEqual([runOf(unquoted, 'we will rebuild every single school in the region by next year')]);
  });

  it('stops a run at a quotation and counts the copied prose around it', () => {
    const rewrite = 'The minister said: “We will rebuild every single school in the region by next year.” Critics doubted it.';
    const r = checkOriginality(SOURCE, rewrite);
    // "The minister said" + quote boundary: the prose before and after the quote is too short to be a run.
    expect(r.runs).toEqual([]);
  });

  it('counts copied words inside quotation marks that do not quote the source', () => {
    const rewrite = 'He called it “the quick brown fox jumps over the lazy dog” moment, then left.';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([]); // a verbatim quote of source text is excluded…
    const changed = 'He called it “the quick brown fox jumps over the lazy cat” moment, then left.';
    expect(checkOriginality(SOURCE, changed).runs).toEqual([runOf(changed, 'the quick brown fox jumps over the lazy')]); // …a changed one is not
  });

  it('a full copy scores 1, an empty rewrite 0', () => {
    const r = checkOriginality(SOURCE, SOURCE.replace(/[“”]/g, ''));
    expect(r.copiedShare).toBe(1);
    expect(r.runs).toHaveLength(1);
    expect(checkOriginality(SOURCE, '')).toEqual({ copiedShare: 0, longestRun: 0, runs: [] });
    expect(checkOriginality('', 'Some words of a rewrite that stand here alone.').copiedShare).toBe(0);
  });

  it('the hand-written rewrite of the example article is original; the article itself is not', () => {
    const source = fixture('meta-source.txt');
    const clean = checkOriginality(source, fixture('meta-clean.md'));
    expect(clean.copiedShare).toBeLessThan(0.05);
    const copy = checkOriginality(source, source);
    expect(copy.copiedShare).toBeGreaterThan(0.9);
  });
});
