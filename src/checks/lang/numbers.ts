/**
 * How each language writes figures in words: number words, scale words and abbreviations, fractions, the words of
 * ratios, percentages, points, currencies and vote tallies. src/checks/figures.ts reads a text with its language's
 * table; a text of no known language gets GENERIC (digits and symbols only).
 */

import type { CheckLang } from './index';
import { wordSet as set } from './word-set';

export interface NumberWords {
  /** Whole number words: "seven", "sieben", "vingt", "veintisiete", "quinientos". */
  units: ReadonlyMap<string, number>;
  /** Words that multiply what came before by 100 ("hundred", "hundert", "cent", "cien"). */
  hundred: ReadonlySet<string>;
  /** Words that multiply what came before by 1000 inside a number ("thousand", "tausend", "mille", "mil"). */
  thousand: ReadonlySet<string>;
  /** Words allowed between number words ("and", "und", "et", "y"). */
  joiners: ReadonlySet<string>;
  /** Words for one that are also articles ("a", "ein", "un", "uno"): a number only before a scale or in a ratio. */
  articleOne: ReadonlySet<string>;
  /** Scale words and abbreviations after a figure: "million", "Mio", "Milliarden", "millones", "bn". */
  scales: ReadonlyMap<string, number>;
  /** Fractions: "half" 1/2, "third" 1/3, "Drittel", "tiers", "tercio". Written after a count or alone. */
  fractions: ReadonlyMap<string, number>;
  /** The fraction words that mean one part when written alone ("half", "Hälfte", "moitié", "mitad"). */
  wholeFractions: ReadonlySet<string>;
  /** The word between the parts of a ratio: "nine in ten", "neun von zehn", "un sur deux", "uno de cada tres". */
  ratioWords: ReadonlySet<string>;
  /** Words after a figure that make it a percentage. Sequences are joined with a space ("per cent"). */
  percent: ReadonlySet<string>;
  /** Words after a figure that make it percentage points. */
  points: ReadonlySet<string>;
  /** Words after a figure that make it basis points (a hundredth of a point). */
  basisPoints: ReadonlySet<string>;
  /** Currency words, before or after a figure. */
  currencies: ReadonlyMap<string, string>;
  /** Words between the two counts of a tally ("52 to 48", "52 zu 48", "52 contre 48", "52 a 48"). */
  tallyWords: ReadonlySet<string>;
  /** Words for votes, which may follow the first count of a tally ("52 votes to 48"). */
  voteWords: ReadonlySet<string>;
  /** Words that may stand between a scale and the currency ("millones de euros", "millions d'euros"). */
  of: ReadonlySet<string>;
  /** "Points" alone after a figure: league points, or percentage points said short ("0,4 Punkte"). */
  pointWords: ReadonlySet<string>;
  /** Words for tenths of a percentage point ("tres décimas"). */
  tenthPoints: ReadonlySet<string>;
  /** Collective numerals, after an article or a count: "a dozen", "ein Dutzend", "une vingtaine", "una docena". */
  collectives: ReadonlyMap<string, number>;
}

const map = (entries: ReadonlyArray<readonly [string, number]>): ReadonlyMap<string, number> => new Map(entries);
const list = (words: string, from: number): Array<[string, number]> => words.split(' ').map((w, k): [string, number] => [w, from + k]);

/** Currency codes any language writes before or after a figure. */
export const CURRENCY_CODES: ReadonlySet<string> = set('usd eur gbp jpy inr cad aud chf cny rub uah try mxn ars brl sek nok dkk pln');
/** Currency symbols; "US" glued before "$" makes it US dollars. */
export const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'],
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['₽', 'RUB'],
  ['₴', 'UAH'],
  ['₺', 'TRY'],
]);
/** Scale letters glued to a figure in every language: 27k, 5bn. "m" only with a currency ($5m); else it may be metres. */
export const SUFFIX_SCALES: ReadonlyMap<string, number> = map([
  ['k', 1e3],
  ['mn', 1e6],
  ['bn', 1e9],
  ['b', 1e9],
  ['tn', 1e12],
  ['trn', 1e12],
  ['mio', 1e6],
  ['mrd', 1e9],
  ['md', 1e9],
]);

