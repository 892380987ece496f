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
/** A declaration that hides, as a whole declaration: after "{", ";", a space or a comment, and before ";" or "}". */
const HIDING_DECLARATION = /(?<=[{;\s]|\*\/)(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!important\s*)?(?=[;}])/gi;
/** What moves the brace depth, and comments (skipped whole). */
const CSS_TOKEN = /[{}]|\/\*/g;
/** Style sheet text beyond this many characters (per group of sheets: the head's, the body's) is not scanned: the scan must stay cheap. */
export const MAX_STYLE_CHARS = 1_000_000;

/**
 * Adds to `into` the class names that `css` hides unconditionally: top-level rules whose selector is a list
 * of bare class names (`.sr-promo{display:none}`, `.a, .b { visibility: hidden }`). Rules inside `@media`,
 * `@supports` or any other block are skipped (they hide only on some screens), and so are rules with a nested
 * block, declarations in comments, and everything more complex than a class.
 *
 * One pass: the hiding declarations are found first (a page has few); the braces and comments before each
 * are then followed, from where the previous one stopped, to learn its rule's depth and selector.
 */
export function addHiddenClassesFromCss(css: string, into: Set<string>): void {
  HIDING_DECLARATION.lastIndex = 0;
  if (!HIDING_DECLARATION.test(css)) return;
  HIDING_DECLARATION.lastIndex = 0;
  let depth = 0;
  /** Where the current top-level rule's selector starts, and its "{" (depth 1 only). */
  let selectorStart = 0;
  let open = -1;
  /** The current top-level block had a nested block. */
  let nested = false;
  let at = 0; // braces and comments before `at` are counted
  for (const hit of css.matchAll(HIDING_DECLARATION)) {
    const pos = hit.index;
    let inComment = false;
    CSS_TOKEN.lastIndex = at;
    for (let t = CSS_TOKEN.exec(css); t !== null && t.index < pos; t = CSS_TOKEN.exec(css)) {
      const c = css.charCodeAt(t.index);
      if (c === 47) {
        // "/*": a comment up to "*/"
        const close = css.indexOf('*/', t.index + 2);
        if (close < 0 || close >= pos) {
          inComment = true;
          break;
        }
        CSS_TOKEN.lastIndex = close + 2;
        if (depth === 0) selectorStart = close + 2;
      } else if (c === 123) {
        depth++;
        if (depth === 1) {
          open = t.index;
          nested = false;
        } else nested = true;
      } else if (depth > 0) {
        depth--;
        if (depth === 0) selectorStart = t.index + 1;
      }
      at = CSS_TOKEN.lastIndex;
    }
    if (inComment || depth !== 1 || nested) continue;
    // The rest of the block must not open a nested one either.
    const close = css.indexOf('}', pos);
    const next = css.indexOf('{', pos);
    if (next >= 0 && (close < 0 || next < close)) continue;
    const selector = css.slice(selectorStart, open);
    if (!CLASS_LIST.test(selector)) continue;
    for (const m of selector.matchAll(/\.([\w-]+)/g)) into.add(m[1] as string);
  }
}

/**
 * Reads `<style>` elements for the classes they hide (`hiddenClassesFromStyleElements`). Given to the extraction
 * in Node only: on a live page the computed styles already removed those elements (`cloneWithoutHidden`), so the
 * content script neither needs nor ships the style-sheet reader.
 */
export type StyleSheetReader = (styles: Iterable<Element>) => Set<string>;

/** The hidden classes of these `<style>` elements (see `addHiddenClassesFromCss`), each sheet scanned on its own. */
export function hiddenClassesFromStyleElements(styles: Iterable<Element>, into = new Set<string>()): Set<string> {
  let budget = MAX_STYLE_CHARS;
  for (const style of styles) {
    const css = style.textContent ?? '';
    budget -= css.length;
    if (budget < 0) break;
    addHiddenClassesFromCss(css, into);
  }
  return into;
}

/**
 * Class names that the page's own `<style>` blocks hide unconditionally (see `addHiddenClassesFromCss`).
 * This is for DOMs without computed styles (Node); a browser already removed these. The extraction's survey
 * (`surveyPage` in `./recover.ts`) reads the head's sheets and the body's in its own walk instead.
 */
export function hiddenClassesFromStyles(doc: Document): Set<string> {
  const into = hiddenClassesFromStyleElements(doc.head?.getElementsByTagName('style') ?? []);
  return doc.body ? hiddenClassesFromStyleElements(doc.body.getElementsByTagName('style'), into) : into;
}

/**
 * The element's `class` attribute as written. Same text as `getAttribute('class')` for the tests made here, but
 * linkedom answers that by building a DOMTokenList and joining it again on every call.
 */
export function classOf(el: Element): string | null {
  return el.getAttributeNode('class')?.value ?? null;
}

/** A predicate for `removeHiddenElements`: the element carries one of `classes` (one regex test, no split). */
export function hasHiddenClass(classes: ReadonlySet<string>): HiddenPredicate {
  const names = [...classes].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?:^|\\s)(?:${names.join('|')})(?=\\s|$)`);
  return (el) => {
    const cls = classOf(el);
    return cls !== null && re.test(cls);
  };
}

/** The element children of `root`, depth first (document order), skipping the subtree of any element `visit` says to skip. */
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
 * document order (the extraction core surveys the page in the same walk), and `visitUnjudged` every element that
 * is never judged (`<style>`, `<meta>`, `<script>`…; their subtrees are not walked).
 */
export function removeHiddenElements(
  root: Element,
  isHidden?: HiddenPredicate,
  visitKept?: (el: Element) => void,
  visitUnjudged?: (el: Element) => void,
): number {
  const doomed: Element[] = [];
  walkElements(root, (el) => {
    if (!judged(el)) {
      visitUnjudged?.(el);
      return 'skip';
    }
    if (el.hasAttributes() && isStreamedSegment(el)) el.removeAttribute('hidden');
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
