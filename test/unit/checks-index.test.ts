import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rewriteText, runChecks, toChecksJson } from '../../src/checks/index';
import { splitAnswer } from '../../src/rewrite/split';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/checks/${name}`, import.meta.url), 'utf8');

describe('runChecks', () => {
  const source = fixture('meta-source.txt');
  const { headline, body } = splitAnswer(fixture('meta-clean.md'), { final: true });

  it('runs every check on headline + plain body', () => {
    const r = runChecks({ source, headline, body });
    expect(r.text).toBe(rewriteText(headline, body));
    expect(r.text.startsWith(`${headline}\n\n`)).toBe(true);
    expect(r.text).not.toContain('## '); // Markdown markers gone
    expect(r.facts.missing).toEqual([]);
    expect(r.facts.added).toEqual([]);
    expect(r.originality.copiedShare).toBeLessThan(0.05);
    expect(r.seo.headlineChars).toBe([...headline].length);
    expect(r.seo.words).toBeGreaterThan(400);
    expect(r.seo.sourceWords).toBeGreaterThan(400);
  });

  it('gives run offsets into the checked text', () => {
    const copied = `${body}\n\nDespite arming and supporting Hamas, Iran is not suspected of orchestrating the October 7 brutal assault on Israel.`;
    const r = runChecks({ source, headline, body: copied });
    expect(r.originality.runs.length).toBeGreaterThan(0);
    for (const run of r.originality.runs) expect(r.text.slice(run.start, run.end)).toBe(run.text);
    expect(r.originality.longestRun).toBeGreaterThanOrEqual(18);
  });

  it('the JSON for the command line has exactly the documented fields', () => {
    const json = toChecksJson(headline, runChecks({ source, headline, body }));
    expect(Object.keys(json)).toEqual(['headline', 'facts', 'originality', 'seo']);
    expect(Object.keys(json.facts)).toEqual(['total', 'kept', 'missing', 'added']);
    expect(Object.keys(json.originality)).toEqual(['copiedShare', 'longestRun', 'runs', 'passages', 'warn']);
    expect(Object.keys(json.seo)).toEqual(['headlineChars', 'words', 'sourceWords', 'readingEase']);
    expect(json.headline).toBe(headline);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
