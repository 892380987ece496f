// The patched and the unpatched Readability give the same extraction on every page of the shared corpus
// (../shared/corpus or $NEWSMITH_CORPUS: extraction/pages and readability-pages, about 600 pages, a few minutes in
// Node); skipped when the corpus is absent. The fixture pages get the same check in test/unit/readability-patch.test.ts.
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusPages, expectSameExtraction } from '../support/readability-twins';

describe('patched and unpatched Readability on the shared corpus', () => {
  const pages = corpusPages();
  it.skipIf(pages.length === 0)(
    `give the same extraction on every page (${CORPUS}; skipped when absent)`,
    async () => {
      const exercised = await expectSameExtraction(pages);
      // Not a vacuous comparison: on many pages Readability retried, or read a <noscript> image, through the helper.
      expect(exercised).toBeGreaterThan(pages.length / 10);
    },
    900_000,
  );
});
