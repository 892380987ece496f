import type { EditorSign } from './extract/editor-page';
import { CJK_CLASS, forEachWord } from './words';

/** The one shape extraction hands to the rest of the product. Pure data: it crosses from the page to the worker. */

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'quote';

export interface Block {
  kind: BlockKind;
  text: string;
}

export interface Article {
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  /** ISO 8601 when the page states it, else null. */
  publishedTime: string | null;
  /** The canonical URL when the page names one, else the page URL. */
  url: string;
  blocks: Block[];
  /** The blocks rendered as text: one block per paragraph, blank lines between. */
  text: string;
  wordCount: number;
  /** What the user should know before spending tokens on this text (empty when nothing stands out). */
  warnings: ExtractWarning[];
}

/**
 * - `maybe-truncated`: the text looks cut off (a paywall or "subscribe to continue" marker, lazy loading,
 *   or far fewer words than the page shows).
 * - `not-an-article`: the page is probably not an article (a home page, a list, a forum…).
 * - `very-long`: the text is long; `tokens` is its estimated size in tokens.
 */
export type ExtractWarningCode = 'maybe-truncated' | 'not-an-article' | 'very-long';

export interface ExtractWarning {
  code: ExtractWarningCode;
  /** Why the text looks cut off (set on `maybe-truncated`). Put into words by `warningText`. */
  why?: 'paywall' | 'short-of-page' | 'ends-cut';
  /** Estimated tokens and words of the article text (set on `very-long`). */
  tokens?: number;
  words?: number;
}

/** Why a page yields no article. The popup turns each into a message; no LLM call follows. */
export type NoArticleReason = 'no-article' | 'too-short' | 'too-deep';

export type ExtractResult = { ok: true; article: Article } | { ok: false; reason: NoArticleReason; detail: string; words?: number };

/** What the content script reads on a click: how many words are selected, and the article unless that is enough to ask first. */
export interface TabRead {
  selectionWords: number;
  /** The article; null when enough text is selected, or when the page looks like an editor (`editor` says why). */
  result: ExtractResult | null;
  editor?: EditorSign;
}

/** Blocks as plain text: blocks apart by one blank line, never glued together. */
export function blocksToText(blocks: readonly Block[]): string {
  return blocks.map((b) => b.text).join('\n\n');
}

/**
 * What countWords counts: a CJK character is a word of its own; elsewhere a word is a run of letters and digits
 * (no combining marks: "cafe\u0301s" is two words) with inner apostrophes. The count is the number of CJK
 * characters plus the matches of `[\p{L}\p{N}]+(?:['’]\p{L}+)*` once those characters are made spaces
 * (test/unit/words.test.ts keeps that version as its reference). Sticky, as forEachWord reads it.
 */
const WORD = new RegExp(`[${CJK_CLASS}]|(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}])+(?:['’](?:(?![${CJK_CLASS}])\\p{L})+)*`, 'uy');
const ignore = (): void => {};

/**
 * Words as a reader counts them; each CJK character counts as one word, since those scripts put no spaces between
 * words. The one word count of Newsmith: the article's, the popup's, the checks' and the history's.
 */
export function countWords(text: string): number {
  return forEachWord(text, WORD, ignore);
}

/** Calls `each(start, end)` for every word countWords counts, in order, and returns how many there were. */
export function forEachCountedWord(text: string, each: (start: number, end: number) => void): number {
  return forEachWord(text, WORD, each);
}

/** An Article from plain text the user selected: paragraphs at blank lines (or single line breaks), no extraction. */
export function articleFromText(title: string, text: string, url: string): Article {
  const parts = /\n\s*\n/.test(text) ? text.split(/\n\s*\n/) : text.split(/\n/);
  const blocks: Block[] = parts
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((t) => ({ kind: 'paragraph', text: t }));
  const joined = blocksToText(blocks);
  return {
    title: title.trim(),
    byline: null,
    siteName: null,
    lang: null,
    publishedTime: null,
    url,
    blocks,
    text: joined,
    wordCount: countWords(joined),
    warnings: [],
  };
}

/** Fewer words than this in a selection is a stray click, not text to rewrite. */
export const MIN_SELECTION_WORDS = 12;
