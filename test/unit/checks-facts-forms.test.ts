/**
 * The facts check on the same fact written two ways: each case is a source sentence and a faithful rewrite that
 * writes one fact in another form (a class of forms, in several languages), so neither a missing nor an added
 * fact may be reported; and, where it matters, the same rewrite with the fact changed, which must still be.
 */
import { describe, expect, it } from 'vitest';
import { checkFacts, listFacts, type Fact } from '../../src/checks/facts';
import type { CheckLang } from '../../src/checks/lang';

const brief = (facts: readonly Fact[]): string[] => facts.map((f) => `${f.kind}:${f.text}`);
const diff = (source: string, rewrite: string, l: CheckLang, r: CheckLang = l): string[] => {
  const res = checkFacts(source, rewrite, undefined, { source: l, rewrite: r });
  return [...brief(res.missing).map((s) => `-${s}`), ...brief(res.added).map((s) => `+${s}`)];
};
const same = (source: string, rewrite: string, l: CheckLang, r: CheckLang = l): void => {
  expect(diff(source, rewrite, l, r)).toEqual([]);
};
const names = (text: string, lang: CheckLang = 'en'): string[] => listFacts(text, lang).flatMap((f) => (f.kind === 'name' ? [f.text] : []));

describe('dates: a day and month in digits without a year', () => {
  it('German "17.03." and "17.03" are 17 March', () => {
    same('Die Tickets gelten bis zum 17. März.', 'Die Tickets gelten bis zum 17.03. weiter.', 'de');
    same('Zuletzt am 17. Oktober gesenkt.', 'Zuletzt am 17.10 gesenkt.', 'de');
    same('Die Karten gelten bis 17. März.', 'Die Karten gelten bis 17.03. weiter.', 'de');
    expect(diff('Die Tickets gelten bis zum 17. März.', 'Die Tickets gelten bis zum 18.03. weiter.', 'de')).not.toEqual([]);
  });
  it('French and Spanish "14/11" are 14 November', () => {
    same('Depuis le 14 novembre, la grève continue.', 'Depuis le 14/11, la grève continue.', 'fr');
    same('La próxima EPA se publicará el 28 de enero.', 'La próxima EPA se publicará el 28/01.', 'es');
    expect(diff('Depuis le 14 novembre, la grève continue.', 'Depuis le 15/11, la grève continue.', 'fr')).not.toEqual([]);
  });
});

describe('weekdays', () => {
  it('a possessive weekday or month is still a weekday or month', () => {
    same('The marathon was on Sunday. The worlds are in September.', "At Sunday's marathon, he looked ahead to September's worlds.", 'en');
  });
  it('a figure after a weekday is no date unless a month follows it', () => {
    same('Rates were cut on Thursday to 4.75% from 5%.', 'Rates were cut on Thursday from 5% to 4.75%.', 'en');
    same('El pleno aprobó el jueves la norma por 17 votos contra 16.', 'El pleno aprobó el jueves, por 17 votos contra 16, la norma.', 'es');
  });
  it('German weekday compounds name the weekday ("Donnerstagabend")', () => {
    same('The fire started on Thursday evening.', 'Das Feuer brach am Donnerstagabend aus.', 'en', 'de');
  });
});

describe('money: M, M€, Md beside a currency', () => {
  it('"1,4 M€" is 1,4 millones de euros; "150 M€" is 150 millions d’euros', () => {
    same('Una indemnización de 1,4 millones de euros.', 'Indemnizaciones de 1,4 M€ en total.', 'es');
    same('Un plan de 150 millions d’euros.', 'Le ministre a annoncé 150 M€.', 'fr');
    same('Un bénéfice de 2 milliards d’euros.', 'Un bénéfice de 2 Md€.', 'fr');
    expect(diff('Un plan de 150 millions d’euros.', 'Le ministre a annoncé 160 M€.', 'fr')).not.toEqual([]);
  });
});

