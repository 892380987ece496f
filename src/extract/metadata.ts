import { collapseWhitespace } from './blocks';
import { stripInvisible } from './invisible';
import type { PageSurvey } from './recover';
import { normaliseForCompare } from './rules';

/** What Readability reports that we use for metadata (all optional: Readability may give null/undefined). */
export interface ReadabilityMeta {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  lang?: string | null;
  publishedTime?: string | null;
}

function clean(s: string | null | undefined): string | null {
  const t = collapseWhitespace(stripInvisible(s ?? ''));
  return t ? t : null;
}

/**
 * The `content` of the first `<meta>` under `root` for each `property=…`, `name=…` and `itemprop=…` it carries
 * (one pass over the meta elements instead of one selector query each, which linkedom compiles every time).
 */
function metaContents(root: Document | Element): Map<string, string | null> {
  const found = new Map<string, string | null>();
  for (const el of root.getElementsByTagName('meta')) {
    if (!el.hasAttributes()) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const v = el.getAttribute(attr);
      if (v === null) continue;
      const key = `${attr}=${v}`;
      if (!found.has(key)) found.set(key, el.getAttribute('content'));
    }
  }
  return found;
}

/** The first of `keys` (`property=og:title`…) whose first meta element has a non-empty content. */
function metaContent(metas: Map<string, string | null>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const v = clean(metas.get(key));
    if (v) return v;
  }
  return null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Separators between a headline and a site name in `<title>`: " | ", " - ", " – ", " — ", " · ", " :: ", " » ". */
const TITLE_SEP = /\s+(?:[|\-–—·•»]|::)\s+/u;

/** True when `part` names the site: the site name, or the host ("techtimes.com", "techtimes", "TECHTIMES.com"). */
function namesSite(part: string, siteName: string | null, url: string): boolean {
  const p = normaliseForCompare(part).replace(/ /g, '');
  if (!p) return false;
  const candidates: string[] = [];
  if (siteName) candidates.push(normaliseForCompare(siteName).replace(/ /g, ''));
  const host = hostOf(url);
  if (host) {
    candidates.push(normaliseForCompare(host).replace(/ /g, ''));
    const labels = host.split('.');
    if (labels.length >= 2) candidates.push(normaliseForCompare(labels.slice(0, -1).join('')).replace(/ /g, ''));
    // "news.example.co.uk" → "example"
    const main = labels.length >= 3 && (labels.at(-2) ?? '').length <= 3 ? labels.at(-3) : labels.at(-2);
    if (main) candidates.push(normaliseForCompare(main));
  }
  return candidates.some((c) => c.length > 0 && (c === p || (p.startsWith('the') && c === p.slice(3))));
}

/**
 * The headline with a " | Site" / " - Site" / "Site | " part removed when that part names the site
 * (the site name or the host). A trailing part is also removed when what remains is exactly an `<h1>` of
 * the page (the h1 is the headline). A leading part is only removed when it names the site: a logo `<h1>`
 * such as "V8" must not turn "Emscripten binaries · V8" into "V8".
 */
export function stripSiteFromTitle(title: string, siteName: string | null, url: string, h1s: readonly string[] = []): string {
  let t = collapseWhitespace(stripInvisible(title));
  for (let i = 0; i < 2; i++) {
    const parts = t.split(TITLE_SEP);
    if (parts.length < 2) break;
    const sepMatches = [...t.matchAll(new RegExp(TITLE_SEP.source, 'gu'))];
    const last = sepMatches.at(-1);
    const first = sepMatches[0];
    if (!last || !first || last.index === undefined || first.index === undefined) break;
    const head = t.slice(0, last.index);
    const tail = t.slice(last.index + last[0].length);
    const lead = t.slice(0, first.index);
    const rest = t.slice(first.index + first[0].length);
    const headings = h1s.map(normaliseForCompare);
    if (namesSite(tail, siteName, url) || headings.includes(normaliseForCompare(head))) t = head;
    else if (namesSite(lead, siteName, url)) t = rest;
    else break;
  }
  return t;
}

/**
 * Published time as ISO 8601, or null. Strings already in ISO form keep their offset ("2015-07-24T05:36:09+01:00");
 * a space between date and time becomes "T"; other parseable dates ("Wed, 03 Jan 2019 07:00:02 GMT") are
 * converted with `Date` (to UTC).
 */
