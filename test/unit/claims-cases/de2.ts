import type { ClaimCase } from './types';

/** Written after the check was calibrated, and kept as it came out: a false alarm and three misses, marked. */
export const DE2_CASE: ClaimCase = {
  lang: 'de',
  cleanKnownFalseAlarms: 'a name swap read in "Das kündigte Bahnchef Richard Lutz … an": the source sentence also names the Deutsche Bahn',
  source: `Die Deutsche Bahn will bis 2027 rund 1.800 Kilometer Gleise sanieren, wie Konzernchef Richard Lutz am Mittwoch in Berlin ankündigte. Die Kosten sollen sich auf etwa 16 Milliarden Euro belaufen. Verkehrsminister Volker Wissing sagte, der Bund werde den größten Teil davon tragen. Fahrgastverbände kritisierten, dass während der Bauarbeiten viele Strecken monatelang gesperrt würden. Laut einer Umfrage des ADAC nutzen 38 Prozent der Pendler inzwischen seltener den Zug. Die erste Generalsanierung auf der Strecke zwischen Frankfurt und Mannheim beginnt am 15. Juli. Nach Angaben der Bahn werden dort täglich 300 Züge umgeleitet.`,
  clean: `Bahn saniert 1800 Kilometer Schiene

Bis 2027 sollen etwa 1800 Kilometer Gleis erneuert werden. Das kündigte Bahnchef Richard Lutz am Mittwoch in Berlin an. Rund 16 Milliarden Euro dürfte das Programm kosten.

Den Löwenanteil übernehme der Bund, erklärte Verkehrsminister Volker Wissing. Verbände der Fahrgäste bemängeln, dass zahlreiche Verbindungen während der Arbeiten über Monate nicht befahrbar sein werden. Einer ADAC-Umfrage zufolge fahren 38 Prozent der Pendler mittlerweile weniger mit der Bahn.

Los geht es am 15. Juli mit der Strecke Frankfurt–Mannheim. Dort müssen nach Bahnangaben jeden Tag 300 Züge andere Wege nehmen.`,
  errors: [
    {
      change: 'negation',
      find: 'über Monate nicht befahrbar sein werden',
      replace: 'über Monate befahrbar sein werden',
      knownMiss: 'the paraphrase shares too few words with its source sentence (compounds split, synonyms) to be compared with it',
    },
    { change: 'certainty', find: 'Rund 16 Milliarden Euro dürfte das Programm kosten', replace: 'Das Programm kostet 16 Milliarden Euro' },
    { change: 'attribution', find: 'Einer ADAC-Umfrage zufolge', replace: 'Einer Umfrage des Verkehrsclubs VCD zufolge' },
    {
      change: 'name-swap',
      find: 'erklärte Verkehrsminister Volker Wissing',
      replace: 'erklärte Bahnchef Richard Lutz',
    },
    { change: 'unit', find: 'etwa 1800 Kilometer Gleis', replace: 'etwa 1800 Meilen Gleis' },
    { change: 'date', find: 'am Mittwoch in Berlin', replace: 'am Donnerstag in Berlin' },
    { change: 'date', find: 'am 15. Juli', replace: 'am 15. August' },
    {
      change: 'figure',
      find: 'jeden Tag 300 Züge',
      replace: 'jeden Tag 500 Züge',
      knownMiss: '"Bahnangaben", "jeden Tag", "andere Wege nehmen" share too little with "nach Angaben der Bahn … täglich … umgeleitet" to be compared with it',
    },
    {
      change: 'invented',
      find: 'andere Wege nehmen.',
      replace: 'andere Wege nehmen. Die Gewerkschaft der Lokführer droht bereits mit neuen Streiks im Herbst.',
    },
  ],
};
