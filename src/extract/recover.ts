import { collapseWhitespace } from './blocks';
import { stripInvisible } from './invisible';
import { docOf, domOf, type SafeDom } from './dom';
import { classOf, declobberTree, fadedAway, hasHiddenClass, hasHiddenId, removeHiddenElements, type HiddenPredicate, type InlineJudge } from './hidden';
import type { HidingRules, StyleSheetReader } from './sheets';
import { resolveStreamedSegments } from './streamed';
import { PAYWALL_NAME } from './gate';
import { weighedDownByName } from './weighed-names';
import { strippedForHeaderName } from './header-names';

/**
 * Page survey, wrong-block detection and recovery.
 *
 * Readability scores blocks by their text and commas, and on some pages the winner is not the story: the
 * comments, an "about this blog" box, a footer, a photo gallery or a sign-up prompt. Most article pages
 * mark their story with markup (`itemprop="articleBody"`, `<article>`, `.entry-content`, `.article-body`…).
 *
 * - `surveyPage` moves streamed segments into place (`./streamed.ts`), removes hidden elements and, in the same walk, notes the marked story regions and any
 *   paywall element (one pass over the DOM: this runs on every page, so it must be cheap).
 * - `findArticleRegion` keeps the marked region with the most paragraph text, and a few of its paragraphs
 *   ("probes").
 * - After Readability, `pickedWrongBlock` says whether Readability's content misses that region entirely
 *   (none of the probes is in it) or holds only a sliver of it. Then `extractArticle` reruns Readability on
 *   a fresh copy of the page narrowed to that region (`narrowToRegion`).
 */

/** Class or id names that mark the story body (matched as whole class tokens / the whole id). */
const STORY_NAMES = String.raw`article[-_]{0,2}(?:body|content|text)|articlebody|entry[-_]content|post[-_](?:content|body)|story[-_](?:body|content)|body[-_]content`;
const STORY_NAME = new RegExp(`^(?:${STORY_NAMES})$`, 'i');
/** A class attribute naming the story body in one of its tokens (one test per element, no split). */
const STORY_CLASS = new RegExp(String.raw`(?:^|\s)(?:${STORY_NAMES})(?=\s|$)`, 'i');
/** Class or id tokens of slideshows and galleries (matched inside a token: `hp-slideshow`, `photo-gallery-wrapper`). */
const GALLERY_NAME = /slideshow|gallery|carousel|slider/i;
/** Containers whose text is never the story (whole class tokens or ids). A region inside one of them is skipped. */
const NOT_STORY =
  /^(?:comments?|comment[-_]?(?:list|area|section|thread|s-area|s-section)|disqus[-_]thread|respond|replies|footer|site[-_]footer|sidebar|related|related[-_](?:posts|articles|stories|content)|recommended|promo|newsletter|modal|popup|teaser)$/i;

/** A region with less paragraph text than this is too small to overrule Readability. */
export const MIN_REGION_CHARS = 400;
/** Paragraphs shorter than this are not used as probes (too likely to repeat elsewhere). */
const MIN_PROBE_CHARS = 60;
const PROBE_LENGTH = 50;
const MAX_PROBES = 4;

export interface PageSurvey {
  /** Elements marked as the story body (`<article>`, `itemprop="articleBody"`, `.entry-content`…), in document order. */
  regions: Element[];
  /** An element named like a paywall is in the page, anywhere (a hint only: see `./gate.ts`). */
  paywallElement: boolean;
  /** The `<h1>` elements that stay, in document order (for the title; see `collectPageHints`). */
  h1s: Element[];
  /** The first `<time datetime>` or `<meta itemprop="datePublished" content>` in the body, if any. */
  published: Element | null;
  /** The deepest level of the body's tree the walk reached (it stops just below `MAX_DEPTH`). */
  depth: number;
  /** Elements whose class or id names a slideshow or gallery (the outermost and the inner ones), in document order. */
  galleries: Element[];
  /** Elements that Readability would weigh down for a name that tells only how they are built (`./weighed-names.ts`), in document order. */
  weighedDown: Element[];
  /** Elements that Readability would strip for a "header" in their names (`./header-names.ts`), in document order. */
  headerNamed: Element[];
}

const emptySurvey = (): PageSurvey => ({
  regions: [],
  paywallElement: false,
  h1s: [],
  published: null,
  depth: 0,
  galleries: [],
  weighedDown: [],
  headerNamed: [],
});

