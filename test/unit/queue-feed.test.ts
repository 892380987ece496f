// A news feed read for the queue (src/queue/feed.ts): RSS 2.0, RSS 1.0 (RDF) and Atom items with their addresses
// made absolute, only http(s) kept, each page once; the newest N with undated items last; parse errors and other
// documents read as no feed. Parsed with linkedom's XML parser, which (unlike a browser's) is lenient: the broken
// feed's error document is made the way Chromium makes it.
import { readFileSync } from 'node:fs';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { clampNewest, FEED_MAX_ITEMS, feedItems, feedKind, isFeedItems, newest, type FeedItem } from '../../src/queue/feed';
import { isFeedRead } from '../../src/queue/page-read';

const xml = (text: string): Document => new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
const fixture = (name: string): Document => xml(readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8'));
const at = (iso: string): number => Date.parse(iso);

describe('feedItems', () => {
  it('reads RSS 2.0: links made absolute, a permalink guid, pubDate or dc:date, CDATA titles as text, each page once', () => {
    const items = feedItems(fixture('rss2.xml'), 'https://news.example/feeds/main.xml');
    expect(items).toEqual([
      { title: 'Fees <rise> & ships wait', url: 'https://news.example/2024/fees?utm_source=rss', published: at('2024-06-04T08:00:00Z') },
      { title: 'Relative link, newest', url: 'https://news.example/2024/quay', published: at('2024-06-05T07:30:00Z') },
      { title: 'Only a permalink guid', url: 'https://news.example/2024/guid-only', published: at('2024-06-03T12:00:00Z') },
      { title: 'No date at all', url: 'https://news.example/2024/undated', published: null },
      { title: 'A date nobody can read', url: 'https://news.example/2024/bad-date', published: null },
    ]);
  });

  it('reads Atom: the alternate link (or one without rel), relative to the feed, published else updated', () => {
    expect(feedItems(fixture('atom.xml'), 'https://rail.example/feeds/all.atom')).toEqual([
      { title: 'Freight up by a fifth', url: 'https://rail.example/freight', published: at('2024-06-01T08:00:00Z') },
      { title: 'Night trains & sleepers', url: 'https://rail.example/feeds/night-trains', published: at('2024-06-04T08:00:00Z') },
    ]);
  });

  it('reads RSS 1.0 (RDF) items beside the channel, with dc:date', () => {
    const items = feedItems(fixture('rdf.xml'), 'https://old.example/index.rdf');
    expect(items.map((i) => [i.url, i.published])).toEqual([
      ['https://old.example/one', at('2003-06-01T10:00:00Z')],
      ['https://old.example/two', at('2003-06-02T10:00:00Z')],
    ]);
    expect(feedKind(fixture('rdf.xml'))).toBe('rdf');
  });

  it('keeps only http(s) links: javascript:, data: and file: items are left out', () => {
    const items = feedItems(fixture('javascript-link.xml'), 'https://safe.example/rss');
    expect(items.map((i) => i.url)).toEqual(['https://safe.example/story']);
  });

  it('gives no items for a parse error document, an HTML page or another XML document', () => {
    // Chromium keeps what it read before the error and puts a <parsererror> in it.
    const broken = fixture('broken.xml');
    broken.documentElement.prepend(broken.createElement('parsererror'));
    expect(feedKind(broken)).toBeNull();
    expect(feedItems(broken, 'https://cut.example/feed')).toEqual([]);
    const page = xml('<html><head><title>A page</title></head><body><a href="https://x.example/a">a</a></body></html>');
    expect(feedItems(page, 'https://x.example/')).toEqual([]);
    expect(feedItems(xml('<svg xmlns="http://www.w3.org/2000/svg"><item><link>https://x.example/a</link></item></svg>'), 'https://x.example/')).toEqual([]);
  });

  it(`reads at most ${FEED_MAX_ITEMS} items`, () => {
    const body = Array.from({ length: FEED_MAX_ITEMS + 20 }, (_, i) => `<item><title>${i}</title><link>https://many.example/${i}</link></item>`).join('');
    const items = feedItems(xml(`<rss version="2.0"><channel>${body}</channel></rss>`), 'https://many.example/rss');
    expect(items).toHaveLength(FEED_MAX_ITEMS);
    expect(items.at(-1)?.url).toBe(`https://many.example/${FEED_MAX_ITEMS - 1}`);
  });
});

describe('newest', () => {
  const item = (url: string, published: string | null): FeedItem => ({
    title: url,
    url: `https://n.example/${url}`,
    published: published === null ? null : at(published),
  });

  it('sorts newest first, same dates in feed order, undated after every dated one in feed order, and takes n', () => {
    const items = [
      item('undated-1', null),
      item('old', '2024-01-01T00:00:00Z'),
      item('new', '2024-03-01T00:00:00Z'),
      item('undated-2', null),
      item('mid-a', '2024-02-01T00:00:00Z'),
      item('mid-b', '2024-02-01T00:00:00Z'),
    ];
    const names = (list: FeedItem[]) => list.map((i) => i.title);
    expect(names(newest(items, 10))).toEqual(['new', 'mid-a', 'mid-b', 'old', 'undated-1', 'undated-2']);
    expect(names(newest(items, 2))).toEqual(['new', 'mid-a']);
    expect(names(newest(items, 0))).toEqual([]);
    expect(names(items)).toEqual(['undated-1', 'old', 'new', 'undated-2', 'mid-a', 'mid-b']);
  });

  it('the RSS fixture newest first', () => {
    const urls = newest(feedItems(fixture('rss2.xml'), 'https://news.example/rss'), 3).map((i) => i.url.replace('https://news.example/2024/', ''));
    expect(urls).toEqual(['quay', 'fees?utm_source=rss', 'guid-only']);
  });

  it('clamps the count to 1…50, and an unreadable one to the default', () => {
    expect([clampNewest(0), clampNewest(3.4), clampNewest(51), clampNewest(Number.NaN), clampNewest(-4)]).toEqual([1, 3, 50, 10, 1]);
  });
});

describe('the answer across the message boundary', () => {
  it('accepts feed items and failures, and refuses other shapes', () => {
    const items = feedItems(fixture('atom.xml'), 'https://rail.example/feed.atom');
    expect(isFeedItems(items)).toBe(true);
    expect(isFeedRead({ ok: true, items, url: 'https://rail.example/feed.atom' })).toBe(true);
    expect(isFeedRead({ ok: false, why: 'not-a-feed', detail: 'text/html' })).toBe(true);
    expect(isFeedRead({ ok: true, items: [{ title: 1, url: 'x', published: null }], url: 'u' })).toBe(false);
    expect(isFeedRead({ ok: true, items: 'nope', url: 'u' })).toBe(false);
    expect(isFeedRead({ ok: false, why: 'gone' })).toBe(false);
  });
});