describe('durations in other units and clock forms', () => {
  it('a race time "2:22:10" is 2 hours 22 minutes 10 seconds, either way round', () => {
    same('She won in 2 hours 22 minutes 10 seconds.', 'She won in 2:22:10.', 'en');
    same('She won in 2:05:48.', 'She won in 2 hours 5 minutes and 48 seconds.', 'en');
    expect(diff('She won in 2:22:10.', 'She won in 2 hours 23 minutes 10 seconds.', 'en')).not.toEqual([]);
  });
  it('12 months is a year, ten years a decade, 48 hours two days, six months half a year', () => {
    same('En los últimos doce meses la tasa cayó.', 'En el último año la tasa cayó.', 'es');
    same('Han perdido superficie en diez años.', 'Han perdido superficie en una década.', 'es');
    same('Water may be discoloured for up to 48 hours.', 'Water may be discoloured for up to two days.', 'en');
    same('Llevaban al menos seis meses desconectados.', 'Llevaban como mínimo medio año desconectados.', 'es');
    same('He worked there for two decades.', 'He worked there for twenty years.', 'en');
    expect(diff('Water may be discoloured for up to 48 hours.', 'Water may be discoloured for up to three days.', 'en')).not.toEqual([]);
  });
  it('noon and midnight are 12pm and 12am', () => {
    same('The decision was announced at noon.', 'The decision was announced at 12pm.', 'en');
    same('Der Zug fährt um Mitternacht.', 'Der Zug fährt um 0 Uhr.', 'de');
  });
  it('clock times in words: half past four, halb fünf, las cuatro y media', () => {
    same('The pipe burst at about 4.30am.', 'The pipe burst at about half past four in the morning.', 'en');
    same('The pipe burst at 4.45pm.', 'The pipe burst at quarter to five.', 'en');
    same('Das Rohr brach um 4.30 Uhr.', 'Das Rohr brach gegen halb fünf.', 'de');
    same('La tubería se rompió a las 4.30 horas.', 'La tubería se rompió a las cuatro y media.', 'es');
    same('Le tuyau a cédé à 4 h 30.', 'Le tuyau a cédé vers quatre heures et demie.', 'fr');
  });
  it('an hour with its half of the day in words: two in the morning, eleven at night, zwei Uhr nachts, las diez de la noche', () => {
    same('The room stays open until 2 a.m. on weekdays.', 'The room stays open until two in the morning on weekdays.', 'en');
    same('The bar closes at 11 p.m.', 'The bar closes at eleven at night.', 'en');
    same('The market opens at 3pm.', 'The market opens at three in the afternoon.', 'en');
    same('Der Zug fährt um 2 Uhr.', 'Der Zug fährt um zwei Uhr nachts.', 'de');
    same('La biblioteca cierra a las 22.00 horas.', 'La biblioteca cierra a las diez de la noche.', 'es');
    same('La bibliothèque ferme à 20 h.', 'La bibliothèque ferme à huit heures du soir.', 'fr');
    expect(diff('The bar closes at eleven at night.', 'The bar closes at 11 a.m.', 'en')).not.toEqual([]);
    expect(diff('The room stays open until two in the morning.', 'The room stays open until 2 p.m.', 'en')).not.toEqual([]);
  });
  it('"a las 21.00" is a clock time', () => {
    same('El partido será a las 21.00 horas.', 'El partido será a las 21.00.', 'es');
  });
});

describe('tallies and points', () => {
  it('"8–1" is "eight votes to one"', () => {
    same('The committee voted 8–1 for the cut.', 'The committee backed it by eight votes to one.', 'en');
  });
  it('basis points, a quarter of a percentage point, half a point', () => {
    same('Rates were cut by 25 basis points.', 'Rates were cut by a quarter of a percentage point.', 'en');
    same('Inflation is 0.5 percentage points higher.', 'Inflation is half a percentage point higher.', 'en');
    same('Rates were cut by 25 basis points.', 'Rates were cut by a quarter point.', 'en');
  });
  it('points after a percentage are percentage points; Spanish décimas are tenths of a point', () => {
    same('Der Anstieg um 0,4 Prozentpunkte kam überraschend.', 'Dass die Rate um 0,4 Punkte zulegte, überraschte.', 'de');
    same('La tasa cayó 0,6 puntos porcentuales.', 'La tasa ha caído 0,6 puntos.', 'es');
    same('El paro bajó al 11,2 %, tres décimas menos.', 'El paro bajó al 11,2 %, 0,3 puntos menos.', 'es');
    expect(diff('La tasa cayó 0,6 puntos porcentuales.', 'La tasa ha caído 0,7 puntos.', 'es')).not.toEqual([]);
    expect(diff('El paro bajó al 11,2 %, tres décimas menos.', 'El paro bajó al 11,2 %, un 0,3 % menos.', 'es')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\+percent:/)]),
    );
  });
});