/** Notes what a kept element tells: a story region, a paywall, a headline, a published time (safe reads: the walk may not have declobbered it yet). */
function surveyElement(el: Element, survey: PageSurvey, dom: SafeDom): void {
  const name = dom.localName(el);
  if (name === 'h1') survey.h1s.push(el);
  else if (name === 'time' && survey.published === null && dom.hasAttribute(el, 'datetime')) survey.published = el;
  const article = name === 'article';
  if (!article && !dom.hasAttributes(el)) return;
  const id = dom.getAttribute(el, 'id');
  const cls = classOf(el, dom);
  if (
    article ||
    (cls !== null && STORY_CLASS.test(cls)) ||
    (id !== null && STORY_NAME.test(id)) ||
    /^articlebody$/i.test(dom.getAttribute(el, 'itemprop') ?? '')
  ) {
    survey.regions.push(el);
  }
  if (!survey.paywallElement && ((cls && PAYWALL_NAME.test(cls)) || (id && PAYWALL_NAME.test(id)))) survey.paywallElement = true;
  if ((cls && GALLERY_NAME.test(cls)) || (id && GALLERY_NAME.test(id))) survey.galleries.push(el);
  if (weighedDownByName(cls, id)) survey.weighedDown.push(el);
  if (strippedForHeaderName(cls, id)) survey.headerNamed.push(el);
}

/**
 * One walk of `body`: drops what is hidden (markup, the `hidden` classes, `<svg>`), surveys what stays, and
 * gathers the body's own `<style>` elements into `bodyStyles` when given.
 */
function walkSurvey(body: Element, hidden: HidingRules | null, bodyStyles: Element[] | null, dom: SafeDom, inline?: InlineJudge): PageSurvey {
  const survey = emptySurvey();
  const hiddenClass = hidden && hidden.size > 0 ? hasHiddenClass(hidden, dom) : null;
  const hiddenId = hidden && hidden.ids.size > 0 ? hasHiddenId(hidden.ids, dom) : null;
  const textClass = hidden && hidden.textClasses.size > 0 ? hasHiddenClass(hidden.textClasses, dom) : null;
  const textId = hidden && hidden.textIds.size > 0 ? hasHiddenId(hidden.textIds, dom) : null;
  const fadedClass = hidden && hidden.fadedClasses.size > 0 ? hasHiddenClass(hidden.fadedClasses, dom) : null;
  const fadedId = hidden && hidden.fadedIds.size > 0 ? hasHiddenId(hidden.fadedIds, dom) : null;
  const faded = (el: Element): boolean => ((fadedClass?.(el) ?? false) || (fadedId?.(el) ?? false)) && fadedAway(el, dom);
  const textHidden: HiddenPredicate | undefined = textClass || textId ? (el) => (textClass?.(el) ?? false) || (textId?.(el) ?? false) : undefined;
  removeHiddenElements(
    body,
    (el) => dom.localName(el) === 'svg' || (hiddenClass !== null && hiddenClass(el)) || (hiddenId !== null && hiddenId(el)) || faded(el),
    (el) => surveyElement(el, survey, dom),
    (el) => {
      const name = dom.localName(el);
      if (name === 'style') bodyStyles?.push(el);
      else if (name === 'meta' && survey.published === null && dom.getAttribute(el, 'itemprop') === 'datePublished' && dom.hasAttribute(el, 'content'))
        survey.published = el;
    },
    { textHidden, inline, onDepth: (d) => (survey.depth = d) },
  );
  return survey;
}

/**
 * Remove hidden elements from `doc.body` (markup-hidden, those a top-level `<style>` rule hides by bare class,
 * and `<svg>`) and survey what stays, in one walk. The head's style sheets are read first (a small tree); the
 * body's are met by the walk itself, and in the rare page where they hide classes of their own, the body is
 * walked once more with those (a full-tree `getElementsByTagName` costs as much as the walk in linkedom).
 */
