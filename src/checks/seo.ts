/**
 * SEO figures for a rewrite: headline length, word counts, and reading ease.
 *
 * - headlineChars counts characters as a reader sees them (Unicode code points, trimmed); search results cut
 *   titles at about 60, so headlineTooLong is headlineChars > the limit (the headlineMaxChars setting, default 60, which
 *   the system message also gives the model).
 * - words / sourceWords are countWords (src/article.ts), the one word count of Newsmith.
 * - readingEase uses the rewrite's language's formula (src/checks/reading-ease.ts: Flesch, Amstad, Kandel–Moles,
 *   Fernández Huerta); null for a language with none, rather than a figure from another language's formula.
 */

import { countWords } from '../article';
import type { CheckLang } from './lang';
import { readingEase } from './reading-ease';

export interface SeoReport {
  headlineChars: number;
  headlineTooLong: boolean;
  /** The limit headlineTooLong was judged against. */
  headlineMaxChars: number;
  words: number;
  sourceWords: number;
  /** 0..100, higher is easier; null when the rewrite's language has no formula here. */
  readingEase: number | null;
}

export const HEADLINE_MAX_CHARS = 60;

/** The SEO figures of a rewrite in `lang` (English when not given; null: a language with no reading-ease formula). */
export function checkSeo(headline: string, body: string, sourceText: string, lang: CheckLang | null = 'en', headlineMaxChars = HEADLINE_MAX_CHARS): SeoReport {
  const headlineChars = [...headline.trim()].length;
  return {
    headlineChars,
    headlineTooLong: headlineChars > headlineMaxChars,
    headlineMaxChars,
    words: countWords(body),
    sourceWords: countWords(sourceText),
    readingEase: readingEase(body, lang),
  };
}
