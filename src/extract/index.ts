import { Readability } from '@mozilla/readability';
import { blocksToText, countWords, type ExtractResult } from '../article';
import { elementToBlocks } from './blocks';
import { removeHiddenElements } from './hidden';
import { collectPageHints, pageMetadata } from './metadata';
import { cleanBlocks, type DroppedBlock } from './rules';

/**
 * The extraction core: page DOM → Article. Plain DOM only (no extension APIs), so it runs in the page
 * (content script) and in Node (see `./node.ts`, which parses HTML with linkedom).
 *
 * Steps: clone the document (the live page is never touched) → drop markup-hidden elements from the clone
 * → Readability → walk its content DOM into Blocks → named cleanup rules → metadata → too-short check.
 */

/** Below this many words of cleaned article text there is nothing worth rewriting. */
export const MIN_ARTICLE_WORDS = 80;

/** When more than this share of the article's text is link text, it is a list of links, not an article. */
export const MAX_LINK_TEXT_SHARE = 0.6;

export const NO_ARTICLE_DETAIL = 'Newsmith found no article on this page.';
export const LINK_LIST_DETAIL = 'This page looks like a list of links, not an article.';

export function tooShortDetail(words: number): string {
  return `This page has only ${words} word${words === 1 ? '' : 's'} of article text, too little to rewrite.`;
}

export interface ExtractOptions {
  /** Minimum words of cleaned text (default `MIN_ARTICLE_WORDS`). */
  minWords?: number;
  /**
   * The caller hands over a private copy it will not use again (a freshly parsed document, or the
   * clone from `cloneWithoutHidden`): run on it directly instead of cloning it once more. Never set
   * this for the live page.
   */
  inPlace?: boolean;
  /** Receives the blocks the cleanup rules dropped (for debugging and benchmarks). */
  onDropped?: (dropped: DroppedBlock[]) => void;
}

/** "By Jane Doe, Reuters | 3 hours ago" → "Jane Doe, Reuters". */
function bylineFromLine(line: string): string | null {
  const name = (line.split(/[|•·]/u)[0] ?? '')
    .replace(/^(?:(?:written|reported|words|story|text|reporting)\s+)?(?:by|von|par|por|di|door|av|af)\s+/iu, '')
    .replace(/[\s,;:]+$/u, '')
    .trim();
  return name || null;
}

function linkTextShare(root: Element): number {
  const all = (root.textContent ?? '').replace(/\s+/g, '').length;
  if (all === 0) return 0;
  let links = 0;
  for (const a of root.querySelectorAll('a')) {
    if (a.parentElement?.closest('a')) continue;
    links += (a.textContent ?? '').replace(/\s+/g, '').length;
  }
  return links / all;
}

/**
 * Extract the main article of `doc` (read-only unless `options.inPlace`: Readability runs on a clone). `url` is the page URL,
 * used for the canonical-URL fallback and for recognising a " | Site" suffix in the title.
 * The result is plain JSON-serialisable data.
 */
export function extractArticle(doc: Document, url: string, options: ExtractOptions = {}): ExtractResult {
  const minWords = options.minWords ?? MIN_ARTICLE_WORDS;
  const clone = options.inPlace ? doc : (doc.cloneNode(true) as Document);
  if (clone.body) removeHiddenElements(clone.body);
  const hints = collectPageHints(clone, url);

  let parsed: ReturnType<Readability<Element>['parse']>;
  try {
    parsed = new Readability<Element>(clone, { serializer: (el) => el as Element }).parse();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: 'no-article', detail: `${NO_ARTICLE_DETAIL} (The page could not be read: ${why})` };
  }
  const content = parsed?.content;
  if (!parsed || !content) return { ok: false, reason: 'no-article', detail: NO_ARTICLE_DETAIL };

  const meta = pageMetadata(hints, url, parsed);
  const { blocks, dropped } = cleanBlocks(elementToBlocks(content), meta);
  options.onDropped?.(dropped);
  // No byline in the metadata: the "By Name" line the cleanup removed from the body is the byline.
  if (!meta.byline) {
    const line = dropped.find((d) => d.rule === 'by-line')?.block.text;
    if (line) meta.byline = bylineFromLine(line);
  }

  const text = blocksToText(blocks);
  const wordCount = countWords(text);
  if (wordCount < minWords) return { ok: false, reason: 'too-short', detail: tooShortDetail(wordCount) };
  if (linkTextShare(content) > MAX_LINK_TEXT_SHARE) return { ok: false, reason: 'no-article', detail: LINK_LIST_DETAIL };

  return { ok: true, article: { ...meta, blocks, text, wordCount } };
}

export { elementToBlocks } from './blocks';
export { cleanBlocks, CLEANUP_RULES, type CleanupRule, type DroppedBlock } from './rules';
export { cloneWithoutHidden, isHiddenByComputedStyle, isHiddenByMarkup, removeHiddenElements } from './hidden';
