/**
 * Draws the article body as paragraphs and subheadings, with text nodes only: model text is never parsed as HTML.
 * While streaming, only what changed is touched: finished paragraphs keep their nodes, the growing last one is
 * updated, new ones are appended. The browser never re-lays out the whole article for one more word.
 */

import { headingText } from '../src/rewrite/heading';

export function renderBody(container: HTMLElement, body: string): void {
  const blocks = body.split(/\n{2,}/).filter((b) => b.trim() !== '');
  const children = container.children;
  for (let i = 0; i < blocks.length; i++) {
    const block = (blocks[i] as string).trim();
    const heading = headingText(block);
    const tag = heading !== null ? 'H2' : 'P';
    const text = heading ?? block;
    let el = children[i] as HTMLElement | undefined;
    if (!el || el.tagName !== tag || el.childElementCount > 0) {
      const fresh = document.createElement(tag);
      fresh.dir = 'auto';
      if (el) container.replaceChild(fresh, el);
      else container.append(fresh);
      el = fresh;
    }
    if (el.textContent !== text) el.textContent = text;
  }
  while (children.length > blocks.length) container.lastElementChild?.remove();
}
