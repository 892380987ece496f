/**
 * SEO figures for a rewrite: headline length, word counts, and Flesch reading ease.
 *
 * - headlineChars counts characters as a reader sees them (Unicode code points, trimmed); search results cut
 *   titles at about 60, so headlineTooLong is headlineChars > the limit (the headlineMaxChars setting, default 60, which
 *   the system message also gives the model).
 * - words / sourceWords use countWords from src/article.ts, the count used everywhere else in Newsmith.
 * - readingEase is the Flesch reading ease, 206.835 − 1.015 × words/sentences − 84.6 × syllables/words,
 *   rounded to one decimal and clamped to 0..100 (higher is easier; 60–70 is plain English, below 30 is
 *   academic). The syllable count is an English heuristic (vowel groups, a silent final e, -es/-ed), so the
 *   figure is meaningful for English text only; for other languages it is a rough indication at best.
 *   A sentence ends at . ! ? (or …), or at the end of a line, so headings and list items count as sentences.
 */

import { countWords } from '../article';
import { forEachWord } from '../words';

export interface SeoReport {
  headlineChars: number;
  headlineTooLong: boolean;
  /** The limit headlineTooLong was judged against. */
  headlineMaxChars: number;
  words: number;
  sourceWords: number;
  readingEase: number;
}

export const HEADLINE_MAX_CHARS = 60;

export function checkSeo(headline: string, body: string, sourceText: string, headlineMaxChars = HEADLINE_MAX_CHARS): SeoReport {
  const headlineChars = [...headline.trim()].length;
  const { words, ease } = wordsAndEase(body);
  return {
    headlineChars,
    headlineTooLong: headlineChars > headlineMaxChars,
    headlineMaxChars,
    // countWords counts each CJK character and the LATIN_WORD matches of the rest: without CJK, the words here.
    words: CJK.test(body) ? countWords(body) : words,
    sourceWords: CJK.test(sourceText) ? countWords(sourceText) : countLatinWords(sourceText),
    readingEase: ease,
  };
}

const LATIN_WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/uy; // sticky, as forEachWord reads it
/** Any CJK character (countWords counts each as a word). Not global: `test` keeps no state. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SENTENCE_END = /[.!?…](?=\s|$|["”’)\]])|\n/;

/** Flesch reading ease of a text (0 for a text with no words). */
export function readingEase(text: string): number {
  return wordsAndEase(text).ease;
}

/** Calls `each` with every LATIN_WORD match of `text`, in order, without an array of them all. */
function eachLatinWord(text: string, each: (word: string) => void): void {
  forEachWord(text, LATIN_WORD, (start, end) => each(text.slice(start, end)));
}

/** The LATIN_WORD matches of a text: countWords for a text without CJK. */
function countLatinWords(text: string): number {
  let n = 0;
  eachLatinWord(text, () => n++);
  return n;
}

/** The LATIN_WORD count of a text and its Flesch reading ease (0 for a text with no words). */
function wordsAndEase(text: string): { words: number; ease: number } {
  let words = 0;
  let syllables = 0;
  const known = new Map<string, number>(); // a text repeats its words: count each distinct one once
  eachLatinWord(text, (w) => {
    let n = known.get(w);
    if (n === undefined) {
      n = countSyllables(w);
      known.set(w, n);
    }
    syllables += n;
    words++;
  });
  if (words === 0) return { words, ease: 0 };
  // Pieces between sentence ends that hold a word (as text.split(SENTENCE_END) gives them); blank lines and
  // stray punctuation add no sentence.
  let sentences = 0;
  const ends = new RegExp(SENTENCE_END.source, 'g');
  let from = 0;
  for (let m = ends.exec(text); m !== null; m = ends.exec(text)) {
    if (HAS_WORD.test(text.slice(from, m.index))) sentences++;
    from = m.index + m[0].length;
  }
  if (HAS_WORD.test(text.slice(from))) sentences++;
  sentences = Math.max(1, sentences);
  const score = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
  return { words, ease: Math.round(Math.min(100, Math.max(0, score)) * 10) / 10 };
}

const HAS_WORD = /[\p{L}\p{N}]/u;

/** English syllables in a word, by heuristic: vowel groups, less a silent final e and non-syllabic -es/-ed. */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/['’].*$/, '');
  if (/^\d+$/.test(w)) return Math.max(1, w.length); // a figure read aloud: roughly a syllable per digit
  const letters = w.replace(/[^a-z]/g, '');
  if (letters === '') return 1;
  if (letters.length <= 3) return 1;
  let count = letters.match(/[aeiouy]+/g)?.length ?? 0;
  // Silent endings: "make", "hoped", "boxes" keep their syllable after s/z/x/ch/sh, and "-le" is voiced.
  if (/[^aeiouy]e$/.test(letters) && !/[^aeiouy]le$/.test(letters)) count--;
  else if (/[^aeiouytd]ed$/.test(letters)) count--;
  else if (/[^aeiouy]es$/.test(letters) && !/(?:[sxz]|ch|sh|ce|ge)es$/.test(letters)) count--;
  return Math.max(1, count);
}
