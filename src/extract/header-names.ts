import { collapseWhitespace } from './blocks';
import { MIN_PROSE_CHARS, PROSE_PARAGRAPH_CHARS, proseChars } from './prose';
import { NAMES_ROLE, UNLIKELY } from './weighed-names';

/**
 * Story elements that Readability would strip for a "header" in their class or id.
 *
 * Before it scores the page, Readability removes every element whose class or id matches its unlikely names, among
 * them "header": a Substack post's section headings (`<h2 class="header-anchor-post">`), a listicle's introduction
 * (`<section class="listicle-header">`). "Header" tells where an element sits, not what it holds; so a heading so
 * named that heads a section of prose, and a box so named that holds prose, have their class and id set aside in
 * data attributes while Readability runs (`shieldFromStripping`), and put back on its answer (`restoreNames`) for the
 * cleanup rules that read them.
 */

/** Readability keeps an unlikely-named element whose names also match this (its `REGEXPS.okMaybeItsACandidate`). */
const OK_MAYBE = /and|article|body|column|content|main|shadow/i;
const PLACE_NAME = /header/i;
const PLACE_NAMES = /header/gi;

/** True when Readability would strip the element before scoring for a "header" in its class or id and nothing else. */
export function strippedForHeaderName(className: string | null, id: string | null): boolean {
  if (!(className !== null && PLACE_NAME.test(className)) && !(id !== null && PLACE_NAME.test(id))) return false;
  const names = `${className ?? ''} ${id ?? ''}`;
  return !OK_MAYBE.test(names) && !NAMES_ROLE.test(names) && !UNLIKELY.test(names.replace(PLACE_NAMES, ' '));
}

/** A heading of a story's section stands among this many paragraphs of prose, or more (a teaser's heading has its one line). */
const MIN_SECTION_PARAGRAPHS = 2;
const HEADING = /^h[1-6]$/;

/** The heading is followed by a paragraph and stands among paragraphs of prose (the story's sections, not a list of teasers). */
function headsProse(heading: Element): boolean {
  if (heading.nextElementSibling?.localName !== 'p' || !heading.parentElement) return false;
  let n = 0;
  for (const c of heading.parentElement.children) {
    if (c.localName === 'p' && collapseWhitespace(c.textContent ?? '').length >= PROSE_PARAGRAPH_CHARS && ++n >= MIN_SECTION_PARAGRAPHS) return true;
  }
  return false;
}

const CLASS_STASH = 'data-newsmith-class';
const ID_STASH = 'data-newsmith-id';

/**
 * Of `candidates` (elements `strippedForHeaderName`), sets aside the class and id of those still in the page that are
 * headings of prose or boxes of prose. Returns how many were set aside.
 */
export function shieldFromStripping(candidates: readonly Element[]): number {
  let n = 0;
  for (const el of candidates) {
    if (!el.isConnected) continue;
    if (HEADING.test(el.localName) ? !headsProse(el) : proseChars(el) < MIN_PROSE_CHARS) continue;
    const cls = el.getAttribute('class');
    const id = el.getAttribute('id');
    if (cls !== null) {
      el.setAttribute(CLASS_STASH, cls);
      el.removeAttribute('class');
    }
    if (id !== null) {
      el.setAttribute(ID_STASH, id);
      el.removeAttribute('id');
    }
    n += 1;
  }
  return n;
}

/** Puts the class and id that `shieldFromStripping` set aside back, on `root` and the elements under it. */
export function restoreNames(root: Element): void {
  const restore = (el: Element): void => {
    const cls = el.getAttribute(CLASS_STASH);
    if (cls !== null) {
      el.setAttribute('class', cls);
      el.removeAttribute(CLASS_STASH);
    }
    const id = el.getAttribute(ID_STASH);
    if (id !== null) {
      el.setAttribute('id', id);
      el.removeAttribute(ID_STASH);
    }
  };
  restore(root);
  for (const el of root.querySelectorAll(`[${CLASS_STASH}], [${ID_STASH}]`)) restore(el);
}
