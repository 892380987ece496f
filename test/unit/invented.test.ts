import { describe, expect, it } from 'vitest';
import { capitalisedWords, readSentence, sentenceTokens } from '../../src/checks/align';
import { checkClaims } from '../../src/checks/claims';
import { known, newContent, sameWord, sourceVocabulary } from '../../src/checks/invented';
import type { CheckLang } from '../../src/checks/lang';
import { claimWords } from '../../src/checks/lang/claims-by-lang';
import { splitSentences } from '../../src/checks/sentences';

function read(text: string, lang: CheckLang) {
  const spans = splitSentences(text);
  const toks = spans.map((s) => sentenceTokens(s, lang));
  const names = capitalisedWords(toks);
  return spans.map((s, i) => readSentence(s, toks[i]!, lang, claimWords(lang), names, false));
}

const vocab = (text: string, lang: CheckLang) => sourceVocabulary(read(text, lang), lang);

/** The rewrite sentences reported as invented claims. */
const invented = (source: string, rewrite: string, lang: CheckLang): string[] =>
  checkClaims(source, rewrite, { source: lang, rewrite: lang })
    .filter((f) => f.change === 'invented')
    .map((f) => f.rewrite!.text);

describe('the source vocabulary', () => {
  it('knows a word in another inflection, not a word that only starts the same', () => {
    const v = vocab('Managers warned the runners. The authors signed. Heavy rainfall is expected.', 'en');
    expect(known('warning', v)).toBe(true);
    expect(known('runner', v)).toBe(true);
    expect(known('authorities', v)).toBe(false);
    expect(known('rain', v)).toBe(false);
    const es = vocab('La autora principal habló de las precipitaciones.', 'es');
    expect(known('autoridades', es)).toBe(false);
    expect(known('precintado', es)).toBe(false);
    expect(known('autoras', es)).toBe(true);
  });

  it('knows German compounds by their parts, and the parts of its compounds', () => {
    const v = vocab('Der Prozess begann. Albrecht bestritt zum Auftakt alles. Eine Pflegekraft wandte sich an die Heimaufsicht.', 'de');
    expect(known('prozessauftakt', v)).toBe(true);
    expect(known('kraft', v)).toBe(true);
    expect(known('aufsicht', v)).toBe(true);
    expect(known('hinweisgeberin', v)).toBe(false);
  });

  it('takes two forms of a word for one word', () => {
    expect(sameWord('decidee', 'decide')).toBe(true);
    expect(sameWord('warned', 'warning')).toBe(true);
    expect(sameWord('decidieron', 'decidio')).toBe(true);
    expect(sameWord('rainfall', 'rain')).toBe(false);
    expect(sameWord('strike', 'strife')).toBe(false);
  });
});

describe('new content', () => {
  it('leaves out function words, fillers and units, and marks a figure the source has', () => {
    const v = vocab('The fire spread over 3,000 square metres. Several runners finished.', 'en');
    const [s] = read('Several shops also shut because the fire spread over 3,000 square metres.', 'en');
    const c = newContent(s!, v, claimWords('en'));
    expect(c.fresh).toEqual(['shops', 'shut']);
    expect(c.content).not.toContain('several');
    expect(c.content).not.toContain('also');
    expect(c.content).not.toContain('metres');
    expect(c.anchored).toBe(true);
  });
});

const EN_SOURCE = `Burst main leaves homes without water

About 9,500 homes in Norwich were left without water on Tuesday after a main burst under Aylsham Road, Anglian Water said. The pipe, laid in 1962, ruptured at about 4.30am and flooded the road. Police closed the road and diverted buses for most of the day. Engineers isolated the damaged section by mid-morning. Bottled water was handed out at a community centre. Three schools closed for the day. The company said customers without water for more than 12 hours would receive £30.`;
const EN_CLEAN = `Norwich homes lose water

Some 9,500 Norwich homes had no water on Tuesday when a main burst beneath Aylsham Road, according to Anglian Water. The pipe dates from 1962 and gave way at around 4.30am, flooding the road. Officers shut the road and buses took detours for most of the day. Engineers had isolated the damaged section by mid-morning. Staff handed out bottled water at a community centre. Three schools shut for the day. Customers left without water for over 12 hours will get £30, the company said.`;

const DE_SOURCE = `Streik bei der Bahn

Die Lokführergewerkschaft GDL hat für Mittwoch einen Streik von 48 Stunden angekündigt. Die Bahn erwartet, dass vier von fünf Fernzügen ausfallen. Regionalzüge fahren nach einem Notfahrplan. Tickets für die Streiktage bleiben gültig. Personalvorstand Martin Seiler nannte den Streik unnötig. Der Fahrgastverband Pro Bahn fordert eine Schlichtung.`;
const DE_CLEAN = `GDL streikt 48 Stunden

Für Mittwoch hat die GDL einen Streik von 48 Stunden angekündigt. Nach Erwartung der Bahn fallen vier von fünf Fernzügen aus. Im Regionalverkehr gilt ein Notfahrplan. Fahrkarten für die Streiktage bleiben gültig. Martin Seiler, Personalvorstand der Bahn, hält den Streik für unnötig. Pro Bahn, der Verband der Fahrgäste, verlangt eine Schlichtung.`;

const FR_SOURCE = `Grève chez Brévalor

Après neuf jours de grève, la direction de Brévalor a proposé vendredi une hausse des salaires de 3 %. Les syndicats consulteront le personnel lundi. Les grévistes réclamaient une hausse de 6 %. Le directeur du site a défendu une offre responsable. La CFDT juge la proposition sérieuse. La préfecture propose une médiation.`;
const FR_CLEAN = `Brévalor propose 3 %

Au neuvième jour de grève, la direction de Brévalor a proposé vendredi d'augmenter les salaires de 3 %. Le personnel sera consulté lundi par les syndicats. Les grévistes demandaient une hausse de 6 %. Le directeur du site parle d'une offre responsable. Pour la CFDT, la proposition est sérieuse. La préfecture se dit prête à jouer les médiateurs.`;

