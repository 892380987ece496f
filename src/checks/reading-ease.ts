/**
 * Reading ease of a text with its language's formula, 0..100 (higher is easier), rounded to one decimal:
 *
 * - en, Flesch (1948): 206.835 − 1.015 × ASL − 84.6 × ASW
 * - de, Amstad (1978): 180 − ASL − 58.5 × ASW
 * - fr, Kandel–Moles (1958): 207 − 1.015 × ASL − 73.6 × ASW
 * - es, Fernández Huerta (1959): 206.84 − 0.60 × P − 1.02 × ASL
 *
 * ASL is words per sentence, ASW syllables per word, P syllables per 100 words (so 0.60 × P = 60 × ASW).
 * Fernández Huerta is often quoted with F = sentences per 100 words in place of ASL; that form lowers the score as
 * sentences get shorter. Gwillim Law showed the misreading ("Error in the Fernandez Huerta Readability Formula",
 * LINGUIST List 22.2332, 2011) and legible.es ("Lecturabilidad de Fernández Huerta") gives the corrected form used
 * here, which matches Flesch term for term.
 *
 * Words are countWords' (src/article.ts); a sentence ends at . ! ? (or …), or at the end of a line, so headings and
 * list items count as sentences. Another language has no formula here: null.
 */

import { forEachCountedWord } from '../article';
import type { CheckLang } from './lang';
import { countSyllables } from './syllables';

/** The formula each language's reading ease uses. */
export const READING_FORMULA: Readonly<Record<CheckLang, string>> = {
  en: 'Flesch',
  de: 'Amstad',
  fr: 'Kandel–Moles',
  es: 'Fernández Huerta',
};

/** Each formula from ASL (words per sentence) and ASW (syllables per word). */
const SCORE: Readonly<Record<CheckLang, (asl: number, asw: number) => number>> = {
  en: (asl, asw) => 206.835 - 1.015 * asl - 84.6 * asw,
  de: (asl, asw) => 180 - asl - 58.5 * asw,
  fr: (asl, asw) => 207 - 1.015 * asl - 73.6 * asw,
  es: (asl, asw) => 206.84 - 0.6 * (100 * asw) - 1.02 * asl,
};

export interface TextCounts {
  words: number;
  sentences: number;
  syllables: number;
}

/** Words, sentences and syllables of a text as the formulas count them (sentences at least 1 when there are words). */
export function textCounts(text: string, lang: CheckLang): TextCounts {
  let syllables = 0;
  const known = new Map<string, number>(); // a text repeats its words: count each distinct one once
  const words = forEachCountedWord(text, (start, end) => {
    const w = text.slice(start, end);
    let n = known.get(w);
    if (n === undefined) {
      n = countSyllables(w, lang);
      known.set(w, n);
    }
    syllables += n;
  });
  return { words, sentences: words === 0 ? 0 : Math.max(1, countSentences(text)), syllables };
}

/** Reading ease of `text` as `lang` (0 for a text with no words), or null for a language with no formula here. */
export function readingEase(text: string, lang: CheckLang | null = 'en'): number | null {
  if (lang === null) return null;
  const { words, sentences, syllables } = textCounts(text, lang);
  if (words === 0) return 0;
  const score = SCORE[lang](words / sentences, syllables / words);
  return Math.round(Math.min(100, Math.max(0, score)) * 10) / 10;
}

const SENTENCE_END = /[.!?…](?=\s|$|["”’»)\]])|\n/g;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Pieces between sentence ends that hold a word; blank lines and stray punctuation add no sentence. */
function countSentences(text: string): number {
  let sentences = 0;
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) {
    if (HAS_WORD.test(text.slice(from, m.index))) sentences++;
    from = m.index + m[0].length;
  }
  if (HAS_WORD.test(text.slice(from))) sentences++;
  return sentences;
}
