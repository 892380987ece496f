/**
 * Hidden content: text the reader never sees must never reach the article (it is a classic place for
 * "ignore previous instructions" style prompt injection, and for SEO junk).
 *
 * Two layers, both plain DOM (no extension APIs), so this runs in the page and in Node:
 *
 * 1. `isHiddenByMarkup(el)` — what the markup alone says: the `hidden` attribute, `aria-hidden="true"`,
 *    or an inline style with `display:none` / `visibility:hidden|collapse`. Works on any DOM, including a
 *    detached clone or a linkedom document, where no styles are computed.
 *    In Node, `hiddenClassesFromStyles(doc)` adds the page's own `<style>` rules that hide a bare class
 *    (`.foo{display:none}`, top level only): the survey in `./recover.ts` removes those elements too.
 * 2. `isHiddenByComputedStyle(el)` — what the browser renders: computed `display:none`,
 *    `visibility:hidden|collapse`, and text-bearing elements laid out with no area (zero width and height,
 *    or a zero dimension with overflow clipped). Needs a live, laid-out document.
 *
 * A clone has no layout, so layer 2 must be judged on the LIVE page. The content script does:
 *
 *     const clone = cloneWithoutHidden(document, isHiddenByComputedStyle); // live page only read
 *     const result = extractArticle(clone, location.href);                 // clones again, drops markup-hidden
 *
 * `extractArticle()` always clones its input and runs `removeHiddenElements` on that clone.
 */

export type HiddenPredicate = (el: Element) => boolean;

/**
 * Elements that are never rendered or carry no reader text; never judged, never removed by these helpers.
 * By `localName` (lower case for HTML elements): `tagName` builds a new upper-case string on every read in linkedom.
 */
const NOT_JUDGED = new Set(['script', 'style', 'template', 'noscript', 'meta', 'link', 'title', 'base', 'head']);

const INLINE_DISPLAY_NONE = /(?:^|;)\s*display\s*:\s*none\s*(?:!important\s*)?(?:;|$)/i;
const INLINE_VISIBILITY_HIDDEN = /(?:^|;)\s*visibility\s*:\s*(?:hidden|collapse)\s*(?:!important\s*)?(?:;|$)/i;

/**
 * React's streamed server rendering (Next.js and others) sends each late part of the page as
 * `<div hidden id="S:0">…</div>` at the end of the body; a script moves it into place and shows it as soon
 * as it arrives. In raw HTML (Node) that is the article itself, not hidden text: `removeHiddenElements`
 * un-hides it. A live page has already moved it, so the browser never sees one.
 */
export function isStreamedSegment(el: Element): boolean {
  return el.localName === 'div' && el.hasAttribute('hidden') && /^S:\d+$/.test(el.getAttribute('id') ?? '');
}

/** True when the element's own markup hides it: `hidden`, `aria-hidden="true"`, inline display:none / visibility:hidden. */
export function isHiddenByMarkup(el: Element): boolean {
  if (!el.hasAttributes()) return false; // most elements: one cheap check instead of three attribute lookups
  if (el.hasAttribute('hidden')) return true;
  if ((el.getAttribute('aria-hidden') ?? '').trim().toLowerCase() === 'true') return true;
  const style = el.getAttribute('style');
  if (style && (INLINE_DISPLAY_NONE.test(style) || INLINE_VISIBILITY_HIDDEN.test(style))) return true;
  return false;
}

/**
 * True when the browser does not render the element for a sighted reader. Call only on a live, laid-out
 * document (the element's `ownerDocument.defaultView` must have `getComputedStyle`); elsewhere it returns false.
 */
export function isHiddenByComputedStyle(el: Element): boolean {
  const view = el.ownerDocument?.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return false;
  const cs = view.getComputedStyle(el);
  if (cs.display === 'none') return true;
  if (cs.visibility === 'hidden' || cs.visibility === 'collapse') return true;
  // `display: contents` boxes have no rect of their own while their children render normally.
  if (cs.display === 'contents') return false;
  if (typeof el.getBoundingClientRect !== 'function') return false;
  const rect = el.getBoundingClientRect();
  const clipsX = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
  const clipsY = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
  const noArea = (rect.width === 0 && rect.height === 0) || (rect.width === 0 && clipsX) || (rect.height === 0 && clipsY);
  const invisibleText = noArea || parseFloat(cs.fontSize) === 0;
  // Only text matters (an empty zero-size box hides nothing); textContent is read last, as it is the costly part.
  return invisibleText && (el.textContent ?? '').trim() !== '';
}

/** A selector list of bare class names only: ".promo-hidden", ".a, .b" (no tags, ids, combinators or pseudo-classes). */
const CLASS_LIST = /^\s*\.[\w-]+(?:\s*,\s*\.[\w-]+)*\s*$/;
const DECL_HIDES = /(?:^|;|\s)(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!important\s*)?(?:;|$)/i;
/** Style sheets larger than this (all `<style>` text of the page) are not scanned: the scan must stay cheap. */
const MAX_STYLE_CHARS = 1_000_000;

