/**
 * Hidden content: text the reader never sees must never reach the article (it is a classic place for
 * "ignore previous instructions" style prompt injection, and for SEO junk).
 *
 * Two layers, both plain DOM (no extension APIs), so this runs in the page and in Node:
 *
 * 1. Markup (`isHiddenByMarkup`, and `removeHiddenElements`, which every extraction runs on its private copy):
 *    the `hidden` attribute, `aria-hidden="true"`, an inline display:none or visibility:hidden, closed
 *    `<details>`; in Node also every inline style that hides (`./css-hidden.ts`: opacity, off-screen, clipped,
 *    zero-size, scaled to nothing, 1 px text…) and what the page's own `<style>` rules hide (`./sheets.ts`), both
 *    given by the Node caller. Works on any DOM, a linkedom one included.
 * 2. What the browser renders (`./visible.ts`): computed style, geometry, contrast and occlusion, judged on the
 *    LIVE, laid-out page while it is cloned (`cloneVisible`); the live page is only read.
 *
 * aria-hidden="true" counts as hidden although a sighted reader may see it: it is what Readability does, and
 * what a page hides from assistive technology is decoration (icons, duplicated labels), not the story.
 *
 * Every read goes through `./dom.ts`: markup such as `<form hidden><input name="tagName"></form>` cannot
 * shadow the properties the walk reads. The same walk removes the `name`/`id` that make such shadowing
 * possible, so Readability and the later steps read a copy that cannot be clobbered.
 */
import type { Hiding } from './css-hidden';
import { docOf, domOf, type SafeDom } from './dom';

/** Judges an inline `style` attribute. The full one (`inlineHiding` of `./css-hidden.ts`) is given in Node; a browser's computed styles see the rest. */
export type InlineJudge = (style: string) => Hiding;

const INLINE_DISPLAY_NONE = /(?:^|;)\s*display\s*:\s*none\s*(?:!important\s*)?(?:;|$)/i;
const INLINE_VISIBILITY_HIDDEN = /(?:^|;)\s*visibility\s*:\s*(?:hidden|collapse)\s*(?:!important\s*)?(?:;|$)/i;

/** Without the full judge: inline display:none and visibility:hidden|collapse only. */
const basicInline: InlineJudge = (style) => (INLINE_DISPLAY_NONE.test(style) || INLINE_VISIBILITY_HIDDEN.test(style) ? 'subtree' : null);

export type HiddenPredicate = (el: Element) => boolean;

/**
 * Elements that are never rendered or carry no reader text; never judged, never removed by these helpers.
 * By `localName` (lower case for HTML elements): `tagName` builds a new upper-case string on every read in linkedom.
 */
export const NOT_JUDGED = new Set(['script', 'style', 'template', 'noscript', 'meta', 'link', 'title', 'base', 'head']);

/**
 * Elements whose `name` (and for form controls and images, `id`) a form or the document exposes as a property
 * (`form.tagName`, `document.body`): those attributes go from the private copy.
 */
const CLOBBERING = new Set(['button', 'fieldset', 'input', 'object', 'output', 'select', 'textarea', 'img', 'embed', 'form', 'iframe']);

/**
 * An element faded to nothing (`'faded'`, see `./css-hidden.ts`) that holds this much text or more is a page a script
 * fades in (a whole `<main>`), not a hidden line: it stays (Node only; a browser sees the finished fade).
 */
export const FADED_MAX_CHARS = 1000;

/** Deeper than this many levels below `<body>` is no article: the walk stops there and the page is refused (see `./index.ts`). */
export const MAX_DEPTH = 200;

/**
 * React's streamed server rendering (Next.js and others) sends each late part of the page as
 * `<div hidden id="S:0">…</div>` at the end of the body; a script moves it into place and shows it as soon
 * as it arrives. In raw HTML (Node) that is the article itself, not hidden text: `removeHiddenElements`
 * un-hides it. A live page has already moved it, so the browser never sees one.
 */
