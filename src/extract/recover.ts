import { collapseWhitespace } from './blocks';

/**
 * Wrong-block detection and recovery.
 *
 * Readability scores blocks by their text and commas, and on some pages the winner is not the story: the
 * comments, an "about this blog" box, a footer, a photo gallery or a sign-up prompt. Most article pages
 * mark their story with markup (`itemprop="articleBody"`, `<article>`, `.entry-content`, `.article-body`…).
 * Before Readability runs, `findArticleRegion` notes the marked region with the most paragraph text, and a
 * few of its paragraphs ("probes"). After Readability, `pickedWrongBlock` says whether Readability's
 * content misses that region entirely (none of the probes is in it) or holds only a sliver of it. Then
 * `extractArticle` reruns Readability on a fresh copy of the page reduced to that region.
 */

/** Markup that names the story body, most specific first. Matched with one `querySelectorAll`. */
export const ARTICLE_REGION_SELECTOR = [
  '[itemprop="articleBody"]',
  '[itemprop="articlebody"]',
  '.article-body', '.articleBody', '.article__body', '.article-content', '.articleContent', '.article-text',
  '.entry-content', '.post-content', '.post-body', '.story-body', '.story-content', '.body-content',
  '#article-body', '#articleBody', '#story-body', '#article-content',
  'article',
].join(', ');

/** A region with less paragraph text than this is too small to overrule Readability. */
export const MIN_REGION_CHARS = 400;
/** Paragraphs shorter than this are not used as probes (too likely to repeat elsewhere). */
const MIN_PROBE_CHARS = 60;
const PROBE_LENGTH = 50;
const MAX_PROBES = 4;

/** Containers whose text is never the story. A region inside one of them is skipped. */
const NOT_STORY = /(?:^|[\s_-])(?:comments?|commentlist|disqus|respond|replies|footer|sidebar|related|recommended|promo|newsletter|modal|popup|teaser)(?:$|[\s_-])/i;

export interface ArticleRegion {
  /** Index of the region among `querySelectorAll(ARTICLE_REGION_SELECTOR)` on the same (hidden-stripped) document. */
  index: number;
  /** Characters of paragraph text (`<p>`) in the region. */
  chars: number;
  /** The first characters of some of its longer paragraphs, whitespace collapsed. */
  probes: string[];
}

function insideNotStory(el: Element): boolean {
  for (let e: Element | null = el; e && e.tagName !== 'BODY'; e = e.parentElement) {
    const label = `${e.getAttribute('id') ?? ''} ${e.getAttribute('class') ?? ''}`;
    if (label.length > 1 && NOT_STORY.test(label)) return true;
  }
  return false;
}

/** The marked story region with the most paragraph text, or null when the page marks none of any size. */
export function findArticleRegion(doc: Document): ArticleRegion | null {
  const body = doc.body;
  if (!body) return null;
  const regions = body.querySelectorAll(ARTICLE_REGION_SELECTOR);
  let best: ArticleRegion | null = null;
  regions.forEach((el, index) => {
    const paragraphs = el.querySelectorAll('p');
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

/** Reduce `doc`'s body to the region (found again by its index) so that Readability can only pick inside it. */
export function narrowToRegion(doc: Document, region: ArticleRegion): boolean {
  const body = doc.body;
  const el = body?.querySelectorAll(ARTICLE_REGION_SELECTOR)[region.index];
  if (!body || !el) return false;
  body.replaceChildren(el);
  return true;
}

/** True when Readability's second answer holds the region's story. */
export function recoveredRegion(region: ArticleRegion, contentText: string): boolean {
  return region.probes.some((p) => contentText.includes(p)) && contentText.length >= region.chars / 3;
}