describe('counts in other words', () => {
  it('a dozen is twelve, une vingtaine is about twenty', () => {
    same('A dozen researchers followed the students.', 'Twelve researchers followed the students.', 'en');
    same("Une vingtaine d'habitants ont assisté à l'audience.", 'Environ vingt habitants étaient dans la salle.', 'fr');
  });
  it('a fraction before "davon" or after an elided article is a share', () => {
    same('Bund und Land sollen bis zu 75 Prozent davon übernehmen.', 'Bis zu drei Viertel davon sollen Bund und Land bezahlen.', 'de');
    same("La France en compte 800 000, dont près d'un quart en Île-de-France.", "On en compte 800 000, près de 25 % d'entre eux en Île-de-France.", 'fr');
    same('Il accueille 25 000 patients, dont près d’un tiers la nuit.', 'Il accueille 25 000 patients, près d’un tiers d’entre eux la nuit.', 'fr');
  });
  it('"ein Revier von 250 km²" is no ratio, and a figure shows with its unit', () => {
    same('Ein Rudel braucht 250 Quadratkilometer.', 'Ein Rudel braucht ein Revier von 250 km².', 'de');
    const f = listFacts('Die Linie soll auf einer Länge von 6,4 Kilometern entstehen.', 'de').filter((x) => x.kind === 'number');
    expect(f.map((x) => x.text)).toEqual([expect.stringMatching(/^6,4 Kilometern/)]);
  });
  it('a numbered label ("Tip #1") is no fact', () => {
    same(
      'Tip #1: Personalize Your Menu\nCouples often assume they must choose.',
      'Start by personalizing the menu. Couples often assume they must choose.',
      'en',
    );
  });
});

describe('names', () => {
  it('the C of °C is no name', () => {
    expect(names('Il ne faisait pas plus de 4 °C à l’arrivée.', 'fr')).toEqual([]);
  });
  it('an acronym made of a source name’s initials is that name', () => {
    same('La France insoumise a voté contre, a dit Danielle Simonnet.', 'Danielle Simonnet, députée LFI, a voté contre.', 'fr');
    expect(diff('La France insoumise a voté contre.', 'Le PCF a voté contre.', 'fr')).toContain('+name:PCF');
    expect(diff('Lo publicó el diario AS, según Antonio Sánchez.', 'Lo dijo Antonio Sánchez.', 'es')).toContain('-name:AS');
  });
  it('a German possessive name and a title before a name are not part of it', () => {
    same('Das dürfte nach Angaben von Meyer noch dauern, sagte Katrin Meyer.', 'Das dürfte nach Meyers Worten noch dauern, sagte Katrin Meyer.', 'de');
    same('"Take it seriously," said Kelowna fire chief Travis Whiting.', '„Nehmen Sie es ernst“, sagte Kelownas Feuerwehrchef Travis Whiting.', 'en', 'de');
  });
  it('a noun counted by a figure is no name ("6,4 Kilometer Strecke")', () => {
    expect(names('Geplant sind 6,4 Kilometer Strecke mit zwölf neuen Haltestellen.', 'de')).toEqual([]);
  });
  it('contractions of a function word are no names ("I’d", "I’ve", "I’m")', () => {
    expect(names("Yes, I'd say so, and I’ve seen it, and I'm sure, said Ana Ruiz.")).toEqual(['Ana Ruiz']);
  });
  it('transcript speaker labels are no facts', () => {
    same(
      'SACHA PFEIFFER, HOST: The session starts.\n\nUNIDENTIFIED PERSON #3: Yeah.\n\nMARTINEZ-BELTRAN, BYLINE: It is Saturday in Austin.',
      'The session starts. It is Saturday in Austin.',
      'en',
    );
  });
  it('a line in capitals with a colon is no speaker label when capitals go on after it', () => {
    expect(names('WHERE THE COUNTRY LIES: THE ROAD NORTH IS CLOSED.')).toContain('COUNTRY LIES');
  });
  it('"U.S." keeps "United States"', () => {
    same('Schools in the United States spent the money.', 'U.S. schools spent the money.', 'en');
  });
});
