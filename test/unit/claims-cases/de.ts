import type { ClaimCase } from './types';

export const DE_CASE: ClaimCase = {
  lang: 'de',
  source: `Die Polizei in Hamburg hat am Montag drei Verdächtige festgenommen, die einen Geldtransporter im Stadtteil Altona überfallen haben sollen. Nach Angaben der Staatsanwaltschaft erbeuteten die Täter rund 1,2 Millionen Euro. Oberstaatsanwältin Katrin Meyer sagte, die Männer seien nicht vorbestraft. Der Fahrer des Transporters wurde leicht verletzt und musste 3 Stunden im Krankenhaus behandelt werden. Laut dem NDR flüchteten die Täter in einem Auto, das später 15 Kilometer entfernt gefunden wurde. Innensenator Andy Grote kündigte an, die Sicherheitsvorschriften für Geldtransporte könnten bis zum 1. März verschärft werden. Der Prozess soll im Jahr 2025 beginnen.`,
  clean: `Überfall in Altona: drei Festnahmen

Drei Männer, die mutmaßlich einen Geldtransporter in Altona ausgeraubt haben, sind am Montag von der Hamburger Polizei gefasst worden. Die Beute beläuft sich nach Angaben der Staatsanwaltschaft auf etwa 1.200.000 Euro. Die Männer seien nicht vorbestraft, erklärte Oberstaatsanwältin Katrin Meyer.

Der Fahrer erlitt leichte Verletzungen. Er wurde drei Stunden lang im Krankenhaus versorgt. Wie der NDR berichtete, entkamen die Räuber mit einem Wagen, der später in 15 Kilometern Entfernung entdeckt wurde.

Innensenator Andy Grote kündigte an, dass die Regeln für Geldtransporte bis zum 1. März verschärft werden könnten. Der Prozess soll 2025 beginnen.`,
  errors: [
    { change: 'negation', find: 'seien nicht vorbestraft', replace: 'seien vorbestraft' },
    {
      change: 'negation',
      find: 'entkamen die Räuber mit einem Wagen',
      replace: 'entkamen die Räuber nicht mit einem Wagen',
      knownMiss:
        'the clean sentence renders its source loosely (Wagen for Auto, coverage 0.33): a new "nicht" is compared only on a close paraphrase or on the word it denies, which keeps real rewrites free of false alarms',
    },
    { change: 'certainty', find: 'die mutmaßlich einen', replace: 'die einen' },
    { change: 'certainty', find: 'verschärft werden könnten', replace: 'verschärft werden' },
    { change: 'certainty', find: 'auf etwa 1.200.000 Euro', replace: 'auf 1.200.000 Euro' },
    { change: 'attribution', find: 'Wie der NDR berichtete', replace: 'Wie die Bild-Zeitung berichtete' },
    { change: 'attribution', find: 'nach Angaben der Staatsanwaltschaft', replace: 'nach Angaben der Bundespolizei' },
    { change: 'name-swap', find: 'erklärte Oberstaatsanwältin Katrin Meyer', replace: 'erklärte Innensenator Andy Grote' },
    { change: 'name-swap', find: 'Innensenator Andy Grote kündigte an', replace: 'Oberstaatsanwältin Katrin Meyer kündigte an' },
    { change: 'unit', find: 'in 15 Kilometern Entfernung', replace: 'in 15 Meilen Entfernung' },
    { change: 'unit', find: 'drei Stunden lang', replace: 'drei Tage lang' },
    { change: 'date', find: 'am Montag', replace: 'am Dienstag' },
    { change: 'date', find: 'bis zum 1. März', replace: 'bis zum 3. März' },
    { change: 'date', find: 'soll 2025 beginnen', replace: 'soll 2026 beginnen' },
    { change: 'figure', find: 'etwa 1.200.000 Euro', replace: 'etwa 1.500.000 Euro' },
    { change: 'figure', find: 'in 15 Kilometern', replace: 'in 25 Kilometern' },
    {
      change: 'invented',
      find: 'Der Fahrer erlitt leichte Verletzungen.',
      replace:
        'Der Fahrer erlitt leichte Verletzungen. Die Ermittler gehen davon aus, dass die Bande schon mehrere ähnliche Überfälle in Norddeutschland begangen hat.',
    },
    {
      change: 'invented',
      find: 'gefasst worden.',
      replace: 'gefasst worden. Die Sicherheitsfirma will ihren Angestellten künftig eine bessere Schutzausrüstung stellen.',
    },
  ],
};