export function surveyPage(doc: Document, styleSheets?: StyleSheetReader): PageSurvey {
  const dom = domOf(docOf(doc));
  const body = dom.body(doc);
  if (!body) return emptySurvey();
  resolveStreamedSegments(doc, dom); // before the hidden segments go with the other hidden elements
  // What is not the body (the head, strays a script put under <html>) cannot shadow the document's properties either.
  const html = dom.documentElement(doc);
  for (let c = html ? dom.firstElementChild(html) : null; c; c = dom.nextElementSibling(c)) if (c !== body) declobberTree(c, dom);
  if (!styleSheets) return walkSurvey(body, null, null, dom);
  const head = dom.head(doc);
  const hidden = styleSheets(head?.getElementsByTagName('style') ?? []);
  const bodyStyles: Element[] = [];
  const survey = walkSurvey(body, hidden, bodyStyles, dom, styleSheets.inline);
  if (bodyStyles.length === 0) return survey;
  const more = styleSheets(bodyStyles);
  for (const c of hidden) more.delete(c);
  for (const c of hidden.ids) more.ids.delete(c);
  for (const c of hidden.textClasses) more.textClasses.delete(c);
  for (const c of hidden.textIds) more.textIds.delete(c);
  for (const c of hidden.fadedClasses) more.fadedClasses.delete(c);
  for (const c of hidden.fadedIds) more.fadedIds.delete(c);
  if (more.empty) return survey;
  const again = walkSurvey(body, more, null, dom, styleSheets.inline);
  return { ...again, depth: Math.max(again.depth, survey.depth) };
}

export interface ArticleRegion {
  /** Index of the region in `surveyPage(doc).regions` of the same page. */
  index: number;
  /** Characters of paragraph text (`<p>`) in the region. */
  chars: number;
  /** The first characters of some of its longer paragraphs, whitespace collapsed. */
  probes: string[];
  /** Its paragraphs of running story of at least `MIN_PROBE_CHARS` characters (see `storyParagraphs`: to tell how much of it was extracted). */
  paragraphs: string[];
}

/** One of the element's id or class tokens says it is not story (comments, related lists, sidebars). */
function labelledNotStory(e: Element): boolean {
  const label = `${e.getAttribute('id') ?? ''} ${e.getAttribute('class') ?? ''}`.trim();
  return label !== '' && label.split(/\s+/).some((t) => NOT_STORY.test(t));
}

function insideNotStory(el: Element): boolean {
  for (let e: Element | null = el; e && e.tagName !== 'BODY'; e = e.parentElement) if (labelledNotStory(e)) return true;
  return false;
}

/** A paragraph's text, whitespace collapsed, read once per paragraph: regions nest, so the same `<p>` is met again. */
function paragraphText(p: Element, seen: Map<Element, string>): string {
  let t = seen.get(p);
  if (t === undefined) {
    t = collapseWhitespace(stripInvisible(p.textContent ?? ''));
    seen.set(p, t);
  }
  return t;
}

/** The marked story region with the most paragraph text, or null when the page marks none of any size. */
export function findArticleRegion(regions: readonly Element[]): ArticleRegion | null {
  let best: ArticleRegion | null = null;
  const seen = new Map<Element, string>();
  regions.forEach((el, index) => {
    // A region inside a bigger one adds nothing to check.
    const paragraphs = el.getElementsByTagName('p');
    if (paragraphs.length === 0) return;
    let chars = 0;
    const texts: string[] = [];
    for (const p of paragraphs) {
      const t = paragraphText(p, seen);
      chars += t.length;
      if (t.length >= MIN_PROBE_CHARS) texts.push(t);
    }
    if (chars < MIN_REGION_CHARS || (best && chars <= best.chars)) return;
    if (insideNotStory(el)) return;
    const step = Math.max(1, Math.floor(texts.length / MAX_PROBES));
    const probes: string[] = [];
    for (let i = 0; i < texts.length && probes.length < MAX_PROBES; i += step) probes.push((texts[i] as string).slice(0, PROBE_LENGTH));
    if (probes.length > 0) best = { index, chars, probes, paragraphs: [] };
  });
  const found = best as ArticleRegion | null;
  const el = found ? regions[found.index] : undefined;
  if (found && el) found.paragraphs = storyParagraphs(el, seen);
  return found;
}

/** Containers of a region whose paragraphs are not its running story: galleries, lists, figures, asides. */
const NOT_RUNNING_TEXT = new Set(['LI', 'FIGURE', 'FIGCAPTION', 'ASIDE', 'TABLE', 'BLOCKQUOTE']);