const ES_SOURCE = `Los embalses se recuperan

Las lluvias han elevado las reservas de los embalses andaluces hasta el 41 % de su capacidad, según la Junta. Los expertos piden prudencia. Los acuíferos siguen muy por debajo de su nivel normal. La consejera anunció que las restricciones al riego se suavizarán en abril. Las organizaciones agrarias recibieron la medida con alivio. Los ecologistas criticaron la decisión.`;
const ES_CLEAN = `Andalucía recupera agua

Las lluvias han llevado las reservas de los embalses andaluces al 41 % de su capacidad, según la Junta. Los expertos llaman a la prudencia. Los acuíferos siguen muy por debajo de lo normal. En abril habrá menos restricciones al riego, anunció la consejera. Las organizaciones agrarias respiraron aliviadas. Los ecologistas criticaron la decisión.`;

const CASES: [CheckLang, string, string, { after: string; claim: string }][] = [
  ['en', EN_SOURCE, EN_CLEAN, { after: 'Three schools shut for the day.', claim: 'Insurers have already received dozens of claims from drivers.' }],
  [
    'de',
    DE_SOURCE,
    DE_CLEAN,
    { after: 'Im Regionalverkehr gilt ein Notfahrplan.', claim: 'Viele Berufstätige weichen deshalb auf Fernbusse und Mitfahrgelegenheiten aus.' },
  ],
  ['fr', FR_SOURCE, FR_CLEAN, { after: 'Les grévistes demandaient une hausse de 6 %.', claim: 'Les cadres du site ont pourtant voté en faveur du mouvement.' }],
  [
    'es',
    ES_SOURCE,
    ES_CLEAN,
    { after: 'Los acuíferos siguen muy por debajo de lo normal.', claim: 'Los autónomos perdieron afiliados por segundo trimestre consecutivo.' },
  ],
];

describe('invented claims', () => {
  describe.each(CASES)('%s', (lang, source, clean, plant) => {
    it('finds none in a clean paraphrase', () => {
      expect(invented(source, clean, lang)).toEqual([]);
    });
    it('finds a claim put between two sentences that say consecutive source sentences', () => {
      expect(clean).toContain(plant.after);
      const rewrite = clean.replace(plant.after, `${plant.after} ${plant.claim}`);
      expect(invented(source, rewrite, lang)).toEqual([plant.claim]);
    });
  });

  it('finds a claim put first or last in the body (a title is no sentence left for it to render)', () => {
    const claim = 'Several shops also shut because they had no water.';
    const first = EN_CLEAN.replace('Some 9,500 Norwich homes', `${claim} Some 9,500 Norwich homes`);
    expect(invented(EN_SOURCE, first, 'en')).toEqual([claim]);
    expect(invented(EN_SOURCE, `${EN_CLEAN} ${claim}`, 'en')).toEqual([claim]);
  });

  it('finds a claim made of source words that no source sentence says together', () => {
    const claim = 'Engineers blamed the schools for the burst.';
    const rewrite = EN_CLEAN.replace('flooding the road.', `flooding the road. ${claim}`);
    expect(invented(EN_SOURCE, rewrite, 'en')).toEqual([claim]);
  });

  it('takes a sentence in the place of an unsaid source sentence for a paraphrase, however bold its words', () => {
    const bold = EN_CLEAN.replace('Engineers had isolated the damaged section by mid-morning.', 'Crews had walled off the broken section before lunch.');
    expect(invented(EN_SOURCE, bold, 'en')).toEqual([]);
    // The same sentence with no source sentence left for it is invented.
    const extra = EN_CLEAN.replace('Three schools shut for the day.', 'Three schools shut for the day. Crews had walled off the broken stretch before lunch.');
    expect(invented(EN_SOURCE, extra, 'en')).toEqual(['Crews had walled off the broken stretch before lunch.']);
  });

  it('takes a source sentence split in two for no invented claim', () => {
    const split = EN_CLEAN.replace(
      'The pipe dates from 1962 and gave way at around 4.30am, flooding the road.',
      'The pipe dates from 1962. It ruptured at about 4.30am and flooded the road.',
    );
    expect(invented(EN_SOURCE, split, 'en')).toEqual([]);
  });

  it('takes a sentence that states a source figure, or re-orders source words, for no invented claim', () => {
    const figure = EN_CLEAN.replace('Three schools shut for the day.', 'Three schools shut for the day. Roughly 9,500 households were hit by the outage.');
    expect(invented(EN_SOURCE, figure, 'en')).toEqual([]);
    const reordered = EN_CLEAN.replace(
      'Three schools shut for the day.',
      'Three schools shut for the day. Police diverted buses while engineers isolated the damaged pipe.',
    );
    expect(invented(EN_SOURCE, reordered, 'en')).toEqual([]);
  });

  it('does not compare an invented sentence as a pair', () => {
    const rewrite = EN_CLEAN.replace(
      'Three schools shut for the day.',
      'Three schools shut for the day. Insurers have not yet received any claims from drivers in Norwich.',
    );
    const found = checkClaims(EN_SOURCE, rewrite, { source: 'en', rewrite: 'en' });
    expect(found.map((f) => f.change)).toEqual(['invented']);
  });

  it('reports nothing as invented across two languages', () => {
    expect(checkClaims(EN_SOURCE, DE_CLEAN, { source: 'en', rewrite: 'de' }).filter((f) => f.change === 'invented')).toEqual([]);
  });
});
