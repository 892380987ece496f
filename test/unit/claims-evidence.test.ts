import { describe, expect, it } from 'vitest';
import { checkClaims } from '../../src/checks/claims';
import type { CheckLang } from '../../src/checks/lang';

/** The changed claims of one short pair, as [change, from, to]. */
const changes = (source: string, rewrite: string, lang: CheckLang): [string, string, string][] =>
  checkClaims(source, rewrite, { source: lang, rewrite: lang }).map((f) => [f.change ?? '', f.from ?? '', f.to ?? '']);
const kinds = (source: string, rewrite: string, lang: CheckLang): string[] => changes(source, rewrite, lang).map((c) => c[0]);

describe('claims: figures and dates the facts check reads the same', () => {
  it('takes a figure in another written form for the same figure', () => {
    const pairs: [string, string, CheckLang][] = [
      [
        'La région a débloqué 150 M€ pour rénover les lycées de la métropole.',
        'Pour rénover les lycées de la métropole, la région a débloqué 150 millions d’euros.',
        'fr',
      ],
      [
        'Der Konzern machte im Jahr 2023 einen Gewinn von 1,2 Mrd. Euro, teilte er mit.',
        'Im Jahr 2023 verdiente der Konzern 1,2 Milliarden Euro, teilte er mit.',
        'de',
      ],
      ['El paro bajó tres décimas en el trimestre, hasta el 11,2 %.', 'En el trimestre el paro cayó 0,3 puntos, hasta el 11,2 por ciento.', 'es'],
      [
        'Some 4,300 homes are listed as holiday lets in the old town, nearly one in five.',
        'Nearly 20 per cent of the old town’s homes, some 4,300, are listed as holiday lets.',
        'en',
      ],
    ];
    for (const [s, r, lang] of pairs) expect(kinds(s, r, lang), r).not.toContain('figure');
  });

  it('still finds a figure changed', () => {
    expect(kinds('La région a débloqué 150 M€ pour rénover les lycées.', 'La région a débloqué 180 M€ pour rénover les lycées.', 'fr')).toContain('figure');
    expect(kinds('The council will spend £2.4m on new bus shelters.', 'The council will spend £4.2m on new bus shelters.', 'en')).toContain('figure');
  });

  it('finds a day of the month changed, however the date is written', () => {
    expect(kinds('Die Verhandlungen beginnen am 17. März in Berlin.', 'Die Verhandlungen beginnen am 17.04. in Berlin.', 'de')).toContain('date');
    expect(
      kinds('Le scrutin aura lieu le 12 juin 2025 dans toute la région.', 'Le scrutin aura lieu le 12 juillet 2025 dans toute la région.', 'fr'),
    ).toContain('date');
  });
});

describe('claims: units', () => {
  it('finds the same amount in another unit or currency', () => {
    expect(
      kinds(
        'The central bank raised its main rate by 0.5 percentage points on Tuesday.',
        'The central bank raised its main rate by 0.5 per cent on Tuesday.',
        'en',
      ),
    ).toEqual(['unit']);
    expect(
      kinds(
        'Die Firma soll 3,1 Millionen Euro hinterzogen haben, sagte der Staatsanwalt.',
        'Die Firma soll 3,1 Millionen Dollar hinterzogen haben, sagte der Staatsanwalt.',
        'de',
      ),
    ).toContain('unit');
  });

  it('finds a rate per another time unit', () => {
    expect(kinds('Los socios pagarán 40 euros al mes a partir de enero.', 'Los socios pagarán 40 euros al año a partir de enero.', 'es')).toContain('unit');
    expect(kinds('Le forfait coûtera 12 euros par jour aux visiteurs.', 'Le forfait coûtera 12 euros par semaine aux visiteurs.', 'fr')).toContain('unit');
    expect(kinds('Los socios pagarán 40 euros al mes a partir de enero.', 'A partir de enero, los socios pagarán 40 euros cada mes.', 'es')).toEqual([]);
  });

  it('finds areas and temperatures in another unit, and takes a conversion for none', () => {
    expect(kinds('Das Feuer zerstörte 300 Hektar Wald im Harz.', 'Das Feuer zerstörte 300 Quadratkilometer Wald im Harz.', 'de')).toContain('unit');
    expect(kinds('Temperatures reached 31C in the afternoon.', 'Temperatures reached 31 degrees Fahrenheit in the afternoon.', 'en')).toContain('unit');
    expect(kinds('Das Feuer zerstörte 300 Hektar Wald im Harz.', 'Das Feuer zerstörte 3 Quadratkilometer Wald im Harz.', 'de')).toEqual([]);
  });
});

describe('claims: who said it', () => {
  it('finds a publication swapped, in quote marks or named', () => {
    expect(
      kinds(
        'Dem „Tagesspiegel“ sagte die Senatorin, der Haushalt sei solide. Der „Zeit“ sagte sie zudem, es gebe keine Sparrunde.',
        'Dem „Zeit“ sagte die Senatorin, der Haushalt sei solide. Der „Zeit“ sagte sie zudem, es gebe keine Sparrunde.',
        'de',
      ),
    ).toContain('attribution');
    expect(
      kinds(
        'A typical borrower will pay about £30 less a month, according to the trade body UK Finance. Savings rates will keep falling, the comparison site Moneyfacts said.',
        'A typical borrower will pay about £30 less a month, Moneyfacts, the comparison site, said. Savings rates will keep falling, the comparison site Moneyfacts said.',
        'en',
      ),
    ).toContain('attribution');
  });

  it('takes a description the source gives a name for that name', () => {
    const s = 'The retailer Harlow & Finch will shut 40 stores by March, the company confirmed. Harlow & Finch said the closures would affect 900 staff.';
    expect(
      kinds(
        s,
        'The retailer Harlow & Finch will shut 40 stores by March, the company confirmed. The 900 staff will be affected by the closures, the retailer said.',
        'en',
      ),
    ).not.toContain('attribution');
    const f = 'Le club de Rennes a confirmé la blessure de son attaquant. Il sera absent trois semaines, a précisé le club.';
    expect(kinds(f, 'Le club de Rennes a confirmé la blessure de son attaquant. Selon celui-ci, il sera absent trois semaines.', 'fr')).toEqual([]);
  });

  it('finds a name credited in place of another of the article', () => {
    const s =
      'Der Wald sei in einem schlechten Zustand, sagte Förster Andreas Vogt. Der Landrat Uwe Brandt kündigte neue Mittel an. Brandt sagte, das Geld komme vom Land. Vogt will im Frühjahr neue Bäume pflanzen.';
    expect(
      kinds(
        s,
        'Der Wald sei in einem schlechten Zustand, sagte Uwe Brandt. Der Landrat Uwe Brandt kündigte neue Mittel an. Brandt sagte, das Geld komme vom Land. Vogt will im Frühjahr neue Bäume pflanzen.',
        'de',
      ),
    ).toContain('name-swap');
  });

  it('does not read a credit across a conjunction or in a published date', () => {
    const s = 'Plusieurs clients auraient commencé à partir, a affirmé le directeur Paul Girard, sans citer de noms.';
    expect(kinds(s, 'Il estime la perte à 4 millions d’euros et affirme que plusieurs clients auraient commencé à partir.', 'fr')).not.toContain('name-swap');
    const e = 'Sea ice shrank by a tenth last year, according to a study published on Monday in the journal Nature.';
    expect(kinds(e, 'Sea ice shrank by a tenth last year, researchers reported on Monday in the journal Nature.', 'en')).toEqual([]);
  });
});
