/**
 * The facts check in each output language: tokens and names, datelines and credits, numbers in the forms
 * journalists write them, German names, and a labelled paragraph per language (a faithful paraphrase with the
 * same facts written otherwise, and the same paraphrase with one figure or date changed).
 */
import { describe, expect, it } from 'vitest';
import { checkFacts, listFacts, type Fact, type FactLangs } from '../../src/checks/facts';
import { runChecks } from '../../src/checks/index';
import type { CheckLang } from '../../src/checks/lang';

const brief = (facts: readonly Fact[]): string[] => facts.map((f) => `${f.kind}:${f.value ?? f.text}`);
const langs = (l: CheckLang | null, r: CheckLang | null = l): FactLangs => ({ source: l, rewrite: r });
const names = (text: string, lang: CheckLang = 'en'): string[] => listFacts(text, lang).flatMap((f) => (f.kind === 'name' ? [f.text] : []));
const figures = (text: string, lang: CheckLang = 'en'): string[] => brief(listFacts(text, lang).filter((f) => f.kind !== 'name' && f.kind !== 'quote'));
const clean = (source: string, rewrite: string, l: CheckLang, r: CheckLang = l): { missing: string[]; added: string[] } => {
  const res = checkFacts(source, rewrite, undefined, langs(l, r));
  return { missing: brief(res.missing), added: brief(res.added) };
};

describe('tokens: hyphenated words and names with connectors', () => {
  it('a hyphenated name is one name', () => {
    expect(names('Schools got free Wi-Fi from the state.')).toEqual(['Wi-Fi']);
    expect(names('The talks in Baden-Württemberg ended.')).toEqual(['Baden-Württemberg']);
  });

  it('"Iran-backed" names Iran, and keeps a source that names Iran', () => {
    expect(names('The Iran-backed militia attacked.')).toEqual(['Iran']);
    expect(clean('The militia is backed by Iran.', 'The Iran-backed militia.', 'en').missing).toEqual([]);
  });

  it('connectors join one name: do, bin, al-', () => {
    expect(names('He was born in Viana do Castelo in the north.')).toEqual(['Viana do Castelo']);
    expect(names('Crown prince Mohammed bin Salman spoke.')).toEqual(['Mohammed bin Salman']);
    expect(names('Syria’s leader, Bashar al-Assad, fled.')).toEqual(['Bashar al-Assad']);
    expect(names('Troops loyal to al-Assad advanced.')).toEqual(['al-Assad']);
  });

  it('French elisions before a name: l’Allemagne, qu’Emmanuel Macron', () => {
    expect(names('Il a dit qu’Emmanuel Macron irait en Espagne et visiterait l’Allemagne.', 'fr')).toEqual(['Emmanuel Macron', 'Espagne', 'Allemagne']);
  });

  it('a rewrite that writes "Assad" keeps "al-Assad"; one without it loses it', () => {
    expect(clean('Troops loyal to al-Assad advanced.', 'Assad’s troops advanced.', 'en').missing).toEqual([]);
    expect(clean('Troops loyal to al-Assad advanced.', 'Government troops advanced.', 'en').missing).toEqual(['name:al-Assad']);
  });
});

describe('datelines, bylines and credits are no facts', () => {
  const body = 'The council approved the budget on Tuesday.';
  const cases: Array<[CheckLang, string]> = [
    ['en', `WASHINGTON (Reuters) — ${body}`],
    ['en', `By Jane Doe\n${body}`],
    ['en', `${body}\nPhoto: Reuters`],
    ['en', `${body} (AP Photo/Evan Vucci)`],
    ['en', `${body}\n(Reporting by Jane Doe; Editing by John Smith)`],
    ['en', `${body}\nReporting by Jane Doe in Geneva; Editing by John Smith`],
    ['de', 'BERLIN, 3. Mai (dpa) - Der Rat billigte den Haushalt am Dienstag.'],
    ['de', 'Von Max Muster\nDer Rat billigte den Haushalt am Dienstag.'],
    ['de', 'Der Rat billigte den Haushalt am Dienstag.\nFoto: dpa'],
    ['fr', 'PARIS (AFP) - Le conseil a voté le budget mardi.'],
    ['fr', 'Par Jean Dupont\nLe conseil a voté le budget mardi.'],
    ['es', 'MADRID, 7 oct (EFE).- El consejo aprobó el presupuesto el martes.'],
    ['es', 'Por Ana García\nEl consejo aprobó el presupuesto el martes.'],
    ['de', 'Der Rat billigte den Haushalt am Dienstag.\nMit Material von dpa und Reuters'],
    ['fr', 'Le conseil a voté le budget mardi.\nAvec AFP'],
    ['es', 'El consejo aprobó el presupuesto el martes.\nCon información de EFE y Reuters'],
  ];
  for (const [lang, source] of cases) {
    it(`${lang}: ${JSON.stringify(source.slice(0, 40))}`, () => {
      const rewrite = source
        .replace(/^.*?(?=(The|Der|Le|El) (council|Rat|conseil|consejo))/s, '')
        .replace(/\n.*$/s, '')
        .replace(/ \(AP Photo.*\)/, '');
      expect(rewrite).not.toMatch(/Reuters|dpa|AFP|EFE|Doe|Muster|Dupont|García|Photo|Foto/);
      expect(clean(source, rewrite, lang).missing).toEqual([]);
      const listed = listFacts(source, lang).map((f) => f.text);
      for (const credit of ['Reuters', 'dpa', 'AFP', 'EFE', 'Jane Doe', 'Max Muster', 'Jean Dupont', 'Ana García', 'WASHINGTON', 'BERLIN', 'PARIS', 'MADRID'])
        expect(listed).not.toContain(credit);
    });
  }

  it('the publication named in the text itself is still a fact', () => {
    expect(names('WASHINGTON (Reuters) — The bill passed, Reuters reported.')).toEqual(['Reuters']);
  });

  it('a credit still lets the rewrite name its source', () => {
    expect(clean('WASHINGTON (Reuters) — The bill passed.', 'The bill passed, Reuters reported.', 'en').added).toEqual([]);
  });
});

