// The class alone (see ./readability-module.d.ts): the package index would bring isProbablyReaderable along.
import Readability from '@mozilla/readability/Readability.js';
import { blocksToText, type Block, type ExtractResult } from '../article';
import { elementToBlocksWithLinks, nonSpaceLength } from './blocks';
import { collectPageHints, pageMetadata } from './metadata';
import {
  findArticleRegion,
  flattenSplitStory,
  leftoverText,
  missedLead,
  mostlyGallery,
  narrowToRegion,
  pickedWrongBlock,
  recoveredLead,
  recoveredRegion,
  regionGalleryText,
  surveyPage,
} from './recover';
import { cleanBlocks, type DroppedBlock } from './rules';
import { keepProseBoxes, proseBoxes } from './weighed-names';
import { restoreNames, shieldFromStripping } from './header-names';
import { docOf, domOf } from './dom';
import { MAX_DEPTH } from './hidden';
import type { StyleSheetReader } from './sheets';
import { articleWarnings } from './warnings';
import { gateAfterStory, gateOfText } from './gate';
import { LINK_LIST_DETAIL, NO_ARTICLE_DETAIL, TOO_DEEP_DETAIL, tooShortDetail } from './details';

export { LINK_LIST_DETAIL, NO_ARTICLE_DETAIL, TOO_DEEP_DETAIL, tooShortDetail } from './details';

/**
 * The extraction core: page DOM → Article. Plain DOM only (no extension APIs), so it runs in the page
 * (content script) and in Node (see `./node.ts`, which parses HTML with linkedom).
 *
 * Steps: clone the document (the live page is never touched) → drop markup-hidden elements from the clone
 * → note page signals (marked story region, paywall) → Readability → if it picked the wrong
 * block, rerun it on a fresh copy narrowed to the marked story region, or, when it picked one box of a story split
 * into sibling boxes, on the boxes laid side by side (`./recover.ts`) → walk its content
 * DOM into Blocks → named cleanup rules → metadata → too-short check → warnings.
 */

/** Classes are kept on Readability's content: the `furniture-class` cleanup rule reads them. */
const READABILITY_OPTIONS = { serializer: (el: Node) => el as Element, keepClasses: true };

/** Below this many words of cleaned article text there is nothing worth rewriting. */
export const MIN_ARTICLE_WORDS = 80;

/** A block this long gives the probe that finds Readability's pick again in a fresh copy of the page. */
const SPLIT_PROBE_CHARS = 80;
/** Running text that Readability left in the page, above which its pick may be one box of a split story. */
const MIN_LEFTOVER_CHARS = 1500;
/** A pick longer than this is a story of its own: what is left in the page is not looked at (it costs a walk of the page). */
const MAX_SPLIT_PICK_CHARS = 6000;

/** When more than this share of the article's text is link text, it is a list of links, not an article. */
export const MAX_LINK_TEXT_SHARE = 0.6;

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
  /** Receives how long each stage took (milliseconds, `performance.now()`); `parseMs` is 0 here (see `./node.ts`). */
  onTimings?: (timings: ExtractTimings) => void;
  /**
   * A new private copy of the same page (never the live page), for the recovery run when Readability
   * picked the wrong block. Without it a not-in-place call clones `doc` again; an in-place call skips recovery.
   */
  freshCopy?: () => Document;
  /**
   * Reads the page's `<style>` sheets for classes they hide, whose elements then go with the markup-hidden ones.
   * For DOMs without computed styles (Node: `./node.ts` passes `hiddenClassesFromStyleElements`); a live page's
   * computed styles already did this (`cloneWithoutHidden`).
   */
  styleSheets?: StyleSheetReader;
  /** Receives what the recovery step decided (for debugging and benchmarks). */
  onRecovery?: (what: 'none' | 'recovered' | 'kept-first') => void;
}

export interface ExtractTimings {
  /** HTML → DOM (Node only; 0 when the caller hands over a document). */
  parseMs: number;
  /** Hidden-element removal, page signals, Readability and the walk of its answer into blocks (both runs when recovery runs). */
  readabilityMs: number;
  /** Cleanup rules, metadata and warnings. */
  cleanupMs: number;
}

/** "By Jane Doe, Reuters | 3 hours ago" → "Jane Doe, Reuters". */
function bylineFromLine(line: string): string | null {
  const name = (line.split(/[|•·]/u)[0] ?? '')
    .replace(/^(?:(?:written|reported|words|story|text|reporting)\s+)?(?:by|von|par|por|di|door|av|af)\s+/iu, '')
    .replace(/[\s,;:]+$/u, '')
    .trim();
  return name || null;
}

