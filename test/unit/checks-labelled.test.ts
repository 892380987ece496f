/**
 * The labelled set of issue 14 is well formed (test/support/labelled.ts): every planted `from` occurs exactly once
 * in its clean rewrite, clean rewrites quote the source word for word, every class is planted in every source, each UI
 * language has enough sources, and the scorer counts caught errors and false alarms as BENCHMARKS.md says. The targets themselves are in
 * checks-targets.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/findings';
import {
  applyPlanted,
  labelledCases,
  type LabelledSource,
  LABELLED_LANGS,
  loadLabelled,
  PLANTED_CLASSES,
  readLabelled,
  validateLabelled,
  validateSource,
} from '../support/labelled';
import { findingKey, scoreLabelled, type ScoredCase } from '../support/labelled-score';

const DIR = fileURLToPath(new URL('../fixtures/checks/labelled/', import.meta.url));

describe('labelled set: the files', () => {
  const files = readLabelled(DIR);

  it('validates: no problems in any file or in the set', () => {
    expect(validateLabelled(files)).toEqual([]);
  });

  it('has every language and every class', () => {
    const sources = loadLabelled(DIR);
    for (const lang of LABELLED_LANGS) expect(sources.filter((s) => s.lang === lang).length, lang).toBeGreaterThanOrEqual(3);
    const cases = labelledCases(sources);
    for (const c of PLANTED_CLASSES) expect(cases.filter((x) => x.class === c).length, c).toBeGreaterThanOrEqual(sources.length);
    for (const x of cases) {
      expect(x.headline, x.key).not.toBe('');
      expect(x.body, x.key).not.toMatch(/^#/);
    }
  });

  it('a planted rewrite differs from its clean rewrite exactly where the error is', () => {
    for (const s of loadLabelled(DIR, 0))
      for (const p of s.planted) {
        const planted = applyPlanted(s.clean[p.clean] as string, p);
        expect(planted, `${s.id}/${p.class}`).not.toBe(s.clean[p.clean]);
        expect(planted.includes(p.to), `${s.id}/${p.class}`).toBe(true);
      }
  });
});

describe('labelled set: the validator refuses broken files', () => {
  const [first] = readLabelled(DIR);
  const good = first!.data as { planted: { from: string; class: string; clean: number }[]; lang: string; clean: string[] };
  const broken = (change: (d: typeof good) => void): string[] => {
    const d = structuredClone(good);
    change(d);
    return validateSource(first!.file, d);
  };

  it('accepts the file as it is', () => {
    expect(validateSource(first!.file, good)).toEqual([]);
  });
  it('a `from` that does not occur, or occurs twice', () => {
    expect(broken((d) => (d.planted[0]!.from = 'no such text in the rewrite')).join()).toMatch(/occurs 0 times/);
    expect(broken((d) => (d.planted[0]!.from = ' ')).join()).toMatch(/occurs \d+ times/);
  });
  it('an unknown class, a missing class, a bad clean index, a bad language', () => {
    expect(broken((d) => (d.planted[0]!.class = 'typo')).join()).toMatch(/class "typo"/);
    expect(broken((d) => d.planted.splice(0, 1)).join()).toMatch(/no planted error of class/);
    expect(broken((d) => (d.planted[0]!.clean = 9)).join()).toMatch(/index/);
    expect(broken((d) => (d.lang = 'it')).join()).toMatch(/lang "it"/);
    expect(broken((d) => (d.clean = [d.clean[0]!])).join()).toMatch(/1 clean rewrites/);
  });
  it('a clean rewrite whose quote is not in the source word for word', () => {
    expect(broken((d) => (d.clean[1] = `${d.clean[1]!}\n\n"We never said this," she said.`)).join()).toMatch(/quotes "We never said this"/);
  });
  it('too few sources in a language', () => {
    expect(validateLabelled([first!]).join('\n')).toMatch(/sources \(at least 3 expected\)/);
  });
});

describe('labelled set: the scorer', () => {
  // Read without validation, so that a broken file fails the validation tests above, not the collection of these.
  const sources = readLabelled(DIR).map((f) => f.data as LabelledSource);
  const cases = labelledCases(sources).filter((c) => c.id === sources[0]!.id);
  const span = (text: string) => ({ text, start: 0, end: text.length });
  const claim = (change: Finding['change'], text: string): Finding => ({ kind: 'changed-claim', change, rewrite: span(text) });
  const missing = (text: string): Finding => ({ kind: 'missing-fact', fact: { kind: 'number', text } });
  const score = (f: (c: (typeof cases)[number]) => Finding[]) => scoreLabelled(cases.map((c): ScoredCase => ({ case: c, findings: f(c) })));

  it('nothing found: nothing caught, no false alarms', () => {
    const s = score(() => []);
    expect(s.overall).toEqual({ planted: 8, caught: 0, rightClass: 0 });
    expect(s.falseAlarms).toBe(0);
  });

  it('a new finding of the planted class is caught with the right class; of another class, caught only', () => {
    const s = score((c) => (c.class === 'figure' ? [claim('figure', 'x')] : c.class === 'unit' ? [claim('figure', 'y')] : []));
    expect(s.perClass.figure).toEqual({ planted: 1, caught: 1, rightClass: 1 });
    expect(s.perClass.unit).toEqual({ planted: 1, caught: 1, rightClass: 0 });
    expect(s.overall).toEqual({ planted: 8, caught: 2, rightClass: 1 });
  });

  it('a finding the clean rewrite has too does not count as caught, and counts as a false alarm there', () => {
    const s = score((c) => [missing(c.class === null ? ' 38 ' : '38')]);
    expect(s.overall.caught).toBe(0);
    expect(s.falseAlarms).toBe(2);
    expect(s.falseAlarmRate).toBe(1);
    expect(s.perLang[cases[0]!.lang]).toMatchObject({ falseAlarms: 2, cleanRewrites: 2 });
  });

  it('a planted rewrite is compared with its own clean rewrite, not another one', () => {
    const s = score((c) => (c.cleanIndex === 0 ? [missing('38')] : []));
    const onFirst = cases.filter((c) => c.class !== null && c.cleanIndex === 0).length;
    expect(onFirst).toBeGreaterThan(0);
    expect(s.overall.caught).toBe(0);
    const t = score((c) => (c.class !== null || c.cleanIndex === 1 ? [missing('38')] : []));
    expect(t.overall.caught).toBe(onFirst);
  });

  it('copied passages and SEO findings are neither caught errors nor false alarms', () => {
    const s = score(() => [{ kind: 'copied', rewrite: span('a') }, { kind: 'seo' }]);
    expect(s.overall.caught).toBe(0);
    expect(s.falseAlarms).toBe(0);
  });

  it('a cross-language source counts under its rewrite language and on its own row', () => {
    const cross = labelledCases(sources).filter((c) => c.sourceLang !== c.lang);
    expect(cross.length).toBeGreaterThan(0);
    const s = scoreLabelled(cross.map((c): ScoredCase => ({ case: c, findings: c.class === null ? [missing('1')] : [] })));
    const clean = cross.filter((c) => c.class === null).length;
    expect(s.crossLang).toMatchObject({ cleanRewrites: clean, falseAlarms: clean, planted: cross.length - clean });
    expect(s.perLang[cross[0]!.lang]).toMatchObject({ cleanRewrites: clean, falseAlarms: clean });
  });

  it('findings are the same when they differ only in case and spacing', () => {
    expect(findingKey(claim('negation', 'He  said No.'))).toBe(findingKey(claim('negation', 'he said no.')));
    expect(findingKey(claim('negation', 'He said no.'))).not.toBe(findingKey(claim('certainty', 'He said no.')));
  });
});
