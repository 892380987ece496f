import { parseHTML } from 'linkedom';
import type { ExtractResult } from '../article';
import { hiddenClassesFromStyleElements } from './sheets';
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
  gatherIntoBody(document);
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

/**
 * Browsers put everything after `</head>` into the body, even markup that stands outside `<body>`
 * (`</head><div>…</div><body>`, a script after `</body>`). linkedom keeps such nodes as children of
 * `<html>`, and its `document.body` then only accepts a BODY right after the HEAD: otherwise it inserts a
 * new, empty one, and the whole page is lost to Readability. Do what a browser does: move the strays into
 * the (first) body, in order, and put the head right before it.
 */
export function gatherIntoBody(document: Document): void {
  const html = document.documentElement;
  if (!html) return;
  let head: Element | null = null;
  let body: Element | null = null;
  for (const c of html.children) {
    if (!head && c.tagName === 'HEAD') head = c;
    else if (!body && c.tagName === 'BODY') body = c;
  }
  if (!body || (head && head.nextElementSibling === body && body.nextSibling === null)) return;
  const before: Node[] = [];
  const after: Node[] = [];
  let seenBody = false;
  for (let n = html.firstChild; n; n = n.nextSibling) {
    if (n === head) continue;
    if (n === body) seenBody = true;
    else (seenBody ? after : before).push(n);
  }
  if (before.length > 0) body.prepend(...before);
  // A second <body> contributes its children, not itself.
  for (const n of after) {
    if (n.nodeType === 1 && (n as Element).tagName === 'BODY') {
      body.append(...(n as Element).childNodes);
      (n as Element).remove();
    } else body.append(n);
  }
  if (head) html.insertBefore(head, body);
}

export function extractFromHtml(html: string, url: string, options: ExtractOptions = {}): ExtractResult {
  const t0 = performance.now();
  const doc = parseHtmlDocument(html, url);
  const parseMs = performance.now() - t0;
  const onTimings = options.onTimings;
  return extractParsed(doc, html, url, { ...options, onTimings: onTimings && ((t) => onTimings({ ...t, parseMs })) });
}

/**
 * The extraction of `doc`, freshly parsed from `html` by `parseHtmlDocument` (the benches time this part alone).
 * The parsed document is ours alone, so no second copy is needed; a recovery run parses the HTML again. With no
 * computed styles in Node, the page's own style sheets are read for the classes they hide.
 */
export function extractParsed(doc: Document, html: string, url: string, options: ExtractOptions = {}): ExtractResult {
  return extractArticle(doc, url, {
    ...options,
    inPlace: true,
    freshCopy: () => parseHtmlDocument(html, url),
    styleSheets: hiddenClassesFromStyleElements,
  });
}

export type { ExtractOptions, ExtractTimings } from './index';
export { hiddenClassesFromStyles } from './sheets';
