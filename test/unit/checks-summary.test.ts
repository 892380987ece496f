// The checks in an editor's order: the count to check, groups in rank order capped at five with the rest counted,
// the one-line summary in the four UI languages with their plurals, what a language could not have checked, and
// sentences cut short around the words that differ.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks';
import { runChecks } from '../../src/checks';
import { GROUP_CAP, groupLabel, languageLabel, markedPieces, moreLabel, sentenceAround, summarize, summaryText, uncheckedText } from '../../src/checks/summary';
import { catalogTranslator, type Catalog } from '../../src/i18n';
import { english } from '../../src/i18n-en';

const catalog = (l: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', '_locales', l, 'messages.json'), 'utf8')) as Catalog;
const tr = { en: english, de: catalogTranslator(catalog('de'), 'de'), fr: catalogTranslator(catalog('fr'), 'fr'), es: catalogTranslator(catalog('es'), 'es') };

const span = (text: string, start = 0) => ({ text, start, end: start + text.length });
const added = (name: string, at: number): Finding => ({ kind: 'added-fact', fact: { kind: 'name', text: name }, rewrite: span(`${name} spoke.`, at) });
const missing = (n: string): Finding => ({ kind: 'missing-fact', fact: { kind: 'number', text: n } });
const changed = (change: Finding['change'], at: number): Finding => ({
  kind: 'changed-claim',
  change,
  source: span('It rose 5%.', at),
  rewrite: span('It rose 6%.', at),
  from: '5%',
  to: '6%',
});

describe('summarize', () => {
  it('nothing found: nothing to check, no groups', () => {
    const s = summarize([]);
    expect(s).toEqual({ toCheck: 0, counts: {}, groups: [] });
    expect(summaryText(english, s)).toBe('Nothing to check');
  });

  it('groups in rank order whatever order the findings come in: changed figures first, then the other changes, facts, copying, SEO', () => {
    const findings: Finding[] = [
      { kind: 'seo', rewrite: span('A very long headline') },
      { kind: 'copied', rewrite: span('copied words', 40) },
      added('Ana Ruiz', 30),
      missing('12'),
      changed('certainty', 20),
      changed('figure', 50),
      changed('negation', 10),
      { kind: 'changed-claim', rewrite: span('A claim.', 60) },
    ];
    const s = summarize(findings);
    expect(s.groups.map((g) => g.key)).toEqual(['changed-claim', 'figure', 'negation', 'certainty', 'missing-fact', 'added-fact', 'copied', 'seo']);
    expect(s.toCheck).toBe(8);
    expect(s.counts).toEqual({ 'changed-claim': 1, figure: 1, negation: 1, certainty: 1, 'missing-fact': 1, 'added-fact': 1, copied: 1, seo: 1 });
  });

  it('at most five per group, the rest kept in order and counted; other groups are not capped by a big one', () => {
    const names = Array.from({ length: 12 }, (_, i) => added(`Person ${i}`, 1000 - i * 10));
    const s = summarize([...names, changed('figure', 5), missing('7')]);
    const group = s.groups.find((g) => g.key === 'added-fact')!;
    expect(group.count).toBe(12);
    expect(group.shown).toHaveLength(GROUP_CAP);
    expect(group.rest).toHaveLength(7);
    // Ranked by where they are in the rewrite: the last added name (lowest offset) first.
    expect(group.shown.map((f) => f.fact?.text)).toEqual(['Person 11', 'Person 10', 'Person 9', 'Person 8', 'Person 7']);
    expect(group.rest.at(-1)?.fact?.text).toBe('Person 0');
    expect(s.groups.map((g) => [g.key, g.shown.length, g.rest.length])).toEqual([
      ['figure', 1, 0],
      ['missing-fact', 1, 0],
      ['added-fact', 5, 7],
    ]);
    expect(s.toCheck).toBe(14);
    expect(summarize(names, 2).groups[0]?.rest).toHaveLength(10);
  });

  it('783 missing facts still show five', () => {
    const s = summarize(Array.from({ length: 783 }, (_, i) => missing(String(i))));
    expect(s.groups[0]?.shown).toHaveLength(5);
    expect(moreLabel(english, s.groups[0]!.rest.length)).toBe('and 778 more');
  });
});

describe('the summary line in four languages', () => {
  const findings = [changed('figure', 0), changed('figure', 40), added('Ana', 10), missing('3'), { kind: 'copied', rewrite: span('x y z') } as Finding];

  it('names the count and the first three groups, with each language plural', () => {
    const s = summarize(findings);
    expect(summaryText(tr.en, s)).toBe('5 to check · 2 changed figures · 1 missing fact · 1 fact not in the source');
    expect(summaryText(tr.de, s)).toBe('5 zu prüfen · 2 geänderte Zahlen · 1 fehlender Fakt · 1 Fakt nicht in der Quelle');
    expect(summaryText(tr.fr, s)).toBe('5 points à vérifier · 2 chiffres modifiés · 1 fait manquant · 1 fait absent de la source');
    expect(summaryText(tr.es, s)).toBe('5 puntos por revisar · 2 cifras cambiadas · 1 dato que falta · 1 dato que no está en la fuente');
    expect(summaryText(tr.en, s, 1)).toBe('5 to check · 2 changed figures');
  });

  it('singular and plural forms', () => {
    const one = summarize([changed('figure', 0)]);
    expect(summaryText(tr.en, one)).toBe('1 to check · 1 changed figure');
    expect(summaryText(tr.de, one)).toBe('1 zu prüfen · 1 geänderte Zahl');
    expect(summaryText(tr.fr, one)).toBe('1 point à vérifier · 1 chiffre modifié');
    expect(summaryText(tr.es, one)).toBe('1 punto por revisar · 1 cifra cambiada');
    expect(moreLabel(tr.de, 1)).toBe('und 1 weiterer');
    expect(moreLabel(tr.de, 3)).toBe('und 3 weitere');
    expect(moreLabel(tr.fr, 1)).toBe('et 1 autre');
    expect(moreLabel(tr.fr, 2)).toBe('et 2 autres');
    expect(moreLabel(tr.es, 1234)).toBe('y 1234 más');
    expect(groupLabel(tr.en, 'name-swap', 2)).toBe('2 swapped names');
    expect(groupLabel(tr.fr, 'copied', 3)).toBe('3 passages copiés');
  });

  it('every group key has words in every language (no key left as its name)', () => {
    const keys = [
      'figure',
      'unit',
      'date',
      'name-swap',
      'negation',
      'attribution',
      'certainty',
      'invented',
      'changed-claim',
      'missing-fact',
      'added-fact',
      'copied',
      'seo',
    ] as const;
    for (const t of Object.values(tr)) {
      for (const k of keys) for (const n of [1, 2]) expect(groupLabel(t, k, n), `${t.locale} ${k}`).toMatch(new RegExp(`^${n} \\S`));
    }
  });
});

describe('what the checks could not read', () => {
  const caps = { lang: 'en' as const, figures: true, names: true, claims: true, readingEase: true };

  it('nothing when every check ran', () => {
    expect(uncheckedText(english, caps)).toBeNull();
  });

  it('names the language in the UI language', () => {
    const ja = { lang: null, language: 'ja', figures: true, names: false, claims: false, readingEase: false };
    expect(uncheckedText(tr.en, ja)).toBe('Japanese: names and claims are not checked.');
    expect(uncheckedText(tr.de, ja)).toBe('Japanisch: Namen und Aussagen werden nicht geprüft.');
    expect(uncheckedText(tr.fr, ja)).toMatch(/^Japonais\u00a0: les noms et les affirmations ne sont pas vérifiés\./);
    expect(uncheckedText(tr.es, ja)).toMatch(/^Japonés: no se revisan los nombres ni las afirmaciones\./);
    // Reading ease left out is said by the SEO figures, not here.
    expect(uncheckedText(tr.en, { ...caps, lang: 'de', language: 'de', readingEase: false })).toBeNull();
    expect(uncheckedText(tr.en, { ...caps, names: false })).toBe('English: names and quotes are not checked.');
    expect(uncheckedText(tr.en, { ...caps, claims: false })).toBe('English: changed claims are not checked.');
    expect(uncheckedText(tr.en, { ...caps, lang: null, figures: false })).toBe('The output language: figures, names and claims are not checked.');
  });

  it('runChecks says so for a language the checks have no rules for, and names it', () => {
    const r = runChecks({ source: 'Ana said 5.', headline: 'H', body: 'Ana said 5.', lang: 'Japanese' });
    expect(r.capabilities.language).toBe('ja');
    expect(uncheckedText(tr.fr, r.capabilities)).toMatch(/^Japonais\u00a0: /);
    expect(uncheckedText(english, r.capabilities)).toMatch(/^Japanese: names and claims are not checked\./);
  });

  it('language names from a code, or as given', () => {
    expect(languageLabel('de', 'fr')).toBe('Allemand');
    expect(languageLabel('es', 'de')).toBe('Spanisch');
    expect(languageLabel('Japanese', 'en')).toBe('Japanese');
    expect(languageLabel('Klingon', 'en')).toBe('Klingon');
    expect(languageLabel(null, 'en')).toBeNull();
  });
});

describe('sentences', () => {
  it('marks the first occurrence of the differing words', () => {
    expect(markedPieces('It rose 5% in May.', '5%')).toEqual([
      { text: 'It rose ', mark: false },
      { text: '5%', mark: true },
      { text: ' in May.', mark: false },
    ]);
    expect(markedPieces('It rose.', 'fell')).toEqual([{ text: 'It rose.', mark: false }]);
    expect(markedPieces('It rose.', '')).toEqual([{ text: 'It rose.', mark: false }]);
  });

  it('a run-on sentence is cut around the mark, with ellipses, never longer than the limit allows', () => {
    const long = `${'word '.repeat(200)}TARGET ${'more '.repeat(200)}`;
    const pieces = markedPieces(long, 'TARGET', 100);
    const text = pieces.map((p) => p.text).join('');
    expect(text.length).toBeLessThanOrEqual(102);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(pieces.find((p) => p.mark)?.text).toBe('TARGET');
    expect(markedPieces('x'.repeat(500), undefined, 50)[0]?.text).toHaveLength(51);
  });

  it('finds the sentence a fact is in, with its offsets', () => {
    const text = 'Headline\n\nThe mayor spoke. Ana Ruiz said 40 people came! Then it rained.';
    const s = sentenceAround(text, 'Ana Ruiz')!;
    expect(s.text).toBe('Ana Ruiz said 40 people came!');
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentenceAround(text, 'rained')?.text).toBe('Then it rained.');
    expect(sentenceAround(text, 'Headline')?.text).toBe('Headline');
    expect(sentenceAround(text, 'Bob')).toBeUndefined();
  });
});
