import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '../../src/extract/node';

/**
 * Every case in test/fixtures/pages/: CASE.html or CASE.html.gz plus CASE.expected.json
 * (new cases: `node scripts/add-fixture.mjs SAVED.html CASE --url URL`).
 *
 *   url           the page URL handed to the extractor
 *   ok            whether an article must come out (default true)
 *   minWords      passed to the extractor (default: the product's minimum)
 *   title         the exact title, when given
 *   mustInclude   snippets that must each appear in the article text
 *   mustExclude   snippets that must not appear in the article text (cruft, hidden text, the wrong block)
 *   warnings      the exact set of warning codes, when given
 */

interface Expected {
  url: string;
  source: string;
  ok?: boolean;
  minWords?: number;
  title?: string;
  mustInclude: string[];
  mustExclude: string[];
  warnings?: string[];
}

const PAGES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages');
const cases = readdirSync(PAGES)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.slice(0, -'.expected.json'.length))
  .sort();

function html(name: string): string {
  const files = readdirSync(PAGES);
  if (files.includes(`${name}.html.gz`)) return gunzipSync(readFileSync(join(PAGES, `${name}.html.gz`))).toString('utf8');
  return readFileSync(join(PAGES, `${name}.html`), 'utf8');
}

/** Quotes and whitespace written one way, as ground truths and hand-written snippets do. */
const norm = (s: string): string =>
  s
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

describe('fixture pages (test/fixtures/pages/*.expected.json)', () => {
  it('there are cases, and each names its source', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const name of cases) {
      const e = JSON.parse(readFileSync(join(PAGES, `${name}.expected.json`), 'utf8')) as Expected;
      expect(e.source, name).toMatch(/\S/);
      expect(e.source, name).not.toMatch(/FILL IN/);
    }
  });

  for (const name of cases) {
    it(name, () => {
      const e = JSON.parse(readFileSync(join(PAGES, `${name}.expected.json`), 'utf8')) as Expected;
      const r = extractFromHtml(html(name), e.url, e.minWords === undefined ? {} : { minWords: e.minWords });
      expect(r.ok, r.ok ? '' : r.detail).toBe(e.ok ?? true);
      if (!r.ok) return;
      const a = r.article;
      const text = norm(a.text);
      if (e.title !== undefined) expect(a.title).toBe(e.title);
      for (const s of e.mustInclude) expect(text, `must include: ${s}`).toContain(norm(s));
      for (const s of e.mustExclude) expect(text, `must exclude: ${s}`).not.toContain(norm(s));
      if (e.warnings) expect(a.warnings.map((w) => w.code).sort()).toEqual([...e.warnings].sort());
    });
  }
});
