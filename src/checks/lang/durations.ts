/**
 * The words of durations in each language, so that one duration written in other units is one fact: 12 months
 * are a year, 48 hours two days, two decades twenty years. Each unit is counted in seconds (second to week) or
 * in months (month to century); a day and a month are never compared.
 */

import type { CheckLang } from './index';

export interface DurationUnit {
  /** 's' counts seconds, 'mo' months. */
  family: 's' | 'mo';
  /** How many of the family's units one of these is. */
  size: number;
  /** A singular form that stands for one unit without a number ("a year", "el último año", "une décennie"). */
  one: boolean;
}

export interface DurationWords {
  units: ReadonlyMap<string, DurationUnit>;
  /** Words for half a unit before it: "half (a) year", "medio año", "ein halbes Jahr". */
  half: ReadonlySet<string>;
}

const S = 1;
const MIN = 60;
const H = 3600;
const DAY = 86400;
const WEEK = 7 * DAY;

/** Entries: "forms=family:size", a form ending in "!" standing for one unit alone. */
function units(spec: string): ReadonlyMap<string, DurationUnit> {
  const out = new Map<string, DurationUnit>();
  for (const group of spec.split(/\s+/).filter((g) => g !== '')) {
    const [forms, unit] = group.split('=') as [string, string];
    const [family, size] = unit.split(':') as ['s' | 'mo', string];
    for (const f of forms.split(',')) {
      const one = f.endsWith('!');
      out.set(one ? f.slice(0, -1) : f, { family, size: Number(size), one });
    }
  }
  return out;
}

const sizes = (spec: string): string =>
  spec.replace(/\b(S|MIN|H|DAY|WEEK)\b/g, (k) => String({ S, MIN, H, DAY, WEEK }[k as 'S' | 'MIN' | 'H' | 'DAY' | 'WEEK']));

export const DURATION_WORDS: Readonly<Record<CheckLang, DurationWords>> = {
  en: {
    units: units(
      sizes(
        'second,seconds=s:S minute,minutes=s:MIN hour!,hours=s:H day!,days=s:DAY week!,weeks=s:WEEK fortnight!,fortnights=s:1209600 ' +
          'month!,months=mo:1 year!,years=mo:12 decade!,decades=mo:120 century!,centuries=mo:1200',
      ),
    ),
    half: new Set(['half']),
  },
  de: {
    units: units(
      sizes(
        'sekunde,sekunden=s:S minute,minuten=s:MIN stunde!,stunden=s:H tag!,tage,tagen=s:DAY woche!,wochen=s:WEEK ' +
          'monat!,monate,monaten,monats=mo:1 jahr!,jahre,jahren,jahres=mo:12 jahrzehnt!,jahrzehnte,jahrzehnten=mo:120 jahrhundert!,jahrhunderte=mo:1200',
      ),
    ),
    half: new Set(['halbes', 'halben', 'halbe']),
  },
  fr: {
    units: units(
      sizes(
        'seconde,secondes=s:S minute,minutes=s:MIN heure!,heures=s:H jour!,jours=s:DAY semaine!,semaines=s:WEEK ' +
          'mois=mo:1 an!,ans,année!,années=mo:12 décennie!,décennies=mo:120 siècle!,siècles=mo:1200',
      ),
    ),
    half: new Set(['demi', 'demie']),
  },
  es: {
    units: units(
      sizes(
        'segundo,segundos=s:S minuto,minutos=s:MIN hora!,horas=s:H día!,días=s:DAY semana!,semanas=s:WEEK ' +
          'mes!,meses=mo:1 año!,años=mo:12 década!,décadas=mo:120 siglo!,siglos=mo:1200',
      ),
    ),
    half: new Set(['medio', 'media']),
  },
};