const EN_UNITS = map([
  ...list('zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen', 0),
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);

const DE_UNITS = map([
  ['null', 0],
  ['eins', 1],
  ...list('zwei drei vier fünf sechs sieben acht neun zehn elf zwölf', 2),
  ['dreizehn', 13],
  ['vierzehn', 14],
  ['fünfzehn', 15],
  ['sechzehn', 16],
  ['siebzehn', 17],
  ['achtzehn', 18],
  ['neunzehn', 19],
  ['zwanzig', 20],
  ['dreißig', 30],
  ['dreissig', 30],
  ['vierzig', 40],
  ['fünfzig', 50],
  ['sechzig', 60],
  ['siebzig', 70],
  ['achtzig', 80],
  ['neunzig', 90],
  // "ein" as in einundzwanzig, einhundert, eintausend (alone it is the article: see articleOne)
  ['ein', 1],
]);

const FR_UNITS = map([
  ['zéro', 0],
  ['un', 1],
  ['une', 1],
  ...list('deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize', 2),
  ['vingt', 20],
  ['vingts', 20],
  ['trente', 30],
  ['quarante', 40],
  ['cinquante', 50],
  ['soixante', 60],
  ['septante', 70],
  ['huitante', 80],
  ['octante', 80],
  ['nonante', 90],
]);

const ES_UNITS = map([
  ['cero', 0],
  ['uno', 1],
  ['una', 1],
  ['un', 1],
  ...list('dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince', 2),
  ['dieciséis', 16],
  ['dieciseis', 16],
  ['diecisiete', 17],
  ['dieciocho', 18],
  ['diecinueve', 19],
  ['veinte', 20],
  ['veintiuno', 21],
  ['veintiún', 21],
  ['veintiuna', 21],
  ['veintidós', 22],
  ['veintidos', 22],
  ['veintitrés', 23],
  ['veintitres', 23],
  ['veinticuatro', 24],
  ['veinticinco', 25],
  ['veintiséis', 26],
  ['veintiseis', 26],
  ['veintisiete', 27],
  ['veintiocho', 28],
  ['veintinueve', 29],
  ['treinta', 30],
  ['cuarenta', 40],
  ['cincuenta', 50],
  ['sesenta', 60],
  ['setenta', 70],
  ['ochenta', 80],
  ['noventa', 90],
  ['doscientos', 200],
  ['doscientas', 200],
  ['trescientos', 300],
  ['trescientas', 300],
  ['cuatrocientos', 400],
  ['cuatrocientas', 400],
  ['quinientos', 500],
  ['quinientas', 500],
  ['seiscientos', 600],
  ['seiscientas', 600],
  ['setecientos', 700],
  ['setecientas', 700],
  ['ochocientos', 800],
  ['ochocientas', 800],
  ['novecientos', 900],
  ['novecientas', 900],
]);

/** Words for the same currencies in every language (a German text may say "Dollar", a French one "dollars"). */
const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ...['dollar', 'dollars', 'dólar', 'dólares', 'dolar', 'dolares', 'us-dollar', 'us-dollars'].map((w): [string, string] => [w, 'USD']),
  ...['euro', 'euros'].map((w): [string, string] => [w, 'EUR']),
  ...['pound', 'pounds', 'sterling', 'pfund', 'livre', 'livres', 'libra', 'libras'].map((w): [string, string] => [w, 'GBP']),
  ...['yen', 'yens'].map((w): [string, string] => [w, 'JPY']),
  ...['rupee', 'rupees', 'rupien', 'roupie', 'roupies', 'rupia', 'rupias'].map((w): [string, string] => [w, 'INR']),
  ...['franken', 'franc', 'francs', 'franco', 'francos'].map((w): [string, string] => [w, 'CHF']),
  ...['rubel', 'rouble', 'roubles', 'ruble', 'rubles', 'rublo', 'rublos'].map((w): [string, string] => [w, 'RUB']),
  ...['yuan', 'renminbi'].map((w): [string, string] => [w, 'CNY']),
]);

