import type { Block, ExtractWarning } from '../article';
import { estimateTokens } from '../tokens';

import { GATE_TEXT, MORE_PROMPT, type GateAtEnd } from './gate';

/**
 * Warnings shown before any tokens are spent. Each is a cheap, honest signal, not a verdict, and a warning that
 * asks before sending needs evidence that something is really missing: a paywall-looking element alone (a promo
 * box, a subscribe banner, a class name) never stops the click.
 *
 * - `maybe-truncated` (`paywall`): a gate stands at the end of the story: a gate phrase ("subscribe to continue
 *   reading") or a "show more" control right after the story's last paragraph, or among the last lines of the
 *   text (kept or dropped by the cleanup rules); or a paywall-named element right after the story while the text
 *   stops mid-sentence.
 * - `maybe-truncated` (`short-of-page`): most of the page's own marked story region is not in the text.
 * - `maybe-truncated` (`ends-cut`): a teaser of a few blocks stops on "…" and the page has a paywall-named element.
 * - `not-an-article`: the text holds little prose (fewer than `MIN_PROSE_WORDS` words in paragraphs, list items
 *   and quotes that read as prose) and the page marks no sizeable story region; or it is a list of teasers (most
 *   of its prose ends on "…", as search results and link lists do); or much of the text is link text.
 * - `very-long`: the estimated token count is over `VERY_LONG_TOKENS`.
 */

/**
 * A block of prose has at least this many words (a CJK character counts as a word), or is a paragraph of at least
 * `SENTENCE_WORDS` that ends as a sentence does: an article written in short paragraphs is still an article.
 */
export const PROSE_PARAGRAPH_WORDS = 20;
/** A block this long that ends on a full stop, "!" or "?" is a sentence of prose. */
export const SENTENCE_WORDS = 8;
/** Below this many words of prose the text is probably not an article. */
export const MIN_PROSE_WORDS = 50;
/** A marked story region with this many characters of paragraph text is an article, whatever the prose count says. */
export const ARTICLE_REGION_CHARS = 1000;
/** A text is short of its page when more than this many characters of the region's story, and more than it holds, are not in it. */
export const MISSING_REGION_CHARS = 1500;

/** Above this many estimated tokens the text is "very long" (it will not fit small models' context in one go). */
export const VERY_LONG_TOKENS = 8000;

/** Paywall and login-wall phrasings (kept under this name for the callers; the gate logic is in `./gate.ts`). */
export const PAYWALL_TEXT = GATE_TEXT;

export interface PageSignals {
  /** An element named like a paywall is somewhere in the page (a hint only). */
  paywallElement: boolean;
  /** What stands right after the story's last paragraph in the page (see `gateAtEnd`). */
  gate: GateAtEnd;
  /** Paragraph characters of the page's marked story region (0 when none). */
  regionChars: number;
  /** The region's longer paragraphs, whitespace collapsed (empty when none). */
  regionParagraphs: readonly string[];
}

export interface WarningInput {
  blocks: readonly Block[];
  /**
   * The lines at the end of the text: its last blocks, and the blocks after its last paragraph of story, kept or
   * dropped by the cleanup rules (a "Subscribe to continue reading" line is dropped but still tells).
   */
  endLines: readonly string[];
  text: string;
  wordCount: number;
  /** `countWords` of each block. */
  blockWords: readonly number[];
  /** Share of the article's text that is link text. */
  linkShare: number;
  signals: PageSignals;
}

const ELLIPSIS_END = /(?:…|\.\.\.)\s*\]?\s*$/u;
/** Ends as a sentence does: a full stop, "!" or "?", maybe inside quotes or brackets. */
const SENTENCE_END = /[.!?]["'”’»)\]]*\s*$/u;

/** The last block that is not a repeat of an earlier one (a teaser shown twice is furniture, not the end of the story). */
function lastOwnBlock(blocks: readonly Block[]): Block | undefined {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i] as Block;
    if (!blocks.slice(0, i).some((o) => o.text === b.text)) return b;
  }
  return undefined;
}

