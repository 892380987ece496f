import { MIN_PROSE_CHARS, proseChars } from './prose';

/**
 * Story boxes that Readability would throw away for a name that says how they are built, not what they hold.
 *
 * Readability gives an element whose class or id contains "widget", "media", "share", "scroll" or "hidden" a
 * negative weight, and its conditional cleaning removes any such element inside the article outright, whatever it
 * holds: a review page's product boxes (`c-product-widget`), a page builder's text blocks (`elementor-widget-container`),
 * a checklist in a `media-block`. On the shared corpus, elements so named that hold paragraphs of running prose are
 * ground-truth text four times in five. So such an element that holds prose, and whose names say nothing else
 * against it, is weighed as neutral by the conditional cleaning (`keepProseBoxes`), which then judges it by what it
 * holds like any other element. Readability's scoring, which picks the article, still reads its names.
 */

/** Readability's own negative names (its `REGEXPS.negative`). */
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
/** Names that say what a box is (comments, a footer, an ad, a sign-up box…): a box named so is furniture whatever it holds. */
export const NAMES_ROLE =
  /-ad-|banner|combx|comment|com-|contact|footer|gdpr|masthead|meta|outbrain|promo|related|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|modal|popup|cookie|consent|newsletter|subscri|signup|social|author|bio/i;
/** Readability strips these before scoring (its `REGEXPS.unlikelyCandidates`): what it strips is not weighed at all. */
export const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
/** A bare utility class that hides (whatever the page's style sheets say, the element is meant to be hidden). */
const HIDING_TOKEN = /(?:^|\s)(?:(?:is|u|js)-)?(?:hidden|hide)(?=\s|$)|visually-?hidden|sr-only|screen-?reader/i;

/** True when Readability would weigh the element down for a class or id that tells only how it is built. */
export function weighedDownByName(className: string | null, id: string | null): boolean {
  if (!(className !== null && NEGATIVE.test(className)) && !(id !== null && NEGATIVE.test(id))) return false;
  const names = `${className ?? ''} ${id ?? ''}`;
  return !NAMES_ROLE.test(names) && !UNLIKELY.test(names) && !HIDING_TOKEN.test(names);
}

/** The boxes among `candidates` (elements `weighedDownByName`) that are still in the page and hold prose. */
export function proseBoxes(candidates: readonly Element[]): Set<Element> {
  const out = new Set<Element>();
  for (const el of candidates) if (el.isConnected && proseChars(el) >= MIN_PROSE_CHARS) out.add(el);
  return out;
}

/** The two methods of Readability 0.6 that its conditional cleaning weighs an element with (package.json pins the version). */
interface ReadabilityCleaning {
  _cleanConditionally(this: unknown, e: Element, tag: string): void;
  _getClassWeight(this: unknown, e: Element): number;
}

/**
 * Makes `reader`'s conditional cleaning weigh `boxes` as neutral instead of negative. Only that reader changes; one
 * without those methods is left as it is.
 */
export function keepProseBoxes(reader: object, boxes: ReadonlySet<Element>): void {
  const r = reader as Partial<ReadabilityCleaning>;
  const clean = r._cleanConditionally;
  const weigh = r._getClassWeight;
  if (boxes.size === 0 || typeof clean !== 'function' || typeof weigh !== 'function') return;
  let cleaning = false;
  r._getClassWeight = function (e) {
    const w = weigh.call(this, e);
    return cleaning && w < 0 && boxes.has(e) ? 0 : w;
  };
  r._cleanConditionally = function (e, tag) {
    cleaning = true;
    try {
      clean.call(this, e, tag);
    } finally {
      cleaning = false;
    }
  };
}