export function isStreamedSegment(el: Element): boolean {
  return streamedSegment(el, domOf(docOf(el)));
}

function streamedSegment(el: Element, dom: SafeDom): boolean {
  return dom.localName(el) === 'div' && dom.hasAttribute(el, 'hidden') && /^S:\d+$/.test(dom.getAttribute(el, 'id') ?? '');
}

/** True when the element's own markup hides it and all it holds: `hidden`, `aria-hidden="true"`, an inline display:none or visibility:hidden. */
export function isHiddenByMarkup(el: Element): boolean {
  return hiddenByMarkup(el, domOf(docOf(el)), basicInline);
}

function hiddenByMarkup(el: Element, dom: SafeDom, inline: InlineJudge): boolean {
  if (!dom.hasAttributes(el)) return false; // most elements: one cheap check instead of three attribute lookups
  if (dom.hasAttribute(el, 'hidden')) return true;
  if ((dom.getAttribute(el, 'aria-hidden') ?? '').trim().toLowerCase() === 'true') return true;
  const style = dom.getAttribute(el, 'style');
  if (style === null) return false;
  const hiding = inline(style);
  return hiding === 'subtree' || (hiding === 'faded' && fadedAway(el, dom));
}

/**
 * The element's `class` attribute as written. Same text as `getAttribute('class')` for the tests made here, but
 * linkedom answers that by building a DOMTokenList and joining it again on every call.
 */
export function classOf(el: Element, dom?: SafeDom): string | null {
  return dom ? dom.classOf(el) : (el.getAttributeNode('class')?.value ?? null);
}