describe('numbers: ratios, zero, times, fractions', () => {
  it('ratios are numbers with a ratio value', () => {
    expect(figures('Nine in ten voters agreed.')).toEqual(['number:9/10']);
    expect(figures('One in five homes is empty.')).toEqual(['number:1/5']);
    expect(figures('Neun von zehn Wählern stimmten zu.', 'de')).toEqual(['number:9/10']);
    expect(figures('Un électeur sur deux a voté.', 'fr')).toEqual(['number:1/2']);
    expect(figures('Uno de cada tres jóvenes vive solo.', 'es')).toEqual(['number:1/3']);
  });

  it('a ratio is kept by the same share in other words', () => {
    expect(clean('Nine in ten voters agreed.', '90% of voters agreed.', 'en')).toEqual({ missing: [], added: [] });
    expect(clean('One in two voters agreed.', 'Half of the voters agreed.', 'en')).toEqual({ missing: [], added: [] });
    expect(clean('Nine in ten voters agreed.', 'Eight in ten voters agreed.', 'en')).toEqual({ missing: ['number:9/10'], added: ['number:8/10'] });
  });

  it('"and" joins number words only after tens or a hundred', () => {
    expect(figures('Between two and three percent.')).toEqual(['number:2', 'percent:3%']);
    expect(figures('Zwischen zwei und drei Prozent.', 'de')).toEqual(['number:2', 'percent:3%']);
    expect(figures('Two hundred and five were hurt.')).toEqual(['number:205']);
    expect(figures('Treinta y cinco resultaron heridos.', 'es')).toEqual(['number:35']);
  });

  it('"zero" is no fact by itself', () => {
    expect(figures('There were zero arrests.')).toEqual([]);
    expect(clean('There were zero arrests.', 'Nobody was arrested.', 'en').missing).toEqual([]);
  });

  it('"11 p.m." is a time, not "11 p"', () => {
    expect(figures('The polls closed at 11 p.m. on Monday.')).toEqual(['date:T23:00', 'date:W-1']);
  });

  it('fractions are read as numbers', () => {
    expect(figures('Half of the homes were hit.')).toEqual(['number:0.5']);
    expect(figures('A third of the homes were hit.')).toEqual(['number:0.333333333333']);
    expect(figures('Two-thirds of the homes were hit.')).toEqual(['number:0.666666666667']);
    expect(figures('Die Hälfte der Häuser brannte.', 'de')).toEqual(['number:0.5']);
    expect(figures('La moitié des maisons a brûlé.', 'fr')).toEqual(['number:0.5']);
    expect(figures('La mitad de las casas ardió.', 'es')).toEqual(['number:0.5']);
    expect(figures('It was his third time in the second half.')).toEqual([]);
  });
});

