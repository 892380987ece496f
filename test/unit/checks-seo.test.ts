import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks';
import { readingEase, readingEase as readingEaseOf, textCounts } from '../../src/checks/reading-ease';
import { checkSeo } from '../../src/checks/seo';
import { countSyllables } from '../../src/checks/syllables';

describe('checkSeo: headline length', () => {
  it('60 characters is fine, 61 is too long', () => {
    const sixty = 'x'.repeat(60);
    expect(checkSeo(sixty, '', '')).toMatchObject({ headlineChars: 60, headlineTooLong: false });
    expect(checkSeo(`${sixty}y`, '', '')).toMatchObject({ headlineChars: 61, headlineTooLong: true });
  });

  it('judges against the headline limit setting when given one', () => {
    const fifty = 'x'.repeat(50);
    expect(checkSeo(fifty, '', '', 'en', 40)).toMatchObject({ headlineChars: 50, headlineTooLong: true, headlineMaxChars: 40 });
    expect(checkSeo(`${fifty}${'y'.repeat(20)}`, '', '', 'en', 80)).toMatchObject({ headlineTooLong: false, headlineMaxChars: 80 });
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
  const readingEase = (text: string): number => readingEaseOf(text, 'en') as number;
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

describe('reading ease in each language, hand-counted', () => {
  // Each: the text, its hand-counted words / sentences / syllables, and the language's formula on those counts.
  const cases = [
    {
      lang: 'en',
      text: 'Officials announced yesterday that the government would reconsider the proposal.',
      // Of-fi-cials an-nounced yes-ter-day that the gov-ern-ment would re-con-sid-er the pro-pos-al
      counts: { words: 10, sentences: 1, syllables: 22 },
      score: (asl: number, asw: number) => 206.835 - 1.015 * asl - 84.6 * asw,
    },
    {
      lang: 'de',
      text: 'Die Bundesregierung hat gestern eine umfangreiche Reform der Krankenversicherung beschlossen.',
      // Die Bun-des-re-gie-rung hat ges-tern ei-ne um-fang-rei-che Re-form der Kran-ken-ver-si-che-rung be-schlos-sen
      counts: { words: 10, sentences: 1, syllables: 27 },
      score: (asl: number, asw: number) => 180 - asl - 58.5 * asw, // Amstad
    },
    {
      lang: 'fr',
      text: 'L’administration municipale a présenté hier un programme ambitieux de rénovation énergétique.',
      // l’ad-mi-nis-tra-tion mu-ni-ci-pal(e) a pré-sen-té hier un pro-gramm(e) am-bi-tieux de ré-no-va-tion é-ner-gé-ti-qu(e)
      counts: { words: 11, sentences: 1, syllables: 29 },
      score: (asl: number, asw: number) => 207 - 1.015 * asl - 73.6 * asw, // Kandel–Moles
    },
    {
      lang: 'es',
      text: 'El gobierno aprobó ayer una reforma de la ley de educación. Entra en vigor en enero.',
      // El go-bier-no a-pro-bó a-yer u-na re-for-ma de la ley de e-du-ca-ción / En-tra en vi-gor en e-ne-ro
      counts: { words: 16, sentences: 2, syllables: 31 },
      score: (asl: number, asw: number) => 206.84 - 60 * asw - 1.02 * asl, // Fernández Huerta, corrected form
    },
  ] as const;

  for (const c of cases) {
    it(`${c.lang}: counts words, sentences and syllables, and uses its own formula`, () => {
      expect(textCounts(c.text, c.lang)).toEqual(c.counts);
      const { words, sentences, syllables } = c.counts;
      const expected = Math.round(c.score(words / sentences, syllables / words) * 10) / 10;
      expect(expected).toBeGreaterThan(0); // the hand-made texts sit inside 0..100, unclamped
      expect(expected).toBeLessThan(100);
      expect(readingEase(c.text, c.lang)).toBe(expected);
      expect(checkSeo('H', c.text, '', c.lang).readingEase).toBe(expected);
    });
  }

  it('a German rewrite gets Amstad, not the English formula', () => {
    const text = cases[1].text;
    const r = runChecks({ source: text, headline: 'Reform beschlossen', body: text, lang: 'de' });
    expect(r.seo.readingEase).toBe(readingEase(text, 'de'));
    expect(r.seo.readingEase).not.toBe(readingEase(text, 'en'));
    expect(r.capabilities.readingEase).toBe(true);
    expect(runChecks({ source: text, headline: 'Reform', body: text, lang: 'Deutsch' }).seo.readingEase).toBe(readingEase(text, 'de'));
  });

  it('Spanish: longer sentences read harder (the corrected Fernández Huerta form)', () => {
    const parts = [
      'La administración municipal presentó ayer un programa ambicioso',
      'incluye la renovación energética de edificios públicos',
      'las obras comenzarán durante la primavera',
    ];
    const short = `${parts.join('. ')}.`;
    const long = `${parts.join(', ')}.`;
    expect(textCounts(short, 'es')).toMatchObject({ words: textCounts(long, 'es').words, syllables: textCounts(long, 'es').syllables, sentences: 3 });
    const [easier, harder] = [readingEase(short, 'es') as number, readingEase(long, 'es') as number];
    expect(easier).toBeLessThan(100);
    expect(harder).toBeGreaterThan(0);
    expect(easier).toBeGreaterThan(harder);
  });

  it('a language with no formula gets no figure, and the capabilities say so', () => {
    for (const lang of ['it', 'ja', 'Italiano']) {
      const r = runChecks({ source: 'Il governo ha approvato la riforma.', headline: 'Riforma', body: 'Il governo ha approvato la riforma.', lang });
      expect(r.seo.readingEase, lang).toBeNull();
      expect(r.capabilities.readingEase, lang).toBe(false);
      expect(r.seo.words).toBe(6); // the word count does not depend on the language
    }
    expect(checkSeo('H', 'Some words here.', '', null).readingEase).toBeNull();
    expect(readingEase('Some words here.', null)).toBeNull();
  });
});

describe('syllables per language, on known words', () => {
  const known: Record<'de' | 'fr' | 'es', Array<[string, number]>> = {
    de: [
      ['Haus', 1],
      ['schön', 1],
      ['Straße', 2],
      ['Schule', 2], // the final e is spoken
      ['Zeitung', 2],
      ['Bäume', 2],
      ['Feuer', 2],
      ['Quelle', 2],
      ['Theater', 3],
      ['Europa', 3],
      ['Poesie', 3],
      ['beschlossen', 3],
      ['Bundesregierung', 5],
      ['Krankenversicherung', 6],
    ],
    fr: [
      ['le', 1],
      ['table', 1], // silent final e
      ['tables', 1],
      ['langue', 1],
      ['cœur', 1],
      ['hier', 1],
      ['école', 2],
      ['maison', 2],
      ['beaucoup', 2],
      ['oiseau', 2],
      ['année', 2],
      ['café', 2],
      ['nation', 2],
      ['crayon', 2],
      ['pays', 2],
      ['avaient', 2], // a-vaient
      ['aujourd’hui', 3],
      ['ambitieux', 3],
      ['rénovation', 4],
      ['administration', 5],
    ],
    es: [
      ['que', 1],
      ['ley', 1],
      ['hoy', 1],
      ['buey', 1],
      ['casa', 2],
      ['ciudad', 2],
      ['día', 2],
      ['país', 2],
      ['agua', 2],
      ['camión', 2],
      ['guerra', 2],
      ['ayer', 2],
      ['leer', 2],
      ['poeta', 3],
      ['ahora', 3],
      ['pingüino', 3],
      ['Uruguay', 3],
      ['aéreo', 4],
      ['educación', 4],
    ],
  };
  for (const [lang, words] of Object.entries(known) as Array<['de' | 'fr' | 'es', Array<[string, number]>]>) {
    it(lang, () => {
      for (const [word, n] of words) expect(countSyllables(word, lang), word).toBe(n);
    });
  }

  it('a figure counts a syllable per digit in every language', () => {
    for (const lang of ['en', 'de', 'fr', 'es'] as const) expect(countSyllables('2026', lang)).toBe(4);
  });
});
