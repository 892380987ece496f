import type { Block, ExtractWarning } from '../article';
import type { Translate } from '../i18n';
import { estimateTokens } from '../tokens';

/**
 * Warnings shown before any tokens are spent. Each is a cheap, honest signal, not a verdict:
 *
 * - `maybe-truncated`: a paywall / "subscribe to continue reading" / "log in to read" marker in the page
 *   or at the end of the text, a text that ends mid-sentence with "…", or far less text than the page's
 *   own marked story region (lazy loading, "show more" buttons).
 * - `not-an-article`: Readability's own `isProbablyReaderable` says no, or much of the text is link text.
 * - `very-long`: the estimated token count is over `VERY_LONG_TOKENS`.
 */

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
  /** Readability's `isProbablyReaderable` on the page, before extraction. */
  readerable: boolean;
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
  /** Share of the article's text that is link text. */
  linkShare: number;
  signals: PageSignals;
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

  if (!signals.readerable || input.linkShare > 0.4) {
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