/**
 * Class names that the page's own `<style>` blocks hide unconditionally: top-level rules whose selector is a
 * list of bare class names (`.sr-promo{display:none}`, `.a, .b { visibility: hidden }`). Rules inside `@media`,
 * `@supports` or any other block are skipped (they hide only on some screens), and so is everything more
 * complex than a class. This is for DOMs without computed styles (Node); a browser already removed these.
 */
export function hiddenClassesFromStyles(doc: Document): Set<string> {
  const classes = new Set<string>();
  let css = '';
  for (const style of doc.getElementsByTagName('style')) {
    css += `${style.textContent ?? ''}\n`;
    if (css.length > MAX_STYLE_CHARS) return classes;
  }
  if (!css.includes('none') && !css.includes('hidden') && !css.includes('collapse')) return classes;
  css = css.replace(/\/\*[\s\S]*?\*\//g, '');
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    const selector = css.slice(i, open);
    // The rule's block, up to its matching brace; a nested block means an at-rule: skip it whole.
    let depth = 1;
    let j = open + 1;
    let nested = false;
    for (; j < css.length && depth > 0; j++) {
      const c = css.charCodeAt(j);
      if (c === 123) {
        depth++;
        nested = true;
      } else if (c === 125) depth--;
    }
    if (!nested && CLASS_LIST.test(selector) && DECL_HIDES.test(css.slice(open + 1, j - 1))) {
      for (const m of selector.matchAll(/\.([\w-]+)/g)) classes.add(m[1] as string);
    }
    i = j;
  }
  return classes;
}

/**
 * The element's `class` attribute as written. Same text as `getAttribute('class')` for the tests made here, but
 * linkedom answers that by building a DOMTokenList and joining it again on every call.
 */
export function classOf(el: Element): string | null {
  return el.getAttributeNode('class')?.value ?? null;
}

/** A predicate for `removeHiddenElements`: the element carries one of `classes`. */
export function hasHiddenClass(classes: ReadonlySet<string>): HiddenPredicate {
  return (el) => {
    const cls = classOf(el);
    if (!cls) return false;
    for (const c of cls.split(/\s+/)) if (c && classes.has(c)) return true;
    return false;
  };
}

/** The element children of `root`, depth first, skipping the subtree of any element for which `skip` is true. */
function walkElements(root: Element, visit: (el: Element) => 'skip' | 'descend'): void {
  const stack: Element[] = [];
  for (let c = root.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    if (visit(el) === 'skip') continue;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
}

function judged(el: Element): boolean {
  return !NOT_JUDGED.has(el.localName);
}

/**
 * Remove from `root`'s subtree every element that is hidden by markup, or for which the optional
 * `isHidden` says so. Meant for a detached clone; it mutates `root`. Returns how many
 * elements were removed (their descendants not counted). `visitKept` sees every element that stays, in
 * document order (the extraction core surveys the page in the same walk).
 */
export function removeHiddenElements(root: Element, isHidden?: HiddenPredicate, visitKept?: (el: Element) => void): number {
  const doomed: Element[] = [];
  walkElements(root, (el) => {
    if (!judged(el)) return 'skip';
    if (isStreamedSegment(el)) el.removeAttribute('hidden');
    if (isHiddenByMarkup(el) || (isHidden?.(el) ?? false)) {
      doomed.push(el);
      return 'skip';
    }
    visitKept?.(el);
    return 'descend';
  });
  for (const el of doomed) el.remove();
  return doomed.length;
}

/**
 * Clone `doc` for extraction, leaving out every element of the LIVE page that `isHidden` reports hidden.
 * The live page is only read, never modified: the clone has the same tree as the original, so the two are
 * walked in lockstep and the clone's counterpart of each hidden live element is removed. Pass
 * `isHiddenByComputedStyle` in a browser. Markup-hidden elements are left for `removeHiddenElements`
 * (which `extractArticle` runs on whatever document it is given).
 */
export function cloneWithoutHidden(doc: Document, isHidden: HiddenPredicate = isHiddenByComputedStyle): Document {
  const clone = doc.cloneNode(true) as Document;
  const liveBody = doc.body;
  const cloneBody = clone.body;
  if (!liveBody || !cloneBody) return clone;
  const doomed: Element[] = [];
  const stack: Array<[Element, Element]> = [[liveBody, cloneBody]];
  while (stack.length > 0) {
    const [live, copy] = stack.pop() as [Element, Element];
    let l = live.firstElementChild;
    let c = copy.firstElementChild;
    for (; l && c; l = l.nextElementSibling, c = c.nextElementSibling) {
      if (l.tagName !== c.tagName) return clone; // trees diverged (should not happen): keep what we have
      if (!judged(l)) continue;
      if (isHidden(l)) doomed.push(c);
      else stack.push([l, c]);
    }
  }
  for (const el of doomed) el.remove();
  return clone;
}
