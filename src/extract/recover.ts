import { collapseWhitespace } from './blocks';
import { classOf, hasHiddenClass, hiddenClassesFromStyles, removeHiddenElements } from './hidden';

/**
 * Page survey, wrong-block detection and recovery.
 *
 * Readability scores blocks by their text and commas, and on some pages the winner is not the story: the
 * comments, an "about this blog" box, a footer, a photo gallery or a sign-up prompt. Most article pages
 * mark their story with markup (`itemprop="articleBody"`, `<article>`, `.entry-content`, `.article-body`…).
 *
 * - `surveyPage` removes hidden elements and, in the same walk, notes the marked story regions and any
 *   paywall element (one pass over the DOM: this runs on every page, so it must be cheap).
 * - `findArticleRegion` keeps the marked region with the most paragraph text, and a few of its paragraphs
 *   ("probes").
 * - After Readability, `pickedWrongBlock` says whether Readability's content misses that region entirely
 *   (none of the probes is in it) or holds only a sliver of it. Then `extractArticle` reruns Readability on
 *   a fresh copy of the page narrowed to that region (`narrowToRegion`).
 */

/** Class or id names that mark the story body (matched as whole class tokens / the whole id). */
const STORY_NAME = /^(?:article[-_]{0,2}(?:body|content|text)|articlebody|entry[-_]content|post[-_](?:content|body)|story[-_](?:body|content)|body[-_]content)$/i;
/** Class or id names of paywall overlays and truncation gates. */
const PAYWALL_NAME = /paywall|pay-wall|regwall|subscriber-only|subscription-wall|metered-?content|premium-gate/i;
/** Containers whose text is never the story (whole class tokens or ids). A region inside one of them is skipped. */
const NOT_STORY = /^(?:comments?|comment[-_]?(?:list|area|section|thread|s-area|s-section)|disqus[-_]thread|respond|replies|footer|site[-_]footer|sidebar|related|related[-_](?:posts|articles|stories|content)|recommended|promo|newsletter|modal|popup|teaser)$/i;

/** A region with less paragraph text than this is too small to overrule Readability. */
export const MIN_REGION_CHARS = 400;
/** Paragraphs shorter than this are not used as probes (too likely to repeat elsewhere). */
const MIN_PROBE_CHARS = 60;
const PROBE_LENGTH = 50;
const MAX_PROBES = 4;

export interface PageSurvey {
  /** Elements marked as the story body (`<article>`, `itemprop="articleBody"`, `.entry-content`…), in document order. */
  regions: Element[];
  /** A paywall overlay or gate element is in the page. */
  paywallElement: boolean;
}

function namesStory(value: string | null): boolean {
  if (!value) return false;
  for (const token of value.split(/\s+/)) if (STORY_NAME.test(token)) return true;
  return false;
}

/** Remove markup-hidden elements (and those a top-level `<style>` rule hides by bare class) from `doc.body` and survey what stays (one walk). */
export function surveyPage(doc: Document): PageSurvey {
  const survey: PageSurvey = { regions: [], paywallElement: false };
  const body = doc.body;
  if (!body) return survey;
  const hiddenClasses = hiddenClassesFromStyles(doc);
  const hiddenClass = hiddenClasses.size > 0 ? hasHiddenClass(hiddenClasses) : null;
  const drop = (el: Element): boolean => el.localName === 'svg' || (hiddenClass !== null && hiddenClass(el));
  removeHiddenElements(body, drop, (el) => {
    const article = el.localName === 'article';
    if (!article && !el.hasAttributes()) return;
    const id = el.getAttribute('id');
    const cls = classOf(el);
    if (article || namesStory(cls) || (id !== null && STORY_NAME.test(id)) || /^articlebody$/i.test(el.getAttribute('itemprop') ?? '')) {
      survey.regions.push(el);
    }
    if (!survey.paywallElement && ((cls && PAYWALL_NAME.test(cls)) || (id && PAYWALL_NAME.test(id)))) survey.paywallElement = true;
  });
  return survey;
}

export interface ArticleRegion {
  /** Index of the region in `surveyPage(doc).regions` of the same page. */
  index: number;
  /** Characters of paragraph text (`<p>`) in the region. */
  chars: number;
  /** The first characters of some of its longer paragraphs, whitespace collapsed. */
  probes: string[];
}

function insideNotStory(el: Element): boolean {
  for (let e: Element | null = el; e && e.tagName !== 'BODY'; e = e.parentElement) {
    const label = `${e.getAttribute('id') ?? ''} ${e.getAttribute('class') ?? ''}`.trim();
    if (label && label.split(/\s+/).some((t) => NOT_STORY.test(t))) return true;
  }
  return false;
}

/** The marked story region with the most paragraph text, or null when the page marks none of any size. */
export function findArticleRegion(regions: readonly Element[]): ArticleRegion | null {
  let best: ArticleRegion | null = null;
  regions.forEach((el, index) => {
    // A region inside a bigger one adds nothing to check.
    const paragraphs = el.getElementsByTagName('p');
    if (paragraphs.length === 0) return;
    let chars = 0;
    const texts: string[] = [];
    for (const p of paragraphs) {
      const t = collapseWhitespace(p.textContent ?? '');
      chars += t.length;
      if (t.length >= MIN_PROBE_CHARS) texts.push(t);
    }
    if (chars < MIN_REGION_CHARS || (best && chars <= best.chars)) return;
    if (insideNotStory(el)) return;
    const step = Math.max(1, Math.floor(texts.length / MAX_PROBES));
    const probes: string[] = [];
    for (let i = 0; i < texts.length && probes.length < MAX_PROBES; i += step) probes.push((texts[i] as string).slice(0, PROBE_LENGTH));
    if (probes.length > 0) best = { index, chars, probes };
  });
  return best;
}

/**
 * True when Readability's `contentText` (whitespace collapsed) misses the marked region: none of its probes
 * is there, or Readability kept less than a fifth of the region's paragraph text.
 */
export function pickedWrongBlock(region: ArticleRegion | null, contentText: string): boolean {
  if (!region) return false;
  if (!region.probes.some((p) => contentText.includes(p))) return true;
  return contentText.length < region.chars / 5;
}

/**
 * Survey a fresh copy of the same page (hidden elements go, as in the first run) and reduce its body to
 * the region, found again by its index, so that Readability can only pick inside it.
 */
export function narrowToRegion(doc: Document, region: ArticleRegion): boolean {
  const el = surveyPage(doc).regions[region.index];
  if (!doc.body || !el) return false;
  doc.body.replaceChildren(el);
  return true;
}

/** True when Readability's second answer holds the region's story. */
export function recoveredRegion(region: ArticleRegion, contentText: string): boolean {
  return region.probes.some((p) => contentText.includes(p)) && contentText.length >= region.chars / 3;
}