export const NUMBER_WORDS: Readonly<Record<CheckLang, NumberWords>> = {
  en: {
    units: EN_UNITS,
    hundred: set('hundred'),
    thousand: set('thousand'),
    joiners: set('and'),
    articleOne: set('a an one'),
    scales: map([
      ['hundred', 1e2],
      ['thousand', 1e3],
      ['million', 1e6],
      ['millions', 1e6],
      ['billion', 1e9],
      ['billions', 1e9],
      ['trillion', 1e12],
      ['mn', 1e6],
      ['mln', 1e6],
      ['bn', 1e9],
      ['tn', 1e12],
    ]),
    fractions: map([
      ['half', 1 / 2],
      ['halves', 1 / 2],
      ['third', 1 / 3],
      ['thirds', 1 / 3],
      ['quarter', 1 / 4],
      ['quarters', 1 / 4],
      ['fifth', 1 / 5],
      ['fifths', 1 / 5],
      ['tenth', 1 / 10],
      ['tenths', 1 / 10],
    ]),
    wholeFractions: set('half'),
    ratioWords: set('in out_of'),
    percent: set('% percent pct per_cent'),
    points: set('percentage_point percentage_points points_percentage pp'),
    basisPoints: set('basis_point basis_points bp bps'),
    currencies: CURRENCY_WORDS,
    tallyWords: set('to'),
    voteWords: set('votes vote'),
    of: set('of'),
    pointWords: set('points point'),
    tenthPoints: set(''),
    collectives: map([['dozen', 12]]),
  },
  de: {
    units: DE_UNITS,
    hundred: set('hundert'),
    thousand: set('tausend'),
    joiners: set('und'),
    articleOne: set('ein eine einer einem einen'),
    scales: map([
      ['hundert', 1e2],
      ['tausend', 1e3],
      ['tsd', 1e3],
      ['million', 1e6],
      ['millionen', 1e6],
      ['mio', 1e6],
      ['milliarde', 1e9],
      ['milliarden', 1e9],
      ['mrd', 1e9],
      ['billion', 1e12],
      ['billionen', 1e12],
      ['bio', 1e12],
      ['mln', 1e6],
    ]),
    fractions: map([
      ['hälfte', 1 / 2],
      ['drittel', 1 / 3],
      ['viertel', 1 / 4],
      ['fünftel', 1 / 5],
      ['zehntel', 1 / 10],
    ]),
    wholeFractions: set('hälfte'),
    ratioWords: set('von'),
    percent: set('prozent %'),
    points: set('prozentpunkte prozentpunkten prozentpunkt pp'),
    basisPoints: set('basispunkte basispunkten basispunkt bp'),
    currencies: CURRENCY_WORDS,
    tallyWords: set('zu gegen'),
    voteWords: set('stimmen stimme'),
    of: set(''),
    pointWords: set('punkte punkten punkt'),
    tenthPoints: set(''),
    collectives: map([['dutzend', 12]]),
  },
  fr: {
    units: FR_UNITS,
    hundred: set('cent cents'),
    thousand: set('mille'),
    joiners: set('et'),
    articleOne: set('un une'),
    scales: map([
      ['cent', 1e2],
      ['cents', 1e2],
      ['mille', 1e3],
      ['million', 1e6],
      ['millions', 1e6],
      ['milliard', 1e9],
      ['milliards', 1e9],
      ['md', 1e9],
      ['mds', 1e9],
      ['mrd', 1e9],
      ['billion', 1e12],
      ['billions', 1e12],
      ['mln', 1e6],
    ]),
    fractions: map([
      ['moitié', 1 / 2],
      ['tiers', 1 / 3],
      ['quart', 1 / 4],
      ['quarts', 1 / 4],
      ['cinquième', 1 / 5],
      ['cinquièmes', 1 / 5],
      ['dixième', 1 / 10],
      ['dixièmes', 1 / 10],
    ]),
    wholeFractions: set('moitié'),
    ratioWords: set('sur'),
    percent: set('pour_cent pourcent %'),
    points: set('points_de_pourcentage point_de_pourcentage points_de_pour_cent pp'),
    basisPoints: set('points_de_base point_de_base pb'),
    currencies: CURRENCY_WORDS,
    tallyWords: set('contre à'),
    voteWords: set('voix votes'),
    of: set("de d' d’"),
    pointWords: set('points point'),
    tenthPoints: set(''),
    collectives: map([
      ['douzaine', 12],
      ['dizaine', 10],
      ['quinzaine', 15],
      ['vingtaine', 20],
      ['trentaine', 30],
      ['quarantaine', 40],
      ['cinquantaine', 50],
      ['soixantaine', 60],
      ['centaine', 100],
    ]),
  },
  es: {
    units: ES_UNITS,
    hundred: set('cien ciento cientos'),
    thousand: set('mil'),
    joiners: set('y'),
    articleOne: set('un una uno'),
    scales: map([
      ['cien', 1e2],
      ['ciento', 1e2],
      ['mil', 1e3],
      ['millón', 1e6],
      ['millon', 1e6],
      ['millones', 1e6],
      ['mln', 1e6],
      ['millardo', 1e9],
      ['millardos', 1e9],
      ['billón', 1e12],
      ['billon', 1e12],
      ['billones', 1e12],
    ]),
    fractions: map([
      ['mitad', 1 / 2],
      ['tercio', 1 / 3],
      ['tercios', 1 / 3],
      ['cuarto', 1 / 4],
      ['cuartos', 1 / 4],
      ['quinto', 1 / 5],
      ['quintos', 1 / 5],
      ['décimo', 1 / 10],
      ['décimos', 1 / 10],
    ]),
    wholeFractions: set('mitad'),
    ratioWords: set('de_cada'),
    percent: set('por_ciento %'),
    points: set('puntos_porcentuales punto_porcentual pp'),
    basisPoints: set('puntos_básicos punto_básico puntos_basicos pb'),
    currencies: CURRENCY_WORDS,
    tallyWords: set('a contra'),
    voteWords: set('votos voto'),
    of: set('de'),
    pointWords: set('puntos punto'),
    tenthPoints: set('décima décimas'),
    collectives: map([
      ['docena', 12],
      ['decena', 10],
      ['veintena', 20],
      ['treintena', 30],
      ['centenar', 100],
    ]),
  },
};