/** A predicate for `removeHiddenElements`: the element carries one of `classes` (one regex test, no split). */
export function hasHiddenClass(classes: ReadonlySet<string>, dom?: SafeDom): HiddenPredicate {
  const names = [...classes].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?:^|\\s)(?:${names.join('|')})(?=\\s|$)`);
  return (el) => {
    const cls = classOf(el, dom);
    return cls !== null && re.test(cls);
  };
}

/** A predicate for `removeHiddenElements`: the element's id is one of `ids`. */
export function hasHiddenId(ids: ReadonlySet<string>, dom: SafeDom): HiddenPredicate {
  return (el) => dom.hasAttributes(el) && ids.has(dom.getAttribute(el, 'id') ?? '');
}

/** A faded element that holds little text (see `FADED_MAX_CHARS`). */
export function fadedAway(el: Element, dom: SafeDom): boolean {
  return dom.textContent(el).length < FADED_MAX_CHARS;
}

/** Removes the attributes through which `el` could shadow a form's or the document's properties. */
function declobber(el: Element, name: string, dom: SafeDom): void {
  if (!CLOBBERING.has(name)) return;
  dom.removeAttribute(el, 'name');
  if (name !== 'form') dom.removeAttribute(el, 'id');
}

/** Removes the `name`/`id` that could clobber, in `root`'s whole subtree (a small part of the page: the head). */
export function declobberTree(root: Element, dom: SafeDom): void {
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    if (dom.hasAttributes(el)) declobber(el, dom.localName(el), dom);
    for (let c = dom.firstElementChild(el); c; c = dom.nextElementSibling(c)) stack.push(c);
  }
}

export interface HiddenWalkOptions {
  /** Elements whose own text (not the element, not children that restyle themselves) is invisible. */
  textHidden?: HiddenPredicate;
  /** Judges inline styles (default: display and visibility only; Node gives `inlineHiding`, which sees far more). */
  inline?: InlineJudge;
  /** Receives the deepest level reached below `root` (the walk goes no deeper than `MAX_DEPTH + 1`). */
  onDepth?: (depth: number) => void;
}

/**
 * Remove from `root`'s subtree every element that is hidden by markup, or for which the optional
 * `isHidden` says so, and the text that is invisible (an inline style or `options.textHidden`: 1 px, transparent,
 * the background's colour; inherited by children that do not restyle themselves). Closed `<details>` keep only
 * their `<summary>`. Meant for a detached copy; it mutates `root`. Returns how many
 * elements were removed (their descendants not counted). `visitKept` sees every element that stays, in
 * document order (the extraction core surveys the page in the same walk), and `visitUnjudged` every element that
 * is never judged (`<style>`, `<meta>`, `<script>`…; their subtrees are not walked).
 */
export function removeHiddenElements(
  root: Element,
  isHidden?: HiddenPredicate,
  visitKept?: (el: Element) => void,
  visitUnjudged?: (el: Element) => void,
  options: HiddenWalkOptions = {},
): number {
  const dom = domOf(docOf(root));
  const doomed: Node[] = [];
  let removed = 0;
  const doom = (n: Node): void => {
    doomed.push(n);
    if (dom.nodeType(n) === 1) removed++;
  };
  const textHidden = options.textHidden;
  // The style is judged for hiding and again for invisible text: the second read of the same string reuses the first.
  const judge = options.inline ?? basicInline;
  let judgedStyle: string | null = null;
  let judged: Hiding = null;
  const inline: InlineJudge = (style) => {
    if (style !== judgedStyle) {
      judged = judge(style);
      judgedStyle = style;
    }
    return judged;
  };
  let maxDepth = 0;
  // Depth first, document order; each entry: element, its depth, whether it inherits invisible text.
  const stack: Element[] = [];
  const depths: number[] = [];
  const dim: boolean[] = [];
  for (let c = dom.lastElementChild(root); c; c = dom.previousElementSibling(c)) {
    stack.push(c);
    depths.push(1);
    dim.push(false);
  }
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    const depth = depths.pop() as number;
    let inheritsDim = dim.pop() as boolean;
    if (depth > maxDepth) maxDepth = depth;
    const name = dom.localName(el);
    if (NOT_JUDGED.has(name)) {
      visitUnjudged?.(el);
      continue;
    }
    const attrs = dom.hasAttributes(el);
    if (attrs) {
      declobber(el, name, dom);
      if (name === 'div' && streamedSegment(el, dom)) dom.removeAttribute(el, 'hidden');
      if (hiddenByMarkup(el, dom, inline)) {
        doom(el);
        continue;
      }
    }
    if (isHidden?.(el)) {
      doom(el);
      continue;
    }
    visitKept?.(el);
    if (depth > MAX_DEPTH) continue;
    // A child with a class or a style of its own may show its text again; one without inherits.
    if (inheritsDim && attrs && (dom.hasAttribute(el, 'class') || dom.hasAttribute(el, 'style'))) inheritsDim = false;
    const style = attrs ? dom.getAttribute(el, 'style') : null;
    const ownDim = (style !== null && inline(style) === 'text') || (textHidden?.(el) ?? false);
    const isDim = inheritsDim || ownDim;
    const closedDetails = name === 'details' && !dom.hasAttribute(el, 'open');
    // A closed <details> shows its first <summary> only: the rest goes and is not walked.
    let shown: Element | null = null;
    if (isDim || closedDetails) {
      let summary = closedDetails;
      for (let n = dom.firstChild(el); n; n = dom.nextSibling(n)) {
        const type = dom.nodeType(n);
        if (type === 3) {
          if (closedDetails || /\S/.test(n.nodeValue ?? '')) doomed.push(n);
        } else if (type === 1 && closedDetails) {
          if (summary && dom.localName(n as Element) === 'summary') {
            summary = false;
            shown = n as Element;
          } else doom(n);
        }
      }
    }
    for (let c = closedDetails ? shown : dom.lastElementChild(el); c; c = closedDetails ? null : dom.previousElementSibling(c)) {
      stack.push(c);
      depths.push(depth + 1);
      dim.push(isDim);
    }
  }
  for (const n of doomed) dom.remove(n);
  options.onDepth?.(maxDepth);
  return removed;
}