/** The blocks' text on one line, as whitespace-collapsed `textContent` would read. */
function joinedText(blocks: readonly Block[]): string {
  return blocks.map((b) => b.text).join(' ');
}

/** The share of the blocks' text that is link text. */
function linkTextShare(blocks: readonly Block[], linkShares: readonly number[]): number {
  let all = 0;
  let links = 0;
  blocks.forEach((b, i) => {
    const n = nonSpaceLength(b.text);
    all += n;
    links += n * (linkShares[i] ?? 0);
  });
  return all === 0 ? 0 : links / all;
}

/** A paragraph this long is story text: what comes after the last one is the end of the text. */
const STORY_BLOCK_CHARS = 120;
/** At most this many lines after the story's last paragraph are read for a gate. */
const MAX_END_LINES = 12;

/**
 * The lines at the end of the text, as the page had them: the last three kept blocks, and every block, kept or
 * dropped by the cleanup rules, after the last kept paragraph of story (a "Subscribe to continue reading" line is
 * dropped but still tells).
 */
function endLines(all: readonly Block[], kept: readonly Block[], dropped: readonly DroppedBlock[]): string[] {
  const gone = new Set(dropped.map((d) => d.block));
  let from = all.length;
  for (let i = all.length - 1; i >= 0; i--) {
    const b = all[i] as Block;
    if (!gone.has(b) && b.kind !== 'heading' && b.text.length >= STORY_BLOCK_CHARS) {
      from = i + 1;
      break;
    }
  }
  const after = all.slice(from, from + MAX_END_LINES).filter((b) => !kept.slice(-3).includes(b));
  return [...kept.slice(-3), ...after].map((b) => b.text);
}

/**
 * Extract the main article of `doc` (read-only unless `options.inPlace`: Readability runs on a clone). `url` is the page URL,
 * used for the canonical-URL fallback and for recognising a " | Site" suffix in the title.
 * The result is plain JSON-serialisable data.
 */