/** A teaser cut at a length is this many blocks at most (a "…" at the end of a longer text is as often a writer's). */
export const TEASER_BLOCKS = 4;

/**
 * The text stops mid-sentence: its last own paragraph ends on a colon or no punctuation, or, in a text of at most
 * `TEASER_BLOCKS` blocks, on "…".
 */
export function endsMidStory(blocks: readonly Block[]): boolean {
  const last = lastOwnBlock(blocks);
  if (!last || last.kind !== 'paragraph') return false;
  if (ELLIPSIS_END.test(last.text)) return blocks.length <= TEASER_BLOCKS;
  return !SENTENCE_END.test(last.text);
}

/**
 * Characters of the region's story that the text misses: its paragraphs (each looked up by its first 40 characters)
 * that are not in the text and come before the last one that is, or all of them when none is. Paragraphs missing
 * only after the last one found are what a region holds after its story (comments, a gallery, a list of other
 * news), not a hole in it.
 */
function missingChars(paragraphs: readonly string[], text: string): number {
  const flat = text.replace(/\s+/gu, ' ');
  const found = paragraphs.map((p) => flat.includes(p.slice(0, 40)));
  const end = found.lastIndexOf(true);
  let missing = 0;
  paragraphs.forEach((p, i) => {
    if (!found[i] && (end < 0 || i < end)) missing += p.length;
  });
  return missing;
}

/** A list of teasers has at least this many blocks of prose ending on "…", and they are at least half of them. */
export const MIN_TEASERS = 3;

/** Words of prose (blocks long enough, or sentences), and whether most of them are teasers ending on "…". */
function proseOf(input: WarningInput): { words: number; teasers: boolean } {
  let words = 0;
  let blocks = 0;
  let teasers = 0;
  input.blocks.forEach((b, i) => {
    const n = input.blockWords[i] ?? 0;
    if (b.kind === 'heading' || n < SENTENCE_WORDS) return;
    const teaser = ELLIPSIS_END.test(b.text);
    // A short sentence is prose in a paragraph; a short list item is a line of a list.
    if (n < PROSE_PARAGRAPH_WORDS && (b.kind === 'list-item' || teaser || !SENTENCE_END.test(b.text))) return;
    blocks += 1;
    if (teaser) teasers += 1;
    words += n;
  });
  return { words, teasers: teasers >= MIN_TEASERS && teasers * 2 >= blocks };
}

/** A sizeable marked story region, or enough prose that is not a list of teasers. */
function looksLikeArticle(input: WarningInput): boolean {
  if (input.signals.regionChars >= ARTICLE_REGION_CHARS) return true;
  const prose = proseOf(input);
  return prose.words >= MIN_PROSE_WORDS && !prose.teasers;
}

export function articleWarnings(input: WarningInput): ExtractWarning[] {
  const { blocks, text, signals } = input;
  const warnings: ExtractWarning[] = [];

  // The text's last kept line is a "show more" / "continue reading" control: the rest of the story is behind it (one
  // the cleanup rules dropped as a teaser's "Read more" is not counted: full articles end on those).
  const moreAtEnd = MORE_PROMPT.test(blocks[blocks.length - 1]?.text ?? '');
  const gateInText = moreAtEnd || input.endLines.some((t) => t.length < 400 && GATE_TEXT.test(t));
  const cut = endsMidStory(blocks);
  const regionMissing = signals.regionParagraphs.length > 0 ? missingChars(signals.regionParagraphs, text) : 0;
  const shortOfRegion = regionMissing > MISSING_REGION_CHARS && regionMissing > text.length;
  if (gateInText || signals.gate === 'prompt' || signals.gate === 'cut' || (signals.gate === 'named' && cut)) {
    warnings.push({ code: 'maybe-truncated', why: 'paywall' });
  } else if (shortOfRegion) {
    warnings.push({ code: 'maybe-truncated', why: 'short-of-page' });
  } else if (signals.paywallElement && blocks.length <= TEASER_BLOCKS && ELLIPSIS_END.test(lastOwnBlock(blocks)?.text ?? '')) {
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
