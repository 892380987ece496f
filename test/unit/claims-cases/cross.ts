import { EN_CASE } from './en';
import type { ClaimCase } from './types';

/** The English article rewritten in German: aligned on figures, dates and names, each side read with its own lists. */
export const EN_DE_CASE: ClaimCase = {
  lang: 'de',
  sourceLang: 'en',
  source: EN_CASE.source,
  clean: `Brand in Leeds: zwei Festnahmen

Zwei Männer wurden am Dienstag in Leeds festgenommen, nachdem ein Feuer eine Lagerhalle im Industriegebiet der Stadt zerstört hatte, teilte die Polizei von West Yorkshire mit. Das Feuer brach kurz nach 23 Uhr aus. Es breitete sich auf rund 3000 Quadratmetern aus und war noch in fünf Meilen Entfernung zu sehen.

Das Gebäude wurde seit 2019 nicht mehr genutzt, sagte Feuerwehrchefin Sarah Collins. Wie Reuters berichtete, gehörte die Halle dem Logistikunternehmen Northgate Holdings, das angeblich zwei Sicherheitswarnungen ignoriert hatte. Nach Angaben von Collins kämpften 60 Feuerwehrleute die ganze Nacht gegen die Flammen.

Verletzt wurde niemand. Die Anwohner mussten ihre Häuser für sechs Stunden verlassen. Der Vorsitzende des Stadtrats, James Patel, sagte, das Gelände könnte bis zum 3. März abgerissen werden.`,
  errors: [
    { change: 'negation', find: 'seit 2019 nicht mehr genutzt', replace: 'seit 2019 genutzt' },
    { change: 'certainty', find: 'das angeblich zwei', replace: 'das zwei' },
    { change: 'attribution', find: 'Wie Reuters berichtete', replace: 'Wie AP berichtete' },
    { change: 'name-swap', find: 'Nach Angaben von Collins kämpften', replace: 'Nach Angaben von Patel kämpften' },
    { change: 'unit', find: 'in fünf Meilen Entfernung', replace: 'in fünf Kilometern Entfernung' },
    { change: 'date', find: 'am Dienstag', replace: 'am Mittwoch' },
    { change: 'date', find: 'bis zum 3. März', replace: 'bis zum 4. März' },
    { change: 'figure', find: '60 Feuerwehrleute', replace: '80 Feuerwehrleute' },
  ],
};