/** The region's longer paragraphs of running story, each once, whitespace collapsed (what `short-of-page` compares). */
function storyParagraphs(region: Element, texts: Map<Element, string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of region.getElementsByTagName('p')) {
    let running = true;
    for (let e = p.parentElement; e && e !== region; e = e.parentElement) {
      if (NOT_RUNNING_TEXT.has(e.tagName)) {
        running = false;
        break;
      }
    }
    if (!running) continue;
    const t = paragraphText(p, texts);
    if (t.length < MIN_PROBE_CHARS || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out;
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
 * True when Readability's `contentText` holds some of the region but not its lead (the first of its longer
 * paragraphs): it picked a block inside the story region that is not the story, most often a slideshow of
 * captions below it ("Also on …") whose text outweighs the story's.
 */
export function missedLead(region: ArticleRegion | null, contentText: string): boolean {
  return region !== null && region.probes.length > 1 && !contentText.includes(region.probes[0] as string);
}

/**
 * The text of the slideshows and galleries inside the region (of `survey`, found by `findArticleRegion`), whitespace
 * collapsed, one line per outermost one; '' when it holds none, and then `missedLead` cannot be mended. Read before
 * Readability moves the region's nodes.
 */
export function regionGalleryText(survey: PageSurvey, region: ArticleRegion): string {
  const el = survey.regions[region.index];
  if (!el) return '';
  // Document order: an outer gallery comes before the ones inside it.
  const outer: Element[] = [];
  for (const g of survey.galleries) if (g !== el && el.contains(g) && !outer.some((o) => o.contains(g))) outer.push(g);
  return outer.map((g) => collapseWhitespace(stripInvisible(g.textContent ?? ''))).join('\n');
}

/** Share of the picked text that must be slideshow text for a rerun without the slideshows to be worth its cost. */
const MOSTLY_GALLERY_SHARE = 0.5;

/**
 * True when most of Readability's pick (its blocks' text) is text of the region's slideshows (`regionGalleryText`):
 * only then did the slideshow outweigh the lead. A pick that misses the lead for another reason (a standfirst in a
 * box of its own, a lead under a headline block) reads the same without the slideshows, and the rerun is not made.
 */
export function mostlyGallery(blocks: readonly { text: string }[], galleryText: string): boolean {
  if (galleryText === '') return false;
  let all = 0;
  let inGallery = 0;
  for (const b of blocks) {
    all += b.text.length;
    if (galleryText.includes(b.text)) inGallery += b.text.length;
  }
  return all > 0 && inGallery >= all * MOSTLY_GALLERY_SHARE;
}

/** Removes the slideshows and galleries in `root` that do not hold `lead`. */
function dropGalleries(root: Element, lead: string): void {
  // Outermost first; one that holds the lead stays (it wraps the story), and its inner slideshows are looked at.
  const found: Element[] = [];
  for (const el of root.querySelectorAll('[class], [id]')) {
    const label = `${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''}`;
    if (!GALLERY_NAME.test(label) || found.some((f) => f.contains(el))) continue;
    if (!collapseWhitespace(el.textContent ?? '').includes(lead)) found.push(el);
  }
  for (const el of found) el.remove();
}

/**
 * Survey a fresh copy of the same page (hidden elements go, as in the first run) and reduce its body to
 * the region, found again by its index, so that Readability can only pick inside it. With `withoutGalleries`
 * (Readability missed the region's lead, see `missedLead`) the region's slideshows that do not hold the lead go too.
 */
export function narrowToRegion(doc: Document, region: ArticleRegion, styleSheets?: StyleSheetReader, withoutGalleries = false): boolean {
  const el = surveyPage(doc, styleSheets).regions[region.index];
  const body = domOf(docOf(doc)).body(doc);
  if (!body || !el) return false;
  body.replaceChildren(el);
  if (withoutGalleries) dropGalleries(el, region.probes[0] as string);
  return true;
}

/** True when Readability's second answer holds the region's story. */
export function recoveredRegion(region: ArticleRegion, contentText: string): boolean {
  return region.probes.some((p) => contentText.includes(p)) && contentText.length >= region.chars / 3;
}

/** True when the rerun without the region's slideshows holds the region's lead and a story's worth of text (the slideshows' share of the region is unknown). */
export function recoveredLead(region: ArticleRegion, contentText: string): boolean {
  return !missedLead(region, contentText) && contentText.length >= MIN_REGION_CHARS;
}

/** A unit of running text: a paragraph or a list item of this many characters or more, mostly not link text. */
const UNIT_CHARS = 80;
const MAX_UNIT_LINK_SHARE = 0.3;
/** Containers inside a story's wrapper that are never its text. */
const NOT_STORY_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'FORM', 'HEADER']);

/** The characters of `el`'s text that sit inside links. */
function linkChars(el: Element): number {
  let n = 0;
  for (const a of el.getElementsByTagName('a')) n += (a.textContent ?? '').length;
  return n;
}

/**
 * The paragraphs and list items of running text under `root`, each with its length: a list item that holds paragraphs
 * counts by its paragraphs (a listicle's items: `<li><h2>…</h2><p>…</p></li>`), one that holds none as a whole.
 */
