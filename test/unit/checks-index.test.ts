import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rewriteText, runChecks, toChecksJson, type ChecksResult, type Finding } from '../../src/checks/index';
import { checkSeo } from '../../src/checks/seo';
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
    expect(Object.keys(json)).toEqual(['headline', 'facts', 'originality', 'seo', 'findings', 'summary', 'capabilities']);
    expect(Object.keys(json.facts)).toEqual(['total', 'kept', 'missing', 'added']);
    expect(Object.keys(json.originality)).toEqual(['copiedShare', 'longestRun', 'runs', 'passages', 'warn']);
    expect(Object.keys(json.seo)).toEqual(['headlineChars', 'words', 'sourceWords', 'readingEase', 'readingEaseFormula']);
    expect(Object.keys(json.summary)).toEqual(['changed-claim', 'missing-fact', 'added-fact', 'copied', 'seo']);
    expect(Object.keys(json.capabilities)).toEqual(['lang', 'figures', 'names', 'claims', 'readingEase']);
    expect(json.seo.readingEaseFormula).toBe('Flesch');
    expect(json.headline).toBe(headline);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('toChecksJson: the findings', () => {
  // A hand-made result: the source says a figure was "about 40", the rewrite says "40"; one fact is lost, one run copied.
  const source = 'Police said about 40 people were hurt. The mayor, Ana Ruiz, visited the site.';
  const headline = 'Forty hurt';
  const text = `${headline}\n\nPolice said 40 people were hurt. The mayor visited the site on Monday.`;
  const rewriteSentence = 'Police said 40 people were hurt.';
  const rStart = text.indexOf(rewriteSentence);
  const sourceSentence = 'Police said about 40 people were hurt.';
  const changed: Finding = {
    kind: 'changed-claim',
    change: 'certainty',
    source: { text: sourceSentence, start: 0, end: sourceSentence.length },
    rewrite: { text: rewriteSentence, start: rStart, end: rStart + rewriteSentence.length },
    from: 'about 40',
    to: '40',
  };
  const missing: Finding = { kind: 'missing-fact', fact: { kind: 'name', text: 'Ana Ruiz' } };
  const copied: Finding = { kind: 'copied', rewrite: { text: 'people were hurt', start: rStart + 15, end: rStart + 31 } };
  const result: ChecksResult = {
    facts: { total: 2, kept: 1, missing: [{ kind: 'name', text: 'Ana Ruiz' }], added: [] },
    originality: { copiedShare: 0.2, longestRun: 3, runs: [{ text: 'people were hurt', start: rStart + 15, end: rStart + 31 }], passages: [], warn: false },
    seo: checkSeo(headline, text.slice(headline.length + 2), source, 'de'),
    text,
    findings: [changed, missing, copied],
    capabilities: { lang: 'de', figures: true, names: true, claims: true, readingEase: true },
  };

  it("reports a changed claim's kind, change, both sentences with offsets, and from/to", () => {
    const json = toChecksJson(headline, result);
    expect(json.findings[0]).toEqual({
      kind: 'changed-claim',
      change: 'certainty',
      source: { text: sourceSentence, start: 0, end: sourceSentence.length },
      rewrite: { text: rewriteSentence, start: rStart, end: rStart + rewriteSentence.length },
      from: 'about 40',
      to: '40',
    });
    expect(Object.keys(json.findings[0] ?? {})).toEqual(['kind', 'change', 'source', 'rewrite', 'from', 'to']);
    const f = json.findings[0];
    expect(source.slice(f?.source?.start, f?.source?.end)).toBe(f?.source?.text);
    expect(text.slice(f?.rewrite?.start, f?.rewrite?.end)).toBe(f?.rewrite?.text);
    // The other kinds carry only what they have, and survive a JSON round trip.
    expect(json.findings[1]).toEqual({ kind: 'missing-fact', fact: { kind: 'name', text: 'Ana Ruiz' } });
    expect(json.findings[2]).toEqual({ kind: 'copied', rewrite: copied.rewrite });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('counts the findings of each kind and passes on the capabilities', () => {
    const json = toChecksJson(headline, result);
    expect(json.summary).toEqual({ 'changed-claim': 1, 'missing-fact': 1, 'added-fact': 0, copied: 1, seo: 0 });
    expect(json.capabilities).toEqual(result.capabilities);
    expect(json.seo.readingEaseFormula).toBe('Amstad');
  });

  it('readingEase is null, with no formula, for a language the checks have none for', () => {
    const r = runChecks({ source, headline, body: text.slice(headline.length + 2), lang: 'ja' });
    const json = toChecksJson(headline, r);
    expect(json.seo.readingEase).toBeNull();
    expect(json.seo.readingEaseFormula).toBeNull();
    expect(json.capabilities).toMatchObject({ lang: null, readingEase: false });
  });
});
