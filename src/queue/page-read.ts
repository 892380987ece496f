/**
 * A page read by its address, off-screen (offscreen/main.ts fetches and extracts it; background/page-reader.ts asks
 * for it): the request, the answer as data, and the answer's failures in the user's words. The off-screen page has no
 * i18n API, so it answers with a reason and the worker words it.
 */

import type { ExtractResult } from '../article';
import type { Translate } from '../i18n';
import { isFeedItems, type FeedItem } from './feed';

export const OFFSCREEN_READ = 'offscreen-read';
/** A news feed read the same way (src/queue/feed.ts): its items, not an article. */
export const OFFSCREEN_FEED = 'offscreen-feed';

export interface OffscreenReadRequest {
  type: typeof OFFSCREEN_READ | typeof OFFSCREEN_FEED;
  url: string;
}

/** A page that has not answered (headers and body) in this long is given up on. */
export const PAGE_READ_TIMEOUT_MS = 30_000;
/** The most bytes of a page that are read; a larger page is refused, not cut. */
export const PAGE_READ_MAX_BYTES = 8 * 1024 * 1024;

/**
 * - `timeout`: no full answer within PAGE_READ_TIMEOUT_MS;
 * - `unreachable`: no answer at all (network, DNS, refused connection, CORS), or not an http(s) address;
 * - `http`: an error status (`status`);
 * - `not-html`: a Content-Type other than HTML (`detail`: the type);
 * - `too-large`: over PAGE_READ_MAX_BYTES;
 * - `unreadable`: bytes that are no page (`detail`: `empty`, `binary`), or a page the reader could not handle;
 * - `not-a-feed`: a feed read that found no RSS or Atom document (`detail`: the Content-Type when that said so).
 */
export type PageReadWhy = 'timeout' | 'unreachable' | 'http' | 'not-html' | 'too-large' | 'unreadable' | 'not-a-feed';

export const PAGE_READ_WHYS: readonly PageReadWhy[] = ['timeout', 'unreachable', 'http', 'not-html', 'too-large', 'unreadable', 'not-a-feed'];

export interface PageReadFailure {
  ok: false;
  why: PageReadWhy;
  status?: number;
  detail?: string;
}

/** `url`: the address the page was read from after redirects. */
export type PageRead = { ok: true; result: ExtractResult; url: string } | PageReadFailure;

/** `items`: newest first (src/queue/feed.ts `newest`); `url`: the feed's address after redirects. */
export type FeedRead = { ok: true; items: FeedItem[]; url: string } | PageReadFailure;

/** Whether a message is a read request, of a page or a feed. */
export function isOffscreenRead(message: unknown): message is OffscreenReadRequest {
  const m = message as Partial<OffscreenReadRequest> | null;
  return typeof m === 'object' && m !== null && (m.type === OFFSCREEN_READ || m.type === OFFSCREEN_FEED) && typeof m.url === 'string';
}

function isExtractResult(v: unknown): v is ExtractResult {
  const r = v as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return false;
  if (r.ok === false) return typeof r.reason === 'string' && typeof r.detail === 'string';
  const a = r.article as Record<string, unknown> | null | undefined;
  return r.ok === true && typeof a === 'object' && a !== null && typeof a.title === 'string' && typeof a.text === 'string' && Array.isArray(a.blocks);
}

function isFailure(r: Record<string, unknown>): boolean {
  return (
    r.ok === false &&
    PAGE_READ_WHYS.includes(r.why as PageReadWhy) &&
    (r.status === undefined || typeof r.status === 'number') &&
    (r.detail === undefined || typeof r.detail === 'string')
  );
}

/** Whether an answer that crossed a message boundary has the shape of a PageRead. */
export function isPageRead(v: unknown): v is PageRead {
  const r = v as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return false;
  return r.ok === true ? typeof r.url === 'string' && isExtractResult(r.result) : isFailure(r);
}

/** Whether an answer that crossed a message boundary has the shape of a FeedRead. */
export function isFeedRead(v: unknown): v is FeedRead {
  const r = v as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return false;
  return r.ok === true ? typeof r.url === 'string' && isFeedItems(r.items) : isFailure(r);
}

/** Why a page could not be read, for the user. */
export function pageReadMessage(failure: PageReadFailure, t: Translate): string {
  switch (failure.why) {
    case 'timeout':
      return t('pageReadTimeout', PAGE_READ_TIMEOUT_MS / 1000);
    case 'unreachable':
      return t('pageReadUnreachable');
    case 'http':
      return t('pageReadHttp', String(failure.status ?? '?'));
    case 'not-html':
      return failure.detail ? t('pageReadNotHtml', failure.detail.slice(0, 80)) : t('pageReadBinary');
    case 'too-large':
      return t('pageReadTooLarge', PAGE_READ_MAX_BYTES / (1024 * 1024));
    case 'unreadable':
      return failure.detail === 'empty' ? t('pageReadEmpty') : failure.detail === 'binary' ? t('pageReadBinary') : t('pageReadUnreadable');
    case 'not-a-feed':
      // Served as HTML or XHTML: a web page, most likely the site's front page rather than its feed.
      return failure.detail?.includes('html') ? t('pageReadFeedIsPage') : t('pageReadNotFeed');
  }
}