export function extractArticle(doc: Document, url: string, options: ExtractOptions = {}): ExtractResult {
  const t0 = performance.now();
  const minWords = options.minWords ?? MIN_ARTICLE_WORDS;
  const clone = options.inPlace ? doc : domOf(docOf(doc)).cloneDocument(doc);
  const survey = surveyPage(clone, options.styleSheets); // drops markup-hidden elements
  // Readability's cost grows with the cube of the depth (2,000 levels: minutes); no article nests this deep.
  if (survey.depth > MAX_DEPTH) return { ok: false, reason: 'too-deep', detail: TOO_DEEP_DETAIL };
  const hints = collectPageHints(clone, url, survey);
  const region = findArticleRegion(survey.regions);
  // Read before Readability moves the region's nodes: only a region with a slideshow can have its lead outweighed.
  const galleryText = region !== null ? regionGalleryText(survey, region) : '';
  // Read before Readability, which moves the page's nodes: what stands after the story's last paragraph.
  const body = domOf(docOf(clone)).body(clone);
  const storyGate = body ? gateAfterStory(body, region ? (survey.regions[region.index] ?? null) : null, survey.paywallElement) : null;

  let parsed: ReturnType<Readability<Element>['parse']>;
  try {
    const reader = new Readability<Element>(clone, READABILITY_OPTIONS);
    // Story boxes named like widgets are judged by what they hold, not thrown away for their name.
    keepProseBoxes(reader, proseBoxes(survey.weighedDown));
    // And headings and boxes of prose named "header" are not stripped as page headers; their names come back after.
    const renamed = shieldFromStripping(survey.headerNamed) > 0;
    parsed = reader.parse();
    if (renamed && parsed?.content) restoreNames(parsed.content);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: 'no-article', detail: `${NO_ARTICLE_DETAIL} (The page could not be read: ${why})` };
  }

  // The article's blocks. The wrong-block check reads their text (whitespace already collapsed) rather than
  // collapsing Readability's `textContent` once more.
  let walked = parsed?.content ? elementToBlocksWithLinks(parsed.content) : null;

  // Readability picked a block that misses the page's marked story (or found none): rerun it on a copy narrowed to the story.
  let recovery: 'none' | 'recovered' | 'kept-first' = 'none';
  const firstText = walked ? joinedText(walked.blocks) : '';
  const wrongBlock = region !== null && pickedWrongBlock(region, firstText);
  // Or it picked inside the region but missed the story's lead, because a slideshow below the story outweighed it.
  const lead = galleryText !== '' && !wrongBlock && missedLead(region, firstText) && walked !== null && mostlyGallery(walked.blocks, galleryText);
  if (region && (wrongBlock || lead)) {
    recovery = 'kept-first';
    const fresh = options.freshCopy?.() ?? (options.inPlace ? null : domOf(docOf(doc)).cloneDocument(doc));
    if (fresh?.body) {
      if (narrowToRegion(fresh, region, options.styleSheets, lead)) {
        try {
          const second = new Readability<Element>(fresh, READABILITY_OPTIONS).parse();
          const secondWalked = second?.content ? elementToBlocksWithLinks(second.content) : null;
          const secondText = secondWalked ? joinedText(secondWalked.blocks) : '';
          if (second && secondWalked && (lead ? recoveredLead(region, secondText) : recoveredRegion(region, secondText))) {
            // Metadata stays the first run's when there is one: it came from the whole page.
            parsed ??= second;
            walked = secondWalked;
            recovery = 'recovered';
          }
        } catch {
          // keep Readability's first answer
        }
      }
    }
  }
  // Or it picked one box of a story split into sibling boxes, and left the rest of the story in the page.
  if (recovery === 'none' && walked && (options.freshCopy || !options.inPlace)) {
    const picked = joinedText(walked.blocks);
    const probe = walked.blocks.find((b) => b.kind !== 'heading' && b.text.length >= SPLIT_PROBE_CHARS)?.text.slice(0, 50);
    if (probe && picked.length <= MAX_SPLIT_PICK_CHARS && leftoverText(clone) >= Math.max(MIN_LEFTOVER_CHARS, picked.length)) {
      const fresh = options.freshCopy?.() ?? domOf(docOf(doc)).cloneDocument(doc);
      if (fresh.body) {
        try {
          if (flattenSplitStory(fresh, probe, picked.length * 2, options.styleSheets)) {
            const second = new Readability<Element>(fresh, READABILITY_OPTIONS).parse();
            const secondWalked = second?.content ? elementToBlocksWithLinks(second.content) : null;
            const secondText = secondWalked ? joinedText(secondWalked.blocks) : '';
            if (second && secondWalked && secondText.includes(probe) && secondText.length >= picked.length * 1.5) {
              walked = secondWalked;
              recovery = 'recovered';
            }
          }
        } catch {
          // keep Readability's first answer
        }
      }
    }
  }
  options.onRecovery?.(recovery);
  const t1 = performance.now();
  if (!parsed || !walked) return { ok: false, reason: 'no-article', detail: NO_ARTICLE_DETAIL };

  const meta = pageMetadata(hints, url, parsed);
  const { blocks, dropped, words, wordCount } = cleanBlocks(walked.blocks, meta, { linkShares: walked.linkShares, furniture: walked.furniture });
  options.onDropped?.(dropped);
  // No byline in the metadata: the "By Name" line the cleanup removed from the body is the byline.
  if (!meta.byline) {
    const line = dropped.find((d) => d.rule === 'by-line')?.block.text;
    if (line) meta.byline = bylineFromLine(line);
  }

  const text = blocksToText(blocks);
  const finish = (): void => options.onTimings?.({ parseMs: 0, readabilityMs: t1 - t0, cleanupMs: performance.now() - t1 });
  const linkShare = linkTextShare(walked.blocks, walked.linkShares);
  if (linkShare > MAX_LINK_TEXT_SHARE) {
    finish();
    return { ok: false, reason: 'no-article', detail: LINK_LIST_DETAIL };
  }
  if (wordCount < minWords) {
    finish();
    return { ok: false, reason: 'too-short', detail: tooShortDetail(wordCount), words: wordCount };
  }

  const warnings = articleWarnings({
    blocks,
    endLines: endLines(walked.blocks, blocks, dropped),
    text,
    wordCount,
    blockWords: words,
    linkShare,
    signals: {
      paywallElement: survey.paywallElement,
      gate: storyGate ? gateOfText(storyGate, text) : 'none',
      regionChars: region?.chars ?? 0,
      regionParagraphs: region?.paragraphs ?? [],
    },
  });
  finish();
  return { ok: true, article: { ...meta, blocks, text, wordCount, warnings } };
}

export { elementToBlocks } from './blocks';
export { estimateTokens } from '../tokens';
export { VERY_LONG_TOKENS } from './warnings';
export { cleanBlocks, CLEANUP_RULES, type CleanupRule, type DroppedBlock } from './rules';
export { isHiddenByMarkup, removeHiddenElements } from './hidden';
export { hiddenClassesFromStyles } from './sheets';
