import { parseHTML } from 'linkedom';
import type { ExtractResult } from '../article';
import { extractArticle, type ExtractOptions } from './index';

/**
 * Node entry point (tests, CLI, benchmarks): parse `html` with linkedom and run `extractArticle`.
 * Kept apart from `./index.ts` so the browser bundle never pulls in linkedom.
 *
 * linkedom documents have no `documentURI`, and `baseURI` comes only from a `<base href>`; so when the
 * page has no `<base>`, one pointing at `url` is added, and Readability resolves relative links against it.
 */
export function parseHtmlDocument(html: string, url: string): Document {
  const { document } = parseHTML(html) as unknown as { document: Document };
  if (!document.querySelector('base[href]')) {
    const head = document.head ?? document.querySelector('head');
    if (head) {
      const base = document.createElement('base');
      base.setAttribute('href', url);
      head.insertBefore(base, head.firstChild);
    }
  }
  return document;
}

export function extractFromHtml(html: string, url: string, options: ExtractOptions = {}): ExtractResult {
  const t0 = performance.now();
  const doc = parseHtmlDocument(html, url);
  const parseMs = performance.now() - t0;
  const onTimings = options.onTimings;
  // The parsed document is ours alone, so no second copy is needed; a recovery run parses the HTML again.
  return extractArticle(doc, url, {
    ...options,
    inPlace: true,
    freshCopy: () => parseHtmlDocument(html, url),
    onTimings: onTimings && ((t) => onTimings({ ...t, parseMs })),
  });
}

export type { ExtractOptions, ExtractTimings } from './index';
