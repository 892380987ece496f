/**
 * How each language writes dates and times: month and weekday names (with their abbreviations), the words around a
 * day ("de", "of", the German "7." with its full stop), and the words of clock times ("p.m.", "Uhr", "h", "horas").
 */

import type { CheckLang } from './index';
import { wordSet as set } from './word-set';

export interface DateWords {
  /** Month names and abbreviations, lower case, to the month's number. */
  months: ReadonlyMap<string, number>;
  /** The abbreviations among them (followed by a full stop that does not end a sentence). */
  monthAbbr: ReadonlySet<string>;
  /** Month names that are everyday words too, a date only with a day or year ("May", "mars" is fine in French). */
  ambiguousMonths: ReadonlySet<string>;
  /** Whether month names are written in lower case in running text (French, Spanish). */
  lowerMonths: boolean;
  /** Weekday names to their ISO number (Monday 1). */
  weekdays: ReadonlyMap<string, number>;
  /** Words between day, month and year: "7th of October", "7 de octubre de 2023". */
  of: ReadonlySet<string>;
  /** Ordinal endings glued to a day: 7th, 1er, 1º. */
  ordinals: ReadonlySet<string>;
  /** Words after an hour that make it a clock time on the 24-hour clock ("Uhr", "h", "horas", "heures"). */
  clock: ReadonlySet<string>;
  /** Words before an hour written "21.00" that make it a clock time ("um", "à", "a las"). */
  clockBefore: ReadonlySet<string>;
  /** Words for noon and midnight, to their hour. */
  noon: ReadonlyMap<string, number>;
}

const nums = (words: string): Map<string, number> => new Map(words.split(' ').map((w, k): [string, number] => [w, k + 1]));

function months(full: string, abbr: string): { months: Map<string, number>; monthAbbr: ReadonlySet<string> } {
  const m = nums(full);
  const a = new Set<string>();
  for (const pair of abbr.split(' ')) {
    const [w, n] = pair.split('=') as [string, string];
    m.set(w, Number(n));
    a.add(w);
  }
  return { months: m, monthAbbr: a };
}

export const DATE_WORDS: Readonly<Record<CheckLang, DateWords>> = {
  en: {
    ...months(
      'january february march april may june july august september october november december',
      'jan=1 feb=2 mar=3 apr=4 jun=6 jul=7 aug=8 sep=9 sept=9 oct=10 nov=11 dec=12',
    ),
    ambiguousMonths: set('may'),
    lowerMonths: false,
    weekdays: nums('monday tuesday wednesday thursday friday saturday sunday'),
    of: set('of'),
    ordinals: set('st nd rd th'),
    clock: set('gmt utc'),
    clockBefore: set(''),
    noon: new Map([
      ['noon', 12],
      ['midday', 12],
      ['midnight', 0],
    ]),
  },
  de: {
    ...months(
      'januar februar märz april mai juni juli august september oktober november dezember',
      'jan=1 jänner=1 feb=2 mär=3 mrz=3 apr=4 jun=6 jul=7 aug=8 sep=9 sept=9 okt=10 nov=11 dez=12',
    ),
    ambiguousMonths: set(''),
    lowerMonths: false,
    weekdays: nums('montag dienstag mittwoch donnerstag freitag samstag sonntag'),
    of: set(''),
    ordinals: set(''),
    clock: set('uhr'),
    clockBefore: set('um gegen'),
    noon: new Map([
      ['mittag', 12],
      ['mittags', 12],
      ['mitternacht', 0],
    ]),
  },
  fr: {
    ...months(
      'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
      'janv=1 févr=2 fév=2 avr=4 juil=7 sept=9 oct=10 nov=11 déc=12',
    ),
    ambiguousMonths: set(''),
    lowerMonths: true,
    weekdays: nums('lundi mardi mercredi jeudi vendredi samedi dimanche'),
    of: set(''),
    ordinals: set('er re e'),
    clock: set('h heures heure'),
    clockBefore: set('à vers dès'),
    noon: new Map([
      ['midi', 12],
      ['minuit', 0],
    ]),
  },
  es: {
    ...months(
      'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
      'ene=1 feb=2 mar=3 abr=4 jun=6 jul=7 ago=8 sep=9 sept=9 set=9 oct=10 nov=11 dic=12 setiembre=9',
    ),
    ambiguousMonths: set(''),
    lowerMonths: true,
    weekdays: nums('lunes martes miércoles jueves viernes sábado domingo'),
    of: set('de del'),
    ordinals: set('º ª o'),
    clock: set('h horas hora hs'),
    clockBefore: set('las la'),
    noon: new Map([
      ['mediodía', 12],
      ['medianoche', 0],
    ]),
  },
};

/** Weekday names of all four languages, for the word lists that must never take them for names. */
export const ALL_WEEKDAYS: ReadonlySet<string> = new Set(Object.values(DATE_WORDS).flatMap((d) => [...d.weekdays.keys()]));
/** Month names of all four languages. */
export const ALL_MONTHS: ReadonlySet<string> = new Set(Object.values(DATE_WORDS).flatMap((d) => [...d.months.keys()]));

/** For a text in a language the checks have no rules for: ISO, dotted and slash dates only. */
export const GENERIC_DATES: DateWords = {
  months: new Map(),
  monthAbbr: new Set(),
  ambiguousMonths: new Set(),
  lowerMonths: false,
  weekdays: new Map(),
  of: new Set(),
  ordinals: new Set(),
  clock: new Set(),
  clockBefore: new Set(),
  noon: new Map(),
};
