import { hidingOf, inlineHiding, parseDeclarations } from './css-hidden';
import type { InlineJudge } from './hidden';

/**
 * The page's own `<style>` sheets, read for what they hide (Node only: a browser has computed styles). A rule
 * counts when it stands at the top level (not inside `@media`, `@supports` or any other block, which hide only
 * on some screens), has no nested block, and its selector is a list of bare class or id names (`.sr-promo`,
 * `#seo, .a`, `span.x` counts as `.x`); its declarations are judged by `hidingOf` (`./css-hidden.ts`).
 * Declarations in comments are skipped; a block left open at the end of a sheet counts for nothing.
 */

/** The classes whose elements a sheet hides whole (the set itself), plus the ids, and those whose own text only is invisible. */
export class HidingRules extends Set<string> {
  readonly ids = new Set<string>();
  readonly textClasses = new Set<string>();
  readonly textIds = new Set<string>();
  /** Faded to nothing (`'faded'`): hidden when they hold little text (see `FADED_MAX_CHARS` in `./hidden.ts`). */
  readonly fadedClasses = new Set<string>();
  readonly fadedIds = new Set<string>();
  get empty(): boolean {
    return [this, this.ids, this.textClasses, this.textIds, this.fadedClasses, this.fadedIds].every((s) => s.size === 0);
  }
}

/** A selector list of bare class or id names, each optionally after a tag name. */
const SIMPLE_LIST = /^\s*(?:[a-z][a-z0-9-]*)?[.#][\w-]+(?:\s*,\s*(?:[a-z][a-z0-9-]*)?[.#][\w-]+)*\s*$/i;
/** A rule body worth parsing: it names something that can hide. */
const MAY_HIDE = /none|hidden|collapse|opacity|scale|translate|clip|indent|transparent|font-size|-\d{3}|(?:height|width)\s*:\s*[0-1.]|rgba|hsla/i;
/** What moves the brace depth, and comments (skipped whole). */
const CSS_TOKEN = /[{}]|\/\*/g;
/** Style sheet text beyond this many characters (per group of sheets: the head's, the body's) is not scanned: the scan must stay cheap. */
export const MAX_STYLE_CHARS = 1_000_000;

function addRule(selector: string, body: string, into: Set<string>): void {
  if (!SIMPLE_LIST.test(selector)) return;
  const both = /color/i.test(body) && /background/i.test(body);
  if (!both && !MAY_HIDE.test(body)) return;
  const hiding = hidingOf(parseDeclarations(body));
  if (!hiding) return;
  const rules = into instanceof HidingRules ? into : null;
  for (const m of selector.matchAll(/([.#])([\w-]+)/g)) {
    const name = m[2] as string;
    if (m[1] === '.') (hiding === 'subtree' ? into : hiding === 'faded' ? rules?.fadedClasses : rules?.textClasses)?.add(name);
    else (hiding === 'subtree' ? rules?.ids : hiding === 'faded' ? rules?.fadedIds : rules?.textIds)?.add(name);
  }
}

/**
 * Adds to `into` the class names that `css` hides (see the file comment); when `into` is a `HidingRules`, the
 * ids and the text-only hiding too. One pass over the braces and comments.
 */
export function addHiddenClassesFromCss(css: string, into: Set<string>): void {
  let depth = 0;
  let selectorStart = 0;
  let open = -1;
  let nested = false;
  CSS_TOKEN.lastIndex = 0;
  for (let t = CSS_TOKEN.exec(css); t !== null; t = CSS_TOKEN.exec(css)) {
    const c = css.charCodeAt(t.index);
    if (c === 47) {
      const close = css.indexOf('*/', t.index + 2);
      if (close < 0) return;
      CSS_TOKEN.lastIndex = close + 2;
      if (depth === 0 && open < 0) selectorStart = close + 2;
    } else if (c === 123) {
      if (depth === 0) {
        open = t.index;
        nested = false;
      } else nested = true;
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) {
        let selector = css.slice(selectorStart, open);
        const semi = selector.lastIndexOf(';');
        if (semi >= 0) selector = selector.slice(semi + 1);
        if (!nested && !selector.trimStart().startsWith('@')) addRule(selector, css.slice(open + 1, t.index), into);
        selectorStart = t.index + 1;
        open = -1;
      }
    }
  }
}

/**
 * Reads `<style>` elements for what they hide. Given to the extraction in Node only: on a live page the computed
 * styles already removed those elements (`./visible.ts`), so the content script neither needs nor ships it.
 */
export interface StyleSheetReader {
  (styles: Iterable<Element>): HidingRules;
  /** The judge of inline styles that goes with it (layout-free, like the sheets). */
  inline?: InlineJudge;
}

/** What these `<style>` elements hide, each sheet scanned on its own. */
export function hiddenClassesFromStyleElements(styles: Iterable<Element>, into = new HidingRules()): HidingRules {
  let budget = MAX_STYLE_CHARS;
  for (const style of styles) {
    const css = style.textContent ?? '';
    budget -= css.length;
    if (budget < 0) break;
    addHiddenClassesFromCss(css, into);
  }
  return into;
}

hiddenClassesFromStyleElements.inline = inlineHiding;

/**
 * What the page's own `<style>` blocks hide (see `addHiddenClassesFromCss`); as a set, the classes hidden whole.
 * For DOMs without computed styles (Node). The extraction's survey (`surveyPage` in `./recover.ts`) reads the
 * head's sheets and the body's in its own walk instead.
 */
export function hiddenClassesFromStyles(doc: Document): HidingRules {
  const into = hiddenClassesFromStyleElements(doc.head?.getElementsByTagName('style') ?? []);
  return doc.body ? hiddenClassesFromStyleElements(doc.body.getElementsByTagName('style'), into) : into;
}