export function normaliseDate(s: string | null | undefined): string | null {
  const t = collapseWhitespace(s ?? '');
  if (!t) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(t);
  if (iso) {
    const [, date, time, zone] = iso;
    let out = date ?? '';
    if (time) {
      out += `T${time}`;
      if (zone) out += zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    }
    return Number.isNaN(Date.parse(out)) ? null : out;
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The canonical URL if the page names an http(s) one (resolved against the page URL), else the page URL. */
export function canonicalUrl(doc: Document | Element, pageUrl: string): string {
  let href: string | undefined;
  for (const link of doc.getElementsByTagName('link')) {
    const rel = link.getAttribute('rel');
    if (rel && link.hasAttribute('href') && rel.toLowerCase().split(/\s+/).includes('canonical')) {
      href = link.getAttribute('href')?.trim();
      break;
    }
  }
  if (href) {
    try {
      const u = new URL(href, pageUrl);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
    } catch {
      // not a URL: fall through
    }
  }
  return pageUrl;
}

export interface PageMeta {
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  url: string;
}

/** What the page's own markup says, read BEFORE Readability runs (Readability modifies the document it parses). */
export interface PageHints {
  h1s: string[];
  ogTitle: string | null;
  titleTag: string | null;
  ogSiteName: string | null;
  htmlLang: string | null;
  metaPublished: string | null;
  timeDatetime: string | null;
  canonicalUrl: string;
}

/**
 * The page's hints. Metadata lives in `<head>`; searching only there keeps this cheap on big pages. What the body
 * holds (its `<h1>`s, a published time when the head states none) comes from the survey's walk (`surveyPage`),
 * which met those elements anyway.
 */
export function collectPageHints(doc: Document, url: string, survey: Pick<PageSurvey, 'h1s' | 'published'>): PageHints {
  const head = doc.head ?? doc;
  const metas = metaContents(head);
  const metaPublished = metaContent(metas, ['property=article:published_time', 'name=article:published_time', 'itemprop=datePublished']);
  const inBody = metaPublished ? null : survey.published;
  return {
    h1s: survey.h1s.map((h) => clean(h.textContent) ?? '').filter(Boolean),
    ogTitle: metaContent(metas, ['property=og:title']),
    titleTag: clean((head.getElementsByTagName('title')[0] ?? doc.getElementsByTagName('title')[0])?.textContent),
    ogSiteName: metaContent(metas, ['property=og:site_name']),
    htmlLang: clean(doc.documentElement?.getAttribute('lang')),
    metaPublished,
    timeDatetime: clean(inBody?.getAttribute(inBody.tagName === 'TIME' ? 'datetime' : 'content')),
    canonicalUrl: canonicalUrl(head, url),
  };
}

/**
 * Readability's title when the page shows it or names it in `<title>`/`og:title`: equal to a visible `<h1>`, or
 * part of the `<title>` or `og:title` text. Readability prefers a JSON-LD `headline` (and `dc:title`, `twitter:title`),
 * which the page may never show: a place to hide an instruction.
 */
function shownTitle(title: string | null, hints: PageHints): string | null {
  if (!title) return null;
  const t = normaliseForCompare(title);
  if (!t) return null;
  if (hints.h1s.some((h) => normaliseForCompare(h) === t)) return title;
  for (const named of [hints.titleTag, hints.ogTitle]) if (named && normaliseForCompare(named).includes(t)) return title;
  return null;
}

/** Metadata: Readability's result first, then the page's own markup (`hints`); the title only from what the page shows or names. */
export function pageMetadata(hints: PageHints, url: string, r: ReadabilityMeta): PageMeta {
  const siteName = clean(r.siteName) ?? hints.ogSiteName;
  const rawTitle = shownTitle(clean(r.title), hints) ?? hints.ogTitle ?? hints.h1s[0] ?? hints.titleTag ?? '';
  const title = stripSiteFromTitle(rawTitle, siteName, url, hints.h1s);

  let byline = clean(r.byline);
  if (byline) byline = byline.replace(/^by\s+/i, '') || null;

  const lang = clean(r.lang) ?? hints.htmlLang;
  const publishedTime = normaliseDate(clean(r.publishedTime)) ?? normaliseDate(hints.metaPublished) ?? normaliseDate(hints.timeDatetime);

  return { title, byline, siteName, lang, publishedTime, url: hints.canonicalUrl };
}