describe('numbers normalised across forms, in each language', () => {
  const same: Array<[CheckLang, string, CheckLang, string]> = [
    // group separators
    ['en', 'It has 27,000 staff.', 'de', 'Es hat 27.000 Mitarbeiter.'],
    ['en', 'It has 27,000 staff.', 'fr', 'Il compte 27 000 salariés.'],
    ['en', 'It has 27,000 staff.', 'fr', 'Il compte 27\u202F000 salariés.'],
    ['en', 'It has 27,000 staff.', 'de', 'Es hat 27\u2019000 Mitarbeiter.'],
    ['en', 'It has 27,000 staff.', 'en', "It has 27'000 staff."],
    // decimal comma
    ['en', 'Prices rose 3.5%.', 'de', 'Die Preise stiegen um 3,5 %.'],
    ['en', 'Prices rose 3.5%.', 'fr', 'Les prix ont augmenté de 3,5 %.'],
    ['en', 'Prices rose 3.5%.', 'es', 'Los precios subieron un 3,5 por ciento.'],
    ['en', 'Prices rose 3.5 per cent.', 'de', 'Die Preise stiegen um 3,5 Prozent.'],
    ['en', 'Prices rose 3.5%.', 'fr', 'Les prix ont augmenté de 3,5 pour cent.'],
    // abbreviations and scales
    ['en', 'It hired 27k people.', 'en', 'It hired 27,000 people.'],
    ['en', 'It cost $5m.', 'en', 'It cost 5 million dollars.'],
    ['en', 'It cost 5bn.', 'en', 'It cost 5 billion.'],
    ['en', 'It cost €5 million.', 'de', 'Es kostete 5 Mio. Euro.'],
    ['en', 'It cost €5 billion.', 'de', 'Es kostete 5 Mrd. Euro.'],
    ['en', 'It cost €5 billion.', 'de', 'Es kostete 5 Milliarden Euro.'],
    ['en', 'It cost €5 million.', 'es', 'Costó 5 millones de euros.'],
    ['en', 'It cost €5 million.', 'fr', 'Il a coûté 5 millions d’euros.'],
    ['en', 'It cost 5 mln euros.', 'en', 'It cost €5m.'],
    ['en', 'It cost €5 billion.', 'fr', 'Il a coûté 5 milliards d’euros.'],
    ['en', 'It cost €5 billion.', 'es', 'Costó 5.000 millones de euros.'],
    ['en', 'It cost €5 billion.', 'es', 'Costó 5 mil millones de euros.'],
    ['en', 'Debt hit $2 trillion.', 'de', 'Die Schulden erreichten 2 Billionen Dollar.'],
    ['en', 'Debt hit $2 trillion.', 'fr', 'La dette a atteint 2 billions de dollars.'],
    ['en', 'Debt hit $2 trillion.', 'es', 'La deuda alcanzó 2 billones de dólares.'],
    // number words
    ['en', 'Twenty-seven were hurt.', 'de', 'Siebenundzwanzig wurden verletzt.'],
    ['en', '27 were hurt.', 'fr', 'Vingt-sept ont été blessés.'],
    ['en', '80 were hurt.', 'fr', 'Quatre-vingts ont été blessés.'],
    ['en', '97 were hurt.', 'fr', 'Quatre-vingt-dix-sept ont été blessés.'],
    ['en', '71 were hurt.', 'fr', 'Soixante et onze ont été blessés.'],
    ['en', '27 were hurt.', 'es', 'Veintisiete resultaron heridos.'],
    ['en', '35 were hurt.', 'es', 'Treinta y cinco resultaron heridos.'],
    ['en', '2,345 were hurt.', 'de', 'Zweitausenddreihundertfünfundvierzig wurden verletzt.'],
    ['en', '500 were hurt.', 'es', 'Quinientos resultaron heridos.'],
    ['en', '27,000 were hurt.', 'es', 'Veintisiete mil resultaron heridos.'],
    ['en', '27,000 were hurt.', 'de', 'Siebenundzwanzigtausend wurden verletzt.'],
    // currencies on either side
    ['en', 'It cost €5.', 'fr', 'Il a coûté 5 €.'],
    ['en', 'It cost €5.', 'de', 'Es kostete 5 EUR.'],
    ['en', 'It cost EUR 5.', 'en', 'It cost 5 euros.'],
    ['en', 'It cost US$5.', 'en', 'It cost $5.'],
    ['en', 'It cost $5.', 'de', 'Es kostete 5 US-Dollar.'],
    // points
    ['en', 'Support fell 3 percentage points.', 'de', 'Die Zustimmung sank um 3 Prozentpunkte.'],
    ['en', 'Support fell 3 percentage points.', 'fr', 'Le soutien a baissé de 3 points de pourcentage.'],
    ['en', 'Support fell 3 percentage points.', 'es', 'El apoyo cayó 3 puntos porcentuales.'],
    ['en', 'Rates rose 50 basis points.', 'en', 'Rates rose half a percentage point.'.replace('half a', '0.5')],
    ['en', 'Rates rose 50 basis points.', 'de', 'Der Zins stieg um 0,5 Prozentpunkte.'],
    ['en', 'Rates rose 25 bps.', 'fr', 'Les taux ont augmenté de 25 points de base.'],
    // tallies
    ['en', 'The bill passed 52-48.', 'en', 'The bill passed 52 to 48.'],
    ['en', 'The bill passed 52-48.', 'en', 'The bill passed by 52 votes to 48.'],
    ['en', 'The bill passed 52–48.', 'de', 'Das Gesetz wurde mit 52 zu 48 Stimmen angenommen.'],
    ['en', 'The bill passed 52-48.', 'fr', 'Le texte a été adopté par 52 voix contre 48.'],
    ['en', 'The bill passed 52-48.', 'de', 'Das Gesetz wurde 52:48 angenommen.'],
    // times
    ['en', 'It starts at 3 p.m.', 'en', 'It starts at 15:00.'],
    ['en', 'It starts at 3 p.m.', 'de', 'Es beginnt um 15 Uhr.'],
    ['en', 'It starts at 3pm.', 'fr', 'Cela commence à 15 h.'],
    ['en', 'It starts at 3 PM.', 'fr', 'Cela commence à 15h00.'],
    ['en', 'It starts at 3.30 p.m.', 'de', 'Es beginnt um 15.30 Uhr.'],
    ['en', 'It starts at 3 p.m.', 'es', 'Empieza a las 15:00 horas.'],
    // dates
    ['en', 'It happened on 7 October 2023.', 'en', 'It happened on October 7, 2023.'],
    ['en', 'It happened on 7 October 2023.', 'de', 'Es geschah am 7. Oktober 2023.'],
    ['en', 'It happened on 7 October 2023.', 'fr', 'Cela s’est passé le 7 octobre 2023.'],
    ['en', 'It happened on 7 October 2023.', 'es', 'Ocurrió el 7 de octubre de 2023.'],
    ['en', 'It happened on 7 October 2023.', 'de', 'Es geschah am 07.10.2023.'],
    ['en', 'It happened on 7 October 2023.', 'fr', 'Cela s’est passé le 2023-10-07.'],
    ['en', 'It happened on 1 March.', 'fr', 'Cela s’est passé le 1er mars.'],
    ['en', 'It happened on 1 May.', 'es', 'Ocurrió el 1.º de mayo.'],
    ['en', 'It happened in October 2023.', 'es', 'Ocurrió en octubre de 2023.'],
    ['en', 'It happened on Saturday, 7 October 2023.', 'de', 'Es geschah am 7. Oktober 2023.'],
    ['en', 'It happened on Saturday.', 'de', 'Es geschah am Samstag.'],
    ['en', 'It happened on Saturday.', 'fr', 'Cela s’est passé samedi.'],
    ['en', 'It happened on Saturday.', 'es', 'Ocurrió el sábado.'],
    ['de', 'Es geschah im März.', 'fr', 'Cela s’est passé en mars.'],
    ['de', 'Es geschah im Dezember.', 'es', 'Ocurrió en diciembre.'],
  ];
  for (const [l, source, r, rewrite] of same) {
    it(`${l} ${JSON.stringify(source)} ≈ ${r} ${JSON.stringify(rewrite)}`, () => {
      expect(clean(source, rewrite, l, r)).toEqual({ missing: [], added: [] });
    });
  }

  it('German and French "Billion" is a thousand times the English "billion"', () => {
    expect(clean('It cost $2 billion.', 'Es kostete 2 Billionen Dollar.', 'en', 'de').missing).toEqual(['money:USD 2000000000']);
    expect(clean('It cost $2 billion.', 'Il a coûté 2 billions de dollars.', 'en', 'fr').missing).toEqual(['money:USD 2000000000']);
  });

  it('a wrong figure in another language is still caught', () => {
    expect(clean('It has 27,000 staff.', 'Es hat 72.000 Mitarbeiter.', 'en', 'de')).toEqual({ missing: ['number:27000'], added: ['number:72000'] });
    expect(clean('It starts at 3 p.m.', 'Es beginnt um 16 Uhr.', 'en', 'de')).toEqual({ missing: ['date:T15:00'], added: ['date:T16:00'] });
    expect(clean('The bill passed 52-48.', 'Le texte a été adopté par 51 voix contre 49.', 'en', 'fr')).toEqual({
      missing: ['number:52-48'],
      added: ['number:51-49'],
    });
    expect(clean('Rates rose 50 basis points.', 'Der Zins stieg um 0,25 Prozentpunkte.', 'en', 'de').missing).toEqual(['percent:0.5 pp']);
    expect(clean('It happened on Saturday.', 'It happened on 8 October 2023.', 'en', 'en').missing).toEqual(['date:W-6']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// German names

const DE_SOURCE = [
  'BERLIN, 3. Mai (dpa) - Die Bundesregierung will bis Ende 2025 rund 27.000 neue Wohnungen fördern.',
  'Das kündigte Bauministerin Klara Geywitz am Dienstag in Berlin an. Die Kosten für das Programm liegen nach Angaben des Ministeriums bei 5,5 Milliarden Euro.',
  'Neun von zehn Kommunen hätten Bedarf gemeldet, sagte die Ministerin. Der Deutsche Mieterbund begrüßte den Plan, forderte aber mehr Tempo von der Regierung.',
  'Die Mieten seien im vergangenen Jahr um 3,5 Prozent gestiegen, teilte der Verband mit. Die Abstimmung im Bundestag ist für den 7. Oktober 2025 um 15 Uhr geplant.',
  'Kritiker aus der Opposition warnten vor steigenden Baukosten und fehlenden Fachkräften auf den Baustellen. Auch die Grünen verlangten Nachbesserungen beim Klimaschutz.',
  'Der Städtetag sprach von einem wichtigen Signal für Städte und Gemeinden.',
].join(' ');

const DE_CLEAN = [
  'Mit Geld des Bundes sollen bis Ende 2025 etwa 27 000 Wohnungen neu entstehen.',
  'Bauministerin Geywitz stellte das Vorhaben am Dienstag in Berlin vor. Laut Ministerium kostet das Programm 5,5 Mrd. Euro.',
  'Nach Worten der Ministerin meldeten neun von zehn Gemeinden Bedarf an. Beim Deutschen Mieterbund stieß der Plan auf Zustimmung, allerdings wünscht sich der Verband ein höheres Tempo.',
  'Im Vorjahr kletterten die Mieten demnach um 3,5 %. Abgestimmt werden soll im Bundestag am 07.10.2025 um 15:00 Uhr.',
  'Aus der Opposition kam Kritik: Die Baukosten stiegen, und auf den Baustellen fehle es an Fachkräften. Die Grünen fordern zudem mehr Klimaschutz.',
  'Für Kommunen sei das ein wichtiges Zeichen, erklärte der Städtetag.',
].join(' ');

describe('German: capitalised nouns are not names', () => {
  it('finds the names and no ordinary nouns', () => {
    const found = names(DE_SOURCE, 'de');
    for (const n of ['Klara Geywitz', 'Berlin', 'Deutsche Mieterbund']) expect(found, n).toContain(n);
    for (const noun of [
      'Bundesregierung',
      'Wohnungen',
      'Kosten',
      'Programm',
      'Angaben',
      'Ministeriums',
      'Kommunen',
      'Bedarf',
      'Plan',
      'Tempo',
      'Regierung',
      'Mieten',
      'Jahr',
      'Abstimmung',
      'Kritiker',
      'Opposition',
      'Baukosten',
      'Fachkräften',
      'Baustellen',
      'Klimaschutz',
      'Signal',
      'Ende',
      'Ministerin',
      'Verband',
    ]) {
      expect(
        found.some((n) => n.split(' ').includes(noun)),
        noun,
      ).toBe(false);
    }
  });

  it('a faithful German paraphrase loses no fact and adds none', () => {
    expect(JSON.stringify(clean(DE_SOURCE, DE_CLEAN, 'de'))).toBe(JSON.stringify({ missing: [], added: [] }));
  });

  it('a German rewrite that drops a name loses it', () => {
    expect(clean(DE_SOURCE, DE_CLEAN.replace('Bauministerin Geywitz', 'Die Bauministerin'), 'de').missing).toEqual(['name:Klara Geywitz']);
  });

  it('a title, an acronym and two capitalised words are evidence of a name', () => {
    expect(names('Das sagte Kanzler Scholz am Abend.', 'de')).toEqual(['Scholz']);
    expect(names('Die Nachricht kam von der SPD und der Deutschen Bahn.', 'de')).toEqual(['SPD', 'Deutschen Bahn']);
    expect(names('Gestern traf sich Olaf Scholz mit Vertretern der Wirtschaft.', 'de')).toEqual(['Olaf Scholz']);
  });

  it('a compound on an acronym names the acronym', () => {
    expect(names('Das sagte der CDU-Politiker am Abend.', 'de')).toEqual(['CDU']);
    expect(clean('Das sagte der CDU-Politiker am Abend.', 'Die CDU-Abgeordnete widersprach.', 'de').missing).toEqual([]);
  });

  it('two nouns side by side are not a name', () => {
    expect(names('Die Polizei berichtete, dass Menschen Geld spendeten.', 'de')).toEqual([]);
  });

  it('German quotation marks', () => {
    const q = (t: string): string[] => listFacts(t, 'de').flatMap((f) => (f.kind === 'quote' ? [f.text] : []));
    expect(q('Er sagte: „Wir schaffen das.“')).toEqual(['Wir schaffen das.']);
    expect(q('Er sagte: »Wir schaffen das.«')).toEqual(['Wir schaffen das.']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// French, Spanish, English paragraphs

const FR_SOURCE = [
  'PARIS (AFP) - Le gouvernement a annoncé mardi un plan de 5 milliards d’euros pour rénover 27 000 écoles d’ici le 7 octobre 2027.',
  'Selon la ministre Marie Dupont, un élève sur deux étudie dans un bâtiment mal isolé. Les dépenses d’énergie des écoles ont augmenté de 3,5 % en 2023.',
  'Le vote à l’Assemblée nationale est prévu à 15 h. La Cour des comptes a salué le projet, qui « doit être financé sur dix ans ».',
].join(' ');
const FR_CLEAN = [
  'Cinq milliards d’euros : c’est le montant du plan présenté mardi par le gouvernement, qui veut rénover vingt-sept mille écoles avant le 07/10/2027.',
  'La moitié des élèves étudient dans des bâtiments mal isolés, d’après la ministre, Mme Dupont. En 2023, les écoles ont vu leurs dépenses d’énergie grimper de 3,5 pour cent.',
  'L’Assemblée nationale votera à 15h00. Pour la Cour des comptes, qui a salué le projet, il « doit être financé sur dix ans ».',
].join(' ');

const ES_SOURCE = [
  'MADRID (EFE) — El Gobierno aprobó el martes un plan de 5.000 millones de euros para construir 27.000 viviendas antes del 7 de octubre de 2026.',
  'Según la ministra Isabel Rodríguez, uno de cada tres jóvenes no puede pagar un alquiler. Los precios subieron un 3,5 % en 2023.',
  'La votación en el Congreso será a las 15:00 horas. La Confederación Española de Organizaciones Empresariales (CEOE) apoyó la medida: «Es un paso necesario».',
].join(' ');
const ES_CLEAN = [
  'El martes, el Gobierno dio luz verde a un programa dotado con 5 mil millones de euros para levantar veintisiete mil viviendas antes del 2026-10-07.',
  'Un tercio de los jóvenes no puede pagar un alquiler, según la ministra Rodríguez. En 2023 los precios subieron un 3,5 por ciento.',
  'El Congreso votará a las 15 h. La patronal CEOE respaldó la medida, que calificó de «un paso necesario».',
].join(' ');

const EN_SOURCE = [
  'WASHINGTON (Reuters) — Nine in ten voters backed the measure, which passed the Senate 52-48 on Oct. 7, 2023.',
  'The bill sets aside $5bn for Wi-Fi in rural schools and cuts loan rates by 50 basis points.',
  'Senator Maria da Silva, who was born in Viana do Castelo, said the vote at 11 p.m. was “a turning point for the whole country”.',
  'Saudi Crown Prince Mohammed bin Salman welcomed the vote; Syria’s Bashar al-Assad did not comment.',
  'Reporting by Jane Doe; Editing by John Smith',
].join('\n');
const EN_CLEAN = [
  'The Senate approved the measure by 52 votes to 48 on 7 October 2023, with the support of 90% of voters.',
  'It earmarks $5 billion for Wi-Fi at schools in rural areas and lowers loan rates by 0.5 percentage points.',
  'Senator da Silva, a native of Viana do Castelo, called the 23:00 vote “a turning point for the whole country”.',
  'Saudi Crown Prince Mohammed bin Salman welcomed it, while Syria’s al-Assad stayed silent.',
].join('\n');

interface Labelled {
  lang: CheckLang;
  source: string;
  clean: string;
  /** One figure or date changed in the clean rewrite: [find, replace], and the facts that must be reported. */
  changed: Array<{ edit: [string, string]; missing: string[]; added: string[] }>;
}

const LABELLED: Labelled[] = [
  {
    lang: 'en',
    source: EN_SOURCE,
    clean: EN_CLEAN,
    changed: [
      { edit: ['52 votes to 48', '53 votes to 47'], missing: ['number:52-48'], added: ['number:53-47'] },
      { edit: ['7 October 2023', '8 October 2023'], missing: ['date:2023-10-07'], added: ['date:2023-10-08'] },
      { edit: ['0.5 percentage points', '0.75 percentage points'], missing: ['percent:0.5 pp'], added: ['percent:0.75 pp'] },
      { edit: ['23:00', '22:00'], missing: ['date:T23:00'], added: ['date:T22:00'] },
      { edit: ['90%', '80%'], missing: ['number:9/10'], added: ['percent:80%'] },
    ],
  },
  {
    lang: 'de',
    source: DE_SOURCE,
    clean: DE_CLEAN,
    changed: [
      { edit: ['27 000', '28 000'], missing: ['number:27000'], added: ['number:28000'] },
      { edit: ['5,5 Mrd. Euro', '5,5 Mio. Euro'], missing: ['money:EUR 5500000000'], added: ['money:EUR 5500000'] },
      { edit: ['07.10.2025', '08.10.2025'], missing: ['date:2025-10-07'], added: ['date:2025-10-08'] },
      { edit: ['15:00 Uhr', '16:00 Uhr'], missing: ['date:T15:00'], added: ['date:T16:00'] },
    ],
  },
  {
    lang: 'fr',
    source: FR_SOURCE,
    clean: FR_CLEAN,
    changed: [
      { edit: ['vingt-sept mille', 'vingt-huit mille'], missing: ['number:27000'], added: ['number:28000'] },
      { edit: ['3,5 pour cent', '4,5 pour cent'], missing: ['percent:3.5%'], added: ['percent:4.5%'] },
      { edit: ['15h00', '16h00'], missing: ['date:T15:00'], added: ['date:T16:00'] },
      { edit: ['07/10/2027', '17/10/2027'], missing: ['date:2027-10-07'], added: ['date:2027-10-17'] },
    ],
  },
  {
    lang: 'es',
    source: ES_SOURCE,
    clean: ES_CLEAN,
    changed: [
      { edit: ['veintisiete mil', 'veintiocho mil'], missing: ['number:27000'], added: ['number:28000'] },
      { edit: ['5 mil millones', '4 mil millones'], missing: ['money:EUR 5000000000'], added: ['money:EUR 4000000000'] },
      { edit: ['2026-10-07', '2026-11-07'], missing: ['date:2026-10-07'], added: ['date:2026-11-07'] },
      { edit: ['Un tercio', 'Un cuarto'], missing: ['number:1/3'], added: ['number:0.25'] },
    ],
  },
];

describe('labelled paragraphs: a faithful paraphrase in each language, and one figure changed', () => {
  for (const { lang, source, clean: rewrite, changed } of LABELLED) {
    it(`${lang}: the faithful paraphrase reports nothing`, () => {
      const r = checkFacts(source, rewrite, undefined, langs(lang));
      expect(JSON.stringify({ missing: brief(r.missing), added: brief(r.added) })).toBe(JSON.stringify({ missing: [], added: [] }));
      expect(r.total).toBeGreaterThanOrEqual(10);
    });
    for (const { edit, missing, added } of changed) {
      it(`${lang}: ${edit[0]} → ${edit[1]} is reported, and nothing else`, () => {
        expect(rewrite).toContain(edit[0]);
        const r = checkFacts(source, rewrite.replace(edit[0], edit[1]), undefined, langs(lang));
        expect(JSON.stringify({ missing: brief(r.missing), added: brief(r.added) })).toBe(JSON.stringify({ missing, added }));
      });
    }
  }

  it('the missing fact says where it is in the source, the added one where in the rewrite', () => {
    const edited = DE_CLEAN.replace('27 000', '28 000');
    const r = checkFacts(DE_SOURCE, edited, undefined, langs('de'));
    expect(DE_SOURCE.slice(r.missing[0]?.at ?? -1)).toMatch(/^27\.000/);
    expect(edited.slice(r.added[0]?.at ?? -1)).toMatch(/^28 000/);
  });
});

describe('more faithful paraphrases, written after the rules above', () => {
  const pairs: Array<[CheckLang, string, string]> = [
    [
      'de',
      'Nach heftigen Regenfällen sind im Süden Bayerns mehrere Orte überflutet worden. Wie das Landratsamt Rosenheim mitteilte, mussten am Sonntag rund 1.200 Menschen ihre Häuser verlassen. Feuerwehr und Technisches Hilfswerk waren mit mehr als 800 Einsatzkräften vor Ort. Ministerpräsident Markus Söder besuchte das Katastrophengebiet und versprach schnelle Hilfe. Der Deutsche Wetterdienst warnte vor weiterem Starkregen bis Dienstagabend. Nach Angaben der Polizei wurde ein Mann in Kolbermoor vermisst. Die Schäden gehen nach ersten Schätzungen in die Millionen.',
      'Heftiger Regen hat im Süden Bayerns mehrere Gemeinden unter Wasser gesetzt. Rund 1200 Bewohner mussten am Sonntag ihre Wohnungen räumen, teilte das Landratsamt Rosenheim mit. Über 800 Helfer von Feuerwehr und Technischem Hilfswerk waren im Einsatz. Bayerns Regierungschef Söder machte sich ein Bild von der Lage und sagte rasche Unterstützung zu. Bis Dienstagabend rechnet der Deutsche Wetterdienst mit weiterem Starkregen. In Kolbermoor suchte die Polizei einen vermissten Mann. Erste Schätzungen beziffern den Schaden auf mehrere Millionen Euro.',
    ],
    [
      'es',
      'El presidente del Gobierno, Pedro Sánchez, anunció este miércoles en el Congreso una rebaja del IVA de los alimentos hasta el 31 de diciembre. La medida costará unos 1.000 millones de euros, según el Ministerio de Hacienda. El PP criticó que llega tarde.',
      'Pedro Sánchez anunció el miércoles en el Congreso que el IVA de los alimentos bajará hasta el 31 de diciembre. Según Hacienda, la rebaja supondrá unos mil millones de euros. El PP la considera tardía.',
    ],
  ];
  for (const [lang, source, rewrite] of pairs) {
    it(`${lang}: ${source.slice(0, 30)}…`, () => {
      expect(JSON.stringify(clean(source, rewrite, lang))).toBe(JSON.stringify({ missing: [], added: [] }));
      expect(checkFacts(source, rewrite, undefined, langs(lang)).total).toBeGreaterThanOrEqual(6);
    });
  }
});

describe('across a translation: an English source, a rewrite in German, French or Spanish', () => {
  const source = [
    'WASHINGTON (Reuters) — Nine in ten voters backed the measure, which passed the Senate 52-48 on Oct. 7, 2023.',
    'The bill sets aside $5bn for Wi-Fi in rural schools and cuts loan rates by 50 basis points.',
    'Senator Maria da Silva, who was born in Viana do Castelo, said the vote at 11 p.m. was “a turning point for the whole country”.',
    'Saudi Crown Prince Mohammed bin Salman welcomed the vote; Syria’s Bashar al-Assad did not comment.',
  ].join(' ');
  const translations: Array<[CheckLang, string]> = [
    [
      'de',
      'Neun von zehn Wählern unterstützten die Maßnahme, die der Senat am 7. Oktober 2023 mit 52 zu 48 Stimmen verabschiedete. Das Gesetz sieht 5 Mrd. Dollar für Wi-Fi an Schulen auf dem Land vor und senkt die Kreditzinsen um 0,5 Prozentpunkte. Senatorin Maria da Silva, die in Viana do Castelo geboren wurde, nannte die Abstimmung um 23 Uhr „einen Wendepunkt für das ganze Land“. Der saudische Kronprinz Mohammed bin Salman begrüßte die Abstimmung; Syriens Baschar al-Assad äußerte sich nicht.',
    ],
    [
      'fr',
      'Neuf électeurs sur dix ont soutenu la mesure, adoptée par le Sénat par 52 voix contre 48 le 7 octobre 2023. Le texte prévoit 5 milliards de dollars pour le Wi-Fi dans les écoles rurales et réduit les taux des prêts de 50 points de base. La sénatrice Maria da Silva, née à Viana do Castelo, a qualifié le vote de 23 h de « tournant pour tout le pays ». Le prince héritier saoudien Mohammed ben Salmane a salué le vote ; Bachar al-Assad, en Syrie, ne s’est pas exprimé.',
    ],
    [
      'es',
      'Nueve de cada diez votantes apoyaron la medida, que el Senado aprobó por 52 votos a 48 el 7 de octubre de 2023. La ley destina 5.000 millones de dólares al wifi en escuelas rurales y reduce los tipos de los préstamos en 50 puntos básicos. La senadora Maria da Silva, nacida en Viana do Castelo, calificó la votación de las 23:00 como «un punto de inflexión para todo el país». El príncipe heredero saudí Mohammed bin Salman celebró la votación; el sirio Bashar al-Asad no hizo comentarios.',
    ],
  ];
  for (const [lang, rewrite] of translations) {
    it(`${lang}: the faithful translation reports nothing`, () => {
      expect(JSON.stringify(clean(source, rewrite, 'en', lang))).toBe(JSON.stringify({ missing: [], added: [] }));
    });
    it(`${lang}: one changed figure is reported`, () => {
      const changed = rewrite.replace('2023', '2022');
      expect(clean(source, changed, 'en', lang)).toEqual({ missing: ['date:2023-10-07'], added: ['date:2022-10-07'] });
    });
  }
});

describe('a rewrite language without rules: figures only', () => {
  const source = 'Mayor Linda Okafor said the plan costs $4.2m and starts on March 3, 2025.';
  const it_ = 'La sindaca Okoro ha detto che il piano costa $4.2m e inizia il 2025-03-03. «Una frase inventata di sana pianta», ha aggiunto.';

  it('reports figures, not names or quotes, and says so', () => {
    const r = checkFacts(source, it_, undefined, langs('en', null));
    expect(r.names).toBe(false);
    expect(r.missing.every((f) => f.kind !== 'name' && f.kind !== 'quote')).toBe(true);
    expect(r.added).toEqual([]);
    expect(brief(checkFacts(source, it_.replace('$4.2m', '$4.5m'), undefined, langs('en', null)).missing)).toEqual(['money:USD 4200000']);
  });

  it('runChecks passes the languages and its capabilities follow', () => {
    const r = runChecks({ source, headline: 'Piano', body: it_, lang: 'Italian', sourceLang: 'en' });
    expect(r.capabilities.names).toBe(false);
    expect(r.facts.names).toBe(false);
    const de = runChecks({ source: DE_SOURCE, headline: 'Wohnungen', body: DE_CLEAN, lang: 'German' });
    expect(de.capabilities.names).toBe(true);
    expect(de.facts.missing).toEqual([]);
  });
});
