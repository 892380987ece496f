import { describe, expect, it } from 'vitest';
import { checkSeo, countSyllables, readingEase } from '../../src/checks/seo';

describe('checkSeo: headline length', () => {
  it('60 characters is fine, 61 is too long', () => {
    const sixty = 'x'.repeat(60);
    expect(checkSeo(sixty, '', '')).toMatchObject({ headlineChars: 60, headlineTooLong: false });
    expect(checkSeo(`${sixty}y`, '', '')).toMatchObject({ headlineChars: 61, headlineTooLong: true });
  });

  it('judges against the headline limit setting when given one', () => {
    const fifty = 'x'.repeat(50);
    expect(checkSeo(fifty, '', '', 40)).toMatchObject({ headlineChars: 50, headlineTooLong: true, headlineMaxChars: 40 });
    expect(checkSeo(`${fifty}${'y'.repeat(20)}`, '', '', 80)).toMatchObject({ headlineTooLong: false, headlineMaxChars: 80 });
    expect(checkSeo(fifty, '', '').headlineMaxChars).toBe(60);
  });

  it('counts characters as a reader sees them, trimmed', () => {
    // 'é' and the emoji are one character each; surrounding spaces do not count.
    expect(checkSeo('  Café 🚀 opens  ', '', '').headlineChars).toBe(12);
    const realistic = 'Meta Removes Instagram, Facebook Accounts Linked to Iran’s Supreme Leader';
    expect(checkSeo(realistic, '', '')).toMatchObject({ headlineChars: 73, headlineTooLong: true });
  });
});

describe('checkSeo: word counts', () => {
  it('counts the body and the source as countWords does', () => {
    const r = checkSeo('Headline words are not counted', 'One two three.\n\nFour five.', 'Six words in the source, here.');
    expect(r.words).toBe(5);
    expect(r.sourceWords).toBe(6);
  });
});

describe('checkSeo: reading ease (Flesch, English)', () => {
  const simple = 'The cat sat on the mat. The dog ran to the park. We had fun in the sun. It was a good day.';
  const complex =
    'Notwithstanding considerable methodological heterogeneity, the investigators characterised the epidemiological ' +
    'determinants of cardiovascular morbidity, demonstrating statistically significant associations between ' +
    'socioeconomic deprivation and subsequent institutionalisation among geographically dispersed populations.';
  const news =
    'Meta has removed the Instagram and Facebook accounts of Iran’s Supreme Leader. The company said he broke its ' +
    'rules on dangerous organisations. Iran has not yet responded to the decision.';

  it('simple text reads easily, academic prose does not, news sits between', () => {
    const easy = readingEase(simple);
    const hard = readingEase(complex);
    const mid = readingEase(news);
    expect(easy).toBeGreaterThan(90);
    expect(hard).toBeLessThan(20);
    expect(mid).toBeGreaterThan(hard);
    expect(mid).toBeLessThan(easy);
    expect(mid).toBeGreaterThan(30);
    expect(mid).toBeLessThan(80);
  });

  it('stays within 0..100, rounded to one decimal, and is 0 for no words', () => {
    for (const text of [simple, complex, news, 'Go.', 'Incomprehensibilities notwithstanding']) {
      const r = readingEase(text);
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(100);
      expect(Math.round(r * 10) / 10).toBe(r);
    }
    expect(readingEase('')).toBe(0);
    expect(readingEase('— … —')).toBe(0);
  });

  it('a heading line counts as a sentence of its own', () => {
    const glued = readingEase('Storm warning issued for the coast tonight and tomorrow morning');
    const split = readingEase('Storm warning issued\nfor the coast tonight and tomorrow morning');
    expect(split).toBeGreaterThan(glued);
  });

  it('counts English syllables by heuristic', () => {
    const cases: Array<[string, number]> = [
      ['cat', 1],
      ['make', 1],
      ['hoped', 1],
      ['wanted', 2],
      ['boxes', 2],
      ['makes', 1],
      ['people', 2],
      ['table', 2],
      ['organization', 5],
      ['deepfake', 2],
      ['Iran’s', 2],
      ['beautiful', 3],
      ['the', 1],
    ];
    for (const [word, n] of cases) expect(countSyllables(word), word).toBe(n);
  });
});
