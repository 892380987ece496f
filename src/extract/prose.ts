import { collapseWhitespace } from './blocks';

/**
 * How much running prose a box of the page holds: the test that tells a box of the story from page furniture of the
 * same name (`./weighed-names.ts`, `./header-names.ts`).
 */

/** A paragraph of running prose: this many characters or more, mostly not link text. */
export const PROSE_PARAGRAPH_CHARS = 100;
const MAX_PROSE_LINK_SHARE = 0.3;
/** A box holds prose when its paragraphs of running prose add up to this many characters. */
export const MIN_PROSE_CHARS = 300;

/** Elements that stay inside a line of text: a `<div>` whose children are all of these is a paragraph too. */
const INLINE_TAGS = new Set(['a', 'abbr', 'b', 'br', 'cite', 'code', 'em', 'i', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u']);

/** A paragraph of the box: a `<p>`, or a `<div>` of text alone (Readability reads such a `<div>` as a paragraph). */
function isParagraph(el: Element): boolean {
  if (el.localName === 'p') return true;
  for (const c of el.children) if (!INLINE_TAGS.has(c.localName)) return false;
  return true;
}

/** The characters of running prose under `el`: its paragraphs of `PROSE_PARAGRAPH_CHARS` or more that are mostly not links. */
export function proseChars(el: Element): number {
  let n = 0;
  for (const p of el.querySelectorAll('p, div')) {
    if (!isParagraph(p)) continue;
    const text = collapseWhitespace(p.textContent ?? '');
    if (text.length < PROSE_PARAGRAPH_CHARS) continue;
    let links = 0;
    for (const a of p.getElementsByTagName('a')) links += (a.textContent ?? '').length;
    if (links <= text.length * MAX_PROSE_LINK_SHARE) n += text.length;
  }
  return n;
}
