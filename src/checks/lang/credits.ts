/**
 * The words of datelines, bylines and credits in each language, for src/checks/credits.ts. Lower case; phrases are
 * words joined by "_". One list for all languages: a German article may carry an English photo credit.
 */

import { wordSet as set } from './word-set';

/** The first word of a byline ("By Jane Doe", "Von Max Muster", "Par Jean Dupont", "Por Ana García"). */
export const BYLINE_WORDS: ReadonlySet<string> = set('by von par por');

/** Words that join the authors of a byline. */
export const BYLINE_JOINERS: ReadonlySet<string> = set('and und et y e');

/** A line that starts with one of these and a colon is a credit ("Photo: Reuters", "Foto: dpa", "Quelle: AFP"). */
export const CREDIT_LABELS: ReadonlySet<string> = set(
  'photo photos photograph picture image images credit credits source video graphic illustration',
  'foto fotos bild bilder quelle grafik titelbild',
  'crédit crédits légende vidéo',
  'crédito créditos fuente imagen imágenes',
);

/** Words inside parentheses that make them a picture credit: "(AP Photo/Evan Vucci)", "(Foto: dpa)". */
export const PICTURE_WORDS: ReadonlySet<string> = set('photo photos foto fotos bild image imagen picture afp-photo');

/** Phrases from which the rest of the line is a credit: "Reporting by …; Editing by …", "Mit Material von dpa". */
export const CREDIT_PHRASES: ReadonlySet<string> = set(
  'reporting_by additional_reporting_by writing_by editing_by edited_by compiled_by written_by',
  'mit_material_von mitarbeit redaktion',
  'avec_afp avec_reuters avec_ap rédaction édité_par',
  'con_información_de redacción edición_de',
);

/** Line openers that make the whole line a credit: "©", "Copyright". */
export const COPYRIGHT_WORDS: ReadonlySet<string> = set('© copyright');
