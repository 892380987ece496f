/**
 * The off-screen reader: a hidden extension page (Chrome's offscreen document; in Firefox an iframe in the background
 * page) that fetches a page by its address and runs the same extraction core as the content script on it, or reads a
 * news feed's items (src/queue/feed.ts) the same way, with the same limits. It answers
 * the extension's own background only, and with data (src/queue/page-read.ts): an offscreen document has
 * chrome.runtime and no other extension API, so the words are the worker's.
 */

import browser from 'webextension-polyfill';
import { decodeHtml, UndecodableHtml } from '../src/extract/decode';
import { extractArticle } from '../src/extract/index';
import { hiddenClassesFromStyleElements } from '../src/extract/sheets';
import { FEED_MAX_ITEMS, feedItems, feedKind, newest } from '../src/queue/feed';
import {
  isOffscreenRead,
  OFFSCREEN_FEED,
  PAGE_READ_MAX_BYTES,
  PAGE_READ_TIMEOUT_MS,
  type FeedRead,
  type PageRead,
  type PageReadFailure,
} from '../src/queue/page-read';

/**
 * Where the background's messages come from: Chrome names the service worker's script, Firefox the page it
 * generates for `background.scripts`.
 */
const BACKGROUND_URLS = new Set([browser.runtime.getURL('background.js'), browser.runtime.getURL('_generated_background_page.html')]);

function fromBackground(sender: browser.Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab === undefined && sender.url !== undefined && BACKGROUND_URLS.has(sender.url);
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** What a feed may be served as; a web page (text/html) is not a feed, whatever links it has. */
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml']);

const fail = (why: PageReadFailure['why'], more: Omit<PageReadFailure, 'ok' | 'why'> = {}): PageReadFailure => ({ ok: false, why, ...more });

class TooLarge extends Error {}

/** The body's bytes, refused past `cap` (a Content-Length over it is refused before anything is read). */
async function readCapped(response: Response, cap: number): Promise<Uint8Array> {
  if (Number(response.headers.get('content-length')) > cap) throw new TooLarge();
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return bytes;
}

/** A private document of the page; relative links resolve against `url` when the page names no base of its own. */
function parse(html: string, url: string): Document {
  // Parsed as HTML whatever the type said: XHTML pages read fine that way, and a stray error does not lose the page.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  if (!doc.querySelector('base[href]')) {
    const base = doc.createElement('base');
    base.setAttribute('href', url);
    doc.head.prepend(base);
  }
  return doc;
}

const detailOf = (err: unknown): string => String((err as Error | null)?.message ?? err).slice(0, 200);

/** A fetch or a body read that failed: the timeout's abort, or no answer (network, DNS, refused, CORS). */
const networkFailure = (err: unknown): PageReadFailure =>
  (err as Error | null)?.name === 'TimeoutError' ? fail('timeout') : fail('unreachable', { detail: detailOf(err) });

interface Fetched {
  bytes: Uint8Array;
  type: string | null;
  /** The address after redirects. */
  url: string;
}

/** What a read accepts: these Content-Types (or none given), else the failure `refused` with the type as detail. */
interface Accepts {
  types: ReadonlySet<string>;
  refused: PageReadFailure['why'];
}

const PAGE: Accepts = { types: HTML_TYPES, refused: 'not-html' };
const FEED: Accepts = { types: FEED_TYPES, refused: 'not-a-feed' };

async function fetchPage(url: URL, accepts: Accepts): Promise<Fetched | PageReadFailure> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', redirect: 'follow', signal: AbortSignal.timeout(PAGE_READ_TIMEOUT_MS) });
  } catch (err) {
    return networkFailure(err);
  }
  const type = response.headers.get('content-type');
  const mime = type?.split(';')[0]?.trim().toLowerCase() ?? '';
  const refused = !response.ok
    ? fail('http', { status: response.status })
    : mime !== '' && !accepts.types.has(mime)
      ? fail(accepts.refused, { detail: mime })
      : null;
  if (refused) {
    await response.body?.cancel().catch(() => {});
    return refused;
  }
  try {
    return { bytes: await readCapped(response, PAGE_READ_MAX_BYTES), type, url: response.url || url.href };
  } catch (err) {
    return err instanceof TooLarge ? fail('too-large') : networkFailure(err);
  }
}

/** The address to read, if it is an http(s) one. */
function httpAddress(address: string): URL | PageReadFailure {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return fail('unreachable', { detail: 'not an address' });
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : fail('unreachable', { detail: 'not an http(s) address' });
}

async function readPage(address: string): Promise<PageRead> {
  const url = httpAddress(address);
  if (!(url instanceof URL)) return url;
  const page = await fetchPage(url, PAGE);
  if (!('bytes' in page)) return page;
  try {
    const html = decodeHtml(page.bytes, page.type);
    const result = extractArticle(parse(html, page.url), page.url, {
      inPlace: true,
      freshCopy: () => parse(html, page.url),
      styleSheets: hiddenClassesFromStyleElements,
    });
    return { ok: true, result, url: page.url };
  } catch (err) {
    return fail('unreadable', { detail: err instanceof UndecodableHtml ? err.reason : detailOf(err) });
  }
}

async function readFeed(address: string): Promise<FeedRead> {
  const url = httpAddress(address);
  if (!(url instanceof URL)) return url;
  const feed = await fetchPage(url, FEED);
  if (!('bytes' in feed)) return feed;
  try {
    // Decoded like a page (BOM, header charset, else UTF-8 or windows-1252); a parse error gives the parser's error document.
    const doc = new DOMParser().parseFromString(decodeHtml(feed.bytes, feed.type), 'application/xml');
    if (!feedKind(doc)) return fail('not-a-feed');
    return { ok: true, items: newest(feedItems(doc, feed.url), FEED_MAX_ITEMS), url: feed.url };
  } catch (err) {
    return err instanceof UndecodableHtml ? fail('not-a-feed', { detail: err.reason }) : fail('unreadable', { detail: detailOf(err) });
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (!isOffscreenRead(message) || !fromBackground(sender)) return undefined;
  return message.type === OFFSCREEN_FEED ? readFeed(message.url) : readPage(message.url);
});
