/**
 * Syllables in a written word, by heuristic, for each language the reading-ease formulas cover. Each counts the
 * vowel nuclei of the word: runs of vowels, split where the language reads two vowels as two syllables and kept
 * whole where it reads them as one (diphthongs, digraphs). No dictionary: the figure feeds an average over a text,
 * where the odd miscounted word hardly moves it.
 */

import type { CheckLang } from './lang';

/** Syllables in `word` read as `lang` (at least 1; a figure counts roughly a syllable per digit). */
export function countSyllables(word: string, lang: CheckLang = 'en'): number {
  // English drops what follows an apostrophe ("Iran’s"); elsewhere an elided article is part of the word ("l’école").
  const lower = word.toLowerCase();
  const w = lang === 'en' ? lower.replace(/['’].*$/, '') : lower.replace(/['’]/g, '');
  if (/^\d+$/.test(w)) return Math.max(1, w.length);
  const n = COUNTERS[lang](w.normalize('NFC'));
  return Math.max(1, n);
}

const COUNTERS: Readonly<Record<CheckLang, (w: string) => number>> = { en: english, de: german, fr: french, es: spanish };

/** English: vowel groups, less a silent final e and a non-syllabic -es/-ed ("make", "hoped", "makes"; not "boxes"). */
function english(w: string): number {
  const letters = w.replace(/[^a-z]/g, '');
  if (letters.length <= 3) return 1;
  let count = letters.match(/[aeiouy]+/g)?.length ?? 0;
  // "-le" after a consonant is voiced ("table"); -es after s/z/x/ch/sh/ce/ge keeps its syllable ("boxes").
  if (/[^aeiouy]e$/.test(letters) && !/[^aeiouy]le$/.test(letters)) count--;
  else if (/[^aeiouytd]ed$/.test(letters)) count--;
  else if (/[^aeiouy]es$/.test(letters) && !/(?:[sxz]|ch|sh|ce|ge)es$/.test(letters)) count--;
  return count;
}

/** Counts the nuclei of each vowel run: `units` are the spellings read as one vowel, tried longest first. */
function nuclei(w: string, vowel: RegExp, units: readonly string[]): number {
  let count = 0;
  for (const run of w.match(vowel) ?? []) {
    let i = 0;
    while (i < run.length) {
      const unit = units.find((u) => run.startsWith(u, i));
      i += unit ? unit.length : 1;
      count++;
    }
  }
  return count;
}

/** German reads ei, ai, au, eu, äu, ie and doubled vowels as one; every other vowel meeting another is a new syllable ("The-a-ter"). "qu" is a consonant. A final e is spoken ("Schu-le"). */
const DE_UNITS = ['äu', 'ei', 'ey', 'ai', 'ay', 'au', 'eu', 'ie', 'aa', 'ee', 'oo'];
function german(w: string): number {
  return nuclei(w.replace(/qu/g, 'q'), /[aeiouyäöü]+/g, DE_UNITS);
}

/**
 * French reads eau, ieu, aie ("a-vaient"), au, ai, ei, ou, oi, eu, œu, ui (and œ) as one vowel; i before another
 * vowel is a glide ("pied", "na-tion"); y before a vowel is a consonant ("cra-yon"); u after q, or after g before
 * e/i, is silent. A final e or es is silent when the word has another vowel ("table", "é-coles", "an-née"; not "le").
 */
const FR_UNITS = ['eau', 'ieu', 'aie', 'œu', 'au', 'ai', 'ei', 'ou', 'oi', 'eu', 'ui', 'ia', 'ie', 'ié', 'iè', 'io', 'iu'];
const FR_VOWEL = /[aeiouyàâäéèêëîïôöùûüÿæœ]+/g;
function french(w: string): number {
  let s = w
    .replace(/qu/g, 'q')
    .replace(/gu(?=[eéèêiî])/g, 'g')
    .replace(/y(?=[aeiouàâéèêîôû])/g, 'j');
  const silent = s.replace(/es?$/, '');
  if (silent !== s && /[aeiouyàâäéèêëîïôöùûüÿæœ]/.test(silent)) s = silent;
  return nuclei(s, FR_VOWEL, FR_UNITS);
}

/**
 * Spanish: a vowel run is one syllable except where two strong vowels (a, e, o, accented or not) meet, or an
 * accented i or u meets any vowel (hiatus: "po-e-ta", "dí-a", "pa-ís"); weak + strong and weak + weak are
 * diphthongs ("ciu-dad", "a-gua", "camión"), weak + strong + weak a triphthong ("buey"). u after q, and after g
 * before e/i, is silent ("que", "guerra"; "pingüino" keeps its ü); y is a vowel only where no vowel follows ("hoy").
 */
const ES_STRONG = new Set('aeoáéó');
const ES_ACCENTED_WEAK = new Set('íú');
function spanish(w: string): number {
  const s = w
    .replace(/qu/g, 'q')
    .replace(/gu(?=[eéií])/g, 'g')
    .replace(/y(?=[aeiouáéíóú])/g, 'j');
  let count = 0;
  for (const run of s.match(/[aeiouáéíóúüy]+/g) ?? []) {
    count++;
    for (let i = 1; i < run.length; i++) {
      const a = run[i - 1] as string;
      const b = run[i] as string;
      if ((ES_STRONG.has(a) && ES_STRONG.has(b)) || ES_ACCENTED_WEAK.has(a) || ES_ACCENTED_WEAK.has(b)) count++;
    }
  }
  return count;
}
