import { methodOf, type SafeDom } from './dom';

/**
 * Streamed server rendering (React's out-of-order streaming, as Next.js and others ship it): the story first
 * arrives as placeholders (`<template id="B:0"></template><div>Loading…</div>`, or `<template id="P:5">`),
 * and its real content later, at the end of the body, in hidden segments (`<div hidden id="S:0">…</div>`)
 * that a small inline script moves into place. A page read without running its scripts (the CLI) would
 * otherwise show only the "Loading…" fallbacks and drop the story with the hidden segments. On a live page
 * the script has already run and there are no segments left.
 */

/** The id of a streamed segment, and of the placeholders it fills: a boundary (B) or a plain segment (P). */
const SEGMENT_ID = /^S:([0-9a-z]+)$/i;

/** A fallback longer than this is not a loading placeholder: it stays when the page's comment marks are gone. */
const MAX_FALLBACK_CHARS = 80;

/** The hidden segments among the body's last children (after them come only scripts), by their key. */
function trailingSegments(body: Element, dom: SafeDom): Map<string, Element> {
  const segments = new Map<string, Element>();
  for (let el = dom.lastElementChild(body); el; el = dom.previousElementSibling(el)) {
    const name = dom.localName(el);
    if (name === 'script') continue;
    const key = name === 'div' && dom.hasAttribute(el, 'hidden') ? SEGMENT_ID.exec(dom.getAttribute(el, 'id') ?? '')?.[1] : undefined;
    if (!key) break;
    segments.set(key, el);
  }
  return segments;
}

/** Drops a boundary's fallback: the nodes after its template up to React's closing `<!--/$-->`, or one short element when comments are gone. */
function dropFallback(template: Element, dom: SafeDom): void {
  const after: Node[] = [];
  for (let n = dom.nextSibling(template); n; n = dom.nextSibling(n)) {
    if (dom.nodeType(n) === 8 && n.nodeValue === '/$') {
      for (const x of after) dom.remove(x);
      return;
    }
    after.push(n);
  }
  let next = dom.nextSibling(template);
  while (next && dom.nodeType(next) === 3 && !(next.nodeValue ?? '').trim()) next = dom.nextSibling(next);
  if (next && dom.nodeType(next) === 1 && dom.textContent(next).trim().length <= MAX_FALLBACK_CHARS) dom.remove(next);
}

/** Moves each hidden streamed segment of `doc` into its placeholder, as the page's own script would. */
export function resolveStreamedSegments(doc: Document, dom: SafeDom): void {
  const body = dom.body(doc);
  if (!body) return;
  const segments = trailingSegments(body, dom);
  if (segments.size === 0) return;
  const byId = methodOf<[string], Element | null>(doc, 'getElementById');
  const insertBefore = methodOf<[Node, Node | null], Node>(body, 'insertBefore');
  for (const [key, segment] of segments) {
    const boundary = byId(doc, `B:${key}`);
    const template = boundary ?? byId(doc, `P:${key}`);
    if (!template || dom.localName(template) !== 'template') continue;
    const parent = dom.parentNode(template);
    if (!parent) continue;
    if (boundary) dropFallback(template, dom);
    for (let c = dom.firstChild(segment); c; c = dom.firstChild(segment)) insertBefore(parent, c, template);
    dom.remove(template);
    dom.remove(segment);
  }
}
