/**
 * The corpus rewrites (test/fixtures/checks/corpus) are what they claim to be: WCXB news texts with a faithful
 * rewrite each, stored in one shape, every quotation in a rewrite taken word for word from its source, and each
 * rewrite a headline and a body as the product's parser reads them.
 */
import { describe, expect, it } from 'vitest';
import { corpusFileNames, corpusRewrites, readCorpusJson } from '../support/corpus-rewrites';

/** Quotations in double marks ("straight", “curly”), each within one line; an unclosed one is skipped. */
function doubleQuotes(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(/"([^"\n]+)"|“([^”\n]+)”/g)) out.push((m[1] ?? m[2] ?? '').trim());
  }
  return out.filter((q) => q !== '');
}

/** Lower-case words, apostrophes kept inside a word, so that quoted punctuation may differ ("mocktails." / "mocktails,"). */
const words = (text: string): string[] => (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? []).map((w) => w.replace(/’/g, "'"));

const wordCount = (text: string): number => text.split(/\s+/).filter((w) => w !== '').length;

const names = corpusFileNames();

describe('corpus rewrites', () => {
  it('holds at least 24 files, WCXB only (never Dragnet: AGPL data)', () => {
    expect(names.length).toBeGreaterThanOrEqual(24);
    for (const name of names) expect(name).toMatch(/^wcxb-\d+\.json$/);
  });

  it.each(names)('%s has the stored shape', (name) => {
    const json = readCorpusJson(name) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['id', 'rewrite', 'source', 'url']);
    expect(json.id).toBe(name.replace(/\.json$/, ''));
    expect(json.url).toMatch(/^https:\/\/[^\s/]+\/\S*$/);
    for (const key of ['source', 'rewrite'] as const) {
      expect(typeof json[key]).toBe('string');
      expect((json[key] as string).trim()).not.toBe('');
    }
    expect(json.rewrite as string).toMatch(/^# \S/);
  });

  const cases = corpusRewrites();

  it.each(cases.map((c) => [c.id, c] as const))('%s: every double-quoted passage of the rewrite is in the source', (_id, c) => {
    const source = ` ${words(c.source).join(' ')} `;
    const quotes = doubleQuotes(`${c.headline}\n${c.body}`);
    const strays = quotes.filter((q) => words(q).length > 0 && !source.includes(` ${words(q).join(' ')} `));
    expect(strays).toEqual([]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: the rewrite parses into a headline and a body of about the source length', (_id, c) => {
    expect(c.headline.trim()).not.toBe('');
    expect(c.headline).not.toMatch(/^#/);
    expect(c.body.trim()).not.toBe('');
    expect(c.body).toMatch(/^## \S/m);
    const ratio = wordCount(c.body) / wordCount(c.source);
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.25);
  });

  it('the ids are distinct and the urls too', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.url)).size).toBe(cases.length);
  });
});
