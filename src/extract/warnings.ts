import type { Block, ExtractWarning } from '../article';
import type { Translate } from '../i18n';
import { estimateTokens } from '../tokens';

/**
 * Warnings shown before any tokens are spent. Each is a cheap, honest signal, not a verdict:
 *
 * - `maybe-truncated`: a paywall / "subscribe to continue reading" / "log in to read" marker in the page
 *   or at the end of the text, a text that ends mid-sentence with "…", or far less text than the page's
 *   own marked story region (lazy loading, "show more" buttons).
 * - `not-an-article`: the text holds little prose (fewer than `MIN_PROSE_WORDS` words in paragraphs of at
 *   least `PROSE_PARAGRAPH_WORDS` words: lists, tables, short lines) and the page marks no sizeable story
 *   region, or much of the text is link text.
 * - `very-long`: the estimated token count is over `VERY_LONG_TOKENS`.
 */

/**
 * A paragraph of prose has at least this many words (a CJK character counts as a word). Measured on the shared
 * corpus (480 news pages and 130 Readability test pages, all run through the whole extraction): 5 article pages
 * get the warning, against 13 with Readability's `isProbablyReaderable` before; of the 8 test pages Readability
 * labels not readerable, 6 are warned or refused (8 before: the heuristic was tuned on those pages), with the
 * same 2 false alarms. It reads the extracted blocks, so it needs neither the two full-tree queries nor the 1.2 KiB.
 */
export const PROSE_PARAGRAPH_WORDS = 20;
/** Below this many words of prose the text is probably not an article. */
export const MIN_PROSE_WORDS = 50;
/** A marked story region with this many characters of paragraph text is an article, whatever the prose count says. */
export const ARTICLE_REGION_CHARS = 1000;

/** Above this many estimated tokens the text is "very long" (it will not fit small models' context in one go). */
export const VERY_LONG_TOKENS = 8000;

/** Paywall and login-wall phrasings, in the languages the cleanup rules know. */
export const PAYWALL_TEXT = new RegExp(
  [
    String.raw`\b(?:subscribe|sign in|log in|login|register)\b[^.]{0,40}\bto (?:continue|keep) reading\b`,
    String.raw`\b(?:continue|keep) reading (?:with|for) (?:a|an|your)\b[^.]{0,30}\b(?:subscription|account)\b`,
    String.raw`\bthis (?:article|story|content|post) is (?:only )?(?:available|reserved|exclusive) (?:to|for) (?:paying )?(?:subscribers|members)\b`,
    String.raw`\balready (?:a subscriber|have an account)\b`,
    String.raw`\bsubscribers? only\b`,
    String.raw`\bunlock (?:this|the full) (?:article|story)\b`,
    String.raw`\bweiterlesen mit\b|\bnur für abonnenten\b|\bexklusiv für abonnenten\b`,
    String.raw`\bréservée? aux abonnés\b|\bil vous reste \d+\s?% de l.article\b`,
    String.raw`\bexclusivo para (?:suscriptores|assinantes)\b|\briservato agli abbonati\b`,
  ].join('|'),
  'iu',
);

export interface PageSignals {
  /** A paywall overlay or gate element is in the page. */
  paywallElement: boolean;
  /** Paragraph characters of the page's marked story region (0 when none). */
  regionChars: number;
}

export interface WarningInput {
  blocks: readonly Block[];
  /** Blocks the cleanup rules dropped (a "Subscribe to continue reading" line is dropped but still tells). */
  droppedTexts: readonly string[];
  text: string;
  wordCount: number;
  /** `countWords` of each block. */
  blockWords: readonly number[];
  /** Share of the article's text that is link text. */
  linkShare: number;
  signals: PageSignals;
}

/** A sizeable marked story region, or enough prose. */
function looksLikeArticle(input: WarningInput): boolean {
  if (input.signals.regionChars >= ARTICLE_REGION_CHARS) return true;
  let prose = 0;
  input.blocks.forEach((b, i) => {
    const words = input.blockWords[i] ?? 0;
    if (b.kind !== 'heading' && words >= PROSE_PARAGRAPH_WORDS) prose += words;
  });
  return prose >= MIN_PROSE_WORDS;
}

export function articleWarnings(input: WarningInput): ExtractWarning[] {
  const { blocks, text, signals } = input;
  const warnings: ExtractWarning[] = [];

  const tail = blocks.slice(-3).map((b) => b.text);
  const paywallText = [...tail, ...input.droppedTexts].some((t) => t.length < 400 && PAYWALL_TEXT.test(t));
  const last = blocks.at(-1)?.text ?? '';
  const endsCut = /(?:…|\.\.\.)\s*$/u.test(last) && !/[.!?]["'”’)]?\s*(?:…|\.\.\.)\s*$/u.test(last) && blocks.length <= 4;
  const shortOfRegion = signals.regionChars > 1500 && text.length < signals.regionChars * 0.5;
  if (signals.paywallElement || paywallText) {
    warnings.push({ code: 'maybe-truncated', why: 'paywall' });
  } else if (shortOfRegion) {
    warnings.push({ code: 'maybe-truncated', why: 'short-of-page' });
  } else if (endsCut) {
    warnings.push({ code: 'maybe-truncated', why: 'ends-cut' });
  }

  if (!looksLikeArticle(input) || input.linkShare > 0.4) {
    warnings.push({ code: 'not-an-article' });
  }

  // No text counts more tokens than it has characters (each piece of `estimateTokens` is at least one character
  // and costs at most one token per character), so a shorter text need not be counted.
  const tokens = text.length > VERY_LONG_TOKENS ? estimateTokens(text) : 0;
  if (tokens > VERY_LONG_TOKENS) {
    warnings.push({ code: 'very-long', tokens, words: input.wordCount });
  }
  return warnings;
}

/** A warning in words, in the language `t` speaks (warnings are data: the extraction runs where no language is known). */
export function warningText(w: ExtractWarning, t: Translate): string {
  if (w.code === 'very-long') return t('warnVeryLong', [w.tokens ?? 0, w.words ?? 0]);
  if (w.code === 'not-an-article') return t('warnNotArticle');
  if (w.why === 'short-of-page') return t('warnShortOfPage');
  if (w.why === 'ends-cut') return t('warnEndsCut');
  return t('warnPaywall');
}