function textUnits(root: Element): { el: Element; chars: number }[] {
  const out: { el: Element; chars: number }[] = [];
  for (const el of root.querySelectorAll('p, li')) {
    if (el.tagName === 'LI' && el.getElementsByTagName('p').length > 0) continue;
    const chars = collapseWhitespace(el.textContent ?? '').length;
    if (chars >= UNIT_CHARS && linkChars(el) <= chars * MAX_UNIT_LINK_SHARE) out.push({ el, chars });
  }
  return out;
}

/** Characters of running text left in Readability's document after its run (what it did not pick: the rest of a split story, or comments and teasers). */
export function leftoverText(doc: Document): number {
  let body: Element | null;
  try {
    body = domOf(docOf(doc)).body(doc);
  } catch {
    return 0; // Readability can leave its document without a root element
  }
  if (!body) return 0;
  let n = 0;
  for (const u of textUnits(body)) n += u.chars;
  return n;
}

/** Share of the page's running text that the story's container must hold. */
const CONTAINER_SHARE = 0.6;
/** Story blocks: the outermost of these under the container are what the rerun reads. */
const STORY_BLOCKS = 'p, h2, h3, h4, h5, h6, ul, ol, dl, blockquote, pre, table';

/** A split story has at least this many boxes. */
const MIN_BOXES = 3;

/** Two boxes of one kind: the same tag, and a class in common (or neither has a class or an id). */
function sameKind(a: Element, b: Element): boolean {
  if (a.tagName !== b.tagName) return false;
  const ca = (a.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  const cb = new Set((b.getAttribute('class') ?? '').split(/\s+/).filter(Boolean));
  if (ca.length === 0 && cb.size === 0) return !a.hasAttribute('id') && !b.hasAttribute('id');
  return ca.some((c) => cb.has(c));
}

function insideNonStory(el: Element, container: Element): boolean {
  for (let e = el.parentElement; e && e !== container; e = e.parentElement) {
    if (NOT_STORY_TAGS.has(e.tagName) || labelledNotStory(e)) return true;
  }
  return false;
}

/**
 * A story split into sibling boxes (a listicle's items, a CMS's rows), each too deep for Readability to count
 * it with the one it picked: find the element of a fresh copy that holds the picked text (`probe`) and most of
 * the page's running text, and reduce the body to that element's story blocks laid side by side, so that a
 * rerun of Readability reads them as one article. False when there is no such element.
 */
export function flattenSplitStory(doc: Document, probe: string, minChars: number, styleSheets?: StyleSheetReader): boolean {
  surveyPage(doc, styleSheets);
  const body = domOf(docOf(doc)).body(doc);
  if (!body) return false;
  const units = textUnits(body);
  const start = units.find((u) => collapseWhitespace(u.el.textContent ?? '').includes(probe));
  if (!start) return false;
  const held = new Map<Element, number>();
  let total = 0;
  for (const u of units) {
    total += u.chars;
    for (let e = u.el.parentElement; e && e !== body; e = e.parentElement) held.set(e, (held.get(e) ?? 0) + u.chars);
  }
  let container: Element | null = null;
  let first: Element = start.el;
  for (let e = start.el.parentElement; e && e !== body; first = e, e = e.parentElement) {
    if ((held.get(e) ?? 0) >= total * CONTAINER_SHARE) {
      container = e;
      break;
    }
  }
  if (!container || insideNotStory(container)) return false;
  // The story's boxes: the picked one and its siblings of the same kind that hold running text (a sidebar is of another kind).
  const boxes = [...container.children].filter((c) => (c === first || sameKind(c, first)) && (held.get(c) ?? (units.some((u) => u.el === c) ? 1 : 0)) > 0);
  let inBoxes = 0;
  for (const b of boxes) inBoxes += held.get(b) ?? units.find((u) => u.el === b)?.chars ?? 0;
  if (boxes.length < MIN_BOXES || inBoxes < minChars || inBoxes < total * CONTAINER_SHARE) return false;
  const blocks: Element[] = [];
  for (const box of boxes) {
    if (box.matches(STORY_BLOCKS)) {
      blocks.push(box);
      continue;
    }
    const before = blocks.length;
    for (const el of box.querySelectorAll(STORY_BLOCKS)) {
      const last = blocks[blocks.length - 1];
      if ((last && last.contains(el)) || insideNonStory(el, box)) continue;
      blocks.push(el);
    }
    // A box whose text sits in plain elements (a list item of `<div>`s) goes as it is.
    if (blocks.length === before) blocks.push(box);
  }
  const flat = doc.createElement('div');
  flat.append(...blocks);
  body.replaceChildren(flat);
  return true;
}