/** For a text in a language the checks have no rules for: figures in digits, symbols and codes only. */
export const GENERIC: NumberWords = {
  units: new Map(),
  hundred: new Set(),
  thousand: new Set(),
  joiners: new Set(),
  articleOne: new Set(),
  scales: map([
    ['mn', 1e6],
    ['mln', 1e6],
    ['bn', 1e9],
  ]),
  fractions: new Map(),
  wholeFractions: new Set(),
  ratioWords: new Set(),
  percent: set('%'),
  points: new Set(),
  basisPoints: new Set(),
  currencies: new Map(),
  tallyWords: new Set(),
  voteWords: new Set(),
  of: new Set(),
  pointWords: new Set(),
  tenthPoints: new Set(),
  collectives: new Map(),
};

/** The parts of a German number word written as one: "siebenundzwanzig", "zweitausenddreihundert". Longest first. */
const DE_PARTS: readonly string[] = [...DE_UNITS.keys(), 'hundert', 'tausend', 'und'].sort((a, b) => b.length - a.length);

/**
 * The number words a token is made of: "twenty-seven" → twenty, seven; "quatre-vingt-dix" → quatre, vingt, dix;
 * German compounds split into their parts ("siebenundzwanzig" → sieben, und, zwanzig). Null when some part is
 * no number word. Linear in the word's length: each step consumes a part from a fixed list.
 */
export function numberAtoms(low: string, words: NumberWords, lang: CheckLang | null): string[] | null {
  const isPart = (w: string): boolean => words.units.has(w) || words.hundred.has(w) || words.thousand.has(w) || words.joiners.has(w);
  if (lang === 'de' && !words.units.has(low) && low.length > 5) {
    const out: string[] = [];
    let p = 0;
    while (p < low.length) {
      const part = DE_PARTS.find((w) => low.startsWith(w, p));
      if (part === undefined) return null;
      out.push(part);
      p += part.length;
    }
    return out;
  }
  if (low.includes('-')) {
    const parts = low.split('-');
    return parts.every(isPart) ? parts : null;
  }
  return isPart(low) ? [low] : null;
}

/** The first three letters of every German number part: a word starting otherwise is no number (a cheap test). */
const DE_STARTS: ReadonlySet<string> = new Set(DE_PARTS.map((w) => w.slice(0, 3)));

/** Whether a lower-case word may begin a figure in words (number word, article before a scale, fraction). */
export function mayStartNumber(low: string, words: NumberWords, lang: CheckLang | null): boolean {
  if (words.units.has(low) || words.articleOne.has(low) || words.wholeFractions.has(low) || words.thousand.has(low)) return true; // "mil millones"
  if (low.includes('-')) return true;
  return lang === 'de' && low.length > 5 && DE_STARTS.has(low.slice(0, 3));
}
