import { describe, expect, it } from 'vitest';
import { alignSentences, capitalisedWords, readSentence, sentenceTokens, stem } from '../../src/checks/align';
import type { CheckLang } from '../../src/checks/lang';
import { claimWords } from '../../src/checks/lang/claims-by-lang';
import { splitSentences } from '../../src/checks/sentences';

function read(text: string, lang: CheckLang, anchorsOnly = false) {
  const spans = splitSentences(text);
  const toks = spans.map((s) => sentenceTokens(s, lang));
  const names = capitalisedWords(toks);
  return spans.map((s, i) => readSentence(s, toks[i]!, lang, claimWords(lang), names, anchorsOnly));
}

/** For each rewrite sentence, the source sentences it is matched to. */
function align(source: string, rewrite: string, lang: CheckLang = 'en', rewriteLang: CheckLang = lang): number[][] {
  const cross = lang !== rewriteLang;
  return alignSentences(read(source, lang, cross), read(rewrite, rewriteLang, cross), cross).map((a) => a.sources);
}

const SOURCE = [
  'The city council approved a new budget of $12 million on Monday.',
  'Mayor Linda Okafor said the money would repair roads and bridges.',
  'Opposition members criticised the plan as too expensive.',
  'Construction is scheduled to begin in the spring.',
].join(' ');

describe('alignSentences', () => {
  it('follows the content, not the order', () => {
    const rewrite = [
      'Work on the projects should start in spring.',
      'Critics in the opposition called the scheme too costly.',
      'On Monday, councillors passed a $12m budget.',
    ].join(' ');
    expect(align(SOURCE, rewrite).map((s) => s[0])).toEqual([3, 2, 0]);
  });

  it('matches a merged sentence to both its sources and a split one from both halves', () => {
    const merged = 'The council approved a $12 million budget on Monday, which Mayor Linda Okafor said would repair roads and bridges.';
    expect(align(SOURCE, merged)[0]!.sort()).toEqual([0, 1]);
    const split = 'Mayor Linda Okafor spoke after the vote. She said the money would repair roads and bridges.';
    expect(align(SOURCE, split).map((s) => s[0])).toEqual([1, 1]);
  });

  it('leaves a sentence about something else unmatched or weakly matched', () => {
    const [a] = alignSentences(read(SOURCE, 'en'), read('Tourists flocked to the beaches as temperatures soared across Europe.', 'en'));
    expect(a!.coverage).toBeLessThan(0.2);
  });

  it('aligns across languages on figures, dates and names', () => {
    const german = [
      'Der Bau soll im Frühjahr beginnen.',
      'Bürgermeisterin Linda Okafor sagte, mit dem Geld würden Straßen repariert.',
      'Der Stadtrat beschloss am Montag einen Haushalt von 12 Millionen Dollar.',
    ].join(' ');
    const got = align(SOURCE, german, 'en', 'de');
    expect(got[1]![0]).toBe(1);
    expect(got[2]![0]).toBe(0);
  });

  it('stems crudely so word forms meet', () => {
    expect(stem('ministries')).toBe(stem('ministry'));
    expect(stem('used')).toBe(stem('use'));
    expect(stem('fermées')).toBe(stem('fermer'));
    expect(stem('Verletzungen'.toLowerCase())).toBe(stem('verletzung'));
  });

  it('keeps the candidates of a word that is in every sentence bounded (posting lists are capped)', () => {
    const many = Array.from({ length: 200 }, (_, i) => `Officials reported figure ${i + 1000} for district number ${i + 5000}.`).join(' ');
    const got = alignSentences(read(many, 'en'), read('Officials reported figure 1042 for district number 5042.', 'en'));
    expect(got[0]!.sources[0]).toBe(42);
  });
});
