/**
 * Draws the article from its blocks (src/rewrite/blocks.ts), in the words of its plain text (src/rewrite/plain.ts):
 * subheadings, paragraphs, lists and quotes, with text nodes only: model text is never parsed as HTML. Once the
 * rewrite is checked, the copied runs the checks found (offsets into that plain text) are marked. While streaming,
 * only what changed is touched: finished blocks keep their nodes, the growing last one is updated (in a list or
 * quote, only its last item), new ones are appended. The browser never re-lays out the whole article for one word.
 */

import type { ChecksResult } from '../src/checks';
import type { Block } from '../src/rewrite/blocks';
import { plainLayout, type Span } from '../src/rewrite/plain';
import { t } from '../lib/i18n';

/** The element a block is drawn as, and the element of each of its parts when it has several (list, quote). */
function tags(block: Block): [string, string?] {
  if (block.kind === 'heading') return [block.level <= 2 ? 'H2' : 'H3'];
  if (block.kind === 'list') return [block.ordered ? 'OL' : 'UL', 'LI'];
  if (block.kind === 'quote') return ['BLOCKQUOTE', 'P'];
  return [block.kind === 'rule' ? 'HR' : 'P'];
}

/** `parent`'s child at `i`, made a `tag` element if it is not one. */
function child(parent: Element, i: number, tag: string): HTMLElement {
  const old = parent.children[i] as HTMLElement | undefined;
  if (old?.tagName === tag) return old;
  const fresh = document.createElement(tag);
  fresh.dir = 'auto';
  if (old) parent.replaceChild(fresh, old);
  else parent.append(fresh);
  return fresh;
}

function trimTo(parent: Element, n: number): void {
  while (parent.children.length > n) parent.lastElementChild?.remove();
}

/** `el` holds the text's spans, `sep` between them, with the stretches the runs cover in <mark>. */
function fill(el: HTMLElement, text: string, spans: readonly Span[], sep: string, runs: readonly Span[]): void {
  const marked = runs.some((r) => spans.some((s) => r.start < s.end && r.end > s.start));
  if (!marked) {
    const words = spans.map((s) => text.slice(s.start, s.end)).join(sep);
    if (el.childElementCount > 0 || el.textContent !== words) el.textContent = words;
    return;
  }
  const nodes: (string | HTMLElement)[] = [];
  spans.forEach((span, i) => {
    if (i > 0) nodes.push(sep);
    let cursor = span.start;
    for (const run of runs) {
      if (run.end <= cursor || run.start >= span.end) continue;
      const from = Math.max(run.start, cursor);
      const to = Math.min(run.end, span.end);
      if (from > cursor) nodes.push(text.slice(cursor, from));
      const mark = document.createElement('mark');
      mark.textContent = text.slice(from, to);
      mark.dataset.testid = 'copied-run';
      mark.title = t('copiedFromSource');
      nodes.push(mark);
      cursor = to;
    }
    if (cursor < span.end) nodes.push(text.slice(cursor, span.end));
  });
  el.replaceChildren(...nodes);
}

/**
 * The article `body` into `container`. `final`: the body is complete (while streaming, a last line that may still
 * become a marker is held back). `checks`: the checks of this body, whose text starts `offset` characters before
 * the body's plain text; the passages it copied nearly whole are marked, the ones "Rewrite the marked passages"
 * rephrases (short phrases kept here and there are no copying an editor acts on; checks of another text mark nothing).
 */
export function renderBody(container: HTMLElement, body: string, final = true, checks: ChecksResult | null = null, offset = 0): void {
  const { text, blocks } = plainLayout(body, { final });
  const runs =
    checks && checks.text.slice(offset) === text
      ? (checks.originality.passages ?? []).map((r) => ({ start: r.start - offset, end: r.end - offset })).sort((a, b) => a.start - b.start)
      : [];
  let n = 0;
  for (const { block, parts } of blocks) {
    const [tag, partTag] = tags(block);
    if (tag !== 'HR' && parts.length === 0) continue;
    const el = child(container, n++, tag);
    if (partTag) {
      parts.forEach((part, i) => fill(child(el, i, partTag), text, part, ' ', runs));
      trimTo(el, parts.length);
    } else if (parts[0]) fill(el, text, parts[0], '\n', runs);
  }
  trimTo(container, n);
}
