/**
 * A news feed as a source for the batch queue: the articles an RSS 2.0, RSS 1.0 (RDF) or Atom document links to,
 * and the newest of them. Takes a parsed XML Document (the off-screen page has DOMParser, Node tests linkedom) and
 * reads it by element names without their namespace prefix, so `dc:date`, `rdf:RDF` and Atom's default namespace
 * read the same in every parser.
 */

import { pageKey } from '../page-key';

export interface FeedItem {
  title: string;
  /** An absolute http(s) address. */
  url: string;
  /** When it was published (ms), or null when the feed gives no readable date. */
  published: number | null;
}

/** The most items read from one feed; a feed longer than this is read from its top. */
export const FEED_MAX_ITEMS = 500;
/** How many of the newest items a feed load may take, at most, and how many unless told. */
export const FEED_MAX_NEWEST = 50;
export const FEED_DEFAULT_NEWEST = 10;

const TITLE_MAX_CHARS = 300;

/** An element's name without its prefix, lower-cased ("rdf:RDF" → "rdf", "pubDate" → "pubdate"). */
function nameOf(el: Element): string {
  const name = el.localName || el.nodeName;
  return name.slice(name.lastIndexOf(':') + 1).toLowerCase();
}

const kids = (el: Element, name: string): Element[] => [...el.children].filter((c) => nameOf(c) === name);
const kid = (el: Element, name: string): Element | undefined => kids(el, name)[0];
const textOf = (el: Element | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** An attribute by its name without prefix (`isPermaLink`, `rdf:about`). */
function attr(el: Element, name: string): string | null {
  for (const a of [...el.attributes]) if (a.name.slice(a.name.lastIndexOf(':') + 1).toLowerCase() === name) return a.value;
  return null;
}

type FeedKind = 'rss' | 'rdf' | 'atom';

/** What kind of feed the document is, or null: no feed root, or the parser's error document. */
export function feedKind(doc: Document): FeedKind | null {
  const root = doc.documentElement as Element | null;
  if (!root || doc.getElementsByTagName('parsererror').length > 0) return null;
  const name = nameOf(root);
  return name === 'rss' ? 'rss' : name === 'rdf' ? 'rdf' : name === 'feed' ? 'atom' : null;
}

/**
 * `raw` made absolute against `base` and without its fragment, if it is an http(s) address; anything else
 * (javascript:, data:, junk) is null.
 */
function httpUrl(raw: string, base: string): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw, base);
    u.hash = '';
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function dateOf(...els: (Element | undefined)[]): number | null {
  for (const el of els) {
    const ms = Date.parse(textOf(el));
    if (Number.isFinite(ms)) return ms;
  }
  return null;
}

/** An RSS item's address: its link, else a guid that is a permalink (the default unless `isPermaLink="false"`). */
function rssLink(item: Element): string {
  const link = textOf(kid(item, 'link'));
  if (link) return link;
  const guid = kid(item, 'guid');
  return guid && attr(guid, 'ispermalink')?.trim().toLowerCase() !== 'false' ? textOf(guid) : '';
}

/** An Atom entry's address: its first `rel="alternate"` link, or one with no rel (which means alternate). */
function atomLink(entry: Element): string {
  const link = kids(entry, 'link').find((l) => (l.getAttribute('rel') ?? 'alternate').trim().toLowerCase() === 'alternate');
  return link?.getAttribute('href')?.trim() ?? '';
}

/**
 * The feed's articles in feed order: RSS 2.0 `channel > item`, RSS 1.0 `item` (beside or inside its channel), Atom
 * `entry`. Relative links resolve against `baseUrl` (the feed's address; `xml:base` is not read); only http(s)
 * addresses are kept, without their fragment, each page once (the first item that names it, compared as the history
 * keys pages: other tracking parameters are the same page). Atom's date is
 * `published`, else `updated`; RSS's `pubDate`, else `dc:date`. Not a feed: no items.
 */
export function feedItems(doc: Document, baseUrl: string): FeedItem[] {
  const kind = feedKind(doc);
  if (!kind) return [];
  const root = doc.documentElement;
  const channel = kid(root, 'channel');
  const entries =
    kind === 'atom'
      ? kids(root, 'entry')
      : kind === 'rss'
        ? channel
          ? kids(channel, 'item')
          : []
        : [...kids(root, 'item'), ...(channel ? kids(channel, 'item') : [])];
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const entry of entries) {
    if (items.length >= FEED_MAX_ITEMS) break;
    const url = httpUrl(kind === 'atom' ? atomLink(entry) : rssLink(entry), baseUrl);
    if (!url || seen.has(pageKey(url))) continue;
    seen.add(pageKey(url));
    const published = kind === 'atom' ? dateOf(kid(entry, 'published'), kid(entry, 'updated')) : dateOf(kid(entry, 'pubdate'), kid(entry, 'date'));
    items.push({ title: textOf(kid(entry, 'title')).slice(0, TITLE_MAX_CHARS), url, published });
  }
  return items;
}

/** A requested count as one a feed load takes: a whole number from 1 to FEED_MAX_NEWEST. */
export function clampNewest(n: number): number {
  return Number.isFinite(n) ? Math.min(FEED_MAX_NEWEST, Math.max(1, Math.round(n))) : FEED_DEFAULT_NEWEST;
}

/**
 * The `n` newest items, newest first. Items without a date come after every dated one, in feed order (feeds list
 * newest first as a rule, so that order is the best guess left); items with the same date keep feed order too.
 */
export function newest(items: readonly FeedItem[], n: number): FeedItem[] {
  const placed = items.map((item, at) => ({ item, at }));
  placed.sort((a, b) => {
    if (a.item.published === null || b.item.published === null) {
      if (a.item.published !== b.item.published) return a.item.published === null ? 1 : -1;
      return a.at - b.at;
    }
    return b.item.published - a.item.published || a.at - b.at;
  });
  return placed.slice(0, Math.max(0, n)).map((p) => p.item);
}

/** Whether a list that crossed a message boundary has the shape of feed items. */
export function isFeedItems(v: unknown): v is FeedItem[] {
  return (
    Array.isArray(v) &&
    v.length <= FEED_MAX_ITEMS &&
    v.every(
      (i: Partial<FeedItem> | null) =>
        typeof i === 'object' &&
        i !== null &&
        typeof i.title === 'string' &&
        typeof i.url === 'string' &&
        (i.published === null || typeof i.published === 'number'),
    )
  );
}
